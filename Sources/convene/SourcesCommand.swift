import ArgumentParser
import ConveneCore
import Foundation
import LiveCalendars

extension Convene {
    struct Sources: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sources",
            abstract: "Show where everybody's calendars come from and how fresh the last fetch is.",
            discussion: """
                Per person (a meeting's invitees, or everybody) each calendar source: its kind \
                (file, ics-url, caldav), the host (never the rest of a URL, which may hold a secret) \
                or the file, the last successful fetch and its age, the range it covers and the last \
                error. Asks no server: `convene propose` and `convene check` fetch. Exit status 1 when \
                a live source failed last time or was never fetched.

                Examples (run inside a workspace, or add -w DIR):
                  convene sources
                  convene sources spring-2027 --format json
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id: only its invitees (default: everybody).")
        var meeting: String?

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        static let formats: [OutputFormat] = [.text, .json]

        func validate() throws { try format.require(Self.formats) }

        func run() throws {
            let workspace = try workspaceOptions.load()
            let meeting = try self.meeting.map { try workspace.requireMeeting($0) }
            let report = SourcesReport(workspace: workspace, meeting: meeting, now: try Clock.now())
            switch format {
            case .json: Console.write(report.json().rendered() + "\n")
            case .text: Console.write(report.text(zone: try workspace.timeZone(), style: TextStyle(enabled: Console.colorEnabled)))
            default: throw format.unsupported(Self.formats)
            }
            if !report.failing.isEmpty { throw ExitCode(1) }
        }
    }
}
