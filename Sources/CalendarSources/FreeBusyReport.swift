import ConveneCore
import Dispatch
import Foundation
import ICalendar

/// `convene freebusy`: the busy time of calendar files in a window, and how it is shown to
/// people and to scripts.
public enum FreeBusyReport {
    /// What the files say about the window.
    public struct Result: Sendable, Equatable {
        /// Clipped to the window, sorted, overlapping and touching intervals merged.
        public var busy: [Interval]
        /// Not known to be free: what some file does not speak for (outside a VFREEBUSY's range),
        /// unless another file says it is busy. Sorted, merged, disjoint from `busy`.
        public var unknown: [Interval]
        /// Recoverable problems (the rest of the file was used), in file order.
        public var warnings: [Diagnostic]
        /// Files that could not be used; when there is any, the busy time is not to be shown.
        public var failures: [CalendarError]
    }

    /// Reads every source's busy time in `window` (times without a zone and all-day events in `zone`).
    public static func read(_ sources: [CalendarSource], window: Interval, zone: CalendarTimeZone) -> Result {
        combine(sources.map { source in Swift.Result { () throws(CalendarError) in try BusyTimeReader.read(source, window: window, zone: zone) } })
    }

    /// Reads and parses the files named on a command line a few at a time, on every core: each
    /// worker reads one file, keeps its busy time and lets the bytes go, so memory is bounded by the
    /// workers, not by the number of files. The answer is `read(CalendarSource.load(files), …)`'s.
    /// - Throws: the first file (in order) that cannot be read at all, as `CalendarSource.load` does.
    public static func read(_ files: [CalendarSource.Pending], window: Interval, zone: CalendarTimeZone) throws(CalendarError) -> (Result, fileCount: Int) {
        let outcomes = Outcomes(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let source: CalendarSource
            do throws(CalendarError) { source = try files[index].read() } catch {
                outcomes.set(index, .unreadable(error))
                return
            }
            do throws(CalendarError) {
                outcomes.set(index, .read(.success(try BusyTimeReader.read(source, window: window, zone: zone))))
            } catch {
                outcomes.set(index, .read(.failure(error)))
            }
        }
        var results: [Swift.Result<BusyTime, CalendarError>] = []
        for outcome in outcomes.all() {
            switch outcome {
            case .unreadable(let error): throw error
            case .read(let result): results.append(result)
            }
        }
        return (combine(results), results.count)
    }

    /// One file's outcome: it could not be read at all, or it was read (its busy time or why not).
    private enum Outcome: Sendable {
        case unreadable(CalendarError)
        case read(Swift.Result<BusyTime, CalendarError>)
    }

    /// Outcomes written from worker threads.
    private final class Outcomes: @unchecked Sendable {
        private var values: [Outcome?]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Outcome) { lock.withLock { values[index] = value } }
        func all() -> [Outcome] { lock.withLock { values.map { $0! } } }
    }

    /// The files' results in file order: busy merged; unknown unless another file says busy.
    private static func combine(_ results: [Swift.Result<BusyTime, CalendarError>]) -> Result {
        var result = Result(busy: [], unknown: [], warnings: [], failures: [])
        for outcome in results {
            switch outcome {
            case .success(let busy):
                result.warnings += busy.warnings
                result.busy += busy.intervals
                result.unknown += busy.unknown
            case .failure(let error):
                result.failures.append(error)
            }
        }
        result.busy = Interval.merged(result.busy)
        // Free means free in every file: what one file does not speak for is unknown, unless another says busy.
        result.unknown = Interval.subtracting(result.busy, from: result.unknown)
        return result
    }

    /// The contract shape on one line: `{"busy":[{"start":"…Z","end":"…Z"}],"unknown":[…],"warnings":N}`
    /// (`unknown` and `warnings` were added after `busy`; both are always present).
    public static func json(_ busy: [Interval], unknown: [Interval] = [], warnings: Int = 0) -> String {
        func list(_ intervals: [Interval]) -> JSON {
            .array(intervals.map { .object([("start", .string($0.start.rfc3339)), ("end", .string($0.end.rfc3339))]) })
        }
        return JSON.object([("busy", list(busy)), ("unknown", list(unknown)), ("warnings", .int(warnings))]).rendered()
    }

    /// One VCALENDAR with one VFREEBUSY for the window, to send instead of a whole calendar; the
    /// UID is derived from the window, never random.
    public static func ics(_ busy: [Interval], window: Interval, stamp: Instant) -> String {
        FreeBusyWriter.document(busy: busy, window: window, stamp: stamp, uid: "freebusy-\(window.start.rfc3339)-\(window.end.rfc3339)@convene")
    }

    /// A listing by local day: every day of the window, its busy spans or "free".
    /// Unknown time (outside what a VFREEBUSY speaks for) is listed after the busy spans of its day.
    public static func text(_ busy: [Interval], unknown: [Interval] = [], window: Interval, zone: CalendarTimeZone, fileCount: Int,
                            style: TextStyle) -> String {
        let from = zone.localTime(of: window.start)
        let to = zone.localTime(of: window.end)
        var out = style.bold("Busy time \(stamp(from)) – \(stamp(to)) (\(zone.identifier))")
            + ", \(fileCount) calendar\(fileCount == 1 ? "" : "s")\n\n"
        let unknownDays = BusyDay.days(of: unknown, window: window, zone: zone)
        for (index, day) in BusyDay.days(of: busy, window: window, zone: zone).enumerated() {
            let label = "\(day.date.weekday.englishAbbreviation) \(day.date)"
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
