import Agenda
import ArgumentParser
import ConveneCore
import Foundation
import ICalendar

extension Convene {
    struct Topics: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "topics",
            abstract: "Manage the topic backlog the agendas are built from.",
            discussion: """
                One file per topic, topics/<id>.yaml: title, town (owner), presenter, kind \
                (report, discussion, decision, info), minutes, priority (1 highest … 5 lowest), \
                status (open, scheduled, done, dropped), deadline, created, deferred_from, notes. \
                Files written by convene carry a checksum; a file a person wrote or edited is \
                never rewritten without --force.

                Examples (run inside a workspace, or add -w DIR):
                  convene topics add --title "e-Akte: Erfahrungen" --town bruchsal \\
                      --kind report --minutes 15
                  convene topics list --town bretten
                  convene topics show foerderantrag-modellregion --format json
                  convene topics close foerderantrag-modellregion
                """,
            subcommands: [Add.self, List.self, Show.self, Close.self, Drop.self],
            defaultSubcommand: List.self
        )

        /// The formats of every topics subcommand.
        static let formats: [OutputFormat] = [.text, .json]

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a topic (writes topics/<id>.yaml).",
                discussion: """
                    The id is made from the title (umlauts transliterated) unless --id is given; \
                    the created date is today (CONVENE_NOW fixes it).

                    Examples (run inside a workspace, or add -w DIR):
                      convene topics add --title "Förderaufruf Digitale Modellregion" \\
                          --town bretten --presenter bretten-it --kind decision \\
                          --minutes 20 --priority 1 --deadline 2027-06-15
                      convene topics add --title "Parkraummanagement: Zwischenstand" \\
                          --town stutensee --kind report --format json
                    """
            )

            @OptionGroup var workspaceOptions: WorkspaceOptions

            @Option(help: "Title as it appears on the agenda.")
            var title: String

            @Option(help: ArgumentHelp("The town that owns the topic (a town id).", valueName: "town-id"))
            var town: String

            @Option(help: ArgumentHelp("Who presents it (a person id).", valueName: "person-id"))
            var presenter: String?

            @Option(help: "report, discussion, decision or info.")
            var kind: TopicKind = .discussion

            @Option(help: "Estimated minutes.")
            var minutes: Int = 15

            @Option(help: "1 (highest) … 5 (lowest).")
            var priority: Int = 3

            @Option(help: ArgumentHelp("Date it must be dealt with before (YYYY-MM-DD), e.g. an application deadline.", valueName: "date"))
            var deadline: String?

            @Option(help: "Free text.")
            var notes: String?

            @Option(help: ArgumentHelp("The topic's id (default: from the title).", valueName: "id"))
            var id: String?

            @Option(help: "Output format: text or json (the topic).")
            var format: OutputFormat = .text

            func validate() throws {
                try format.require(Topics.formats)
                guard Topic.minutesRange.contains(minutes) else { throw ValidationError("--minutes must be 1…480.") }
                guard Topic.priorityRange.contains(priority) else { throw ValidationError("--priority must be 1 (highest) … 5 (lowest).") }
                if let deadline, LocalDate(iso: deadline) == nil { throw ValidationError("--deadline takes a date like 2027-06-15.") }
                if let id, !Slug.isValid(id) { throw ValidationError("--id takes lower-case letters, digits and '-'.") }
                if title.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--title must not be empty.") }
            }

            func run() throws {
                let workspace = try workspaceOptions.load()
                let new = TopicBacklog.NewTopic(id: id, title: title, town: town, presenter: presenter, kind: kind, minutes: minutes,
                                                priority: priority, deadline: deadline.flatMap { LocalDate(iso: $0) }, notes: notes)
                let topic = try TopicBacklog(workspace: workspace).add(new, created: try Clock.today(in: workspace))
                switch format {
                case .json: Console.write(TopicReport.json(topic).rendered() + "\n")
                case .text: Console.write("Added topic \(topic.id) in \(topic.file).\n")
                default: throw format.unsupported(Topics.formats)
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List topics (by default the open and scheduled ones).",
                discussion: """
                    Examples (run inside a workspace, or add -w DIR):
                      convene topics list
                      convene topics list --status all --town bretten
                      convene topics list --kind decision --format json
                    """
            )

            @OptionGroup var workspaceOptions: WorkspaceOptions

            @Option(help: "open, scheduled, done, dropped, pending (open and scheduled; the default) or all.")
            var status: String = "pending"

            @Option(help: ArgumentHelp("Only this town's topics.", valueName: "town-id"))
            var town: String?

            @Option(help: "Only this kind: report, discussion, decision or info.")
            var kind: TopicKind?

            @Option(help: "Output format: text or json.")
            var format: OutputFormat = .text

            func validate() throws {
                try format.require(Topics.formats)
                guard TopicBacklog.StatusFilter(status) != nil else {
                    throw ValidationError("--status takes open, scheduled, done, dropped, pending or all.")
                }
            }

            func run() throws {
                let workspace = try workspaceOptions.load()
                let topics = try TopicBacklog(workspace: workspace).list(status: TopicBacklog.StatusFilter(status) ?? .pending, town: town, kind: kind)
                switch format {
                case .json: Console.write(TopicReport.json(topics).rendered() + "\n")
                case .text: Console.write(TopicReport.table(topics, workspace: workspace, style: TextStyle(enabled: Console.colorEnabled)))
                default: throw format.unsupported(Topics.formats)
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "show",
                abstract: "Show one topic.",
                discussion: """
                    Examples (run inside a workspace, or add -w DIR):
                      convene topics show foerderantrag-modellregion
                      convene topics show foerderantrag-modellregion --format json
                    """
            )

            @OptionGroup var workspaceOptions: WorkspaceOptions

            @Argument(help: "Topic id (its file name under topics/).")
            var topic: String

            @Option(help: "Output format: text or json.")
            var format: OutputFormat = .text

            func validate() throws { try format.require(Topics.formats) }

            func run() throws {
                let workspace = try workspaceOptions.load()
                let topic = try TopicBacklog(workspace: workspace).require(self.topic)
                switch format {
                case .json: Console.write(TopicReport.json(topic).rendered() + "\n")
                case .text: Console.write(TopicReport.details(topic, workspace: workspace))
                default: throw format.unsupported(Topics.formats)
                }
            }
        }

        struct Close: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "close",
                abstract: "Mark a topic done.",
                discussion: """
                    Rewrites topics/<id>.yaml with status done. A file written or edited by hand is \
                    not rewritten without --force (a .bak copy is kept then).

                    Examples (run inside a workspace, or add -w DIR):
                      convene topics close foerderantrag-modellregion
                      convene topics close e-akte-bruchsal --force --format json
                    """
            )

            @OptionGroup var options: StatusChange

            func run() throws { try options.apply(.done, verb: "Closed") }
        }

        struct Drop: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "drop",
                abstract: "Drop a topic (it will not come up again).",
                discussion: """
                    Rewrites topics/<id>.yaml with status dropped. A file written or edited by hand \
                    is not rewritten without --force (a .bak copy is kept then).

                    Examples (run inside a workspace, or add -w DIR):
                      convene topics drop open-data-portal
                      convene topics drop open-data-portal --format json
                    """
            )

            @OptionGroup var options: StatusChange

            func run() throws { try options.apply(.dropped, verb: "Dropped") }
        }

        /// The arguments of `close` and `drop`.
        struct StatusChange: ParsableArguments {
            @OptionGroup var workspaceOptions: WorkspaceOptions

            @Argument(help: "Topic id.")
            var topic: String

            @Flag(help: "Rewrite the file even if it was written or edited by hand (a .bak copy is kept).")
            var force = false

            @Option(help: "Output format: text or json (the topic).")
            var format: OutputFormat = .text

            func validate() throws { try format.require(Topics.formats) }

            func apply(_ status: TopicStatus, verb: String) throws {
                let workspace = try workspaceOptions.load()
                let topic = try TopicBacklog(workspace: workspace).setStatus(status, of: self.topic, force: force)
                switch format {
                case .json: Console.write(TopicReport.json(topic).rendered() + "\n")
                case .text: Console.write("\(verb) topic \(topic.id) (\(status.rawValue)) in \(topic.file).\n")
                default: throw format.unsupported(Topics.formats)
                }
            }
        }
    }
}

extension TopicKind: ExpressibleByArgument {}
