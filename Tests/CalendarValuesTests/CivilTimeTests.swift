import Testing
@testable import CalendarValues

@Suite struct CivilTimeTests {
    @Test func roundTripsDaysSinceEpoch() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(LocalDate(year: 2027, month: 4, day: 19)!.isoWeekday == 1)
        #expect(LocalDate(year: 2027, month: 5, day: 6)!.isoWeekday == 4)
    }

    @Test func rejectsImpossibleDates() {
        #expect(LocalDate(year: 2027, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2028, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2025, month: 13, day: 1) == nil)
        #expect(LocalDate(iso: "2027-04-31") == nil)
        #expect(LocalDate(iso: "2027-4-3") == nil)
    }

    @Test func parsesCommandLineTimes() {
        #expect(LocalDateTime(iso: "2027-04-19")?.description == "2027-04-19T00:00:00")
        #expect(LocalDateTime(iso: "2027-04-19T08:30")?.description == "2027-04-19T08:30:00")
        #expect(LocalDateTime(iso: "2027-04-19T24:00") == nil)
        #expect(LocalDateTime(iso: "2027-04-19T08") == nil)
        #expect(LocalDateTime(iso: "19.04.2027") == nil)
    }

    @Test func parsesRFC3339() {
        #expect(Instant(rfc3339: "2027-04-19T06:00:00Z")?.rfc3339 == "2027-04-19T06:00:00Z")
        #expect(Instant(rfc3339: "2027-04-19T08:00:00+02:00")?.rfc3339 == "2027-04-19T06:00:00Z")
        #expect(Instant(rfc3339: "2027-04-19T06:00:00.250Z")?.rfc3339 == "2027-04-19T06:00:00Z")
        #expect(Instant(rfc3339: "2027-04-19 06:00") == nil)
    }

    @Test func mergesOverlappingAndTouchingIntervals() {
        func i(_ a: Int64, _ b: Int64) -> Interval { Interval(start: Instant(secondsSince1970: a), end: Instant(secondsSince1970: b)) }
        #expect(Interval.merged([i(5, 7), i(1, 3), i(3, 4), i(6, 9), i(10, 10), i(12, 13)]) == [i(1, 4), i(5, 9), i(12, 13)])
        #expect(Interval.merged([]) == [])
        #expect(i(1, 5).clipped(to: i(3, 10)) == i(3, 5))
        #expect(i(1, 3).clipped(to: i(3, 10)) == nil)
    }

    @Test func convertsAcrossDaylightSavingTime() throws {
        let berlin = try CalendarTimeZone(identifier: "Europe/Berlin")
        // 2027-03-28: 02:00 CET → 03:00 CEST; 2027-10-31: 03:00 CEST → 02:00 CET.
        #expect(berlin.instant(for: LocalDateTime(iso: "2027-03-28T01:00")!).rfc3339 == "2027-03-28T00:00:00Z")
        #expect(berlin.instant(for: LocalDateTime(iso: "2027-03-28T04:00")!).rfc3339 == "2027-03-28T02:00:00Z")
        #expect(berlin.instant(for: LocalDateTime(iso: "2027-10-31T04:00")!).rfc3339 == "2027-10-31T03:00:00Z")
        #expect(berlin.localTime(of: Instant(rfc3339: "2027-04-19T06:00:00Z")!).description == "2027-04-19T08:00:00")
    }

    @Test func unknownZonesAreErrors() throws {
        #expect(throws: CalendarError.self) { try CalendarTimeZone(identifier: "Mars/Olympus") }
        #expect(throws: CalendarError.self) { try CalendarTimeZone(identifier: "../../etc/passwd") }
        #expect(try CalendarTimeZone(identifier: "UTC").instant(for: LocalDateTime(iso: "2027-01-01")!).rfc3339 == "2027-01-01T00:00:00Z")
    }
}
