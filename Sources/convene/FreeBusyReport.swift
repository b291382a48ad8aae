import ConveneCore
import ICalendar

/// Renders busy time for people and for scripts.
enum FreeBusyReport {
    /// The contract shape: `{"busy":[{"start":"…Z","end":"…Z"}]}` on one line.
    static func json(_ busy: [Interval]) -> String {
        let items = busy.map { "{\"start\":\"\($0.start.rfc3339)\",\"end\":\"\($0.end.rfc3339)\"}" }
        return "{\"busy\":[" + items.joined(separator: ",") + "]}"
    }

    /// A listing by local day: every day of the window, its busy spans or "free".
    static func text(_ busy: [Interval], window: Interval, zone: CalendarTimeZone, fileCount: Int, style: TextStyle) -> String {
        let from = zone.localTime(of: window.start)
        let to = zone.localTime(of: window.end)
        var out = style.bold("Busy time \(stamp(from)) – \(stamp(to)) (\(zone.identifier))")
            + ", \(fileCount) calendar\(fileCount == 1 ? "" : "s")\n\n"
        for day in BusyDay.days(of: busy, window: window, zone: zone) {
            let label = "\(day.date.weekday.englishAbbreviation) \(day.date)"
            let weekend = day.date.isoWeekday >= 6
            if day.spans.isEmpty {
                out += (weekend ? style.dim(label) : label) + "  " + style.dim("free") + "\n"
            } else {
                let spans = day.spans.map { "\(clock($0.start, day: day.date))–\(clock($0.end, day: day.date))" }
                out += (weekend ? style.dim(label) : label) + "  " + spans.joined(separator: "  ") + "\n"
            }
        }
        let total = busy.reduce(Int64(0)) { $0 + $1.duration }
        out += "\n\(busy.count) busy interval\(busy.count == 1 ? "" : "s"), \(total / 3600) h \(pad2(total % 3600 / 60)) min in total.\n"
        return out
    }

    private static func stamp(_ t: LocalDateTime) -> String {
        t.hour == 0 && t.minute == 0 && t.second == 0 ? "\(t.date)" : "\(t.date) \(pad2(Int64(t.hour))):\(pad2(Int64(t.minute)))"
    }

    /// `HH:MM`; midnight at the end of the day shows as 24:00.
    private static func clock(_ t: LocalDateTime, day: LocalDate) -> String {
        if t.date > day { return "24:00" }
        return "\(pad2(Int64(t.hour))):\(pad2(Int64(t.minute)))"
    }

    private static func pad2(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
