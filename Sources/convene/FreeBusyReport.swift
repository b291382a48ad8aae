import ConveneCore
import ICalendar

/// Renders busy time for people and for scripts.
enum FreeBusyReport {
    /// The contract shape on one line: `{"busy":[{"start":"…Z","end":"…Z"}],"unknown":[…],"warnings":N}`
    /// (`unknown` and `warnings` were added after `busy`; both are always present).
    static func json(_ busy: [Interval], unknown: [Interval] = [], warnings: Int = 0) -> String {
        func list(_ intervals: [Interval]) -> String {
            "[" + intervals.map { "{\"start\":\"\($0.start.rfc3339)\",\"end\":\"\($0.end.rfc3339)\"}" }.joined(separator: ",") + "]"
        }
        return "{\"busy\":" + list(busy) + ",\"unknown\":" + list(unknown) + ",\"warnings\":\(warnings)}"
    }

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// A listing by local day: every day of the window, its busy spans or "free".
    /// Unknown time (outside what a VFREEBUSY speaks for) is listed after the busy spans of its day.
    static func text(_ busy: [Interval], unknown: [Interval] = [], window: Interval, zone: CalendarTimeZone, fileCount: Int,
                     style: TextStyle) -> String {
        let from = zone.localTime(of: window.start)
        let to = zone.localTime(of: window.end)
        var out = style.bold("Busy time \(stamp(from)) – \(stamp(to)) (\(zone.identifier))")
            + ", \(fileCount) calendar\(fileCount == 1 ? "" : "s")\n\n"
        let unknownDays = BusyDay.days(of: unknown, window: window, zone: zone)
        for (index, day) in BusyDay.days(of: busy, window: window, zone: zone).enumerated() {
            let label = "\(weekdays[day.date.isoWeekday - 1]) \(day.date)"
            let weekend = day.date.isoWeekday >= 6
            let unknownSpans = index < unknownDays.count ? unknownDays[index].spans : []
            if day.spans.isEmpty && unknownSpans.isEmpty {
                out += (weekend ? style.dim(label) : label) + "  " + style.dim("free") + "\n"
            } else {
                // Busy and unknown spans never overlap: list them in order of time.
                let spans = (day.spans.map { ($0.start, "\(clock($0.start, day: day.date))–\(clock($0.end, day: day.date))") }
                    + unknownSpans.map { ($0.start, "unknown \(clock($0.start, day: day.date))–\(clock($0.end, day: day.date))") })
                    .sorted { $0.0 < $1.0 }.map(\.1)
                out += (weekend ? style.dim(label) : label) + "  " + spans.joined(separator: "  ") + "\n"
            }
        }
        let total = busy.reduce(Int64(0)) { $0 + $1.duration }
        out += "\n\(busy.count) busy interval\(busy.count == 1 ? "" : "s"), \(total / 3600) h \(pad2(total % 3600 / 60)) min in total"
        if !unknown.isEmpty {
            let unknownTotal = unknown.reduce(Int64(0)) { $0 + $1.duration }
            out += "; \(unknownTotal / 3600) h \(pad2(unknownTotal % 3600 / 60)) min unknown (not covered by a VFREEBUSY)"
        }
        out += ".\n"
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
