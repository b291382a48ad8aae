import CalendarSources
import CalendarValues
import ConveneCore
import Foundation
import Testing
@testable import Scheduling

/// The busy cache (issue 16): binary entries checked by key, format and digest; a damaged, foreign
/// or older entry is a miss, and the loader reads the calendar again and stores a good entry over it.
@Suite struct BusyCacheTests {
    let window = Interval(start: Instant(secondsSince1970: 1_800_000_000), end: Instant(secondsSince1970: 1_802_419_200))
    let result = BusyTime(intervals: [Interval(start: Instant(secondsSince1970: 1_800_003_600), end: Instant(secondsSince1970: 1_800_007_200)),
                                      Interval(start: Instant(secondsSince1970: 1_800_090_000), end: Instant(secondsSince1970: 1_800_093_600))],
                          unknown: [Interval(start: Instant(secondsSince1970: 1_801_000_000), end: Instant(secondsSince1970: 1_801_003_600))],
                          warnings: [Diagnostic(file: "x.ics", line: 12, "DTEND: impossible date or time; ignored"),
                                     Diagnostic(file: "x.ics", line: nil, "content after END:VCALENDAR ignored")])

    private func withFolder(_ body: (BusyCache, URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-busycache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(BusyCache(folder: folder), folder)
    }

    private func key(_ hash: String = "abc") -> String {
        BusyCache.key(contentHash: hash, window: window, zone: "Europe/Berlin", countEverything: false)
    }

    @Test func roundTrip() throws {
        try withFolder { cache, _ in
            cache.store(key(), result)
            let loaded = try #require(cache.load(key(), file: "calendars/p.ics"))
            #expect(loaded.intervals == result.intervals)
            #expect(loaded.unknown == result.unknown)
            #expect(loaded.warnings.map(\.line) == [12, nil])
            #expect(loaded.warnings.map(\.message) == result.warnings.map(\.message))
            #expect(loaded.warnings.allSatisfy { $0.file == "calendars/p.ics" })
        }
    }

    @Test func damagedForeignAndOldEntriesAreMisses() throws {
        let good = BusyCache.encode(result, key: key())
        #expect(BusyCache.decode(good, key: key(), file: "p.ics") != nil)
        // Every single flipped byte (header, intervals, warnings, digest) is caught.
        for index in good.indices {
            var bad = good
            bad[index] ^= 0x01
            #expect(BusyCache.decode(bad, key: key(), file: "p.ics") == nil, "byte \(index)")
        }
        // Truncated anywhere, or with bytes appended.
        for length in stride(from: 0, to: good.count, by: 7) {
            #expect(BusyCache.decode(Array(good.prefix(length)), key: key(), file: "p.ics") == nil)
        }
        #expect(BusyCache.decode(good + [0], key: key(), file: "p.ics") == nil)
        // Another key's entry under this key's name.
        #expect(BusyCache.decode(BusyCache.encode(result, key: key("other")), key: key(), file: "p.ics") == nil)
        // Another format number, with a valid digest.
        var other = Array(good.dropLast(32))
        other[BusyCache.magic.count] = UInt8(BusyCache.format + 1)
        var hasher = SHA256()
        hasher.update(other)
        #expect(BusyCache.decode(other + hasher.finalize(), key: key(), file: "p.ics") == nil)
        // The JSON entry of the old format.
        let json = Array(#"{"busy":[[1800003600,1800007200]],"unknown":[],"warnings":[]}"#.utf8)
        #expect(BusyCache.decode(json, key: key(), file: "p.ics") == nil)
    }

    /// Through the loader: corrupt every entry and the index; the next run gives the same answer,
    /// read from the calendars again, and leaves good entries behind.
    @Test func corruptEntriesAreRebuiltNotTrusted() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convene-busycache-ws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try WorkspaceTemplate.create(at: root)
        try Data("""
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//test//EN\r
            BEGIN:VEVENT\r
            UID:a@test\r
            DTSTAMP:20260101T000000Z\r
            DTSTART;TZID=Europe/Berlin:20270419T083000\r
            DTEND;TZID=Europe/Berlin:20270419T090000\r
            END:VEVENT\r
            END:VCALENDAR\r

            """.utf8).write(to: root.appendingPathComponent("calendars/p.ics"))
        let workspace = try Workspace.load(at: root)
        let zone = try CalendarTimeZone(identifier: "Europe/Berlin")
        let loader = CalendarLoader(workspace: workspace, zone: zone, reader: CalendarFileReader())
        let request = CalendarLoader.Request(path: "calendars/p.ics", countEverything: false)
        let window = Interval(start: zone.instant(for: LocalDateTime(iso: "2027-04-19T00:00")!),
                              end: zone.instant(for: LocalDateTime(iso: "2027-04-20T00:00")!))
        let first = try #require(try loader.load([request], window: window)[request])
        #expect(first.intervals.count == 1)
        let folder = root.appendingPathComponent(".convene/cache/busy")
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".busy") }
        #expect(entries.count == 1)
        let entry = folder.appendingPathComponent(entries[0])
        // The run snapshot (one file of the last run's answers) would answer without reading the entry: without it,
        // the entry is what the next run meets. (The snapshot's own checks: `runSnapshotIsTrustedAsEntriesAre`.)
        let removeSnapshots = {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("run-") {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
        try removeSnapshots()
        // A wrong answer planted in the entry, its digest left as it was.
        var planted = [UInt8](try Data(contentsOf: entry))
        planted[BusyCache.magic.count + 2 + 64 + 12] ^= 0x10
        try Data(planted).write(to: entry)
        let second = try #require(try loader.load([request], window: window)[request])
        #expect(second.intervals == first.intervals)
        let rebuilt = [UInt8](try Data(contentsOf: entry))
        #expect(rebuilt != planted)
        #expect(BusyCache.decode(rebuilt, key: String(entries[0].dropLast(5)), file: "p.ics")?.intervals == first.intervals)
        // A damaged index is ignored too (the file is hashed again), and so is one whose digest was kept over a planted stamp.
        let indexFile = folder.appendingPathComponent(BusyCache.indexName)
        let goodIndex = [UInt8](try Data(contentsOf: indexFile))
        #expect(BusyCache.decodeIndex(goodIndex)?["calendars/p.ics"] != nil)
        var plantedIndex = goodIndex
        plantedIndex[BusyCache.indexMagic.count + 2 + 4 + 24] ^= 0x01
        #expect(BusyCache.decodeIndex(plantedIndex) == nil)
        #expect(BusyCache.decodeIndex(Array(goodIndex.dropLast())) == nil)
        try Data([0xFF, 0x00]).write(to: indexFile)
        #expect(BusyCache.decodeIndex([0xFF, 0x00]) == nil)
        try removeSnapshots()
        #expect(try loader.load([request], window: window)[request]?.intervals == first.intervals)
        #expect(BusyCache.decodeIndex([UInt8](try Data(contentsOf: indexFile))) == BusyCache.decodeIndex(goodIndex))
    }

    /// The run snapshot: the next run's answers come from it only for files whose stat is as recorded, asked the
    /// same question; a damaged, planted, cut or foreign snapshot is ignored (the entries answer) and rebuilt.
    @Test func runSnapshotIsTrustedAsEntriesAre() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convene-busycache-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try WorkspaceTemplate.create(at: root)
        func calendar(_ start: String) -> Data {
            Data("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a@test\r\nDTSTAMP:20260101T000000Z\r\n\(start)\r\nDURATION:PT30M\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        }
        let file = root.appendingPathComponent("calendars/p.ics")
        try calendar("DTSTART;TZID=Europe/Berlin:20270419T083000").write(to: file)
        let workspace = try Workspace.load(at: root)
        let zone = try CalendarTimeZone(identifier: "Europe/Berlin")
        let loader = CalendarLoader(workspace: workspace, zone: zone, reader: CalendarFileReader())
        let requests = [CalendarLoader.Request(path: "calendars/p.ics", countEverything: false),
                        CalendarLoader.Request(path: "calendars/p.ics", countEverything: true)]
        let window = Interval(start: zone.instant(for: LocalDateTime(iso: "2027-04-19T00:00")!),
                              end: zone.instant(for: LocalDateTime(iso: "2027-04-20T00:00")!))
        let first = try loader.load(requests, window: window)
        #expect(first[requests[0]]?.intervals.count == 1)
        let folder = root.appendingPathComponent(".convene/cache/busy")
        let question = BusyCache.RunSnapshot.question(window: window, zone: "Europe/Berlin", ignoring: UIDFilter())
        let snapshotFile = folder.appendingPathComponent(BusyCache.RunSnapshot.fileName(question: question))
        let good = [UInt8](try Data(contentsOf: snapshotFile))
        let snapshot = try #require(BusyCache.RunSnapshot(good, question: question))
        #expect(snapshot.entries.count == 2)
        // Warm: the same answers, and the snapshot as it was.
        let warm = try loader.load(requests, window: window)
        for request in requests { #expect(warm[request]?.intervals == first[request]?.intervals) }
        #expect([UInt8](try Data(contentsOf: snapshotFile)) == good)
        // Every flipped byte, a cut anywhere, a byte more, another question: no snapshot.
        for index in good.indices {
            var bad = good
            bad[index] ^= 0x01
            #expect(BusyCache.RunSnapshot(bad, question: question) == nil, "byte \(index)")
        }
        for length in stride(from: 0, to: good.count, by: 5) { #expect(BusyCache.RunSnapshot(Array(good.prefix(length)), question: question) == nil) }
        #expect(BusyCache.RunSnapshot(good + [0], question: question) == nil)
        #expect(BusyCache.RunSnapshot(good, question: question + "x") == nil)
        // A wrong answer planted, its digest left as it was: ignored, answered from the entries, rebuilt.
        var planted = good
        let firstInterval = BusyCache.RunSnapshot.magic.count + 2 + 64 + 4 + 1 + 24 + 64 + 4 + "calendars/p.ics".utf8.count + 12
        planted[firstInterval] ^= 0x10
        try Data(planted).write(to: snapshotFile)
        let replanted = try loader.load(requests, window: window)
        for request in requests { #expect(replanted[request]?.intervals == first[request]?.intervals) }
        #expect([UInt8](try Data(contentsOf: snapshotFile)) == good)
        // The file changed (another time, the same size): its stat differs, so it is read again, never answered
        // from the snapshot.
        try calendar("DTSTART;TZID=Europe/Berlin:20270419T103000").write(to: file)
        let changed = try loader.load(requests, window: window)
        #expect(changed[requests[0]]?.intervals.first?.start == zone.instant(for: LocalDateTime(iso: "2027-04-19T10:30")!))
        #expect(try #require(BusyCache.RunSnapshot([UInt8](try Data(contentsOf: snapshotFile)), question: question)).entries.count == 2)
        #expect([UInt8](try Data(contentsOf: snapshotFile)) != good)
    }
}
