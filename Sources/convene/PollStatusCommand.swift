import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Invitations

extension Convene.Poll {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a poll's grid: everyone asked × every option, by town, the towns represented, the ranking.",
            discussion: """
                Reads meetings/<id>/poll.yaml (answers arrive with convene rsvp). Text marks \
                answers ✓ ~ ✗ ? in colour on a terminal and as yes, maybe, no, ? otherwise (and with \
                NO_COLOR); * marks a suggested other time (a COUNTER). Per option: the votes, the \
                towns represented under the meeting's policy (the OB or the OB's deputy can come), \
                and the towns and required people it loses; then the ranking, who has not answered, \
                and replies held for review. --format html writes a page of plain tables to print or \
                mail; --format json is the contract in the README.

                Examples (run inside a workspace, or add -w DIR):
                  convene poll status spring-2027
                  convene poll status spring-2027 --format html > poll.html
                  convene poll status spring-2027 --format pdf --out umfrage.pdf
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id.")
        var meeting: String

        @Option(help: "Output format: text, json, html or pdf (A4, needs WeasyPrint).")
        var format: OutputFormat = .text

        @Option(help: ArgumentHelp("With --format pdf: write the PDF to this file.", valueName: "file"))
        var out: String?

        static let formats: [OutputFormat] = [.text, .json, .html, .pdf]

        func validate() throws { try format.require(Self.formats) }

        func run() throws {
            let workspace = try workspaceOptions.load()
            let meeting = try workspace.requireMeeting(self.meeting)
            let grid = try PollGrid.read(meeting, in: workspace)
            let zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
            switch format {
            case .json: Console.write(PollStatusReport.json(grid).rendered(pretty: true) + "\n")
            case .html: Console.write(PollStatusReport.html(grid, zone: zone))
            // The grid is written in English (as its text and HTML are).
            case .pdf: try DocumentOutput.pdf(PollStatusReport.html(grid, zone: zone), workspace: workspace, language: .en, out: out,
                                              what: "the poll grid of \(meeting.id)")
            default: Console.write(PollStatusReport.text(grid, zone: zone, style: TextStyle(enabled: Console.colorEnabled)))
            }
        }
    }
}
