import Foundation
import Testing
@testable import ICalendar

/// Files in the shapes real producers write (issue 12), kept in `Tests/CrossCheck/fixtures/quirks/`
/// so the cross-check reads them too: lenient like the clients, loud unlike them — the busy time
/// is the best reading and every problem is one warning with file, line and kind.
@Suite struct ProducerQuirkTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../CrossCheck/fixtures/quirks").standardizedFileURL

    func read(_ name: String, tz: CalendarTimeZone = berlin) throws -> (busy: [String], warnings: [String]) {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let result = try BusyTimeReader.read(CalendarSource(name: name, bytes: bytes), window: window("2027-04-19", "2027-05-15", zone: tz), zone: tz)
        return (result.intervals.map { "\($0.start.rfc3339)/\($0.end.rfc3339)" }, result.warnings.map(\.description))
    }

    @Test func ical4jEmptyRDATEInAStrayDaylightBlock() throws {
        let name = "ical4j-empty-rdate-stray-daylight.ics"
        let result = try read(name)
        #expect(result.busy == ["2027-04-20T07:00:00Z/2027-04-20T08:00:00Z"])
        #expect(result.warnings == ["\(name):8: RDATE: empty value; ignored (in a component that is never busy)"])
    }

    @Test func googleBirthdayRDATEDateWithZ() throws {
        let name = "google-birthday-rdate-date-with-z.ics"
        let result = try read(name)
        #expect(result.busy == ["2027-04-20T22:00:00Z/2027-04-21T22:00:00Z", "2027-04-27T22:00:00Z/2027-04-28T22:00:00Z"])
        #expect(result.warnings == ["\(name):10: RDATE: a date written with a UTC 'Z'; read as the date"])
    }

    @Test func mozillaBadDTSTARTOnlyInAVTODO() throws {
        let name = "mozilla-bad-dtstart-in-vtodo.ics"
        let result = try read(name)
        #expect(result.busy == ["2027-04-21T08:00:00Z/2027-04-21T09:00:00Z"])
        #expect(result.warnings == ["\(name):7: DTSTART: not a valid date or date-time; ignored (in a component that is never busy)",
                                    "\(name):8: DUE: impossible date or time; ignored (in a component that is never busy)"])
    }

    @Test func appleTrailingSpaceAfterEXDATEAndTruncatedDTEND() throws {
        let name = "apple-exdate-trailing-space-truncated-dtend.ics"
        let result = try read(name)
        #expect(result.busy == ["2027-04-19T12:00:00Z/2027-04-19T13:00:00Z", "2027-04-21T12:00:00Z/2027-04-21T13:00:00Z",
                                "2027-04-22T12:00:00Z/2027-04-22T13:00:00Z", "2027-04-25T22:00:00Z/2027-04-26T22:00:00Z"])
        #expect(result.warnings == ["\(name):10: EXDATE: spaces around the value; read without them",
                                    "\(name):16: DTEND: not a valid date or date-time; ignored, the event lasts as if it had no DTEND"])
    }

    @Test func forceComLeadingSpaceInDTEND() throws {
        let name = "forcecom-leading-space-dtend.ics"
        let result = try read(name)
        #expect(result.busy == ["2027-04-22T07:00:00Z/2027-04-22T08:30:00Z"])
        #expect(result.warnings == ["\(name):8: DTEND: spaces around the value; read without them"])
    }

    @Test func webFeedDTENDNone() throws {
        let name = "webfeed-dtend-none.ics"
        let result = try read(name)
        // A DATE start lasts a day; with DURATION the event lasts DURATION.
        #expect(result.busy == ["2027-04-22T22:00:00Z/2027-04-23T22:00:00Z", "2027-04-24T10:00:00Z/2027-04-24T12:00:00Z"])
        #expect(result.warnings == ["\(name):8: DTEND: not a valid date or date-time; ignored, the event lasts as if it had no DTEND",
                                    "\(name):14: DTEND: not a valid date or date-time; ignored, the event lasts as if it had no DTEND"])
    }

    @Test func holidayFeedEmptyRRULE() throws {
        let name = "holidayfeed-empty-rrule.ics"
        let result = try read(name)
        #expect(result.busy == ["2027-04-30T22:00:00Z/2027-05-01T22:00:00Z"])
        #expect(result.warnings == ["\(name):9: RRULE: empty rule; ignored"])
    }

    @Test func negativeCOUNTOnATransparentEvent() throws {
        let name = "negative-count-transparent.ics"
        let result = try read(name)
        // The transparent series is not busy; the opaque one runs to UNTIL.
        #expect(result.busy == ["2027-04-19T07:00:00Z/2027-04-19T07:30:00Z", "2027-04-26T07:00:00Z/2027-04-26T07:30:00Z",
                                "2027-05-03T07:00:00Z/2027-05-03T07:30:00Z"])
        #expect(result.warnings == ["\(name):9: RRULE: negative COUNT left out", "\(name):17: RRULE: negative COUNT left out"])
    }

    @Test func misspeltFinalEND() throws {
        let name = "misspelt-final-end.ics"
        let result = try read(name)
        #expect(result.busy == ["2027-04-27T08:00:00Z/2027-04-27T09:00:00Z"])
        #expect(result.warnings == ["\(name):10: END does not match the BEGIN:VCALENDAR at line 1; read as its END"])
    }

    @Test func countWithUntilEndsAtWhicheverComesFirst() throws {
        let name = "count-and-until.ics"
        let result = try read(name)
        #expect(result.busy == ["2027-04-19T09:00:00Z/2027-04-19T10:00:00Z", "2027-04-20T09:00:00Z/2027-04-20T10:00:00Z",
                                "2027-04-21T09:00:00Z/2027-04-21T10:00:00Z", "2027-05-03T09:00:00Z/2027-05-03T10:00:00Z",
                                "2027-05-04T09:00:00Z/2027-05-04T10:00:00Z"])
        let both = "RRULE: both COUNT and UNTIL (RFC 5545 §3.3.10 allows one); the series ends at whichever comes first"
        #expect(result.warnings == ["\(name):9: \(both)", "\(name):16: \(both)"])
    }

    @Test func exchange2010EmptyTZIDMatchesTheVTIMEZONEWithEmptyTZID() throws {
        let name = "exchange2010-empty-tzid.ics"
        let result = try read(name)
        #expect(result.busy == ["2027-04-28T07:00:00Z/2027-04-28T09:00:00Z"])
        #expect(result.warnings == [])
        // The embedded zone, not --tz: the same answer in New York.
        #expect(try read(name, tz: CalendarTimeZone(identifier: "America/New_York")).busy == ["2027-04-28T07:00:00Z/2027-04-28T09:00:00Z"])
    }

    @Test func office365CustomizedTimeZone() throws {
        let name = "office365-customized-time-zone.ics"
        let result = try read(name)
        // The second event names a zone the file does not define: read in --tz, with a warning.
        #expect(result.busy == ["2027-04-29T07:00:00Z/2027-04-29T08:00:00Z", "2027-04-30T07:00:00Z/2027-04-30T08:00:00Z"])
        #expect(result.warnings == ["\(name):26: unknown time zone (no VTIMEZONE in the file and not an IANA or Windows zone name): its times are read in Europe/Berlin"])
        let newYork = try read(name, tz: CalendarTimeZone(identifier: "America/New_York"))
        #expect(newYork.busy == ["2027-04-29T07:00:00Z/2027-04-29T08:00:00Z", "2027-04-30T13:00:00Z/2027-04-30T14:00:00Z"])
    }
}
