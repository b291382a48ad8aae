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

    /// The reading rules of the entries; a new version makes every older entry unreachable, so an entry
    /// written by an older reader (other revision or coverage rules) is never trusted. (v3: the binary
    /// entries of `encode`, which also carry their own `format`.)
    static let version = "v3"

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

    /// The cached result for `key`, with warnings re-attributed to `file`; nil for a missing,
    /// damaged, foreign or older-format entry (a miss, never a wrong answer: the caller reads the
    /// file again and stores a fresh entry over it).
    public func load(_ key: String, file: String) -> BusyTime? {
        guard let data = FileManager.default.contents(atPath: entryURL(key).path) else { return nil }
        return BusyCache.decode([UInt8](data), key: key, file: file)
    }

    /// Stores a result; a cache that cannot be written is silently skipped (it is only a cache).
    public func store(_ key: String, _ result: BusyTime) {
        try? AtomicFile.write(Data(BusyCache.encode(result, key: key)), to: entryURL(key))
    }

    private func entryURL(_ key: String) -> URL { folder.appendingPathComponent(key + ".busy") }

    // MARK: The entry format

    /// An entry is one file `<key>.busy`, little-endian, read in one go:
    ///
    ///     "CVBUSY" format:UInt16 key:64 bytes (the hex key, which names the content hash and the question)
    ///     busyCount:UInt32 unknownCount:UInt32 warningCount:UInt32
    ///     busy:    busyCount × (start:Int64 end:Int64)       seconds since 1970, start < end
    ///     unknown: unknownCount × (start:Int64 end:Int64)
    ///     warnings: warningCount × (line:Int64 (-1: none) length:UInt32 UTF-8 message)
    ///     SHA-256 of everything before it (32 bytes)
    ///
    /// Fixed-width intervals need no parsing; the digest and the key catch a torn, truncated or
    /// foreign file, the format number an entry of another layout.
    static let magic = Array("CVBUSY".utf8)
    static let format: UInt16 = 1

    static func encode(_ result: BusyTime, key: String) -> [UInt8] {
        var out = magic
        out.reserveCapacity(96 + 16 * (result.intervals.count + result.unknown.count))
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        put(format)
        out += Array(key.utf8)
        put(UInt32(result.intervals.count))
        put(UInt32(result.unknown.count))
        put(UInt32(result.warnings.count))
        for interval in result.intervals + result.unknown {
            put(interval.start.secondsSince1970)
            put(interval.end.secondsSince1970)
        }
        for warning in result.warnings {
            put(Int64(warning.line ?? -1))
            let message = Array(warning.message.utf8)
            put(UInt32(message.count))
            out += message
        }
        var hasher = SHA256()
        hasher.update(out)
        out += hasher.finalize()
        return out
    }

    static func decode(_ bytes: [UInt8], key: String, file: String) -> BusyTime? {
        let keyBytes = Array(key.utf8)
        let headerLength = magic.count + 2 + keyBytes.count + 12
        guard bytes.count >= headerLength + 32 else { return nil }
        let body = bytes[..<(bytes.count - 32)]
        var hasher = SHA256()
        hasher.update(body)
        guard hasher.finalize().elementsEqual(bytes[(bytes.count - 32)...]), body.starts(with: magic) else { return nil }
        var position = magic.count
        func take<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard position + MemoryLayout<T>.size <= body.count else { return nil }
            var value = T.zero
            for index in 0..<MemoryLayout<T>.size { value |= T(truncatingIfNeeded: body[position + index]) << (8 * index) }
            position += MemoryLayout<T>.size
            return value
        }
        guard take(UInt16.self) == format, body[position..<(position + keyBytes.count)].elementsEqual(keyBytes) else { return nil }
        position += keyBytes.count
        guard let busyCount = take(UInt32.self), let unknownCount = take(UInt32.self), let warningCount = take(UInt32.self),
              Int(busyCount) + Int(unknownCount) <= (body.count - position) / 16 else { return nil }
        func intervals(_ count: UInt32) -> [Interval]? {
            var result: [Interval] = []
            result.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let start = take(Int64.self), let end = take(Int64.self), start < end else { return nil }
                result.append(Interval(start: Instant(secondsSince1970: start), end: Instant(secondsSince1970: end)))
            }
            return result
        }
        guard let busy = intervals(busyCount), let unknown = intervals(unknownCount) else { return nil }
        var warnings: [Diagnostic] = []
        for _ in 0..<warningCount {
            guard let line = take(Int64.self), let length = take(UInt32.self), position + Int(length) <= body.count,
                  let message = String(validating: body[position..<(position + Int(length))], as: UTF8.self) else { return nil }
            position += Int(length)
            warnings.append(Diagnostic(file: file, line: line < 0 ? nil : Int(line), message))
        }
        guard position == body.count else { return nil }
        return BusyTime(intervals: busy, unknown: unknown, warnings: warnings)
    }
}
