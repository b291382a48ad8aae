import Foundation
import Testing
@testable import ICalendar

/// The pre-scan's repairs move the layout without a second scan (issue 16): what
/// `applyingRepairs` gives is what scanning the repaired bytes again gives.
@Suite struct ScannerRepairTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../CrossCheck/fixtures").standardizedFileURL

    /// The layout of a scan as plain values: per calendar begin, end and (line, offset, timezone) per child.
    func layout(_ result: ContentLineScanner.Result) -> [String] {
        result.calendars.map { calendar in
            "\(calendar.begin)-\(calendar.end): " + calendar.children.map { "\($0.line)@\($0.offset)\($0.isTimezone ? "z" : "")" }.joined(separator: ",")
        } + ["junk \(result.trailingJunk.map { "\($0.line)@\($0.offset)" } ?? "none")", "utf8 \(result.firstNonUTF8Line.map(String.init) ?? "ok")"]
    }

    /// Checks one text; returns whether it had repairs.
    @discardableResult
    func check(_ bytes: [UInt8], name: String) throws -> Bool {
        let scanner = ContentLineScanner(file: name)
        let first = try bytes.withUnsafeBufferPointer { (buffer) throws(CalendarError) in try scanner.scan(buffer) }
        guard !first.repairs.isEmpty else { return false }
        var repaired = bytes
        for repair in first.repairs.reversed() { repaired.replaceSubrange(repair.range, with: repair.bytes) }
        let again = try repaired.withUnsafeBufferPointer { (buffer) throws(CalendarError) in try scanner.scan(buffer) }
        let folded = try #require(first.applyingRepairs(), "\(name)")
        #expect(layout(folded) == layout(again), "\(name)")
        #expect(folded.repairs.isEmpty && folded.warnings.map(\.message) == first.warnings.map(\.message) && folded.ignoredEvents == first.ignoredEvents)
        return true
    }

    @Test func everyFixtureWithRepairs() throws {
        var repaired = 0
        for folder in [Self.fixtures, Self.fixtures.appendingPathComponent("quirks")] {
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".ics") {
                var bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
                if (try? check(bytes, name: file)) == true { repaired += 1 }
            }
        }
        #expect(repaired >= 8)
    }

    @Test func repairsThatGrowAndShrinkAcrossCalendarsAndJunk() throws {
        let one = calendar(event("DTSTART:20270419T080000Z\nDTEND: 20270419T090000Z \nEXDATE:  \nRRULE:")
                           + "\n" + event("DTSTART;VALUE=DATE:20270420Z\nDURATION:nonsense", uid: "e2@test"))
        let two = calendar(event("DTSTART:20270421T080000Z\nDTEND:2005\n RE\n TRY", uid: "e3@test"))
            .replacingOccurrences(of: "END:VCALENDAR", with: "END:VCALENDARD")
        try #require(try check(Array((one + two + "trailing junk\r\n").utf8), name: "grow-shrink.ics"))
    }

    @Test func aRepairOfTheFirstNonUTF8LineScansAgain() throws {
        var bytes = Array(calendar(event("DTSTART:20270419T080000Z\nDTEND:2027X\nSUMMARY:x")).utf8)
        let at = try #require(bytes.indices.first { bytes[$0] == UInt8(ascii: "X") })
        bytes[at] = 0xFF
        let scan = try bytes.withUnsafeBufferPointer { (buffer) throws(CalendarError) in try ContentLineScanner(file: "u.ics").scan(buffer) }
        #expect(!scan.repairs.isEmpty && scan.firstNonUTF8Line != nil)
        #expect(scan.applyingRepairs() == nil)
        // The reader then scans again: no warning about UTF-8 for a line it replaced.
        let result = try BusyTimeReader.read(CalendarSource(name: "u.ics", bytes: bytes), window: window("2027-04-19", "2027-04-20"), zone: berlin)
        #expect(!result.warnings.map(\.message).contains { $0.contains("UTF-8") })
    }
}
