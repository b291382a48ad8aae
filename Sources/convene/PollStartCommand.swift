import ArgumentParser
import CalendarSources
import ConveneCore
import Foundation
import ICalendar
import Invitations
import Scheduling

extension Convene.Poll {
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Start a date poll: one tentative hold per candidate time, mailed to every invitee as an iMIP request.",
            discussion: """
                Takes the top N candidates of convene propose (default 4) or the starts given with \
                --dates, and writes into --out (default meetings/<id>/out/poll/):
                  hold-<k>.ics              option k as an event without METHOD (import, CalDAV)
                  mail/<person>-<k>.eml     one iMIP mail per option and person: METHOD:REQUEST, \
                the hold's stable UID (hold-<meeting>-<start>@<organizer domain>), STATUS:TENTATIVE, \
                X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE, ORGANIZER and the one ATTENDEE (RSVP=TRUE, \
                PARTSTAT=NEEDS-ACTION), VTIMEZONE; the text (German, or --lang en) says it is option \
                k of N, lists all options and the deadline, and what Zusagen / Mit Vorbehalt / \
                Ablehnen mean here (yes / if need be / no).
                Nothing is mailed or recorded without --send. With --send the poll is recorded in \
                meetings/<id>/poll.yaml and each message goes through mail.send_command (sent.log, \
                as for convene invite); a rerun sends only what failed. Answers arrive with \
                convene rsvp MEETING FILES… like any reply.

                Examples (run inside a workspace, or add -w DIR):
                  convene poll start spring-2027
                  convene poll start spring-2027 --candidates 3 --deadline 2027-02-12 --send
                  convene poll start spring-2027 --dates 2027-04-20T10:00 2027-04-22T13:00 --lang en
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id.")
        var meeting: String

        @Option(help: "Number of top candidates of `convene propose` to offer.")
        var candidates: Int?

        @Option(parsing: .upToNextOption, help: ArgumentHelp("The starts to offer instead, local time (2027-04-20T10:00).", valueName: "start"))
        var dates: [String] = []

        @Option(help: ArgumentHelp("The last day to answer (default: a week from today, at most the day before the first option).",
                                   valueName: "YYYY-MM-DD"))
        var deadline: String?

        @Option(help: "Language of the mails: de or en.")
        var lang: Language?

        @Option(help: ArgumentHelp("Folder for the holds and mail/ (default: meetings/<id>/out/poll).", valueName: "dir"))
        var out: String?

        @Flag(help: "Mail every message not sent before through mail.send_command and record the poll.")
        var send = false

        @Flag(help: "With --send: send again messages an interrupted run may have delivered (in-flight in sent.log).")
        var resendInFlight = false

        @Option(help: "Output format for the summary: text or json.")
        var format: OutputFormat = .text

        @Flag(help: "Replace a poll.yaml edited by hand (a .bak copy is kept).")
        var force = false

        func validate() throws {
            try format.require(summaryFormats)
            if let candidates, !(1...12).contains(candidates) { throw ValidationError("--candidates must be between 1 and 12.") }
            guard candidates == nil || dates.isEmpty else { throw ValidationError("--candidates and --dates exclude each other: give one.") }
            for date in dates where date.count <= 10 || LocalDateTime(iso: date) == nil {
                throw ValidationError("--dates takes local starts like 2027-04-20T10:00.")
            }
            if let deadline, LocalDate(iso: deadline) == nil { throw ValidationError("--deadline takes a date like 2027-02-12.") }
        }

        func run() throws {
            let workspace = try workspaceOptions.load()
            let meeting = try workspace.requireMeeting(self.meeting)
            let now = try Clock.now()
            let builder = try PollBuilder(workspace: workspace, meeting: meeting)
            let slots = try candidateSlots(workspace: workspace, meeting: meeting, now: now, zone: builder.zone)
            let result = try PollDispatch.run(meeting: meeting, workspace: workspace, out: out, send: send, force: force,
                                              resendInFlight: resendInFlight, now: { (try? Clock.now()) ?? now },
                                              headline: { PollDispatch.startHeadline($0, sent: $1, meeting: meeting.id) }) { () throws(WorkspaceProblem) in
                try builder.start(slots: slots, deadline: deadline.flatMap { LocalDate(iso: $0) }, language: workspace.language(lang), now: now)
            }
            try printPollDispatch(result, format: format, zone: builder.zone)
        }

        /// The times to offer: the given starts, the top candidates of the search, or nil when a poll is recorded
        /// and neither was asked for (it is then rebuilt as it was sent).
        func candidateSlots(workspace: Workspace, meeting: Meeting, now: Instant, zone: CalendarTimeZone) throws -> [Interval]? {
            if !dates.isEmpty {
                return dates.compactMap { LocalDateTime(iso: $0) }.map { local in
                    let start = zone.instant(for: local)
                    return Interval(start: start, end: start + Int64(meeting.durationMinutes * 60))
                }
            }
            if candidates == nil, try PollState.read(meeting, in: workspace) != nil { return nil }
            try meeting.requireFutureWindow(today: zone.localTime(of: now).date)
            let planner = try MeetingPlanner(workspace: workspace, calendars: CalendarFileReader())
            let count = candidates ?? 4
            let (result, warnings) = try planner.search(meeting, options: SearchOptions(limit: count, perDay: 2, notBefore: now))
            warnings.forEach(Console.warning)
            return result.candidates.map(\.slot)
        }
    }
}
