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

    @Test func errorsDoNotQuoteContent() {
        let c = PrivacyTests.canary
        for extra in ["DTSTART:\(c)", "DURATION:\(c)", "RRULE:FREQ=\(c)", "EXDATE:2027\(c)"] {
            let error = readError(PrivacyTests.planted(extra))
            #expect(error != nil)
            #expect(error.map { !$0.description.contains(PrivacyTests.canary) } == true, "\(String(describing: error))")
        }
    }
}
