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
            abstract: "Find and rank dates for a meeting from everybody's calendars.",
            discussion: """
                Reads the invitees' calendar exports (busy time only), the public holidays of the \
                network's region, blackout calendars, working hours and travel times, and ranks \
                candidate slots on the meeting's grid. Every candidate says who cannot come and \
                why (busy, holiday, outside-hours, travel, absent) — never what the appointment \
                is — and which towns would not be represented. When nothing fits, it says which \
                rule blocks most and which relaxations would help.

                Ranking: hard rules (required people; towns represented by OB or deputy) filter; \
                score = 0.4·required + 0.3·towns + 0.2·people + 0.1·preference, where the \
                preference loses 0.5 on a bridge day, 0.2 on Monday morning, 0.3 on Friday \
                afternoon, 0.1 over lunch (12–13) and 0.1 outside core hours (9–16).

                Examples:
                  convene propose spring-2027
                  convene propose spring-2027 --format json
                  convene propose spring-2027 --heatmap spring.svg
                  convene propose spring-2027 --pick 1
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

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

        @Flag(name: .customLong("no-cache"), help: "Parse every calendar again instead of using .convene/cache.")
        var noCache = false

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1.") }
            guard perDay >= 1 else { throw ValidationError("--per-day must be at least 1.") }
            if let heatmap, !(heatmap.hasSuffix(".svg") || heatmap.hasSuffix(".html")) {
                throw ValidationError("--heatmap takes a file ending in .svg or .html.")
            }
        }

        func run() throws {
            let workspace = workspaceOptions.load()
            let meeting = workspace.requireMeeting(self.meeting)
            let result = try Self.search(workspace: workspace, meeting: meeting, options: SearchOptions(limit: limit, perDay: perDay),
                                         useCache: !noCache)
            let zone = try! CalendarTimeZone(identifier: workspace.network.timeZone)
            if let heatmap {
                let picture = heatmap.hasSuffix(".svg") ? Heatmap.svg(result, workspace: workspace, zone: zone)
                    : Heatmap.html(result, workspace: workspace, zone: zone)
                do { try AtomicFile.write(Data(picture.utf8), to: URL(fileURLWithPath: heatmap)) } catch { error.exit() }
            }
            if let pick {
                try record(pick, result: result, workspace: workspace, zone: zone)
                return
            }
            switch format {
            case .json: Console.write(ProposalReport.json(result).rendered() + "\n")
            case .text: Console.write(ProposalReport.text(result, workspace: workspace, zone: zone, style: TextStyle(enabled: Console.colorEnabled)))
            case .ics:
                let now: Instant
                do { now = try Clock.now() } catch let error as CalendarError { error.exit() }
                Console.write(TentativeHolds.document(meeting: result.meeting, slots: result.candidates.map(\.slot), workspace: workspace,
                                                      zone: zone, stamp: now))
            }
        }

        /// Loads the search input (printing calendar warnings) and runs the search.
        static func search(workspace: Workspace, meeting: Meeting, options: SearchOptions, useCache: Bool) throws -> SearchResult {
            let planner: MeetingPlanner
            do { planner = try MeetingPlanner(workspace: workspace, calendars: CalendarFileReader(), useCache: useCache) } catch { error.exit() }
            do {
                let (input, warnings) = try planner.input(for: meeting)
                warnings.forEach(Console.warning)
                return SlotSearch.run(input, options: options)
            } catch {
                error.problems.forEach(Console.error)
                throw ExitCode(1)
            }
        }

        private func record(_ pick: String, result: SearchResult, workspace: Workspace, zone: CalendarTimeZone) throws {
            let chosen: Interval
            if let number = Int(pick) {
                guard (1...max(1, result.candidates.count)).contains(number), number <= result.candidates.count else {
                    throw ValidationError("--pick \(number): the listing has \(result.candidates.count) candidate(s).")
                }
                chosen = result.candidates[number - 1].slot
            } else if let local = LocalDateTime(iso: pick), pick.count > 10 {
                let start = zone.instant(for: local)
                chosen = Interval(start: start, end: start + Int64(result.meeting.durationMinutes) * 60)
                if !result.candidates.contains(where: { $0.slot.start == start }) {
                    Console.warning(Diagnostic(file: result.meeting.folder, "\(pick) is not among the listed candidates; recorded as given"))
                }
            } else {
                throw ValidationError("--pick takes a candidate number or a local start like 2027-04-20T13:30.")
            }
            let now: Instant
            do { now = try Clock.now() } catch let error as CalendarError { error.exit() }
            let text = """
                # Written by `convene propose \(result.meeting.id) --pick`; convene keeps this file.
                # A hand edit is kept: convene refuses to overwrite it without --force.
                start: \(chosen.start.rfc3339)
                end: \(chosen.end.rfc3339)
                picked: \(now.rfc3339)
                """
            let path = "\(result.meeting.folder)/\(Workspace.slotFile)"
            do {
                try OwnedFile.write(text, to: workspace.url(path), displayPath: path, force: force)
            } catch { error.exit() }
            let start = zone.localTime(of: chosen.start), end = zone.localTime(of: chosen.end)
            Console.write("Recorded \(GermanDate.short(start.date)) \(GermanDate.clock(start))–\(GermanDate.clock(end)) for \(result.meeting.id) in \(path).\n")
        }
    }
}
