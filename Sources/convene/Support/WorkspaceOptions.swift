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

    /// Finds, loads and validates the workspace; prints what loading warns about (a calendar export no person reads).
    /// From here to the end of the command, a change another convene applies to several files is
    /// seen whole or not at all (`WorkspaceLock.readConsistently`; a write of this command's own
    /// gives that up).
    /// - Throws: `WorkspaceProblem` when there is none, `WorkspaceErrors` with every problem when
    ///   it is not usable.
    /// - Parameter cache: whether people.yaml may be read from (and kept in) `.convene/cache` (`PeopleSnapshot`).
    func load(cache: Bool = true) throws -> Workspace {
        let root = try Workspace.locate(explicit: workspace)
        try WorkspaceLock.readConsistently(root)
        let loaded = try Workspace.load(at: root, snapshots: cache)
        loaded.warnings.forEach(Console.warning)
        return loaded
    }
}
