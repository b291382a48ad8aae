import ArgumentParser
import CalendarSources
import ConveneCore
import Foundation
import ICalendar
import Invitations
import Scheduling

extension Convene {
    struct Propose: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "propose",
            abstract: "Find and rank dates for a meeting from everybody's calendars.",
            discussion: """
                Reads the invitees' calendar exports (busy time only), the public holidays of the \
                network's region, blackout calendars, working hours and travel times, and ranks \
                candidate slots on the meeting's grid. Every candidate says who cannot come and \
                why (busy, holiday, outside-hours, travel, absent; no-data where no calendar speaks \
                for the time — unknown counts half of free, never as attending) — never what the \
                appointment is — and which towns would not be represented. Only the future counts: \
                a past window is refused and no candidate starts before now (--past to look back). When nothing fits, it says which \
                rule blocks most and which relaxations would help.

                Ranking: hard rules (required people; towns represented by OB or deputy) filter; \
                score = 0.4·required + 0.3·towns + 0.2·people + 0.1·preference, where the \
                preference loses 0.5 on a bridge day, 0.2 on Monday morning, 0.3 on Friday \
                afternoon, 0.1 over lunch (12–13) and 0.1 outside core hours (9–16). After `convene \
                poll start --send`, the recorded answers count (a "no" is declined, each "if need be" \
                costs 0.05 of the preference) and the times the poll offered rank before all others, \
                with their option number and votes beside them.

                Examples (run inside a workspace, or add -w DIR):
                  convene propose spring-2027
                  convene propose spring-2027 --format json
                  convene propose spring-2027 --heatmap spring.svg
                  convene propose spring-2027 --pick 1
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @OptionGroup var liveOptions: LiveOptions

        @Argument(help: "Meeting id (a folder under meetings/).")
        var meeting: String

        @Option(help: "Output format: text, json, or ics (the top candidates as tentative holds).")
        var format: OutputFormat = .text

        @Option(help: "Number of candidates to list.")
        var limit: Int = 10

        @Option(name: .customLong("per-day"), help: "At most this many candidates per day.")
        var perDay: Int = 2

        @Option(help: ArgumentHelp("Also draw the availability as a picture (.svg or .html).", valueName: "file"))
        var heatmap: String?

        @Option(help: ArgumentHelp("Record a choice: the candidate's number in this listing, or its start (YYYY-MM-DDTHH:MM local).",
                                   valueName: "n|start"))
        var pick: String?

        @Flag(help: "With --pick: replace a slot file that was edited by hand (a .bak copy is kept).")
        var force = false

        @Flag(name: .customLong("no-cache"), help: "Read people.yaml and parse every calendar again instead of using .convene/cache.")
        var noCache = false

        @Flag(help: "Also look at (and --pick) times that have passed: to record a meeting held already.")
        var past = false

        @Option(help: "Language of the dates in the listing, the confirmation of --pick and the heatmap: de or en (default: convene.yaml's language, else de).")
        var lang: Language?

        static let formats: [OutputFormat] = [.text, .json, .ics]

        func validate() throws {
            try format.require(Self.formats)
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1.") }
            guard perDay >= 1 else { throw ValidationError("--per-day must be at least 1.") }
            if let heatmap, !(heatmap.hasSuffix(".svg") || heatmap.hasSuffix(".html")) {
                throw ValidationError("--heatmap takes a file ending in .svg or .html.")
            }
        }

        func run() throws {
            let workspace = try workspaceOptions.load(cache: !noCache)
            let meeting = try workspace.requireMeeting(self.meeting)
            let planner = try MeetingPlanner(workspace: workspace, calendars: CalendarFileReader(), useCache: !noCache,
                                             fetcher: try liveOptions.fetcher(for: workspace))
            let now = try Clock.now()
            let language = workspace.language(lang)
            if !past { try meeting.requireFutureWindow(today: planner.zone.localTime(of: now).date) }
            // After a poll its answers rank with the calendars (a "no" is `declined`), and the times it offered first.
            let poll = try PollState.read(meeting, in: workspace)
            let (result, warnings) = try planner.search(meeting, options: SearchOptions(limit: limit, perDay: perDay,
                                                                                        votes: poll?.votes(in: workspace) ?? [:],
                                                                                        notBefore: past ? nil : now, polled: poll?.offered ?? [:]))
            warnings.forEach(Console.warning)
            if let heatmap {
                let picture = heatmap.hasSuffix(".svg") ? Heatmap.svg(result, workspace: workspace, zone: planner.zone, language: language)
                    : Heatmap.html(result, workspace: workspace, zone: planner.zone, language: language)
                try AtomicFile.write(Data(picture.utf8), to: URL(fileURLWithPath: heatmap))
            }
            if let pick {
                let choice = try SlotPick(pick, in: result, zone: planner.zone)
                if !past { try choice.requireFuture(of: meeting, now: now, given: pick) }
                if let warning = choice.warning { Console.warning(warning) }
                Console.write(try choice.record(for: meeting, in: workspace, picked: now, zone: planner.zone, force: force, language: language))
                return
            }
            switch format {
            case .json: Console.write(ProposalReport.json(result).rendered() + "\n")
            case .text: Console.write(ProposalReport.text(result, workspace: workspace, zone: planner.zone, style: TextStyle(enabled: Console.colorEnabled),
                                                           language: language))
            case .ics: Console.write(TentativeHolds.document(meeting: result.meeting, slots: result.candidates.map(\.slot), workspace: workspace,
                                                                zone: planner.zone, stamp: now))
            case .md, .html, .pdf: throw format.unsupported(Self.formats)
            }
        }
    }
}
