import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Minutes

extension Convene {
    struct Decisions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decisions",
            abstract: "The Beschlusskontrolle: every decision across meetings and where it stands.",
            discussion: """
                Decisions are recorded in the minutes (under a TOP: text, vote, and optionally the \
                responsible town and a due date), numbered as convene.yaml's decision_numbers says \
                (default {year}/{n:02}: 2027/01, 2027/02 … per year). Where they stand (open, \
                in-progress, done, dropped, and a note) is kept in register/decisions.yaml; the \
                minutes stay as they were recorded.

                Examples (run inside a workspace, or add -w DIR):
                  convene decisions
                  convene decisions --town ettlingen --status open
                  convene decisions --format html > beschlusskontrolle.html
                  convene decisions --format pdf --out beschlusskontrolle.pdf
                  convene decisions done 2026/02 --note "Geschäftsordnung verschickt"
                """,
            subcommands: [List.self, Done.self, Start.self, Drop.self],
            defaultSubcommand: List.self
        )

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List every decision with number, meeting, TOP, town, status and note (the default).",
                discussion: """
                    --format json is a contract (see README); md and html are the register to \
                    print or file (html: a complete A4 page from Templates/decisions.html.mustache, \
                    overridable in the workspace's templates/). CONVENE_NOW fixes the day shown \
                    and what counts as overdue.

                    Examples (run inside a workspace, or add -w DIR):
                      convene decisions --status in-progress
                      convene decisions --format json
                    """
            )

            @OptionGroup var workspaceOptions: WorkspaceOptions

            @Option(help: ArgumentHelp("Only decisions this town is responsible for.", valueName: "town-id"))
            var town: String?

            @Option(help: "Only decisions with this status: open, in-progress, done or dropped.")
            var status: ActionStatus?

            @Option(help: "Output format: text, json, md (Markdown), html (printable) or pdf (A4, needs WeasyPrint).")
            var format: OutputFormat = .text

            @Option(help: "Language of md, html and pdf: de or en (default: convene.yaml's language, else de).")
            var lang: Language?

            @Option(help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "file"))
            var out: String?

            static let formats: [OutputFormat] = [.text, .json, .md, .html, .pdf]

            func validate() throws { try format.require(Self.formats) }

            func run() throws {
                let workspace = try workspaceOptions.load()
                let list = try DecisionList(checking: workspace, town: town, status: status, today: try Clock.today(in: workspace))
                let lang = workspace.language(self.lang)
                let output: String
                switch format {
                case .text: output = list.text(style: TextStyle(enabled: out == nil && Console.colorEnabled))
                case .json: output = list.json(workspace: workspace).rendered() + "\n"
                case .md: output = list.markdown(workspace: workspace, language: lang)
                case .html: output = try list.html(workspace: workspace, language: lang)
                case .pdf:
                    return try DocumentOutput.pdf(try list.html(workspace: workspace, language: lang), workspace: workspace, language: lang,
                                                  out: out, what: "the decisions register")
                case .ics: throw format.unsupported(Self.formats)
                }
                if let out {
                    try AtomicFile.write(Data(output.utf8), to: URL(fileURLWithPath: out))
                    Console.write("Wrote the decisions register to \(out).\n")
                } else {
                    Console.write(output)
                }
            }
        }

        struct Done: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "done",
                abstract: "Mark a decision carried out.",
                discussion: """
                    Records the status (and note) in register/decisions.yaml; the minutes stay as \
                    they are, hand-edited or approved.

                    Examples (run inside a workspace, or add -w DIR):
                      convene decisions done 2026/02 --note "Geschäftsordnung verschickt"
                    """
            )
            @OptionGroup var options: StatusChange
            func run() throws { try options.apply(.done, verb: "Done") }
        }

        struct Start: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "start",
                abstract: "Mark a decision in progress.",
                discussion: """
                    Examples (run inside a workspace, or add -w DIR):
                      convene decisions start 2026/03 --note "Termine angefragt"
                    """
            )
            @OptionGroup var options: StatusChange
            func run() throws { try options.apply(.inProgress, verb: "Started") }
        }

        struct Drop: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "drop",
                abstract: "Drop a decision (it is no longer followed up).",
                discussion: """
                    Examples (run inside a workspace, or add -w DIR):
                      convene decisions drop 2026/01 --note "durch Beschluss 2027/04 ersetzt"
                    """
            )
            @OptionGroup var options: StatusChange
            func run() throws { try options.apply(.dropped, verb: "Dropped") }
        }

        /// The arguments of `done`, `start` and `drop`.
        struct StatusChange: ParsableArguments {
            @OptionGroup var workspaceOptions: WorkspaceOptions

            @Argument(help: "Decision number (as convene decisions lists it, e.g. 2027/03).")
            var number: String

            @Option(help: ArgumentHelp("A remark recorded with the decision (replaces an earlier note).", valueName: "text"))
            var note: String?

            @Flag(help: "Replace a register edited by hand (a .bak copy is kept).")
            var force = false

            func apply(_ status: ActionStatus, verb: String) throws {
                let workspace = try workspaceOptions.load()
                let decision = try ActionEditor.apply(decision: number, status: status, note: note, workspace: workspace, force: force)
                Console.write("\(verb): decision \(decision.number) (\(status.rawValue)) in \(Workspace.decisionRegisterFile).\n")
            }
        }
    }
}
