import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Minutes

extension Convene {
    struct Actions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "actions",
            abstract: "List the action items of all minutes, per town; mark them done, started or dropped.",
            discussion: """
                Action items are recorded in the minutes (meetings/<id>/minutes.yaml): id, title, \
                town, responsible, due, the agenda item they came from. Where they stand now (open, \
                in-progress, done, dropped, and a note) is kept in the register \
                (register/actions.yaml), which wins over a status the minutes record. The agenda's \
                review item lists the pending ones.

                Examples (run inside a workspace, or add -w DIR):
                  convene actions
                  convene actions --town bretten --format ics > bretten-aufgaben.ics
                  convene actions --overdue --format md
                  convene actions done kickoff-bruchsal-leitfaden-e-akte \\
                      --note "Leitfaden verschickt"
                  convene actions publish            # the shared CalDAV task list
                """,
            subcommands: [List.self, Done.self, Start.self, Drop.self, Publish.self, Remind.self],
            defaultSubcommand: List.self
        )

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List action items across all meetings (the default).",
                discussion: """
                    --format ics writes one VTODO per item (a task feed a town can subscribe to): \
                    UID action-<id>@<organizer domain>, DUE as a date, STATUS NEEDS-ACTION, \
                    IN-PROCESS, COMPLETED or CANCELLED, CATEGORIES:<town-id>, RELATED-TO the \
                    meeting's UID <meeting-id>@<organizer domain>. CONVENE_NOW fixes DTSTAMP and \
                    what counts as overdue.

                    Examples (run inside a workspace, or add -w DIR):
                      convene actions --status open
                      convene actions --town rastatt --format json
                      convene actions --format ics
                    """
            )

            @OptionGroup var workspaceOptions: WorkspaceOptions

            @Option(help: ArgumentHelp("Only this town's items.", valueName: "town-id"))
            var town: String?

            @Option(help: "Only items with this status: open, in-progress, done or dropped.")
            var status: ActionStatus?

            @Flag(help: "Only pending items whose due date has passed.")
            var overdue = false

            @Option(help: "Output format: text, json, ics (VTODO) or md (Markdown, per town).")
            var format: OutputFormat = .text

            @Option(help: "Language of md and of the ics descriptions: de or en (default: convene.yaml's language, else de).")
            var lang: Language?

            static let formats: [OutputFormat] = [.text, .json, .ics, .md]

            func validate() throws { try format.require(Self.formats) }

            func run() throws {
                let workspace = try workspaceOptions.load()
                let list = try ActionList(checking: workspace, town: town, status: status, overdue: overdue, today: try Clock.today(in: workspace))
                switch format {
                case .text: Console.write(list.text(style: TextStyle(enabled: Console.colorEnabled)))
                case .json: Console.write(list.json().rendered() + "\n")
                case .md: Console.write(list.markdown(workspace: workspace, language: workspace.language(lang)))
                case .ics: Console.write(list.ics(workspace: workspace, stamp: try Clock.now(), language: workspace.language(lang)))
                case .html, .pdf: throw format.unsupported(Self.formats)
                }
            }
        }

        struct Done: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "done",
                abstract: "Mark an action item done.",
                discussion: """
                    Records the status (and note) in register/actions.yaml; the minutes stay as \
                    they are, hand-edited or approved. A register edited by hand is replaced only \
                    with --force (a .bak copy is kept).

                    Examples (run inside a workspace, or add -w DIR):
                      convene actions done kickoff-bruchsal-leitfaden-e-akte
                      convene actions done kickoff-bruchsal-leitfaden-e-akte \\
                          --note "verschickt"
                    """
            )
            @OptionGroup var options: StatusChange
            func run() throws { try options.apply(.done, verb: "Done") }
        }

        struct Start: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "start",
                abstract: "Mark an action item in progress.",
                discussion: """
                    Examples (run inside a workspace, or add -w DIR):
                      convene actions start kickoff-gaggenau-notfallhandbuch \\
                          --note "Entwurf in Arbeit"
                    """
            )
            @OptionGroup var options: StatusChange
            func run() throws { try options.apply(.inProgress, verb: "Started") }
        }

        struct Drop: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "drop",
                abstract: "Drop an action item (it is no longer followed up).",
                discussion: """
                    Examples (run inside a workspace, or add -w DIR):
                      convene actions drop kickoff-baden-baden-lizenzen \\
                          --note "erledigt sich durch Landeslösung"
                    """
            )
            @OptionGroup var options: StatusChange
            func run() throws { try options.apply(.dropped, verb: "Dropped") }
        }

        /// The arguments of `done`, `start` and `drop`.
        struct StatusChange: ParsableArguments {
            @OptionGroup var workspaceOptions: WorkspaceOptions

            @Argument(help: "Action item id.")
            var id: String

            @Option(help: ArgumentHelp("A remark recorded with the item (replaces an earlier note).", valueName: "text"))
            var note: String?

            @Flag(help: "Replace a register edited by hand (a .bak copy is kept).")
            var force = false

            func apply(_ status: ActionStatus, verb: String) throws {
                let workspace = try workspaceOptions.load()
                let item = try ActionEditor.apply(id: id, status: status, note: note, workspace: workspace, force: force)
                Console.write("\(verb): \(item.id) (\(status.rawValue)) in \(Workspace.actionRegisterFile).\n")
            }
        }
    }
}

extension ActionStatus: ExpressibleByArgument {}
