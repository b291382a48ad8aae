import CalendarValues
import ConveneCore
import Holidays

/// Loads what a search needs from a workspace: invitees' busy time (parallel, cached), personal
/// and network blackout days, travel times. The only place where scheduling touches files.
public struct MeetingPlanner: Sendable {
    public let workspace: Workspace
    public let zone: CalendarTimeZone
    /// Reads people's calendar files (ICalendar's, through CalendarSources, in the CLI).
    public let calendars: any BusyTimeReading
    public let useCache: Bool
    /// Fetches feed and CalDAV sources (LiveCalendars, in the CLI); nil: they count as unknown.
    public let fetcher: (any CalendarFetching)?

    /// - Throws: `WorkspaceProblem` if the network's zone is unknown.
    public init(workspace: Workspace, calendars: any BusyTimeReading, useCache: Bool = true,
                fetcher: (any CalendarFetching)? = nil) throws(WorkspaceProblem) {
        self.workspace = workspace
        self.zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
        self.calendars = calendars
        self.useCache = useCache
        self.fetcher = fetcher
    }

    /// The search input for `meeting`, and the warnings met while reading calendars.
    /// - Parameter extraDays: days after the window to load too (for the "window longer" relaxation).
    /// - Throws: `WorkspaceErrors` naming every calendar that cannot be read.
    public func input(for meeting: Meeting, extraDays: Int = 7) throws(WorkspaceErrors) -> (SearchInput, [Diagnostic]) {
        let invitees = workspace.invitees(of: meeting)
        let window = Interval(start: zone.instant(for: LocalDateTime(date: meeting.window.first.adding(days: -1))),
                              end: zone.instant(for: LocalDateTime(date: meeting.window.last.adding(days: extraDays + 2))))
        var requests: [CalendarLoader.Request] = []
        for person in invitees {
            requests += person.sources.map { .init($0, of: person.id, countEverything: false) }
            requests += person.blackoutCalendars.map { .init(path: $0, countEverything: true) }
        }
        requests += workspace.network.blackoutCalendars.map { .init(path: $0, countEverything: true) }
        let results = try CalendarLoader(workspace: workspace, zone: zone, reader: calendars, useCache: useCache, fetcher: fetcher).load(requests, window: window, ignoring: workspace.ownEvents(of: meeting))
        let warnings = results.values.flatMap(\.warnings).sorted { ($0.file, $0.line ?? 0) < ($1.file, $1.line ?? 0) }

        let travel = workspace.network.travelMinutes[meeting.location] ?? [:]
        let attendees = invitees.map { person in
            let own = person.sources.compactMap { results[.init($0, of: person.id, countEverything: false)] }
            let busy = Interval.merged(own.flatMap(\.intervals))
            // Unknown is not free: without any calendar nothing speaks for this person's time; with some, what one
            // of them does not speak for (outside a VFREEBUSY's range) is unknown unless another says busy.
            let unknown = person.sources.isEmpty ? [window] : Interval.subtracting(busy, from: own.flatMap(\.unknown))
            return Attendee(person: person, busy: busy,
                            blockedDays: Set(person.blackoutCalendars.flatMap { days(of: results[.init(path: $0, countEverything: true)]?.intervals ?? []) }),
                            hasCalendar: !person.sources.isEmpty,
                            travelMinutes: travel[person.town] ?? 0,
                            unknown: unknown)
        }
        var blackout: [LocalDate: String] = [:]
        for path in workspace.network.blackoutCalendars {
            for day in days(of: results[.init(path: path, countEverything: true)]?.intervals ?? []) where blackout[day] == nil {
                blackout[day] = "blackout (\(path))"
            }
        }
        let input = SearchInput(meeting: meeting, towns: workspace.towns, attendees: attendees, zone: zone,
                                workingHours: workspace.network.workingHours, holidayRegion: workspace.network.holidayRegion,
                                blackoutDays: blackout, extraDays: extraDays)
        return (input, warnings)
    }

    /// Local dates touched by busy intervals.
    func days(of intervals: [Interval]) -> [LocalDate] {
        var result: [LocalDate] = []
        for interval in intervals {
            var day = zone.localTime(of: interval.start).date
            let last = zone.localTime(of: interval.end - 1).date
            while day <= last {
                result.append(day)
                day = day.adding(days: 1)
            }
        }
        return result
    }
}
