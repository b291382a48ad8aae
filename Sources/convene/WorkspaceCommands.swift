import ArgumentParser
import CalendarSources
import ConveneCore
import Foundation
import ICalendar
import Scheduling

extension Convene {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a workspace with commented example files.",
            discussion: """
                Writes convene.yaml (network), people.yaml (towns and people), \
                meetings/next-plenary/meeting.yaml and calendars/ into DIR. Every field is \
                explained in the files. Existing files are never overwritten.

                Example:
                  convene init my-network && convene check -w my-network
                """
        )

        @Argument(help: ArgumentHelp("Folder to create the workspace in (created if missing).", valueName: "dir"))
        var directory: String

        func run() throws {
            let root = URL(fileURLWithPath: directory)
            do {
                let written = try WorkspaceTemplate.create(at: root)
                Console.write("Created a workspace in \(directory):\n" + written.map { "  \($0)\n" }.joined())
                Console.write("Next: edit people.yaml and convene.yaml, put calendar exports into calendars/, then run `convene check -w \(directory)`.\n")
            } catch { error.exit() }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a workspace: files, references, and every calendar export.",
            discussion: """
                Loads convene.yaml, people.yaml and every meeting, reporting all problems at \
                once as FILE:LINE: message (unknown keys — likely typos —, unknown people, towns \
                or locations, impossible windows), then reads every calendar export for each \
                meeting's window. Exit status 0 when all is well, 1 otherwise.

                Examples:
                  convene check
                  convene check -w samples/digital-regional --format json
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Option(help: "Output format: text or json.")
        var format: CheckFormat = .text

        enum CheckFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

        func run() throws {
            let root: URL
            do { root = try Workspace.locate(explicit: workspaceOptions.workspace) } catch { error.exit() }
            var problems: [WorkspaceProblem] = []
            var warnings: [Diagnostic] = []
            var workspace: Workspace?
            do { workspace = try Workspace.load(at: root) } catch { problems = error.problems }
            if let workspace {
                do {
                    let planner = try MeetingPlanner(workspace: workspace, calendars: CalendarFileReader())
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
            problems = Array(Set(problems)).sorted { ($0.file, $0.line ?? 0, $0.message) < ($1.file, $1.line ?? 0, $1.message) }
            warnings = Array(Set(warnings)).sorted { ($0.file, $0.line ?? 0, $0.message) < ($1.file, $1.line ?? 0, $1.message) }
            switch format {
            case .json:
                let item: (CalendarError) -> JSON = { p in
                    .object([("file", .string(p.file)), ("line", p.line.map(JSON.int) ?? .null), ("message", .string(p.message))])
                }
                var pairs: [(String, JSON)] = [("ok", .bool(problems.isEmpty)), ("problems", .array(problems.map(item))),
                                               ("warnings", .array(warnings.map(item)))]
                if let workspace {
                    pairs.append(("towns", .int(workspace.towns.count)))
                    pairs.append(("people", .int(workspace.people.count)))
                    pairs.append(("meetings", .array(workspace.meetings.map { .string($0.id) })))
                }
                Console.write(JSON.object(pairs).rendered() + "\n")
            case .text:
                warnings.forEach(Console.warning)
                problems.forEach(Console.error)
                if let workspace, problems.isEmpty {
                    let calendars = Set(workspace.people.flatMap(\.calendars)).count
                    Console.write("Workspace \(root.path) is valid: \(workspace.towns.count) towns, \(workspace.people.count) people, "
                                  + "\(calendars) calendar exports, \(workspace.meetings.count) meeting(s) (\(workspace.meetings.map(\.id).joined(separator: ", "))).\n")
                }
            }
            if !problems.isEmpty { throw ExitCode(1) }
        }
    }
}
