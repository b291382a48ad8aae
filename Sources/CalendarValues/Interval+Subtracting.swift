extension Interval {
    /// The parts of `intervals` that `removed` does not cover: sorted, merged, empty ones dropped.
    /// - Parameters:
    ///   - removed: spans to take away (any order, may overlap).
    ///   - intervals: spans to take them from (any order, may overlap).
    ///
    /// `Interval.subtracting([b], from: [a])` is `a` without `b` — one or two intervals, or none.
    public static func subtracting(_ removed: [Interval], from intervals: [Interval]) -> [Interval] {
        let cuts = merged(removed)
        var result: [Interval] = []
        var index = 0
        for interval in merged(intervals) {
            var rest = interval
            while index < cuts.count, cuts[index].end <= rest.start { index += 1 }
            var probe = index
            while probe < cuts.count, cuts[probe].start < rest.end {
                if cuts[probe].start > rest.start { result.append(Interval(start: rest.start, end: cuts[probe].start)) }
                rest.start = max(rest.start, cuts[probe].end)
                if rest.isEmpty { break }
                probe += 1
            }
            if !rest.isEmpty { result.append(rest) }
        }
        return result
    }
}
