import ArgumentParser
import ConveneCore
import Foundation
import Minutes

extension Convene.MinutesCommand {
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
            abstract: "Approve the minutes (Entwurf → genehmigt) and freeze them.",
            discussion: """
                Records the approval in meetings/<id>/approval.yaml with a fingerprint of \
                minutes.yaml. From then on convene changes the minutes only with --force (actions \
                done|start|drop, minutes init --force) and logs every such change in approval.yaml; \
                the Niederschrift shows „genehmigt am …", the meeting that approved it (--at) and the \
                log. A change by hand after the approval shows as such; approving the changed \
                minutes again needs --force.

                Examples (run inside a workspace, or add -w DIR):
                  convene minutes approve kickoff --at spring-2027
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id (a folder under meetings/).")
        var meeting: String

        @Option(name: .customLong("at"), help: ArgumentHelp("The meeting that approved the minutes (its id).", valueName: "meeting"))
        var atMeeting: String?

        @Flag(help: "Approve again minutes that changed since their approval (or replace a hand-edited approval.yaml).")
        var force = false

        func run() throws {
            let workspace = try workspaceOptions.load()
            let meeting = try workspace.requireMeeting(self.meeting)
            let next = try atMeeting.map { try workspace.requireMeeting($0) }
            let outcome = try MinutesApprove.approve(meeting: meeting, at: next, workspace: workspace,
                                                     today: try Clock.today(in: workspace), force: force)
            switch outcome {
            case .approved: Console.write("Approved the minutes of \(meeting.id) (\(meeting.files.approvalFile)); they are frozen now.\n")
            case .alreadyApproved: Console.write("Already approved: the minutes of \(meeting.id) are unchanged since.\n")
            case .approvedAgain: Console.write("Approved the changed minutes of \(meeting.id) again; the change is logged in \(meeting.files.approvalFile).\n")
            }
        }
    }
}
