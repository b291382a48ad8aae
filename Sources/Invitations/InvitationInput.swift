import ConveneCore
import Foundation
import ICalendar

/// What an invitation is built from that lives in the meeting's files — the planner step of Invitations
/// (planner → pure builder → report → store, as Agenda has it): the stored agenda and whether it is timed for
/// another slot, the state of the version that left (`invitation.yaml`), the send log, and the letter
/// templates of the language. `read` is the only place the invitation's building reads the workspace;
/// `InvitationBuilder.build(_:now:…)` and `cancel(_:now:reason:)` only compute from it.
///
/// Each part keeps the problem reading it gave, and the builder raises it where it needs the part: a broken
/// file is reported at the same point, and in the same order, as when the builder read it itself.
public struct InvitationInput: Sendable {
    /// `agenda.yaml`, nil without one.
    var agenda: Result<StoredAgenda?, WorkspaceProblem>
    /// The problem of an agenda timed for another slot than slot.yaml's (`StoredAgenda.staleness`).
    var agendaStaleness: Result<WorkspaceProblem?, WorkspaceProblem>
    /// `invitation.yaml`: the version that left the organizer, nil before any did.
    var previous: Result<InvitationState?, WorkspaceProblem>
    /// `sent.log`: what reached whom.
    var sendLog: Result<SendLog, WorkspaceProblem>
    /// A template's text and the name messages give it.
    struct TemplateSource: Sendable {
        var text: String
        var file: String
        var pair: (String, String) { (text, file) }
    }

    /// The texts of `letter.<lang>.txt.mustache` and `letter.<lang>.html.mustache` (a workspace copy wins), in
    /// that order.
    var letterSources: [Result<TemplateSource, WorkspaceProblem>]
    /// Which templates those are (recorded with the version that leaves).
    var letterFingerprint: TemplateFingerprint

    /// Reads the files the invitation of `meeting` is built from, in the language of its letters.
    public static func read(_ meeting: Meeting, in workspace: Workspace, language: Language) -> InvitationInput {
        let names = ["txt", "html"].map { "letter.\(language.rawValue).\($0).mustache" }
        return InvitationInput(
            agenda: Result { () throws(WorkspaceProblem) in try StoredAgenda.read(meeting, in: workspace) },
            agendaStaleness: Result { () throws(WorkspaceProblem) in try StoredAgenda.staleness(meeting, in: workspace) },
            previous: Result { () throws(WorkspaceProblem) in try InvitationState.read(meeting, in: workspace) },
            sendLog: Result { () throws(WorkspaceProblem) in try SendLog.read(meeting, in: workspace) },
            letterSources: names.map { name in
                Result { () throws(WorkspaceProblem) in
                    let (text, file) = try TemplateRenderer.source(named: name, defaults: DefaultLetterTemplates.files, workspaceRoot: workspace.root)
                    return TemplateSource(text: text, file: file)
                }
            },
            letterFingerprint: TemplateFingerprint.current(names: names, defaults: DefaultLetterTemplates.files, workspaceRoot: workspace.root))
    }
}
