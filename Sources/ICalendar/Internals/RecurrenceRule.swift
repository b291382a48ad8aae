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

    /// Calls `body` with the rule's instances from `start` (DTSTART's wall clock) in order — or,
    /// with `skipTo`, from the first instance at or after that wall time — until `body` returns
    /// false, COUNT is reached or the rule ends. UNTIL is left to the caller (see `withLibicalRule`).
    /// Plain rules are expanded in Swift (`RuleExpander`), the rest by libical.
    /// - Returns: false if libical cannot run the rule (e.g. 30 February).
    func instances(start: LocalDateTime, isDate: Bool, skipTo: Int64?, limitWall: Int64,
                   _ body: (LocalDateTime) -> Bool) -> Bool {
        if let expander = RuleExpander(self, start: start, limitWall: limitWall) {
            // A DATE series skips to a day, as libical reads the skip time as a DATE.
            let day: Int64 = 86_400
            expander.run(skipTo: skipTo.map { isDate ? $0 - (($0 % day) + day) % day : $0 }, body)
            return true
        }
        return libicalInstances(start: start, isDate: isDate, skipTo: skipTo, body)
    }

    /// `instances` as libical's iterator gives them, for every rule (and for the tests that hold
    /// `RuleExpander` to it). Wraps `icalrecur_iterator_new`, `icalrecur_iterator_set_start`,
    /// `icalrecur_iterator_next` and `icalrecur_iterator_free`.
    func libicalInstances(start: LocalDateTime, isDate: Bool, skipTo: Int64?,
                          _ body: (LocalDateTime) -> Bool) -> Bool {
        // The C rule (and its RSCALE) lives as long as the iterator.
        withLibicalRule { libicalRule -> Bool in
            guard let iterator = icalrecur_iterator_new(libicalRule, ZoneMath.icalTime(start, isDate: isDate)) else { return false }
            defer { icalrecur_iterator_free(iterator) }
            // Jump straight to the window instead of stepping through years of instances (as
            // libical's own icalcomponent_foreach_recurrence does); if libical declines, iterate
            // from DTSTART.
            if let skipTo {
                _ = icalrecur_iterator_set_start(iterator, ZoneMath.icalTime(LocalDateTime(wallSeconds: skipTo), isDate: isDate))
            }
            while true {
                let next = icalrecur_iterator_next(iterator)
                if icaltime_is_null_time(next) != 0 { return true }
                if !body(ZoneMath.fields(next)) { return true }
            }
        }
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
