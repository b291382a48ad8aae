import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Minutes

extension Convene {
    struct MinutesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "minutes",
            abstract: "Record the minutes (Protokoll) of a meeting: attendance, notes, decisions, action items.",
            discussion: """
                The record is meetings/<id>/minutes.yaml: chair, minute_taker, attendance (person \
                id: present, excused or absent), items (one section per agenda item: number, \
                title, notes, decisions, action_items) and action_items. See README, "Minutes".

                Examples (run inside a workspace, or add -w DIR):
                  convene minutes init spring-2027
                  convene minutes render kickoff --format html --out protokoll.html
                  convene minutes approve kickoff --at spring-2027
                """,
            subcommands: [Init.self, Render.self, Approve.self, Send.self]
        )

        struct Init: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "init",
                abstract: "Create the minutes record from the stored agenda and the invitees.",
                discussion: """
                    Needs the stored agenda (convene agenda MEETING). One section per agenda item \
                    (breaks left out); attendance lists every invitee, present unless a declared \
                    absence (away: in people.yaml) covers the day; chair is the host town's OB, \
                    minute-taker its main office. An existing record is never overwritten; \
                    --force starts afresh and keeps the old one as minutes.yaml.bak. With --format md \
                    the record is minutes.md instead: YAML front matter (chair, minute_taker, \
                    attendance), one heading "## TOP n: Titel" per item, notes as free text and lines \
                    "Beschluss:", "Abstimmung: ja 9, nein 0, Enthaltung 0", "Aufgabe [stadt, person, due \
                    DATE, id ID]:". Every command reads either form; a meeting has one of them.

                    Examples (run inside a workspace, or add -w DIR):
                      convene minutes init spring-2027
                      convene minutes init spring-2027 --format md
                      convene minutes init spring-2027 --force
                    """
            )

            @OptionGroup var workspaceOptions: WorkspaceOptions

            @Argument(help: "Meeting id (a folder under meetings/).")
            var meeting: String

            @Flag(help: "Replace an existing record (a .bak copy is kept).")
            var force = false

            /// The two forms of the record (not `OutputFormat`: a record is not an output).
            enum RecordForm: String, ExpressibleByArgument, CaseIterable {
                case yaml, md
            }

            @Option(help: "The record's form: yaml (minutes.yaml) or md (minutes.md, Markdown with front matter).")
            var format: RecordForm = .yaml

            func run() throws {
                let workspace = try workspaceOptions.load()
                let meeting = try workspace.requireMeeting(self.meeting)
                let path = try MinutesStore.create(meeting: meeting, workspace: workspace, force: force, markdown: format == .md)
                Console.write("Wrote the minutes record of \(meeting.id) to \(path); fill it in.\n")
            }
        }

        struct Render: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "render",
                abstract: "Render the minutes as Markdown or print-friendly HTML.",
                discussion: """
                    Header (network, meeting, date, place, chair, minute-taker), attendance grouped \
                    by town, per agenda item the notes, decisions and action items, a closing table \
                    of the action items per town, and signature lines. Templates: \
                    Templates/minutes.md.mustache and minutes.html.mustache, built in; a workspace \
                    overrides either with its own copy in templates/. Values are escaped (HTML, \
                    Markdown); a variable the minutes do not provide is an error.

                    Examples (run inside a workspace, or add -w DIR):
                      convene minutes render kickoff
                      convene minutes render kickoff --format html --out protokoll.html
                      convene minutes render kickoff --lang en
                      convene minutes render kickoff --format pdf --out niederschrift.pdf
                    """
            )

            @OptionGroup var workspaceOptions: WorkspaceOptions

            @Argument(help: "Meeting id (a folder under meetings/).")
            var meeting: String

            @Option(help: "Output format: md (Markdown), html (print-friendly, A4) or pdf (A4, needs WeasyPrint).")
            var format: OutputFormat = .md

            @Option(help: "Language: de or en (default: convene.yaml's language, else de).")
            var lang: Language?

            @Option(help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "file"))
            var out: String?

            static let formats: [OutputFormat] = [.md, .html, .pdf]

            func validate() throws { try format.require(Self.formats) }

            func run() throws {
                let workspace = try workspaceOptions.load()
                let meeting = try workspace.requireMeeting(self.meeting)
                let output = try MinutesTemplates.render(meeting: meeting, workspace: workspace,
                                                         format: format == .md ? .markdown : .html, language: workspace.language(lang))
                if format == .pdf {
                    return try DocumentOutput.pdf(output, workspace: workspace, language: workspace.language(lang), out: out, what: "the minutes of \(meeting.id)")
                }
                if let out {
                    try AtomicFile.write(Data(output.utf8), to: URL(fileURLWithPath: out))
                    Console.write("Wrote the minutes of \(meeting.id) to \(out).\n")
                } else {
                    Console.write(output)
                }
            }
        }
    }
}
