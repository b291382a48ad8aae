import ArgumentParser
import ConveneCore
import Foundation
import ICalendar

/// `-w/--workspace`, shared by every command that works on a workspace.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp(
        "Workspace folder (default: the nearest enclosing folder with convene.yaml, else $CONVENE_WORKSPACE).",
        valueName: "dir"))
    var workspace: String?

    /// Loads and validates the workspace; prints every problem and exits 1 if it is not usable.
    func load() -> Workspace {
        let root: URL
        do { root = try Workspace.locate(explicit: workspace) } catch { error.exit() }
        do {
            let workspace = try Workspace.load(at: root)
            workspace.warnings.forEach(Console.warning)
            return workspace
        } catch {
            for problem in error.problems { Console.error(problem) }
            Foundation.exit(1)
        }
    }
}

extension Workspace {
    /// The meeting named on the command line, or exit 1 naming the known ones.
    func requireMeeting(_ id: String) -> Meeting {
        guard let meeting = meeting(id) else {
            let known = meetings.map(\.id).joined(separator: ", ")
            WorkspaceProblem(file: Workspace.meetingsFolder, "no meeting '\(id)' (meetings: \(known.isEmpty ? "none yet" : known))").exit()
        }
        return meeting
    }
}
