import CLibical

/// The recurrence rules nearly every calendar writes — DAILY, WEEKLY with plain weekdays, MONTHLY
/// by month days or by (positioned) weekdays, YEARLY on DTSTART's date; INTERVAL and COUNT —
/// expanded in Swift, without libical's ICU calendar arithmetic (about 30,000 instructions per
/// instance in `icalrecur_iterator_next`, the largest single cost of reading a big calendar;
/// issue 16). The expansion must give exactly the instances libical gives:
/// `RuleExpanderTests` runs both over thousands of rules and compares them.
///
/// Only rules whose meaning is plain take this path: DTSTART must be an instance of the rule
/// (otherwise RFC 5545 and libical disagree on what COUNT counts), every BY* value must be in range,
/// and the series must stay within years libical handles the same way. Anything else — BYSETPOS,
/// BYHOUR, BYYEARDAY, RSCALE, a MONTHLY on the 31st without BYMONTHDAY, 29 February every year —
/// returns nil and goes to libical.
struct RuleExpander {
    private enum Plan {
        case daily
        /// ISO weekdays (1 = Monday), in the order they fall in a week starting at WKST.
        case weekly(offsets: [Int])
        /// Month days: 1…31 or −31…−1 from the end.
        case monthDays([Int])
        /// (position, ISO weekday): position 0 is every such weekday of the month.
        case monthWeekdays([(position: Int, weekday: Int)])
        case yearly
    }

    private let plan: Plan
    private let start: LocalDateTime
    private let startDay: Int
    private let interval: Int
    private let count: Int
    /// WEEKLY: ISO weekday of WKST.
    private let weekStart: Int

    /// Years in which the Swift expansion is checked against libical; beyond them libical's own
    /// limits (time_t, its year range) would make the two differ.
    private static let years = 1800...2400

    /// nil when `rule` is outside the plain subset, or when `limitWall` lies outside the checked years.
    init?(_ rule: RecurrenceRule, start: LocalDateTime, limitWall: Int64) {
        guard rule.rscale == nil, rule.skip == ICAL_SKIP_OMIT.rawValue, rule.count >= 0, rule.interval >= 1,
              RuleExpander.years.contains(start.date.year),
              RuleExpander.years.contains(LocalDateTime(wallSeconds: max(limitWall, start.wallSeconds)).date.year)
        else { return nil }
        self.start = start
        startDay = start.date.daysSinceEpoch
        interval = Int(rule.interval)
        count = Int(rule.count)
        let weekStart = RuleExpander.isoWeekday(libical: Int(rule.weekStart)) ?? 1
        self.weekStart = weekStart
        var days: [Int16]?
        var monthDays: [Int16]?
        for list in rule.lists {
            switch list.part {
            case .day: days = list.values
            case .monthDay: monthDays = list.values
            default: return nil
            }
        }
        let date = start.date
        switch rule.frequency {
        case ICAL_DAILY_RECURRENCE.rawValue:
            guard days == nil, monthDays == nil else { return nil }
            plan = .daily
        case ICAL_WEEKLY_RECURRENCE.rawValue:
            // libical counts weeks of an INTERVAL from Monday whatever WKST says (and then may
            // skip DTSTART): such rules are its to read.
            guard monthDays == nil, interval == 1 || weekStart == 1 else { return nil }
            var weekdays = [date.isoWeekday]
            if let days {
                var plain: [Int] = []
                for value in days {
                    guard let day = RuleExpander.weekday(value), day.position == 0 else { return nil }
                    plain.append(day.weekday)
                }
                weekdays = plain
            }
            let offsets = Set(weekdays.map { ($0 - weekStart + 7) % 7 }).sorted()
            guard offsets.contains((date.isoWeekday - weekStart + 7) % 7) else { return nil }
            plan = .weekly(offsets: offsets)
        case ICAL_MONTHLY_RECURRENCE.rawValue:
            if let monthDays {
                guard days == nil, monthDays.allSatisfy({ (1...31).contains($0) || (-31 ... -1).contains($0) }) else { return nil }
                plan = .monthDays(monthDays.map(Int.init))
            } else if let days {
                var entries: [(position: Int, weekday: Int)] = []
                for value in days {
                    guard let day = RuleExpander.weekday(value), (-5...5).contains(day.position) else { return nil }
                    entries.append(day)
                }
                plan = .monthWeekdays(entries)
            } else {
                guard date.day <= 28 else { return nil }
                plan = .monthDays([date.day])
            }
            guard RuleExpander.dates(of: plan, year: date.year, month: date.month).contains(date.day) else { return nil }
        case ICAL_YEARLY_RECURRENCE.rawValue:
            guard days == nil, monthDays == nil, !(date.month == 2 && date.day == 29) else { return nil }
            plan = .yearly
        default:
            return nil
        }
    }

