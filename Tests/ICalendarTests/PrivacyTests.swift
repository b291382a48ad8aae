import Testing
@testable import ICalendar

/// Only busy intervals leave the import step: a canary planted in every personal field must not
/// appear in results, warnings or errors.
@Suite struct PrivacyTests {
    static let canary = "CANARY-7f3a"

    static func planted(_ extra: String = "") -> String {
        calendar(event("""
            DTSTART;TZID=Europe/Berlin:20270419T080000
            DTEND;TZID=Europe/Berlin:20270419T100000
            SUMMARY:\(canary) summary
            DESCRIPTION:\(canary) description
            LOCATION:\(canary) location
            COMMENT:\(canary) comment
            ORGANIZER;CN=\(canary):mailto:\(canary)@example.org
            ATTENDEE;CN=\(canary);PARTSTAT=NEEDS-ACTION:mailto:\(canary)@example.org
            \(canary) BROKEN LINE
            ATTENDEE;CN="\(canary):mailto:x@example.org
            \(extra)
            """, uid: "\(canary)-uid"))
    }

    @Test func nothingButIntervalsLeave() throws {
        let result = try BusyTimeReader.read(CalendarSource(name: "p.ics", bytes: Array(PrivacyTests.planted().utf8)),
                                             window: window("2027-04-01", "2027-05-01"), zone: berlin)
        #expect(result.intervals.count == 1)
        #expect(!result.warnings.isEmpty)
        for text in result.warnings.map(\.description) + [String(describing: result)] {
            #expect(!text.contains(PrivacyTests.canary), "\(text)")
        }
        let ics = FreeBusyWriter.document(busy: result.intervals, window: window("2027-04-01", "2027-05-01"),
                                          stamp: Instant(rfc3339: "2027-04-01T00:00:00Z")!, uid: "x")
        #expect(!ics.contains(PrivacyTests.canary))
    }

    @Test func errorsDoNotQuoteContent() throws {
        let c = PrivacyTests.canary
        for extra in ["DTSTART:\(c)", "DURATION:\(c)", "RRULE:FREQ=\(c)", "EXDATE:2027\(c)", "RRULE:FREQ=DAILY;\(c)=1",
                      "DTSTART;TZID=\(c):20270419T080000"] {
            let result = try BusyTimeReader.read(CalendarSource(name: "p.ics", bytes: Array(PrivacyTests.planted(extra).utf8)),
                                                 window: window("2027-04-01", "2027-05-01"), zone: berlin)
            #expect(result.warnings.count >= 2, "\(extra)")
            for warning in result.warnings { #expect(!warning.description.contains(c), "\(warning)") }
        }
    }

    /// The canary in a TZID, a FREQ value and component names: in no output, warning or error.
    @Test func namesFromTheFileAreNeverQuoted() throws {
        let c = PrivacyTests.canary
        let warned = calendar("BEGIN:X-\(c)\nDTSTART:\(c)\nEND:X-\(c)\n"
                              + event("DTSTART;TZID=\(c)/Zone:20270419T080000\nDTEND;TZID=\(c)/Zone:20270419T090000\nRRULE:FREQ=\(c)", uid: "a")
                              + "\n" + event("DTSTART:20270420T080000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=2;\(c)=1", uid: "b"))
        let result = try BusyTimeReader.read(CalendarSource(name: "n.ics", bytes: Array(warned.utf8)),
                                             window: window("2027-04-01", "2027-05-01"), zone: berlin)
        #expect(result.intervals.map(\.description) == ["[2027-04-19T06:00:00Z, 2027-04-19T07:00:00Z)", "[2027-04-20T08:00:00Z, 2027-04-20T09:00:00Z)"])
        #expect(result.warnings.count == 4)
        for text in result.warnings.map(\.description) + [String(describing: result)] { #expect(!text.contains(c), "\(text)") }
        let errors = [
            calendar("BEGIN:X-\(c)\nBEGIN:VEVENT\nEND:X-\(c)\n" + event("DTSTART:20270419T080000Z")),
            "BEGIN:VCALENDAR\r\nBEGIN:X-\(c)\r\n",
            "BEGIN:VCALENDAR\r\nBEGIN:X-\(c)\r\nEND:VCALENDAR\r\n",
        ]
        // A misspelt END is a warning.
        let misspelt = try BusyTimeReader.read(CalendarSource(name: "e.ics", bytes: Array(calendar("BEGIN:VEVENT\nUID:x\nDTSTART:20270419T080000Z\nEND:\(c)").utf8)),
                                               window: window("2027-04-01", "2027-05-01"), zone: berlin)
        #expect(misspelt.warnings.map(\.description) == ["e.ics:7: END does not match the BEGIN:VEVENT at line 4; read as its END"])
        for text in errors {
            let error = readError(text)
            #expect(error != nil, "\(text)")
            #expect(error.map { !$0.description.contains(c) } == true, "\(String(describing: error))")
        }
    }
}
