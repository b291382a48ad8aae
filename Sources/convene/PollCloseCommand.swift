import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Invitations

extension Convene.Poll {
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Close a poll: record the chosen time, cancel the other holds, and let the invitation take the chosen hold's UID.",
            discussion: """
                --pick takes an option number or its start (local time, 2027-04-20T12:30), as \
                convene poll status shows them. A pick that loses a required person's "no", or a \
                town whose every representative said no, is refused (naming them) unless --force. \
                Writes into --out (default meetings/<id>/out/poll/) a METHOD:CANCEL mail (same UID, \
                SEQUENCE + 1, STATUS:CANCELLED) per other hold and person asked. With --send the \
                choice is recorded — slot.yaml as convene propose --pick writes it, and the chosen \
                hold in poll.yaml — and the cancellations go out; without it nothing is recorded. \
                convene invite then sends the invitation under the chosen hold's UID with a higher \
                SEQUENCE, so the hold in people's calendars becomes the meeting.

                Examples (run inside a workspace, or add -w DIR):
                  convene poll close spring-2027 --pick 2
                  convene poll close spring-2027 --pick 2027-04-20T12:30 --send
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id.")
        var meeting: String

        @Option(help: ArgumentHelp("The option to choose: its number or its start (2027-04-20T12:30).", valueName: "N|start"))
        var pick: String

        @Option(help: ArgumentHelp("Folder for mail/ (default: meetings/<id>/out/poll).", valueName: "dir"))
        var out: String?

        @Flag(help: "Record the choice and mail the cancellations through mail.send_command.")
        var send = false

        @Flag(help: "With --send: send again messages an interrupted run may have delivered (in-flight in sent.log).")
        var resendInFlight = false

        @Option(help: "Output format for the summary: text or json.")
        var format: OutputFormat = .text

        @Flag(help: "Pick an option that loses someone's \"no\"; replace a poll.yaml or slot.yaml edited by hand (a .bak copy is kept).")
        var force = false

        func validate() throws { try format.require(summaryFormats) }

        func run() throws {
            let workspace = try workspaceOptions.load()
            let meeting = try workspace.requireMeeting(self.meeting)
            let now = try Clock.now()
            let builder = try PollBuilder(workspace: workspace, meeting: meeting)
            guard let recorded = try PollState.read(meeting, in: workspace) else {
                throw WorkspaceProblem(file: meeting.files.pollFile, "no poll of \(meeting.id) was sent, so there is nothing to close: convene poll start \(meeting.id) --send")
            }
            let chosen = try PollBuilder.hold(picked: pick, in: recorded, zone: builder.zone)
            let result = try PollDispatch.run(
                meeting: meeting, workspace: workspace, out: out, send: send, force: force, resendInFlight: resendInFlight,
                now: { (try? Clock.now()) ?? now }, headline: { PollDispatch.closeHeadline($0, sent: $1, meeting: meeting.id) },
                alsoRecord: { (_: PollRound) throws(WorkspaceProblem) in
                    try ChosenSlot(slot: chosen.slot, picked: now).write(for: meeting, in: workspace, force: force)
                }
            ) { () throws(WorkspaceProblem) in
                try builder.close(on: chosen, force: force, now: now)
            }
            try printPollDispatch(result, format: format, zone: builder.zone)
        }
    }
}
