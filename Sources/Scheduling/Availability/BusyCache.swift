import ConveneCore
import Foundation
import ICalendar

/// A cache of busy intervals keyed by the SHA-256 of a calendar file's content and the question
/// asked (window, zone, mode), so a rerun does not parse unchanged exports again. It stores busy
/// intervals and privacy-safe warnings only — nothing else of a calendar.
public struct BusyCache: Sendable {
    /// `<workspace>/.convene/cache/busy`.
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    public static func key(content: [UInt8], window: Interval, zone: String, countEverything: Bool) -> String {
        var hasher = SHA256()
        hasher.update(content)
        hasher.update(Array("|v1|\(window.start.secondsSince1970)|\(window.end.secondsSince1970)|\(zone)|\(countEverything)".utf8))
        return hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The cached result for `key`, with warnings re-attributed to `file`.
    public func load(_ key: String, file: String) -> BusyTime? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(key + ".json").path),
              let entry = try? JSONDecoder().decode(Entry.self, from: data) else { return nil }
        return BusyTime(intervals: entry.busy.map { Interval(start: Instant(secondsSince1970: $0[0]), end: Instant(secondsSince1970: $0[1])) },
                        warnings: entry.warnings.map { Diagnostic(file: file, line: $0.line, $0.message) })
    }

    /// Stores a result; a cache that cannot be written is silently skipped (it is only a cache).
    public func store(_ key: String, _ result: BusyTime) {
        let entry = Entry(busy: result.intervals.map { [$0.start.secondsSince1970, $0.end.secondsSince1970] },
                          warnings: result.warnings.map { Entry.Warning(line: $0.line, message: $0.message) })
        guard let data = try? JSONEncoder().encode(entry) else { return }
        try? AtomicFile.write(data, to: folder.appendingPathComponent(key + ".json"))
    }

    private struct Entry: Codable {
        struct Warning: Codable {
            var line: Int?
            var message: String
        }
        var busy: [[Int64]]
        var warnings: [Warning]
    }
}
