/// A zone's UTC offsets over time: the transitions of its TZif file and, after the last one, the
/// POSIX TZ rule of the file's footer (RFC 8536 §3.3). Immutable once built.
final class ZoneRules: Sendable {
    /// Transition instants (seconds since 1970, ascending) and the offset in force from each on.
    let transitions: [Int64]
    let offsets: [Int64]
    /// The offset before the first transition (RFC 8536: local time type 0).
    let initialOffset: Int64
    /// The rule for instants after the last transition, if the file has one.
    let footer: PosixRule?

    static let utc = ZoneRules(transitions: [], offsets: [], initialOffset: 0, footer: nil)

    /// Years whose footer transitions are computed once, up front; later years on demand.
    static let precomputedThrough = 2200

    init(transitions: [Int64], offsets: [Int64], initialOffset: Int64, footer: PosixRule?) {
        var transitions = transitions, offsets = offsets
        // Spell the footer out as transitions for the years people plan in, so a lookup is one
        // binary search; a far-future instant asks the rule directly.
        if let footer, footer.dst != nil {
            let last = transitions.last ?? Int64.min
            let firstYear = transitions.last.map { LocalDateTime(wallSeconds: $0).date.year } ?? 1970
            if firstYear <= Self.precomputedThrough {
                for year in firstYear...Self.precomputedThrough {
                    for (instant, offset) in footer.transitions(in: year) where instant > last {
                        transitions.append(instant)
                        offsets.append(offset)
                    }
                }
            }
        }
        self.transitions = transitions
        self.offsets = offsets
        self.initialOffset = initialOffset
        self.footer = footer
    }

    /// The offset (east positive, seconds) at `instant` (seconds since 1970).
    func offset(at instant: Int64) -> Int64 {
        guard let first = transitions.first, instant >= first else {
            return transitions.isEmpty ? (footer?.offset(at: instant) ?? initialOffset) : initialOffset
        }
        if let footer, let last = transitions.last, instant >= last,
           LocalDateTime(wallSeconds: instant).date.year > Self.precomputedThrough {
            return footer.offset(at: instant)
        }
        // The last transition at or before `instant`.
        var low = 0, high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= instant { low = middle } else { high = middle - 1 }
        }
        return offsets[low]
    }
}

/// A POSIX TZ rule such as `CET-1CEST,M3.5.0,M10.5.0/3` (POSIX.1-2017 §8.3, with RFC 8536 §3.3's
/// extensions: hours −167…167 in transition times). Offsets here are east positive, unlike POSIX.
struct PosixRule: Sendable, Equatable {
    var standardOffset: Int64
    var dst: Daylight?

    struct Daylight: Sendable, Equatable {
        var offset: Int64
        var start: TransitionDate
        var end: TransitionDate
    }

    /// When in the year a change happens, and at what wall-clock time (seconds after midnight of
    /// that day, in the time in force before the change).
    struct TransitionDate: Sendable, Equatable {
        enum Day: Sendable, Equatable {
            /// `Jn`: day 1…365, February 29 never counted.
            case julian(Int)
            /// `n`: day 0…365, February 29 counted.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (5 = last) of month `m`.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }
        var day: Day
        var time: Int64

        func date(in year: Int) -> LocalDate {
            switch day {
            case .julian(let n):
                let leapShift = LocalDate.isLeapYear(year) && n >= 60 ? 1 : 0
                return LocalDate(unchecked: year, 1, 1).adding(days: n - 1 + leapShift)
            case .zeroBased(let n):
                return LocalDate(unchecked: year, 1, 1).adding(days: n)
            case .monthWeekDay(let month, let week, let weekday):
                let first = LocalDate(unchecked: year, month, 1)
                var day = 1 + (weekday - first.isoWeekday % 7 + 7) % 7 + (week - 1) * 7
                while day > LocalDate.daysInMonth(year: year, month: month) { day -= 7 }
                return LocalDate(unchecked: year, month, day)
            }
        }

        /// The wall-clock seconds (since 1970) of the change in `year`.
        func wallSeconds(in year: Int) -> Int64 { Int64(date(in: year).daysSinceEpoch) * 86_400 + time }
    }

    /// The two changes of `year` as (instant, offset from then on), in time order.
    func transitions(in year: Int) -> [(Int64, Int64)] {
        guard let dst else { return [] }
        let start = dst.start.wallSeconds(in: year) - standardOffset
        let end = dst.end.wallSeconds(in: year) - dst.offset
        return [(start, dst.offset), (end, standardOffset)].sorted { $0.0 < $1.0 }
    }

