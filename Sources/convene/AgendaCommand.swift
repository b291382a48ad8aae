import Agenda
import ArgumentParser
import ConveneCore
import Foundation
import ICalendar

extension Convene {
    struct AgendaCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agenda",
            abstract: "Build a time-boxed agenda (Tagesordnung) from open topics and open action items.",
            discussion: """
                Needs the meeting's chosen slot (convene propose MEETING --pick N). Frame items: \
                Begrüßung (host OB), Genehmigung der Niederschrift of the previous meeting (with the \
                state of its minutes), Offene \
                Aufgaben (pending action items of earlier meetings, per town), and at the end \
                Verschiedenes and Nächster Termin. Breaks: lunch when the slot covers 12:00–13:00, \
                coffee after about 90 minutes. The rest of the slot goes to topics: pinned ones \
                always, then the set with the greatest value that fits, where

                  value = 10·(6 − priority) + 500 if the deadline falls before the next meeting
                        + 200 for a town's project report that is due (report_every)
                        + 15 per time deferred (at most 4)

                and no town takes more than max_town_share of the topic time. Order: frame, \
                reports (grouped), decisions, discussions, information, Verschiedenes, Nächster \
                Termin. Overrides in meeting.yaml: agenda: {pin: [...], exclude: [...], order: \
                [...], next_meeting: DATE, report_every: N, max_town_share: 0.4}.

                The agenda is stored with the meeting (meetings/<id>/agenda.yaml) for the \
                invitation and for later agendas (fairness, aging); --no-save only prints it.

                Examples (run inside a workspace, or add -w DIR):
                  convene agenda spring-2027
                  convene agenda spring-2027 --explain
                  convene agenda spring-2027 --format json
                  convene agenda spring-2027 --format html --out agenda.html
                  convene agenda spring-2027 --format md --lang en
                  convene agenda spring-2027 --format pdf --out tagesordnung.pdf
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id (a folder under meetings/).")
        var meeting: String

        @Option(help: "Output format: text, md (Markdown), html (print-friendly), pdf (A4, needs WeasyPrint) or json.")
        var format: OutputFormat = .text

        @Option(help: "Language of the agenda: de or en (default: convene.yaml's language, else de).")
        var lang: Language?

        @Flag(help: "Say for each topic why it is on the agenda or not, with its value.")
        var explain = false

        @Option(help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "file"))
        var out: String?

        @Flag(name: .customLong("no-save"), help: "Only print; do not store the agenda with the meeting.")
        var noSave = false

        @Flag(help: "Replace a stored agenda that was edited by hand (a .bak copy is kept).")
        var force = false

        static let formats: [OutputFormat] = [.text, .md, .html, .pdf, .json]

        func validate() throws { try format.require(Self.formats) }

        func run() throws {
            let workspace = try workspaceOptions.load()
            let meeting = try workspace.requireMeeting(self.meeting)
            let lang = workspace.language(self.lang)
            let report = try AgendaPlanner(workspace: workspace).report(for: meeting, language: lang)
            if format == .pdf {
                let html = try AgendaTemplates.render(report, format: .html, explain: explain, workspaceRoot: workspace.root)
                if !noSave { try AgendaStore.write(report, meeting: meeting, in: workspace, force: force) }
                return try DocumentOutput.pdf(html, workspace: workspace, language: lang, out: out, what: "the agenda of \(meeting.id)")
            }
            let output: String
            switch format {
            case .text: output = report.text(explain: explain, style: TextStyle(enabled: out == nil && Console.colorEnabled))
            case .json: output = report.json(explain: explain).rendered() + "\n"
            case .md: output = try AgendaTemplates.render(report, format: .markdown, explain: explain, workspaceRoot: workspace.root)
            case .html: output = try AgendaTemplates.render(report, format: .html, explain: explain, workspaceRoot: workspace.root)
            case .ics, .pdf: throw format.unsupported(Self.formats)
            }
            if !noSave { try AgendaStore.write(report, meeting: meeting, in: workspace, force: force) }
            if let out {
                try AtomicFile.write(Data(output.utf8), to: URL(fileURLWithPath: out))
                Console.write("Wrote the agenda of \(meeting.id) to \(out).\n")
            } else {
                Console.write(output)
            }
        }
    }
}

extension Language: ExpressibleByArgument {}
