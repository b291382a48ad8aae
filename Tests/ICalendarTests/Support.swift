@testable import ICalendar

/// Builds a VCALENDAR around `body` with CRLF line endings.
func calendar(_ body: String, lineEnding: String = "\r\n") -> String {
    (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//convene tests//EN"] + body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } + ["END:VCALENDAR", ""])
        .joined(separator: lineEnding)
}

let berlin = try! CalendarTimeZone(identifier: "Europe/Berlin")

/// A window in Europe/Berlin local time.
func window(_ from: String, _ to: String, zone: CalendarTimeZone = berlin) -> Interval {
    Interval(start: zone.instant(for: LocalDateTime(iso: from)!), end: zone.instant(for: LocalDateTime(iso: to)!))
}

/// Busy intervals as `start/end` RFC 3339 pairs, for compact expectations.
func busy(_ text: String, from: String = "2027-01-01", to: String = "2028-01-01", zone: CalendarTimeZone = berlin) throws -> [String] {
    try BusyTimeReader.read(CalendarSource(name: "test.ics", bytes: Array(text.utf8)), window: window(from, to, zone: zone), zone: zone)
        .intervals.map { "\($0.start.rfc3339)/\($0.end.rfc3339)" }
}

func readError(_ text: String) -> CalendarError? {
    readError(bytes: Array(text.utf8))
}

func readError(bytes: [UInt8]) -> CalendarError? {
    do {
        _ = try BusyTimeReader.read(CalendarSource(name: "bad.ics", bytes: bytes), window: window("2027-01-01", "2028-01-01"), zone: berlin)
        return nil
    } catch {
        return error
    }
}

func event(_ lines: String, uid: String = "e1@test") -> String {
    "BEGIN:VEVENT\nUID:\(uid)\nDTSTAMP:20260101T000000Z\n\(lines)\nEND:VEVENT"
}
