import CalendarValues
import ConveneCore
import Foundation

extension LiveCalendarFetcher {
    /// A CalDAV collection for `window`: first its version token (PROPFIND getctag / sync-token /
    /// getetag, RFC 6578, calendarserver.org): when it is the one recorded for the same window and
    /// that answer is cached, nothing more is asked or parsed. Else a free-busy-query REPORT
    /// (RFC 4791 §7.10); where the server refuses it, a calendar-query time-range REPORT (§7.8) whose
    /// events are read by the same rules as files. With `read: events`, that calendar-query without a time
    /// range (every event; convene's rules decide what is busy in the window).
    func fetchCalDAV(_ url: URL, read: CalDAVReading, window: Interval, record: FetchRecord, cached: Bool) -> Answer {
        var version: String?
        switch exchange(url, method: "PROPFIND", headers: ["Depth": "0", "Content-Type": "application/xml; charset=utf-8"],
                        body: CalDAV.versionQuery) {
        case .failure(let failure): return .failed(problem(failure, url: url))
        case .success(let response):
            guard response.status == 207 else { return .failed(statusProblem(response.status, url: url)) }
            version = CalDAV.MultiStatus.parse(response.body)?.version
        }
        if cached, let version, version == record.version, record.covers == window, record.contentHash != nil {
            return .notModified
        }
        let validators = Validators(version: version)
        if read == .freeBusy {
            switch exchange(url, method: "REPORT", headers: ["Depth": "1", "Content-Type": "application/xml; charset=utf-8"],
                            body: CalDAV.freeBusyQuery(window)) {
            case .failure(let failure): return .failed(problem(failure, url: url))
            case .success(let response):
                let bytes = [UInt8](response.body)
                if response.status == 200, Self.isCalendar(bytes) {
                    return .content(normalizedFreeBusy(bytes, window: window), validators)
                }
            }
        }
        switch exchange(url, method: "REPORT", headers: ["Depth": "1", "Content-Type": "application/xml; charset=utf-8"],
                        body: CalDAV.calendarQuery(read == .freeBusy ? window : nil)) {
        case .failure(let failure): return .failed(problem(failure, url: url))
        case .success(let response):
            guard response.status == 207 else { return .failed(statusProblem(response.status, url: url)) }
            guard let answer = CalDAV.MultiStatus.parse(response.body) else { return .failed("the REPORT answer is not XML") }
            // One VCALENDAR per resource, in a stable order: the same events give the same content hash.
            let texts = answer.calendarData.sorted()
            guard texts.allSatisfy({ Self.isCalendar(Array($0.utf8)) }) else { return .failed("the REPORT answer holds data that is not iCalendar") }
            guard !texts.isEmpty else { return .content(Array(Self.emptyFreeBusy(window).utf8), validators) }
            return .content(Array(texts.joined(separator: "\r\n").utf8), validators)
        }
    }

    /// A free-busy answer in the standard shape: one VFREEBUSY whose DTSTART–DTEND is the window asked and
    /// whose FREEBUSY periods are the busy time. Radicale (before 3.2) answers with one VFREEBUSY per
    /// busy interval — DTSTART/DTEND and FBTYPE, no FREEBUSY property —, which read as they stand would
    /// say "busy time unknown outside these intervals, free inside": here the ranges those components
    /// speak for become the busy periods instead. (One component spanning the whole window is the standard
    /// answer for a window without busy time, and stays free.)
    func normalizedFreeBusy(_ bytes: [UInt8], window: Interval) -> [UInt8] {
        let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" })
        let components = lines.filter { $0.uppercased() == "BEGIN:VFREEBUSY" }.count
        let periods = lines.contains { line in
            let upper = line.uppercased()
            return upper.hasPrefix("FREEBUSY:") || upper.hasPrefix("FREEBUSY;")
        }
        guard components > 0, !periods,
              let read = try? reader.busyTime(of: CalendarSource(name: "caldav", bytes: bytes), window: window, zone: zone,
                                              countEverything: false, ignoring: UIDFilter()),
              !read.unknown.isEmpty else { return bytes }
        // A VFREEBUSY without periods that speaks for the whole window is the standard answer for a free window.
        let busy = Interval.subtracting(read.unknown, from: [window])
        return Array(Self.freeBusy(window, busy: busy).utf8)
    }

    static func emptyFreeBusy(_ window: Interval) -> String { freeBusy(window, busy: []) }

    /// A VCALENDAR with one VFREEBUSY for `window` holding `busy` (UTC, RFC 5545 §3.6.4).
    static func freeBusy(_ window: Interval, busy: [Interval]) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//convene//live calendars//EN", "BEGIN:VFREEBUSY",
                     "DTSTART:\(CalDAV.utc(window.start))", "DTEND:\(CalDAV.utc(window.end))"]
        lines += busy.map { "FREEBUSY;FBTYPE=BUSY:\(CalDAV.utc($0.start))/\(CalDAV.utc($0.end))" }
        lines += ["END:VFREEBUSY", "END:VCALENDAR"]
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
