import Foundation
import Testing
@testable import CalendarValues
@testable import ICalendar

/// CalendarValues' pure-Swift zones (TZif + POSIX footer) against two implementations that read
/// the same /usr/share/zoneinfo files (tzdata 2025b on Debian 12): libical 3.0.16's built-in zones
/// (what ICalendar parses with) and swift-corelibs-foundation's `TimeZone` (CFTimeZone). Every
/// hour from 1970 to 2100 (every fourth also read back as wall clock), and every 15 minutes of wall clock around each transition
/// (gaps, folds, Lord Howe's 30-minute shift).
@Suite struct ZoneAgreementTests {
    static let zones = ["Europe/Berlin", "Europe/London", "America/New_York", "Australia/Lord_Howe",
                        "America/Sao_Paulo", "Asia/Kolkata"]

    /// Where libical 3.0.16 contradicts the tz data (zdump and Foundation agree with each other and
    /// with CalendarValues there), as half-open spans: London's winter 1977/78 keeps BST; São Paulo
    /// keeps −02 from the end of DST in February 2014 to its start in October; from 2038, past the
    /// 32-bit data libical reads, Lord Howe's October change comes 12 hours late.
    static func libicalErrors(_ zone: String) throws -> [Interval] {
        func span(_ from: String, _ to: String) -> Interval { Interval(start: Instant(rfc3339: from)!, end: Instant(rfc3339: to)!) }
        switch zone {
        case "Europe/London": return [span("1977-10-23T02:00:00Z", "1978-03-19T02:00:00Z")]
        case "America/Sao_Paulo": return [span("2014-02-16T02:00:00Z", "2014-10-19T03:00:00Z")]
        case "Australia/Lord_Howe":
            // The DST start (first Sunday of October, 02:00 +10:30) and the 12 hours after it.
            let lordHowe = try CalendarTimeZone(identifier: zone)
            return (2038...2100).map { year in
                var day = LocalDate(year: year, month: 10, day: 1)!
                while day.weekday != .sunday { day = day.adding(days: 1) }
                let start = lordHowe.instant(for: LocalDateTime(date: day, hour: 2))
                return Interval(start: start, end: start + 12 * 3600)
            }
        default: return []
        }
    }

    @Test(arguments: zones)
    func agreesWithLibicalAndFoundationHourByHour(_ name: String) throws {
        let zone = try CalendarTimeZone(identifier: name)
        let libical = try #require(BuiltinZones.zone(named: name))
        let foundation = try #require(TimeZone(identifier: name))
        let start = Instant(rfc3339: "1970-01-01T00:00:00Z")!, end = Instant(rfc3339: "2101-01-01T00:00:00Z")!
        let errors = try Self.libicalErrors(name)
        // libical's wall-clock conversion (ZoneMath) probes a day either side: keep two days away.
        func nearError(_ wall: LocalDateTime) -> Bool {
            let around = Interval(start: Instant(secondsSince1970: wall.wallSeconds - 2 * 86_400),
                                  end: Instant(secondsSince1970: wall.wallSeconds + 2 * 86_400))
            return errors.contains { $0.overlaps(around) }
        }
        var foundationMismatches: [String] = [], libicalMismatches: [String] = [], libicalRight: [String] = []
        var wallMismatches: [String] = []
        var transitions: [Instant] = []
        var previousOffset: Int64?
        var instant = start
        while instant < end {
            let offset = zone.utcOffset(at: instant)
            if offset != Int64(foundation.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.secondsSince1970)))) {
                foundationMismatches.append(instant.rfc3339)
            }
            let libicalWrong = errors.contains { $0.start <= instant && instant < $0.end }
            let libicalAgrees = zone.localTime(of: instant) == ZoneMath.local(instant, in: libical)
            if !libicalAgrees && !libicalWrong { libicalMismatches.append(instant.rfc3339) }
            if libicalAgrees && libicalWrong { libicalRight.append(instant.rfc3339) }
            if let previousOffset, previousOffset != offset { transitions.append(instant) }
            previousOffset = offset
            // Every fourth hour read as a wall-clock time too (transitions are covered densely below).
            let wall = instant.utc
            if wall.hour % 4 == 1 && !nearError(wall) && zone.instant(for: wall) != ZoneMath.instant(wall, in: libical) {
                wallMismatches.append(wall.description)
            }
            instant = instant + 3600
        }
        #expect(foundationMismatches.isEmpty, "offset differs from Foundation at \(foundationMismatches.prefix(5))")
        #expect(libicalMismatches.isEmpty, "instant → wall clock differs from libical at \(libicalMismatches.prefix(5))")
        #expect(libicalRight.isEmpty, "libical is right after all at \(libicalRight.prefix(5)): update libicalErrors")
        #expect(wallMismatches.isEmpty, "wall clock → instant differs from libical at \(wallMismatches.prefix(5))")

        var nearTransitions: [String] = []
        for transition in transitions {
            let around = zone.localTime(of: transition)
            for step in -16...16 {
                let wall = LocalDateTime(wallSeconds: around.wallSeconds + Int64(step) * 900)
                if nearError(wall) { continue }
                if zone.instant(for: wall) != ZoneMath.instant(wall, in: libical) || zone.exists(wall) != ZoneMath.exists(wall, in: libical) {
                    nearTransitions.append(wall.description)
                }
            }
        }
        #expect(nearTransitions.isEmpty, "around transitions, wall clock → instant differs at \(nearTransitions.prefix(5))")
        if name == "Asia/Kolkata" { #expect(transitions.isEmpty) } else { #expect(transitions.count > 20) }
    }

    @Test func gapUsesTheOffsetFromBeforeAndFoldTheFirstOccurrence() throws {
        let berlin = try CalendarTimeZone(identifier: "Europe/Berlin")
        // 28 March 2027, 02:30 does not exist: read with CET (+01:00), as if the clock had not moved.
        let gap = LocalDateTime(iso: "2027-03-28T02:30")!
        #expect(berlin.instant(for: gap).rfc3339 == "2027-03-28T01:30:00Z")
        #expect(!berlin.exists(gap))
        // 31 October 2027, 02:30 happens twice: the first one, still CEST (+02:00).
        #expect(berlin.instant(for: LocalDateTime(iso: "2027-10-31T02:30")!).rfc3339 == "2027-10-31T00:30:00Z")
        #expect(berlin.utcOffset(at: Instant(rfc3339: "2027-07-01T00:00:00Z")!) == 7200)
    }

    @Test func farFutureYearsFollowTheFooterRule() throws {
        let berlin = try CalendarTimeZone(identifier: "Europe/Berlin")
        let libical = try #require(BuiltinZones.zone(named: "Europe/Berlin"))
        for text in ["2399-07-01T12:00", "2401-03-26T02:30", "2750-10-27T02:30", "9999-12-31T23:00"] {
            let wall = LocalDateTime(iso: text)!
            #expect(berlin.instant(for: wall) == ZoneMath.instant(wall, in: libical), "\(text)")
        }
    }
}