    /// Calls `body` with each instance in order, from DTSTART — or, with `skipTo`, from the first
    /// instance at or after that wall time — until `body` returns false or COUNT is reached.
    func run(skipTo: Int64?, _ body: (LocalDateTime) -> Bool) {
        let time = (start.hour, start.minute, start.second)
        func emit(_ day: Int) -> Bool {
            let wall = LocalDateTime(date: LocalDate(daysSinceEpoch: day), hour: time.0, minute: time.1, second: time.2)
            if let skipTo, wall.wallSeconds < skipTo { return true }
            return body(wall)
        }
        var emitted = 0
        // The period to begin with: DTSTART's, or one before the one holding `skipTo` (COUNT
        // rules are never skipped, so counting from DTSTART stays right).
        var period = 0
        if let skipTo {
            let target = LocalDateTime(wallSeconds: skipTo).date
            let elapsed: Int
            switch plan {
            case .daily: elapsed = (target.daysSinceEpoch - startDay) / interval
            case .weekly: elapsed = (target.daysSinceEpoch - weekBase(0)) / (7 * interval)
            case .monthDays, .monthWeekdays:
                elapsed = ((target.year - start.date.year) * 12 + target.month - start.date.month) / interval
            case .yearly: elapsed = (target.year - start.date.year) / interval
            }
            period = max(0, elapsed - 1)
        }
        while true {
            for day in days(inPeriod: period) where day >= startDay {
                if count > 0, emitted >= count { return }
                emitted += 1
                if !emit(day) { return }
            }
            period += 1
            // Past the checked years: stop (the caller's limit lies within them).
            if periodStartYear(period) > RuleExpander.years.upperBound { return }
        }
    }

    /// The days (since the epoch) of the instances in period `n`, ascending.
    private func days(inPeriod n: Int) -> [Int] {
        switch plan {
        case .daily:
            return [startDay + n * interval]
        case .weekly(let offsets):
            let base = weekBase(n)
            return offsets.map { base + $0 }
        case .monthDays, .monthWeekdays:
            let months = start.date.year * 12 + start.date.month - 1 + n * interval
            let year = months / 12, month = months % 12 + 1
            let first = LocalDate(unchecked: year, month, 1).daysSinceEpoch
            return RuleExpander.dates(of: plan, year: year, month: month).map { first + $0 - 1 }
        case .yearly:
            let year = start.date.year + n * interval
            return [LocalDate(unchecked: year, start.date.month, start.date.day).daysSinceEpoch]
        }
    }

    /// WEEKLY: the first day (WKST) of period `n`'s week.
    private func weekBase(_ n: Int) -> Int {
        startDay - (start.date.isoWeekday - weekStart + 7) % 7 + n * 7 * interval
    }

    private func periodStartYear(_ n: Int) -> Int {
        switch plan {
        case .daily: return LocalDate(daysSinceEpoch: startDay + n * interval).year
        case .weekly: return LocalDate(daysSinceEpoch: weekBase(n)).year
        case .monthDays, .monthWeekdays: return (start.date.year * 12 + start.date.month - 1 + n * interval) / 12
        case .yearly: return start.date.year + n * interval
        }
    }

    /// The month days (1…) `plan` selects in a month, ascending and distinct; days a month does
    /// not have are skipped (RFC 5545 §3.3.10).
    private static func dates(of plan: Plan, year: Int, month: Int) -> [Int] {
        let length = LocalDate.daysInMonth(year: year, month: month)
        var chosen: [Int] = []
        switch plan {
        case .monthDays(let values):
            for value in values {
                let day = value > 0 ? value : length + 1 + value
                if day >= 1, day <= length { chosen.append(day) }
            }
        case .monthWeekdays(let entries):
            let firstWeekday = LocalDate(unchecked: year, month, 1).isoWeekday
            for entry in entries {
                // The first such weekday of the month, then every seventh day.
                let first = 1 + (entry.weekday - firstWeekday + 7) % 7
                let all = Array(stride(from: first, through: length, by: 7))
                if entry.position == 0 { chosen += all }
                else if entry.position > 0, entry.position <= all.count { chosen.append(all[entry.position - 1]) }
                else if entry.position < 0, -entry.position <= all.count { chosen.append(all[all.count + entry.position]) }
            }
        default:
            return []
        }
        return Set(chosen).sorted()
    }

    /// A BYDAY value as libical encodes it (position × 8 + weekday, negative for positions from
    /// the end; weekday 1 = Sunday) → position and ISO weekday.
    private static func weekday(_ value: Int16) -> (position: Int, weekday: Int)? {
        let magnitude = abs(Int(value))
        guard let weekday = isoWeekday(libical: magnitude % 8) else { return nil }
        let position = magnitude / 8
        return (value < 0 ? -position : position, weekday)
    }

    /// libical's weekday (1 = Sunday … 7 = Saturday) → ISO (1 = Monday … 7 = Sunday).
    private static func isoWeekday(libical value: Int) -> Int? {
        guard (1...7).contains(value) else { return nil }
        return value == 1 ? 7 : value - 1
    }
}
