import ConveneCore
import Foundation
import ICalendar

/// What a poll's messages are built from that lives in the meeting's files — the planner step of the poll
/// (planner → pure builder → report → store, as the invitation has it with `InvitationInput`): the poll as
/// recorded (`poll.yaml`) and the texts of its mail templates in the poll's language. `read` is the only place
/// `PollBuilder` reads the workspace; `start(_:…)`, `close(_:on:…)` and `remind(_:now:)` only compute from it.
///
/// Each template keeps the problem reading it gave, raised where a mail needs it (as before: a broken override is
/// reported at the first mail that uses it).
public struct PollInput: Sendable {
    /// `poll.yaml`: nil before the first `poll start --send`.
    public var recorded: PollState?
    /// The language of the poll's mails: the recorded poll's, else the one asked for.
    public var language: Language
    /// The text of `poll-<kind>.<lang>.txt.mustache` per kind (a workspace copy wins), or the problem reading it.
    var templates: [PollText.Kind: Result<InvitationInput.TemplateSource, WorkspaceProblem>]
    /// Which templates those are now; the poll records the ones its messages were written from (`PollState.templates`).
    public var fingerprint: TemplateFingerprint

    /// The template names of the poll's mails in `language`.
    static func templateName(_ kind: PollText.Kind, language: Language) -> String {
        "poll-\(kind.rawValue).\(language.rawValue).txt.mustache"
    }

    /// Reads the recorded poll of `meeting` and the mail templates of its language.
    /// - Parameter language: the language of a poll not recorded yet (a recorded poll keeps its own).
    /// - Throws: `WorkspaceProblem` (file:line) when `poll.yaml` is broken.
    public static func read(_ meeting: Meeting, in workspace: Workspace, language: Language) throws(WorkspaceProblem) -> PollInput {
        let recorded = try PollState.read(meeting, in: workspace)
        return read(recorded: recorded, language: recorded?.language ?? language, in: workspace)
    }

    /// The mail templates of `language` beside a poll already read.
    static func read(recorded: PollState?, language: Language, in workspace: Workspace) -> PollInput {
        let kinds: [PollText.Kind] = [.request, .cancel, .remind]
        var templates: [PollText.Kind: Result<InvitationInput.TemplateSource, WorkspaceProblem>] = [:]
        for kind in kinds {
            templates[kind] = Result { () throws(WorkspaceProblem) in
                let (text, file) = try TemplateRenderer.source(named: templateName(kind, language: language), defaults: DefaultPollTemplates.files,
                                                               workspaceRoot: workspace.root)
                return InvitationInput.TemplateSource(text: text, file: file)
            }
        }
        return PollInput(recorded: recorded, language: language, templates: templates,
                         fingerprint: TemplateFingerprint.current(names: kinds.map { templateName($0, language: language) },
                                                                  defaults: DefaultPollTemplates.files, workspaceRoot: workspace.root))
    }

    /// The template of `kind`'s mails.
    /// - Throws: the problem reading it.
    func template(_ kind: PollText.Kind) throws(WorkspaceProblem) -> InvitationInput.TemplateSource {
        guard let result = templates[kind] else {
            throw WorkspaceProblem(file: "\(TemplateRenderer.overrideFolder)/\(Self.templateName(kind, language: language))", "no such template")
        }
        return try result.get()
    }

    /// The fingerprint of the templates of `kinds` alone: what a round of those mails was written from.
    func fingerprint(of kinds: [PollText.Kind]) -> TemplateFingerprint {
        let names = Set(kinds.map { Self.templateName($0, language: language) })
        return TemplateFingerprint(entries: fingerprint.entries.filter { names.contains($0.name) })
    }
}
