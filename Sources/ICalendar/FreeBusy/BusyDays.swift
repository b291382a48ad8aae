/// Busy time cut at local midnights, for listings by day.
public struct BusyDay: Sendable, Equatable {
    public var date: LocalDate
    /// Local start and end of each busy span on this day; an end of 24:00 shows as the next day's 00:00.
    public var spans: [(start: LocalDateTime, end: LocalDateTime)]

    public static func == (a: BusyDay, b: BusyDay) -> Bool {
        a.date == b.date && a.spans.elementsEqual(b.spans) { $0.start == $1.start && $0.end == $1.end }
    }

    /// Every local day the window touches, with the busy spans that fall on it.
    public static func days(of busy: [Interval], window: Interval, zone: CalendarTimeZone) -> [BusyDay] {
        let first = zone.localTime(of: window.start).date
        let lastInstant = window.end - 1
        let last = zone.localTime(of: lastInstant).date
        var days: [BusyDay] = []
        var date = first
        var index = 0
        while date <= last {
            let dayStart = zone.instant(for: LocalDateTime(date: date))
            let dayEnd = zone.instant(for: LocalDateTime(date: date.adding(days: 1)))
            let day = Interval(start: dayStart, end: dayEnd)
            var spans: [(LocalDateTime, LocalDateTime)] = []
            while index < busy.count, busy[index].end <= dayStart { index += 1 }
            var probe = index
            while probe < busy.count, busy[probe].start < dayEnd {
                if let part = busy[probe].clipped(to: day) {
                    spans.append((zone.localTime(of: part.start), zone.localTime(of: part.end)))
                }
                probe += 1
            }
            days.append(BusyDay(date: date, spans: spans))
            date = date.adding(days: 1)
        }
        return days
    }
}
