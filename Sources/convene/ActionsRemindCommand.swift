import ArgumentParser
import ConveneCore
import ICalendar
import Foundation
import Invitations
import Minutes

extension Convene.Actions {
    struct Remind: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remind",
            abstract: "Mail each responsible person their open action items and decisions due before the next meeting.",
            discussion: """
                One mail per person: the pending items (open or in progress) of every meeting's \
                minutes they are responsible for, and the pending decisions with a due date their \
                town is responsible for, overdue ones marked, as convene actions and convene decisions \
                list them. An item without a responsible person, and a decision, go to the town's head \
                of main office (role main-office), else its OB. A decision without a town is the \
                network's: nobody is mailed, the summary names it. The text comes from the templates \
                actions-remind.<lang>.txt.mustache (a copy in the workspace's templates/ wins). The \
                mails go out before the next meeting (the earliest still to come; --before names \
                another): written into its out/reminders/, recorded in its sent.log with --send; a rerun \
                the same day sends nothing new. Nothing is mailed without --send.

                Examples (run inside a workspace, or add -w DIR):
                  convene actions remind
                  convene actions remind --town bretten --send
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Option(help: ArgumentHelp("Only this town's items.", valueName: "town-id"))
        var town: String?

        @Option(help: ArgumentHelp("The meeting the reminders go out before (default: the next one).", valueName: "meeting"))
        var before: String?

        @OptionGroup var sending: DocumentSendOptions

        func run() throws {
            let workspace = try workspaceOptions.load()
            let now = try Clock.now()
            let today = try Clock.today(in: workspace)
            let zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
            let meeting = try before.map { try workspace.requireMeeting($0) } ?? ActionReminders.nextMeeting(in: workspace, now: now, zone: zone)
            let reminders = ActionReminders(workspace: workspace, meeting: meeting, language: workspace.language(sending.lang))
            try sending.dispatch(meeting: meeting, workspace: workspace, folder: reminders.folder, now: now) { () throws(WorkspaceProblem) in
                // The list `convene actions` shows: the one place that says where an item stands.
                let list = try ActionList(checking: workspace, town: town, status: nil, overdue: false, today: today)
                let decisions = DecisionList(workspace: workspace, town: town, status: nil, today: today).decisions
                return try reminders.round(items: list.items, decisions: decisions, today: today, now: now)
            }
        }
    }
}
