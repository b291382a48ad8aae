/// A point in time: whole seconds since 1970-01-01T00:00:00Z. Every instant inside convene is UTC;
/// zones only matter on the way in (parsing) and on the way out (display).
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    /// The instant of a UTC wall-clock time.
    public init(utc time: LocalDateTime) { self.secondsSince1970 = time.wallSeconds }

    /// The UTC wall-clock time of this instant.
    public var utc: LocalDateTime { LocalDateTime(wallSeconds: secondsSince1970) }

    public static func < (a: Instant, b: Instant) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    public static func + (a: Instant, seconds: Int64) -> Instant { Instant(secondsSince1970: a.secondsSince1970 + seconds) }
    public static func - (a: Instant, seconds: Int64) -> Instant { Instant(secondsSince1970: a.secondsSince1970 - seconds) }
    public static func - (a: Instant, b: Instant) -> Int64 { a.secondsSince1970 - b.secondsSince1970 }

    /// RFC 3339 in UTC with second precision: `2027-04-19T06:00:00Z`.
    public var rfc3339: String { utc.description + "Z" }

    public var description: String { rfc3339 }

    /// Parses RFC 3339 (`2027-04-19T06:00:00Z` or with a numeric offset such as `+02:00`).
    public init?(rfc3339 text: String) {
        let u = Array(text.utf8)
        guard u.count >= 20, let local = LocalDateTime(iso: String(decoding: u[0..<19], as: UTF8.self)) else { return nil }
        var rest = u[19...]
        if rest.first == UInt8(ascii: ".") { // fractional seconds are dropped
            rest = rest.dropFirst()
            while let c = rest.first, c >= 48, c <= 57 { rest = rest.dropFirst() }
        }
        var offset: Int64 = 0
        if rest.count == 1, rest.first == UInt8(ascii: "Z") || rest.first == UInt8(ascii: "z") {
            offset = 0
        } else if rest.count == 6, let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
                  let h = digits(Array(rest), 1, 2), let m = digits(Array(rest), 4, 2), h < 24, m < 60 {
            offset = Int64(h * 3600 + m * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        self.init(secondsSince1970: local.wallSeconds - offset)
    }
}

/// A half-open span of time [start, end).
public struct Interval: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var start: Instant
    public var end: Instant

    public init(start: Instant, end: Instant) {
        self.start = start
        self.end = end
    }

    public var isEmpty: Bool { end <= start }
    public var duration: Int64 { end - start }

    public func overlaps(_ other: Interval) -> Bool { start < other.end && other.start < end }

    /// The part of `self` inside `window`, or `nil` if nothing (or nothing of positive length) is.
    public func clipped(to window: Interval) -> Interval? {
        let clipped = Interval(start: max(start, window.start), end: min(end, window.end))
        return clipped.isEmpty ? nil : clipped
    }

    public static func < (a: Interval, b: Interval) -> Bool { (a.start, a.end) < (b.start, b.end) }

    public var description: String { "[\(start), \(end))" }

    /// Sorts and unites intervals: overlapping or touching ones become one; empty ones vanish.
    public static func merged(_ intervals: [Interval]) -> [Interval] {
        let sorted = intervals.filter { !$0.isEmpty }.sorted()
        var result: [Interval] = []
        result.reserveCapacity(sorted.count)
        for interval in sorted {
            if let last = result.last, interval.start <= last.end {
                if interval.end > last.end { result[result.count - 1].end = interval.end }
            } else {
                result.append(interval)
            }
        }
        return result
    }
}
