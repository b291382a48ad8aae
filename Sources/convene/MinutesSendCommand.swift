import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Invitations
import Minutes

extension Convene.MinutesCommand {
    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send",
            abstract: "Mail the Niederschrift as PDF: the draft to the chair (--draft), the approved one to every invitee.",
            discussion: """
                Writes meetings/<id>/out/minutes/: the Niederschrift as PDF (needs WeasyPrint) and one mail \
                per recipient (mail/<person>.eml; the draft mail/<person>-draft.eml), the letter from the \
                templates minutes-send.<lang>.txt.mustache (a copy in the workspace's templates/ wins). \
                --draft sends the minutes in the state Entwurf to the chair for review; without it the \
                Niederschrift goes to every invitee and must be approved first (convene minutes approve). \
                Nothing is mailed without --send: the command lists what would go out. --send hands \
                each message to mail.send_command, recorded in the meeting's sent.log (in-flight, then \
                sent or failed), so a rerun sends only what is new or failed; a changed Niederschrift \
                (a logged change after approval) goes out again.

                Examples (run inside a workspace, or add -w DIR):
                  convene minutes send kickoff --draft --send
                  convene minutes approve kickoff --at spring-2027
                  convene minutes send kickoff --send
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id (a folder under meetings/).")
        var meeting: String

        @Flag(help: "Send the draft (Entwurf) to the chair for review instead of the approved Niederschrift to everyone.")
        var draft = false

        @OptionGroup var sending: DocumentSendOptions

        func run() throws {
            let workspace = try workspaceOptions.load()
            let meeting = try workspace.requireMeeting(self.meeting)
            let lang = workspace.language(sending.lang)
            let mail = MinutesMail(workspace: workspace, meeting: meeting, draft: draft, language: lang)
            // Refused before WeasyPrint is asked for anything.
            try mail.check()
            let now = try Clock.now()
            try sending.dispatch(meeting: meeting, workspace: workspace, folder: mail.folder, now: now) { () throws(WorkspaceProblem) in
                try mail.round(pdf: try MinutesTemplates.pdf(meeting: meeting, workspace: workspace, language: lang), now: now)
            }
        }
    }
}

/// The options `minutes send` and `actions remind` share: whether to send, the language, the summary's format.
struct DocumentSendOptions: ParsableArguments {
    @Flag(help: "Mail every message not sent before through mail.send_command.")
    var send = false

    @Flag(help: "With --send: send again messages an interrupted run may have delivered (in-flight in sent.log).")
    var resendInFlight = false

    @Option(help: "Language of the mails (and documents): de or en (default: convene.yaml's language, else de).")
    var lang: Language?

    @Option(help: "Output format for the summary: text or json.")
    var format: OutputFormat = .text

    func validate() throws { try format.require(summaryFormats) }

    /// Builds the round under the workspace lock, writes and sends (or lists) it, and prints the summary.
    /// - Throws: `PartialFailure` when a message could not be sent; `WorkspaceProblem` from the build or the dispatch.
    func dispatch(meeting: Meeting, workspace: Workspace, folder: String, now: Instant,
                  build: () throws(WorkspaceProblem) -> DocumentRound) throws {
        let result = try DocumentDispatch.run(meeting: meeting, workspace: workspace, folder: folder, send: send,
                                              resendInFlight: resendInFlight, now: { (try? Clock.now()) ?? now }, build: build)
        switch format {
        case .json: Console.write(result.json().rendered(pretty: true) + "\n")
        default: Console.write(result.text(style: TextStyle(enabled: Console.colorEnabled)))
        }
        if let failure = result.failureSummary { throw PartialFailure(failure) }
    }
}
