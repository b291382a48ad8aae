import CLibical
import Foundation

/// A recurrence rule (RFC 5545 §3.3.10) copied out of libical at the boundary: libical's
/// `icalrecurrencetype` holds every BY* list as a fixed array (about 2.7 KB per rule, nearly all of
/// it unused); this value keeps only the parts a rule sets. `libicalRule` builds the C struct again,
/// field for field, for the moment an iterator needs it.
struct RecurrenceRule: Equatable {
    /// UNTIL as written: its wall clock, whether it is a DATE, whether it is UTC (`Z`).
    struct Until: Equatable {
        var local: LocalDateTime
        var isDate: Bool
        var isUTC: Bool
    }

    /// The BY* parts, in the order of libical's struct.
    enum Part: UInt8, CaseIterable {
        case second, minute, hour, day, monthDay, yearDay, weekNumber, month, setPosition
    }

    /// One BY* list that is set.
    struct List: Equatable {
        var part: Part
        var values: [Int16]
    }

    /// libical's `icalrecurrencetype_frequency`, raw.
    var frequency: UInt32
    var until: Until?
    var count: Int32
    var interval: Int16
    /// libical's `icalrecurrencetype_weekday`, raw.
    var weekStart: UInt32
    /// The BY* lists that are set, each with libical's encoded values (BYDAY: position × 8 + weekday,
    /// BYMONTH with the leap flag of RFC 7529), in libical's order.
    var lists: [List]
    /// RSCALE (RFC 7529), if given.
    var rscale: String?
    /// libical's `icalrecurrencetype_skip`, raw.
    var skip: UInt32

    /// Copies `rule` out of libical.
    init(_ rule: icalrecurrencetype) {
        var rule = rule
        frequency = rule.freq.rawValue
        until = RecurrenceRule.until(rule.until)
        count = rule.count
        interval = rule.interval
        weekStart = rule.week_start.rawValue
        rscale = rule.rscale.map { String(cString: $0) }
        skip = rule.skip.rawValue
        lists = []
        for part in Part.allCases {
            let values = RecurrenceRule.withList(part, of: &rule) { buffer in
                Array(buffer.prefix { $0 != Int16(ICAL_RECURRENCE_ARRAY_MAX.rawValue) })
            }
            if !values.isEmpty { lists.append(List(part: part, values: values)) }
        }
    }

    /// Parses RRULE text (`FREQ=WEEKLY;BYDAY=TU`); nil if libical finds no frequency in it.
    /// Wraps `icalrecurrencetype_from_string`.
    init?(text: String) {
        let rule = icalrecurrencetype_from_string(text)
        guard rule.freq != ICAL_NO_RECURRENCE else { return nil }
        self.init(rule)
    }

    /// The rule without UNTIL as libical writes it, built from this value (how a rule shows in a
    /// test or a debugger). Wraps `icalrecurrencetype_as_string_r`.
    var text: String {
        withLibicalRule { rule in
            var rule = rule
            guard let text = icalrecurrencetype_as_string_r(&rule) else { return "" }
            defer { free(text) }
            return String(cString: text)
        }
    }

    /// A libical time as an `Until`, nil for libical's null time (no UNTIL). Wraps `icaltime_is_null_time`.
    static func until(_ time: icaltimetype) -> Until? {
        icaltime_is_null_time(time) != 0 ? nil
            : Until(local: ZoneMath.fields(time), isDate: time.is_date != 0, isUTC: icaltime_is_utc(time) != 0)
    }

    /// The rule as libical's struct for `body`, without UNTIL: `BusyTimeReader` applies UNTIL
    /// itself, so that a UTC UNTIL on a zoned series and a DATE UNTIL compare correctly. The
    /// struct's `rscale` is a copy that lives only while `body` runs.
    /// Wraps `icalrecurrencetype_clear`.
    func withLibicalRule<R, E: Error>(_ body: (icalrecurrencetype) throws(E) -> R) throws(E) -> R {
        var rule = icalrecurrencetype()
        icalrecurrencetype_clear(&rule)
        rule.freq = icalrecurrencetype_frequency(rawValue: frequency)
        rule.count = count
        rule.interval = interval
        rule.week_start = icalrecurrencetype_weekday(rawValue: weekStart)
        rule.skip = icalrecurrencetype_skip(rawValue: skip)
        for list in lists {
            RecurrenceRule.withList(list.part, of: &rule) { buffer in
                for (index, value) in list.values.prefix(buffer.count).enumerated() { buffer[index] = value }
            }
        }
        guard let rscale else { return try body(rule) }
        let copy = strdup(rscale)
        defer { free(copy) }
        rule.rscale = copy
        return try body(rule)
    }

    /// The fixed C array of `part` in `rule`, as a buffer of its full size.
    private static func withList<R>(_ part: Part, of rule: inout icalrecurrencetype,
                                    _ body: (UnsafeMutableBufferPointer<Int16>) -> R) -> R {
        // Each list is a C array of shorts, imported as a tuple: its size in bytes says its length.
        func run<T>(_ tuple: inout T) -> R {
            withUnsafeMutableBytes(of: &tuple) { body($0.bindMemory(to: Int16.self)) }
        }
        switch part {
        case .second: return run(&rule.by_second)
        case .minute: return run(&rule.by_minute)
        case .hour: return run(&rule.by_hour)
        case .day: return run(&rule.by_day)
        case .monthDay: return run(&rule.by_month_day)
        case .yearDay: return run(&rule.by_year_day)
        case .weekNumber: return run(&rule.by_week_no)
        case .month: return run(&rule.by_month)
        case .setPosition: return run(&rule.by_set_pos)
        }
    }
}
