import Testing
@testable import ICalendar

/// What a file speaks for: a VFREEBUSY only for its DTSTART–DTEND (RFC 5545 §3.6.4), events for all time.
@Suite struct CoverageTests {
    func read(_ text: String, _ from: String = "2027-04-19", _ to: String = "2027-04-26") throws -> BusyTime {
        try BusyTimeReader.read(CalendarSource(name: "fb.ics", bytes: Array(text.utf8)), window: window(from, to), zone: berlin)
    }

    func spans(_ intervals: [Interval]) -> [String] { intervals.map { "\($0.start.rfc3339)/\($0.end.rfc3339)" } }

    static func freeBusy(_ range: String, _ periods: String = "") -> String {
        "BEGIN:VFREEBUSY\nUID:fb@test\nDTSTAMP:20270401T000000Z\n\(range)\n\(periods)\nEND:VFREEBUSY"
    }

    @Test func outsideTheRangeIsUnknown() throws {
        let result = try read(calendar(Self.freeBusy("DTSTART:20270420T000000Z\nDTEND:20270422T000000Z",
                                                     "FREEBUSY:20270420T080000Z/PT1H")))
        #expect(spans(result.intervals) == ["2027-04-20T08:00:00Z/2027-04-20T09:00:00Z"])
        #expect(spans(result.unknown) == ["2027-04-18T22:00:00Z/2027-04-20T00:00:00Z", "2027-04-22T00:00:00Z/2027-04-25T22:00:00Z"])
    }

    @Test func severalRangesAreUnited() throws {
        let text = calendar(Self.freeBusy("DTSTART:20270419T000000Z\nDTEND:20270421T000000Z") + "\n"
                            + Self.freeBusy("DTSTART:20270420T000000Z\nDTEND:20270424T000000Z"))
        #expect(spans(try read(text).unknown) == ["2027-04-18T22:00:00Z/2027-04-19T00:00:00Z", "2027-04-24T00:00:00Z/2027-04-25T22:00:00Z"])
    }

    @Test func aRangeOpenOnOneSideRunsToTheWindow() throws {
        #expect(spans(try read(calendar(Self.freeBusy("DTSTART:20270421T000000Z"))).unknown) == ["2027-04-18T22:00:00Z/2027-04-21T00:00:00Z"])
        #expect(spans(try read(calendar(Self.freeBusy("DTEND:20270421T000000Z"))).unknown) == ["2027-04-21T00:00:00Z/2027-04-25T22:00:00Z"])
    }

    @Test func busyTimeIsNeverAlsoUnknown() throws {
        // A period outside the range (odd, but seen) is busy, not unknown.
        let result = try read(calendar(Self.freeBusy("DTSTART:20270420T000000Z\nDTEND:20270426T000000Z",
                                                     "FREEBUSY:20270419T080000Z/PT1H")))
        #expect(spans(result.intervals) == ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z"])
        #expect(spans(result.unknown) == ["2027-04-18T22:00:00Z/2027-04-19T08:00:00Z", "2027-04-19T09:00:00Z/2027-04-20T00:00:00Z"])
    }

    @Test func eventsAndRangelessVFreeBusySpeakForAllTime() throws {
        let withEvent = calendar(Self.freeBusy("DTSTART:20270420T000000Z\nDTEND:20270421T000000Z") + "\n"
                                 + event("DTSTART:20270422T080000Z\nDTEND:20270422T090000Z"))
        #expect(try read(withEvent).unknown == [])
        #expect(try read(calendar(Self.freeBusy("", "FREEBUSY:20270420T080000Z/PT1H"))).unknown == [])
        #expect(try read(calendar(event("DTSTART:20270422T080000Z\nDTEND:20270422T090000Z"))).unknown == [])
        #expect(try read(calendar("")).unknown == [])
    }

    @Test func subtracting() {
        func i(_ a: Int64, _ b: Int64) -> Interval { Interval(start: Instant(secondsSince1970: a), end: Instant(secondsSince1970: b)) }
        #expect(Interval.subtracting([i(2, 3), i(5, 6)], from: [i(0, 10)]) == [i(0, 2), i(3, 5), i(6, 10)])
        #expect(Interval.subtracting([i(0, 10)], from: [i(2, 3), i(5, 6)]) == [])
        #expect(Interval.subtracting([i(4, 7), i(6, 12)], from: [i(0, 5), i(8, 9), i(11, 20)]) == [i(0, 4), i(12, 20)])
        #expect(Interval.subtracting([], from: [i(3, 4), i(0, 1)]) == [i(0, 1), i(3, 4)])
    }
}
