import ConveneCore
import ICalendar

/// Reads calendar exports and VFREEBUSY files through ICalendar (libical): ConveneCore's
/// `BusyTimeReading` for the features, which do not link libical themselves.
public struct CalendarFileReader: BusyTimeReading {
    public init() {}

    /// Wraps `BusyTimeReader.read`.
    public func busyTime(of source: CalendarSource, window: Interval, zone: CalendarTimeZone,
                         countEverything: Bool, ignoring: UIDFilter) throws(CalendarError) -> BusyTime {
        try BusyTimeReader.read(source, window: window, zone: zone, countEverything: countEverything, ignoring: ignoring)
    }
}
