import Dispatch
import Foundation
import Testing
@testable import ICalendar

/// One libical zone per distinct VTIMEZONE (issue 16): files that embed the same rules share a
/// zone expanded once; the answers are those of each file's own zone, also for years beyond what
/// the shared zone was expanded for, and also when many threads read at once.
@Suite struct SharedZoneTests {
    /// The file's own zone of `tzid` in a calendar holding `vtimezone` (freed with the returned document).
    func ownZone(_ vtimezone: String, tzid: String) throws -> (OpaquePointer, ParsedDocument) {
        let (document, _) = try ParsedDocument.load(CalendarSource(name: "zone.ics", bytes: Array(calendar(vtimezone).utf8)))
        let zone = try #require(document.embeddedZone(named: tzid))
        return (zone, document)
    }

    @Test func sameRulesShareOneZoneWhateverTheName() throws {
        let renamed = TimeZoneTests.outlookZone.replacingOccurrences(of: "TZID:W. Europe Standard Time", with: "TZID:Mitteleuropa\nX-LIC-LOCATION:Europe/Berlin")
        let (a, documentA) = try ownZone(TimeZoneTests.outlookZone, tzid: "W. Europe Standard Time")
        let (b, documentB) = try ownZone(renamed, tzid: "Mitteleuropa")
        let first = SharedZones.handle(for: a, expandingThrough: 2032)
        let second = SharedZones.handle(for: b, expandingThrough: 2040)
        #expect(first.shared == second.shared)
        #expect(first.shared != a && second.own == b)
        // The zone keeps the years it was first expanded for; other years use the file's own zone.
        #expect(first.years == second.years && first.years.lowerBound == SharedZones.trimYear)
        #expect(second.zone(forUTCYear: second.years.upperBound + 1) == b && second.zone(forUTCYear: 1969) == b)
        #expect(second.zone(forUTCYear: 2027) == first.shared)
        withExtendedLifetime((documentA, documentB)) {}
    }

    @Test func differentRulesDoNotShare() throws {
        let shifted = TimeZoneTests.outlookZone.replacingOccurrences(of: "TZOFFSETTO:+0100", with: "TZOFFSETTO:+0000")
            .replacingOccurrences(of: "TZOFFSETFROM:+0100", with: "TZOFFSETFROM:+0000")
        let (a, documentA) = try ownZone(TimeZoneTests.outlookZone, tzid: "W. Europe Standard Time")
        let (b, documentB) = try ownZone(shifted, tzid: "W. Europe Standard Time")
        #expect(SharedZones.handle(for: a, expandingThrough: 2032).shared != SharedZones.handle(for: b, expandingThrough: 2032).shared)
        withExtendedLifetime((documentA, documentB)) {}
    }

    @Test func sharedAndOwnZonesAgreeInEveryYear() throws {
        let (own, document) = try ownZone(TimeZoneTests.outlookZone, tzid: "W. Europe Standard Time")
        let (reference, referenceDocument) = try ownZone(TimeZoneTests.outlookZone, tzid: "W. Europe Standard Time")
        let handle = SharedZones.handle(for: own, expandingThrough: 2030)
        for year in [1602, 1900, 1965, 1969, 1970, 1971, 1999, 2027, 2030, 2031, 2036, 2038, 2100, 2399, 2400] {
            for (month, day, hour) in [(1, 15, 12), (3, 28, 1), (3, 28, 2), (3, 28, 3), (10, 31, 2), (10, 31, 3), (7, 1, 0)] {
                let wall = LocalDateTime(date: LocalDate(unchecked: year, month, day), hour: hour, minute: 30, second: 0)
                #expect(ZoneMath.instant(wall, in: handle) == ZoneMath.instant(wall, in: reference), "\(wall)")
                let instant = Instant(utc: wall)
                #expect(ZoneMath.local(instant, in: handle) == ZoneMath.local(instant, in: reference), "\(wall)")
            }
        }
        // Every hour around the onsets, in the first years of the trimmed rules and later.
        for year in [1970, 1971, 1972, 2027, 2036, 2037] {
            for month in [3, 10] {
                for day in 20...31 {
                    for hour in 0..<24 {
                        let wall = LocalDateTime(date: LocalDate(unchecked: year, month, day), hour: hour, minute: 30, second: 0)
                        #expect(ZoneMath.instant(wall, in: handle) == ZoneMath.instant(wall, in: reference), "\(wall)")
                        #expect(ZoneMath.local(Instant(utc: wall), in: handle) == ZoneMath.local(Instant(utc: wall), in: reference), "\(wall)")
                    }
                }
            }
        }
        withExtendedLifetime((document, referenceDocument)) {}
    }

    /// Many files with one VTIMEZONE read at once on every core, each asking for other years, give
    /// the answers of reading them one after another.
    @Test func filesReadInParallelAgreeWithSequentialReads() throws {
        let files = (0..<24).map { index -> CalendarSource in
            let year = 2026 + index % 12 * 3
            let body = TimeZoneTests.outlookZone + "\n"
                + event("DTSTART;TZID=W. Europe Standard Time:20270419T080000\nDTEND;TZID=W. Europe Standard Time:20270419T093000\n"
                        + "RRULE:FREQ=WEEKLY;COUNT=400", uid: "a\(index)@test")
                + "\n" + event("DTSTART;TZID=W. Europe Standard Time:\(year)1030T020000\nDTEND;TZID=W. Europe Standard Time:\(year)1031T023000", uid: "b\(index)@test")
            return CalendarSource(name: "f\(index).ics", bytes: Array(calendar(body).utf8))
        }
        let span = window("2026-01-01", "2062-01-01")
        let sequential = try files.map { try BusyTimeReader.read($0, window: span, zone: berlin).intervals }
        final class Box: @unchecked Sendable {
            var values: [[Interval]?]
            let lock = NSLock()
            init(_ count: Int) { values = Array(repeating: nil, count: count) }
        }
        let box = Box(files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let intervals = try? BusyTimeReader.read(files[index], window: span, zone: berlin).intervals
            box.lock.withLock { box.values[index] = intervals }
        }
        #expect(box.values.map { $0 ?? [] } == sequential)
        #expect(sequential.allSatisfy { $0.count == 401 })
    }
}

/// libical's built-in zones are one object per zone for the whole process, shared by every thread,
/// and extend their table of changes lazily for later years. libical 3.0.16 (Debian 12) holds its
/// `changes_mutex` from that extension through the search in both offset lookups, so threads that
/// keep asking about later years at once must still agree with the zoneinfo reading, year by year.
@Suite struct BuiltinZoneThreadTests {
    @Test func farFutureConversionsOnManyThreadsAgree() throws {
        let threads = 8
        let mismatches = Mismatches()
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            guard let zone = BuiltinZones.zone(named: "Europe/Berlin") else { return mismatches.add() }
            // Each thread walks up the years on its own stride, so the years asked keep rising
            // everywhere at once: libical rebuilds the table again and again while others read it.
            for year in stride(from: 2030 + thread, through: 2400, by: threads) {
                for month in [1, 7] {
                    let instant = Instant(utc: LocalDateTime(date: LocalDate(unchecked: year, month, 15), hour: 12, minute: 0, second: 0))
                    if ZoneMath.local(instant, in: zone) != berlin.localTime(of: instant) { mismatches.add() }
                }
            }
        }
        #expect(mismatches.count == 0)
    }

    private final class Mismatches: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func add() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }
}
