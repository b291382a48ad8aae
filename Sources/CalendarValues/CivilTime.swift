/// A calendar date without a time zone (proleptic Gregorian), as iCalendar's DATE values are.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Creates a date; returns `nil` for impossible dates (month 13, 30 February, year 0).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// For values already known to be valid (libical's normalised fields, computed dates).
    package init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day of the week (its names are in `Weekday`).
    public var weekday: Weekday { Weekday(rawValue: isoWeekday)! }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let d = daysSinceEpoch
        // 1970-01-01 was a Thursday (4).
        return ((d % 7) + 7 + 3) % 7 + 1
    }

    /// The date `n` days later (or earlier for negative `n`).
    public func adding(days n: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + n) }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    /// Parses `YYYY-MM-DD`; `nil` if the text is not such a date or the date is impossible.
    public init?(iso text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = digits(u, 0, 4), let m = digits(u, 5, 2), let d = digits(u, 8, 2) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

/// A wall-clock date and time without a zone ("floating" in iCalendar terms).
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var date: LocalDate
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(date: LocalDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Seconds since 1970-01-01T00:00:00 of the same wall clock; lets wall-clock arithmetic
    /// (RFC 5545 §3.3.6 nominal durations) be plain integer math.
    public var wallSeconds: Int64 {
        Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public init(wallSeconds s: Int64) {
        let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
        let rest = Int(s - days * 86_400)
        self.init(date: LocalDate(daysSinceEpoch: Int(days)), hour: rest / 3600,
                  minute: rest % 3600 / 60, second: rest % 60)
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.wallSeconds < b.wallSeconds }

    /// `YYYY-MM-DDTHH:MM:SS`.
    public var description: String { "\(date)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))" }

    /// Parses the two forms the CLI accepts: `YYYY-MM-DD` (midnight) and `YYYY-MM-DDTHH:MM`
    /// (seconds `:SS` allowed). Returns `nil` for anything else or an impossible value.
    public init?(iso text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count >= 10, let date = LocalDate(iso: String(decoding: u[0..<10], as: UTF8.self)) else { return nil }
        if u.count == 10 {
            self.init(date: date)
            return
        }
        guard u.count == 16 || u.count == 19, u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "),
              u[13] == UInt8(ascii: ":"), let h = digits(u, 11, 2), let m = digits(u, 14, 2),
              h < 24, m < 60 else { return nil }
        var s = 0
        if u.count == 19 {
            guard u[16] == UInt8(ascii: ":"), let sec = digits(u, 17, 2), sec < 60 else { return nil }
            s = sec
        }
        self.init(date: date, hour: h, minute: m, second: s)
    }
}

/// Reads `count` ASCII digits at `offset`; `nil` if any is not a digit. `package` and inlinable:
/// ICalendar's pre-scan calls it on every DATE-TIME value.
@inlinable
package func digits<C: RandomAccessCollection>(_ u: C, _ offset: Int, _ count: Int) -> Int? where C.Element == UInt8, C.Index == Int {
    var value = 0
    let start = u.startIndex + offset
    guard start + count <= u.endIndex else { return nil }
    for i in start..<(start + count) {
        let c = u[i]
        guard c >= 48, c <= 57 else { return nil }
        value = value * 10 + Int(c - 48)
    }
    return value
}

/// `value` in decimal, left-padded with zeros to `width` digits.
@inlinable
package func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
