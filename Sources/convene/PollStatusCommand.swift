import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Invitations

extension Convene.Poll {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
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
                  convene poll status spring-2027 --lang en
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

        @Option(help: "Language of the dates: de or en (default: convene.yaml's language, else de).")
        var lang: Language?

        static let formats: [OutputFormat] = [.text, .json, .html, .pdf]

        func validate() throws { try format.require(Self.formats) }

        func run() throws {
            let workspace = try workspaceOptions.load()
            let meeting = try workspace.requireMeeting(self.meeting)
            let grid = try PollGrid.read(meeting, in: workspace)
            let zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
            let language = workspace.language(lang)
            switch format {
            case .json: Console.write(PollStatusReport.json(grid).rendered(pretty: true) + "\n")
            case .html: Console.write(PollStatusReport.html(grid, zone: zone, language: language))
            // The grid's words are English (as its text and HTML are), so is the page's footer; the dates follow --lang.
            case .pdf: try DocumentOutput.pdf(PollStatusReport.html(grid, zone: zone, language: language), workspace: workspace, language: .en,
                                              out: out, what: "the poll grid of \(meeting.id)")
            default: Console.write(PollStatusReport.text(grid, zone: zone, language: language, style: TextStyle(enabled: Console.colorEnabled)))
            }
        }
    }
}
