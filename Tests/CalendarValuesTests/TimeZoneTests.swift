import Foundation
import Testing
@testable import CalendarValues

@Suite struct CalendarTimeZoneTests {
    @Test func missingZoneDataIsAnError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("convene-no-zoneinfo-\(getpid())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect {
            try CalendarTimeZone(identifier: "Europe/Berlin", zoneinfo: empty.path)
        } throws: { error in
            (error as? CalendarError)?.description == "\(empty.path): no time zone data: cannot load Europe/Berlin (install the tzdata package)"
        }
        #expect(throws: CalendarError.self) { try CalendarTimeZone(identifier: "UTC", zoneinfo: empty.path) }
    }

    @Test func unknownNamesAndPathsAreErrors() throws {
        for name in ["Mars/Olympus", "../../etc/passwd", "/usr/share/zoneinfo/Europe/Berlin", "Europe", "zone.tab",
                     "europe/berlin", "Europe/Berlin ", ""] {
            #expect(throws: CalendarError.self, "\(name)") { try CalendarTimeZone(identifier: name) }
        }
        #expect {
            try CalendarTimeZone(identifier: "Berlin")
        } throws: { error in
            (error as? CalendarError)?.description == "--tz: unknown time zone 'Berlin' (expected an IANA name such as Europe/Berlin)"
        }
    }

    @Test func utcAliasesNeedNoFile() throws {
        for name in ["UTC", "utc", "GMT", "Z", "Etc/UTC", "Etc/Zulu", "Universal"] {
            let zone = try CalendarTimeZone(identifier: name)
            #expect(zone.identifier == name)
            #expect(zone == (try CalendarTimeZone(identifier: "UTC")))
            #expect(zone.instant(for: LocalDateTime(iso: "2027-01-01")!).rfc3339 == "2027-01-01T00:00:00Z")
        }
        #expect(try CalendarTimeZone(identifier: "Europe/Berlin") != CalendarTimeZone(identifier: "UTC"))
        #expect(try CalendarTimeZone(identifier: "Europe/Berlin") == CalendarTimeZone(identifier: "Europe/Berlin"))
    }

    @Test func posixRules() throws {
        let berlin = try #require(PosixRule("CET-1CEST,M3.5.0,M10.5.0/3"))
        #expect(berlin.standardOffset == 3600)
        #expect(berlin.dst?.offset == 7200)
        // 2027: last Sunday of March at 02:00 CET, last Sunday of October at 03:00 CEST.
        #expect(berlin.transitions(in: 2027).map(\.0) == [Instant(rfc3339: "2027-03-28T01:00:00Z")!.secondsSince1970,
                                                         Instant(rfc3339: "2027-10-31T01:00:00Z")!.secondsSince1970])
        // Southern hemisphere, half-hour offsets: daylight saving spans the new year.
        let lordHowe = try #require(PosixRule("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"))
        #expect(lordHowe.offset(at: Instant(rfc3339: "2027-01-15T00:00:00Z")!.secondsSince1970) == 11 * 3600)
        #expect(lordHowe.offset(at: Instant(rfc3339: "2027-07-15T00:00:00Z")!.secondsSince1970) == 37_800)
        // No daylight saving; negative transition times; Julian days.
        #expect(PosixRule("<-03>3")?.offset(at: 0) == -3 * 3600)
        #expect(PosixRule("IST-5:30")?.offset(at: 0) == 19_800)
        let nuuk = try #require(PosixRule("<-02>2<-01>,M3.5.0/-1,M10.5.0/0"))
        #expect(nuuk.dst?.start.time == -3600)
        #expect(PosixRule("XXX3YYY,J60/2,J300/2")?.dst?.start.date(in: 2028) == LocalDate(year: 2028, month: 3, day: 1))
        #expect(PosixRule("XXX3YYY,59,300")?.dst?.start.date(in: 2028) == LocalDate(year: 2028, month: 2, day: 29))
        for bad in ["", "C", "CET", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.5.0", "CET-1CEST,M3.5.0,M10.5.0/3x", "<CET-1"] {
            #expect(PosixRule(bad) == nil, "\(bad)")
        }
    }

    @Test func tzifVersion1AndBrokenFiles() throws {
        let berlin = try #require(FileManager.default.contents(atPath: "/usr/share/zoneinfo/Europe/Berlin"))
        var bytes = [UInt8](berlin)
        #expect(TZif.parse(bytes) != nil)
        // The same file read as version 1 only: 32-bit transitions, no footer.
        bytes[4] = 0
        let v1 = try #require(TZif.parse(bytes))
        #expect(v1.footer == nil)
        #expect(v1.offset(at: Instant(rfc3339: "2027-07-01T00:00:00Z")!.secondsSince1970) == 7200)
        #expect(TZif.parse(Array(berlin.prefix(60))) == nil)
        #expect(TZif.parse(Array("TZif2 not really".utf8)) == nil)
        #expect(TZif.parse([]) == nil)
    }
}
