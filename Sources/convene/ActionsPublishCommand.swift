import ArgumentParser
import ConveneCore
import LiveCalendars
import Minutes

extension Convene.Actions {
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Keep the shared CalDAV task list (publish.tasks in convene.yaml) in step with the action items.",
            discussion: """
                One VTODO per action item, as `convene actions --format ics` writes it (UID \
                action-<id>@<organizer domain>, CATEGORIES:<town-id>), as its own resource \
                <uid>.ics in the task list: created (If-None-Match: *), updated when the item \
                changed (If-Match on the recorded ETag), COMPLETED with PERCENT-COMPLETE:100 once \
                done, CANCELLED once dropped; a task whose item is gone from the minutes is deleted. \
                published-tasks.yaml records what was put there and its ETag. A task changed on the \
                server is never overwritten (HTTP 412: an error saying what to do). With --town, \
                only that town's tasks are touched.

                Examples (run inside a workspace, or add -w DIR):
                  convene actions publish
                  convene actions publish --town bretten
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Option(help: ArgumentHelp("Only this town's items.", valueName: "town-id"))
        var town: String?

        @Flag(help: "Replace published-tasks.yaml when it was edited by hand (a .bak copy is kept).")
        var force = false

        func run() throws {
            let workspace = try workspaceOptions.load()
            let publisher = try Publication.publisher(for: workspace, tasks: true)
            let list = try ActionList(checking: workspace, town: town, status: nil, overdue: false, today: try Clock.today(in: workspace))
            let stamp = try Clock.now()
            let tasks = list.items.map { item in
                var one = list
                one.items = [item]
                return Publication.Task(id: item.id, uid: "action-\(item.id)@\(workspace.organizerDomain)", town: item.town,
                                        status: item.status.rawValue, calendar: one.ics(workspace: workspace, stamp: stamp))
            }
            let changes = try Publication.publishTasks(tasks, town: town, workspace: workspace, publisher: publisher, force: force)
            let counts = Publication.Change.allCases.map { change in (change, changes.filter { $0.change == change }.count) }
            Console.write("Published \(tasks.count) action items to the task list on \(publisher.host): "
                          + counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ") + ".\n")
        }
    }
}