    func offset(at instant: Int64) -> Int64 {
        guard let dst else { return standardOffset }
        let year = LocalDateTime(wallSeconds: instant + standardOffset).date.year
        let start = dst.start.wallSeconds(in: year) - standardOffset
        let end = dst.end.wallSeconds(in: year) - dst.offset
        let inDaylight = start < end ? (instant >= start && instant < end) : (instant >= start || instant < end)
        return inDaylight ? dst.offset : standardOffset
    }

    /// Parses a TZ string; `nil` for anything this reader does not understand.
    init?(_ text: String) {
        var scanner = RuleScanner(Array(text.utf8))
        guard scanner.name(), let standard = scanner.offset() else { return nil }
        standardOffset = -standard
        if scanner.atEnd {
            dst = nil
            return
        }
        guard scanner.name() else { return nil }
        var daylight = standardOffset + 3600
        if !scanner.atEnd && scanner.peek != UInt8(ascii: ",") {
            guard let parsed = scanner.offset() else { return nil }
            daylight = -parsed
        }
        let start: TransitionDate, end: TransitionDate
        if scanner.atEnd {
            // POSIX leaves the default rule to the implementation; tzcode uses the US rules.
            start = TransitionDate(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200)
            end = TransitionDate(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200)
        } else {
            guard scanner.take(UInt8(ascii: ",")), let first = scanner.transition(),
                  scanner.take(UInt8(ascii: ",")), let second = scanner.transition(), scanner.atEnd else { return nil }
            start = first
            end = second
        }
        dst = Daylight(offset: daylight, start: start, end: end)
    }
}

/// Reads the parts of a POSIX TZ string.
private struct RuleScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[position] }

    mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    /// A zone abbreviation: three or more letters, or `<…>` quoted (`<-03>`, `<+1030>`).
    mutating func name() -> Bool {
        if take(UInt8(ascii: "<")) {
            let start = position
            while let c = peek, c != UInt8(ascii: ">") { position += 1 }
            guard position > start, take(UInt8(ascii: ">")) else { return false }
            return true
        }
        let start = position
        while let c = peek, (c | 0x20) >= UInt8(ascii: "a"), (c | 0x20) <= UInt8(ascii: "z") { position += 1 }
        return position - start >= 3
    }

    mutating func number() -> Int64? {
        let start = position
        var value: Int64 = 0
        while let c = peek, c >= 48, c <= 57, position - start < 3 {
            value = value * 10 + Int64(c - 48)
            position += 1
        }
        return position > start ? value : nil
    }

    /// `[+-]hh[:mm[:ss]]` in seconds (POSIX sign: west positive).
    mutating func offset() -> Int64? {
        var sign: Int64 = 1
        if take(UInt8(ascii: "-")) { sign = -1 } else { _ = take(UInt8(ascii: "+")) }
        guard let hours = number(), hours <= 167 else { return nil }
        var seconds = hours * 3600
        if take(UInt8(ascii: ":")) {
            guard let minutes = number(), minutes < 60 else { return nil }
            seconds += minutes * 60
            if take(UInt8(ascii: ":")) {
                guard let secs = number(), secs < 60 else { return nil }
                seconds += secs
            }
        }
        return sign * seconds
    }

    /// `Jn`, `n` or `Mm.w.d`, then an optional `/time` (default 02:00:00).
    mutating func transition() -> PosixRule.TransitionDate? {
        let day: PosixRule.TransitionDate.Day
        if take(UInt8(ascii: "M")) {
            guard let month = number(), (1...12).contains(month), take(UInt8(ascii: ".")),
                  let week = number(), (1...5).contains(week), take(UInt8(ascii: ".")),
                  let weekday = number(), weekday <= 6 else { return nil }
            day = .monthWeekDay(month: Int(month), week: Int(week), weekday: Int(weekday))
        } else if take(UInt8(ascii: "J")) {
            guard let n = number(), (1...365).contains(n) else { return nil }
            day = .julian(Int(n))
        } else {
            guard let n = number(), n <= 365 else { return nil }
            day = .zeroBased(Int(n))
        }
        var time: Int64 = 7200
        if take(UInt8(ascii: "/")) {
            guard let parsed = offset() else { return nil }
            time = parsed
        }
        return PosixRule.TransitionDate(day: day, time: time)
    }
}
