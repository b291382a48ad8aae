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
    struct Stamp: Equatable {
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

        init(size: Int64, modified: Int64, inode: UInt64, hash: String) {
            self.size = size
            self.modified = modified
            self.inode = inode
            self.hash = hash
        }

        func matches(_ stat: FileStat) -> Bool { size == stat.size && modified == stat.modified && inode == stat.inode }
    }

    /// The index beside the entries. (Before: `index.json`, which a warm run spent more time decoding than
    /// reading every entry; an old one is removed by the next store and never read.)
    static let indexName = "index.bin"

    /// path → stamp, from `index.bin` beside the entries; empty for a missing, damaged or foreign index
    /// (then every file is read and hashed again: slower, never wrong).
    func loadIndex() -> [String: Stamp] {
        guard let bytes = BusyCache.contents(of: folder.appendingPathComponent(BusyCache.indexName).path) else { return [:] }
        return BusyCache.decodeIndex(bytes) ?? [:]
    }

    func storeIndex(_ index: [String: Stamp]) {
        try? AtomicFile.write(Data(BusyCache.encodeIndex(index)), to: folder.appendingPathComponent(BusyCache.indexName))
        unlink(folder.appendingPathComponent("index.json").path)
    }

    /// The index, little-endian, in one go:
    ///
    ///     "CVBIDX" format:UInt16 count:UInt32
    ///     count × (size:Int64 modified:Int64 inode:UInt64 hash:64 bytes (hex) pathLength:UInt32 UTF-8 path)
    ///     SHA-256 of everything before it (32 bytes)
    ///
    /// sorted by path, so the same index is always the same bytes.
    static let indexMagic = Array("CVBIDX".utf8)
    static let indexFormat: UInt16 = 1

    static func encodeIndex(_ index: [String: Stamp]) -> [UInt8] {
        var out = indexMagic
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        put(indexFormat)
        put(UInt32(index.count))
        for (path, stamp) in index.sorted(by: { $0.key < $1.key }) {
            put(stamp.size)
            put(stamp.modified)
            put(stamp.inode)
            out += Array(stamp.hash.utf8)
            let name = Array(path.utf8)
            put(UInt32(name.count))
            out += name
        }
        var hasher = SHA256()
        hasher.update(out)
        out += hasher.finalize()
        return out
    }

    static func decodeIndex(_ bytes: [UInt8]) -> [String: Stamp]? {
        guard var reader = EntryReader(bytes, magic: indexMagic), reader.take(UInt16.self) == indexFormat,
              let count = reader.take(UInt32.self), Int(count) <= reader.remaining / 92 else { return nil }
        var index: [String: Stamp] = [:]
        index.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let size = reader.take(Int64.self), let modified = reader.take(Int64.self), let inode = reader.take(UInt64.self),
                  let hash = reader.text(64), let length = reader.take(UInt32.self),
                  let path = reader.text(Int(length)) else { return nil }
            index[path] = Stamp(size: size, modified: modified, inode: inode, hash: hash)
        }
        guard reader.atEnd else { return nil }
        return index
    }

    /// A file's bytes through one open(2)/read(2) loop: no `Data` in between (a warm run reads an entry per calendar).
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size <= 1 << 30 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            filled += count
        }
        return bytes
    }

    /// The cached result for `key`, with warnings re-attributed to `file`; nil for a missing,
    /// damaged, foreign or older-format entry (a miss, never a wrong answer: the caller reads the
    /// file again and stores a fresh entry over it).
    public func load(_ key: String, file: String) -> BusyTime? {
        guard let bytes = BusyCache.contents(of: entryURL(key).path) else { return nil }
        return BusyCache.decode(bytes, key: key, file: file)
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
        guard var reader = EntryReader(bytes, magic: magic), reader.take(UInt16.self) == format, reader.text(key.utf8.count) == key,
              let busyCount = reader.take(UInt32.self), let unknownCount = reader.take(UInt32.self),
              let warningCount = reader.take(UInt32.self), Int(busyCount) + Int(unknownCount) <= reader.remaining / 16 else { return nil }
        func intervals(_ count: UInt32) -> [Interval]? {
            var result: [Interval] = []
            result.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let start = reader.take(Int64.self), let end = reader.take(Int64.self), start < end else { return nil }
                result.append(Interval(start: Instant(secondsSince1970: start), end: Instant(secondsSince1970: end)))
            }
            return result
        }
        guard let busy = intervals(busyCount), let unknown = intervals(unknownCount) else { return nil }
        var warnings: [Diagnostic] = []
        for _ in 0..<warningCount {
            guard let line = reader.take(Int64.self), let length = reader.take(UInt32.self), let message = reader.text(Int(length)) else { return nil }
            warnings.append(Diagnostic(file: file, line: line < 0 ? nil : Int(line), message))
        }
        guard reader.atEnd else { return nil }
        return BusyTime(intervals: busy, unknown: unknown, warnings: warnings)
    }
}

/// Reads a cache file's body (everything before its SHA-256, which must match, after `magic`) front to back;
/// every read checks the length left, so a short or foreign file gives nil, never a crash.
struct EntryReader {
    private let bytes: [UInt8]
    private let end: Int
    private var position: Int

    init?(_ bytes: [UInt8], magic: [UInt8]) {
        guard bytes.count >= magic.count + 32 else { return nil }
        end = bytes.count - 32
        var hasher = SHA256()
        hasher.update(bytes[..<end])
        guard hasher.finalize().elementsEqual(bytes[end...]), bytes[..<end].starts(with: magic) else { return nil }
        self.bytes = bytes
        position = magic.count
    }

    var remaining: Int { end - position }
    var atEnd: Bool { position == end }

    mutating func take<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard MemoryLayout<T>.size <= remaining else { return nil }
        var value = T.zero
        for index in 0..<MemoryLayout<T>.size { value |= T(truncatingIfNeeded: bytes[position + index]) << (8 * index) }
        position += MemoryLayout<T>.size
        return value
    }

    /// `count` bytes of UTF-8; nil when fewer are left or they are not UTF-8.
    mutating func text(_ count: Int) -> String? {
        guard count >= 0, count <= remaining,
              let text = String(validating: bytes[position..<(position + count)], as: UTF8.self) else { return nil }
        position += count
        return text
    }
}
