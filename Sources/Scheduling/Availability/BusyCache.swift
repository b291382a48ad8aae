import CalendarValues
import ConveneCore
import Foundation

/// A cache of busy intervals keyed by the SHA-256 of a calendar file's content and the question
/// asked (window, zone, mode), so a rerun does not parse unchanged exports again; an index of
/// stat data (size, mtime, inode → hash) spares even reading and hashing unchanged files. It
/// stores busy and unknown intervals and privacy-safe warnings only — nothing else of a calendar.
public struct BusyCache: Sendable {
    /// `<workspace>/.convene/cache/busy`.
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// The format and reading rules of the entries; a new version makes every older entry unreachable, so
    /// an entry written by an older reader (other revision or coverage rules) is never trusted.
    static let version = "v2"

    /// The cache key: the SHA-256 of the file's content, and the question asked of it.
    public static func key(contentHash: String, window: Interval, zone: String, countEverything: Bool,
                           ignoring: UIDFilter = UIDFilter()) -> String {
        SHA256.hex(Array("\(contentHash)|\(version)|\(window.start.secondsSince1970)|\(window.end.secondsSince1970)|\(zone)|\(countEverything)|\(ignoring.cacheKey)".utf8))
    }

    /// What is known of a file without reading it: its stat data and content hash.
    struct Stamp: Codable, Equatable {
        var size: Int64
        var modified: Int64
        var inode: UInt64
        var hash: String

        init(stat: FileStat, hash: String) {
            size = stat.size
            modified = stat.modified
            inode = stat.inode
            self.hash = hash
        }

        func matches(_ stat: FileStat) -> Bool { size == stat.size && modified == stat.modified && inode == stat.inode }
    }

    /// path → stamp, from `index.json` beside the entries.
    func loadIndex() -> [String: Stamp] {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("index.json").path),
              let index = try? JSONDecoder().decode([String: Stamp].self, from: data) else { return [:] }
        return index
    }

    func storeIndex(_ index: [String: Stamp]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(index) else { return }
        try? AtomicFile.write(data, to: folder.appendingPathComponent("index.json"))
    }

    /// The cached result for `key`, with warnings re-attributed to `file`.
    public func load(_ key: String, file: String) -> BusyTime? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(key + ".json").path),
              let entry = try? JSONDecoder().decode(Entry.self, from: data) else { return nil }
        func intervals(_ pairs: [[Int64]]) -> [Interval]? {
            guard pairs.allSatisfy({ $0.count == 2 && $0[0] < $0[1] }) else { return nil }
            return pairs.map { Interval(start: Instant(secondsSince1970: $0[0]), end: Instant(secondsSince1970: $0[1])) }
        }
        // A damaged entry is a miss, never a wrong answer.
        guard let busy = intervals(entry.busy), let unknown = intervals(entry.unknown) else { return nil }
        return BusyTime(intervals: busy, unknown: unknown,
                        warnings: entry.warnings.map { Diagnostic(file: file, line: $0.line, $0.message) })
    }

    /// Stores a result; a cache that cannot be written is silently skipped (it is only a cache).
    public func store(_ key: String, _ result: BusyTime) {
        let entry = Entry(busy: result.intervals.map { [$0.start.secondsSince1970, $0.end.secondsSince1970] },
                          unknown: result.unknown.map { [$0.start.secondsSince1970, $0.end.secondsSince1970] },
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
        /// Time the file does not speak for (outside a VFREEBUSY's range).
        var unknown: [[Int64]]
        var warnings: [Warning]
    }
}
