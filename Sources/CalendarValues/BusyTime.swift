/// Busy time of one calendar file, and the recoverable problems met on the way.
public struct BusyTime: Sendable, Equatable {
    /// Sorted, merged, clipped to the window.
    public var intervals: [Interval]
    public var warnings: [Diagnostic]

    public init(intervals: [Interval], warnings: [Diagnostic]) {
        self.intervals = intervals
        self.warnings = warnings
    }
}
