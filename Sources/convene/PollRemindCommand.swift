import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Invitations

extension Convene.Poll {
    struct Remind: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remind",
            abstract: "Remind everyone asked who has not answered every option of a poll, naming the deadline.",
            discussion: """
                Writes one mail per person with open options into --out (default \
                meetings/<id>/out/poll/mail/<person>-reminder-<day>.eml): the options still \
                unanswered and the deadline, German or English as the poll was started. Nothing is \
                mailed without --send; a rerun the same day sends nothing new (sent.log).

                Examples (run inside a workspace, or add -w DIR):
                  convene poll remind spring-2027
                  convene poll remind spring-2027 --send
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id.")
        var meeting: String

        @Option(help: ArgumentHelp("Folder for mail/ (default: meetings/<id>/out/poll).", valueName: "dir"))
        var out: String?

        @Flag(help: "Mail the reminders through mail.send_command.")
        var send = false

        @Option(help: "Output format for the summary: text or json.")
        var format: OutputFormat = .text

        func validate() throws { try format.require(summaryFormats) }

        func run() throws {
            let workspace = try workspaceOptions.load()
            let meeting = try workspace.requireMeeting(self.meeting)
            let now = try Clock.now()
            let builder = try PollBuilder(workspace: workspace, meeting: meeting)
            let result = try PollDispatch.run(
                meeting: meeting, workspace: workspace, out: out, send: send, force: false, now: { (try? Clock.now()) ?? now },
                headline: { round, _ in "Reminders for the poll of \(meeting.id): \(round.messages.count) people have not answered every option" }
            ) { () throws(WorkspaceProblem) in
                try builder.remind(now: now)
            }
            try printPollDispatch(result, format: format, zone: builder.zone)
        }
    }
}
