import ArgumentParser
import CalendarSources
import ConveneCore
import Foundation
import ICalendar
import LiveCalendars
import Scheduling

extension Convene {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
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
            let written = try WorkspaceTemplate.create(at: root)
            Console.write("Created a workspace in \(directory):\n" + written.map { "  \($0)\n" }.joined())
            Console.write("Next: edit people.yaml and convene.yaml, put calendar exports into calendars/, then run `convene check -w \(directory)`.\n")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate a workspace: files, references, and every calendar export.",
            discussion: """
                Loads convene.yaml, people.yaml and every meeting, reporting all problems at \
                once as FILE:LINE: message (unknown keys — likely typos —, unknown people, towns \
                or locations, impossible windows), then reads every calendar export for each \
                meeting's window. Exit status 0 when all is well, 1 otherwise.

                Examples (run inside a workspace, or add -w DIR):
                  convene check
                  convene check -w samples/digital-regional --format json
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @OptionGroup var liveOptions: LiveOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        static let formats: [OutputFormat] = [.text, .json]

        func validate() throws { try format.require(Self.formats) }

        func run() throws {
            let check = WorkspaceCheck(root: try Workspace.locate(explicit: workspaceOptions.workspace), calendars: CalendarFileReader(),
                                       fetcher: { try? liveOptions.fetcher(for: $0) })
            // The sources as this check left them (`convene sources`): live ones fetched just now.
            let sources = try check.workspace.map { SourcesReport(workspace: $0, now: try Clock.now()) }
            switch format {
            case .json:
                var json = check.json()
                if case .object(let pairs) = json, let sources, case .object(let listing) = sources.json() { json = .object(pairs + listing) }
                Console.write(json.rendered() + "\n")
            case .text:
                check.warnings.forEach(Console.warning)
                check.problems.forEach(Console.error)
                if let summary = check.summary { Console.write(summary) }
                if let workspace = check.workspace, let sources, sources.rows.contains(where: { $0.kind != "file" }) {
                    Console.write("\nCalendar sources:\n" + sources.text(zone: try workspace.timeZone(), style: TextStyle(enabled: Console.colorEnabled)))
                }
            default:
                throw format.unsupported(Self.formats)
            }
            // Everything is printed already (in JSON, on stdout). A live source that failed is a problem to fix.
            if !check.ok || !(sources?.failing.isEmpty ?? true) { throw ExitCode(1) }
        }
    }
}
