import CalendarValues

/// Turns one calendar file into busy time. ConveneCore and the features see people's calendar
/// files only through this protocol, so they do not link libical; `CalendarFileReader` in the
/// CalendarSources target is the implementation (through ICalendar) that the CLI passes in.
public protocol BusyTimeReading: Sendable {
    /// The busy time of `source` inside `window`, with privacy-safe warnings.
    /// - Parameters:
    ///   - zone: the zone for DATE values and floating times.
    ///   - countEverything: count every event as busy whatever its TRANSP or STATUS (blackout
    ///     calendars).
    /// - Throws: `CalendarError` naming the file (and line) for input that would give a wrong answer.
    ///   - ignoring: events left out by UID (convene's own invitation and holds of the meeting planned).
    func busyTime(of source: CalendarSource, window: Interval, zone: CalendarTimeZone,
                  countEverything: Bool, ignoring: UIDFilter) throws(CalendarError) -> BusyTime
}
