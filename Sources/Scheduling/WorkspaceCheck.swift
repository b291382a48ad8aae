import ConveneCore
import Foundation
import CalendarValues

/// `convene check`: everything wrong with a workspace at once — its files and references (as
/// loading reports them) and every calendar export each meeting would read — plus warnings that
/// do not stop a command (a location without travel time to a town).
public struct WorkspaceCheck: Sendable {
    public var root: URL
    /// The loaded workspace, nil when it does not load.
    public var workspace: Workspace?
    /// Sorted by file, line and message; no duplicates.
    public var problems: [WorkspaceProblem]
    /// Sorted by file, line and message; no duplicates.
    public var warnings: [Diagnostic]

    public var ok: Bool { problems.isEmpty }

    /// Loads the workspace at `root` and reads every meeting's calendars (without the cache's
    /// extra days).
    /// - Parameter fetcher: makes the fetcher of feed and CalDAV sources once the workspace is loaded.
    public init(root: URL, calendars: any BusyTimeReading, fetcher: (Workspace) -> (any CalendarFetching)? = { _ in nil }) {
        self.root = root
        var problems: [WorkspaceProblem] = []
        var warnings: [Diagnostic] = []
        var workspace: Workspace?
        do { workspace = try Workspace.load(at: root) } catch { problems = error.problems }
        if let workspace {
            warnings += workspace.warnings
            do {
                let planner = try MeetingPlanner(workspace: workspace, calendars: calendars, fetcher: fetcher(workspace))
                for meeting in workspace.meetings {
                    do { warnings += try planner.input(for: meeting, extraDays: 0).1 } catch { problems += error.problems }
                }
            } catch { problems.append(error) }
            for town in workspace.towns {
                for location in workspace.network.locations where workspace.network.travelMinutes[location.id]?[town.id] == nil {
                    warnings.append(Diagnostic(file: Workspace.networkFile, "travel_minutes.\(location.id) has no entry for \(town.id) (0 minutes assumed)"))
                }
            }
        }
        self.workspace = workspace
        self.problems = Self.sorted(problems)
        self.warnings = Self.sorted(warnings)
    }

    private static func sorted(_ list: [CalendarError]) -> [CalendarError] {
        Array(Set(list)).sorted { ($0.file, $0.line ?? 0, $0.message) < ($1.file, $1.line ?? 0, $1.message) }
    }

    /// `{"ok":…,"problems":[{"file":…,"line":…,"message":…}],"warnings":[…],"towns":N,"people":N,"meetings":[…]}`.
    public func json() -> JSON {
        let item: (CalendarError) -> JSON = { p in
            .object([("file", .string(p.file)), ("line", p.line.map(JSON.int) ?? .null), ("message", .string(p.message))])
        }
        var pairs: [(String, JSON)] = [("ok", .bool(ok)), ("problems", .array(problems.map(item))), ("warnings", .array(warnings.map(item)))]
        if let workspace {
            pairs.append(("towns", .int(workspace.towns.count)))
            pairs.append(("people", .int(workspace.people.count)))
            pairs.append(("meetings", .array(workspace.meetings.map { .string($0.id) })))
        }
        return .object(pairs)
    }

    /// The line that says the workspace is valid, or nil when it is not.
    public var summary: String? {
        guard let workspace, ok else { return nil }
        let calendars = Set(workspace.people.flatMap(\.calendars)).count
        return "Workspace \(root.path) is valid: \(workspace.towns.count) towns, \(workspace.people.count) people, "
            + "\(calendars) calendar exports, \(workspace.meetings.count) meeting(s) (\(workspace.meetings.map(\.id).joined(separator: ", "))).\n"
    }
}
