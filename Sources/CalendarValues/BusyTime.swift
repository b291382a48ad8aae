/// Busy time of one calendar file, what the file does not speak for, and the recoverable problems
/// met on the way.
public struct BusyTime: Sendable, Equatable {
    /// Busy: sorted, merged, clipped to the window.
    public var intervals: [Interval]
    /// Not known to be free or busy: the parts of the window outside every range the file speaks
    /// for. A file of VFREEBUSY components speaks only for their DTSTART–DTEND ranges
    /// (RFC 5545 §3.6.4); a file with events speaks for all time, so this is empty for it.
    /// Sorted, merged, clipped to the window, disjoint from `intervals`.
    public var unknown: [Interval]
    public var warnings: [Diagnostic]

    public init(intervals: [Interval], unknown: [Interval] = [], warnings: [Diagnostic]) {
        self.intervals = intervals
        self.unknown = unknown
        self.warnings = warnings
    }
}
