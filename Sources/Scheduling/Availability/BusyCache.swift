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
    /// `folder.path`, once.
    let folderPath: String

    public init(folder: URL) {
        self.folder = folder
        folderPath = folder.path
    }

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
        guard let bytes = CacheFile.contents(of: folder.appendingPathComponent(BusyCache.indexName).path) else { return [:] }
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
        guard var reader = CacheReader(bytes, magic: indexMagic), reader.take(UInt16.self) == indexFormat,
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

    /// The cached result for `key`, with warnings re-attributed to `file`; nil for a missing,
    /// damaged, foreign or older-format entry (a miss, never a wrong answer: the caller reads the
    /// file again and stores a fresh entry over it).
    public func load(_ key: String, file: String) -> BusyTime? {
        guard let bytes = CacheFile.contents(of: entryPath(key)) else { return nil }
        return BusyCache.decode(bytes, key: key, file: file)
    }

    /// Stores a result; a cache that cannot be written is silently skipped (it is only a cache).
    public func store(_ key: String, _ result: BusyTime) {
        try? AtomicFile.write(Data(BusyCache.encode(result, key: key)), to: entryURL(key))
    }

    private func entryURL(_ key: String) -> URL { URL(fileURLWithPath: entryPath(key)) }

    /// `<folder>/<key>.busy` as a string: a URL built per entry cost more than reading it.
    private func entryPath(_ key: String) -> String { folderPath + "/" + key + ".busy" }

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
        withUnsafeBytes(of: format.littleEndian) { out.append(contentsOf: $0) }
        out += Array(key.utf8)
        appendRecord(result, to: &out)
        var hasher = SHA256()
        hasher.update(out)
        out += hasher.finalize()
        return out
    }

    static func decode(_ bytes: [UInt8], key: String, file: String) -> BusyTime? {
        guard var reader = CacheReader(bytes, magic: magic), reader.take(UInt16.self) == format, reader.text(key.utf8.count) == key,
              let busy = readRecord(&reader, file: file), reader.atEnd else { return nil }
        return busy
    }

    /// A result's record, as entries and the run snapshot hold it: `busyCount:UInt32 unknownCount:UInt32
    /// warningCount:UInt32`, the busy and unknown intervals, the warnings.
    static func appendRecord(_ result: BusyTime, to out: inout [UInt8]) {
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        put(UInt32(result.intervals.count))
        put(UInt32(result.unknown.count))
        put(UInt32(result.warnings.count))
        for interval in result.intervals { put(interval.start.secondsSince1970); put(interval.end.secondsSince1970) }
        for interval in result.unknown { put(interval.start.secondsSince1970); put(interval.end.secondsSince1970) }
        for warning in result.warnings {
            put(Int64(warning.line ?? -1))
            let message = Array(warning.message.utf8)
            put(UInt32(message.count))
            out += message
        }
    }

    /// Reads a record (`appendRecord`); its warnings name `file`. Nil when it is cut short or breaks a rule
    /// (an interval that does not start before it ends, text that is not UTF-8).
    static func readRecord(_ reader: inout CacheReader, file: String) -> BusyTime? {
        guard let busyCount = reader.take(UInt32.self), let unknownCount = reader.take(UInt32.self),
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
        return BusyTime(intervals: busy, unknown: unknown, warnings: warnings)
    }

    /// Steps over a record, checking only that its parts are there (the snapshot reads a record when it is asked for).
    static func skipRecord(_ reader: inout CacheReader) -> Bool {
        guard let busyCount = reader.take(UInt32.self), let unknownCount = reader.take(UInt32.self),
              let warningCount = reader.take(UInt32.self), reader.skip((Int(busyCount) + Int(unknownCount)) * 16) else { return false }
        for _ in 0..<warningCount {
            guard reader.skip(8), let length = reader.take(UInt32.self), reader.skip(Int(length)) else { return false }
        }
        return true
    }
}

// MARK: The last run's answers, in one file

extension BusyCache {
    /// What one question (window, zone, the events left out) last got for every calendar file of a run, in one file
    /// beside the entries, so a warm run reads one file instead of an entry per calendar (and hashes no key).
    /// The trust rules are the entries' and the index's, composed: a file whose size, mtime and inode are as
    /// recorded has the recorded content hash (the index's rule), and that content asked the same question has the
    /// recorded answer (the entries' rule: the key is the content hash and the question). Anything else is a miss
    /// that takes the path of index and entries; a damaged, truncated or foreign snapshot is no snapshot.
    struct RunSnapshot {
        /// One file's answer: its stamp and where its record starts in `bytes`.
        struct Entry {
            var stamp: Stamp
            var offset: Int
        }

        /// A request as the snapshot knows it.
        struct Name: Hashable {
            var path: String
            var countEverything: Bool
        }

        /// `"CVBRUN" format:UInt16 question:64 bytes (the hex SHA-256 of the question) count:UInt32`, then per file
        /// `countEverything:UInt8 size:Int64 modified:Int64 inode:UInt64 hash:64 bytes pathLength:UInt32 path` and its
        /// record (the entry format's counts, intervals and warnings), then the FNV-1a checksum of everything before
        /// it — sorted by path and mode, so the same answers are always the same bytes. The checksum guards against
        /// damage, as the entries' SHA-256 does (whoever can write the file could recompute either): FNV-1a is a
        /// bijection of its state per byte, so any one changed byte changes it for certain, anything else all but
        /// certainly — and it costs a tenth of hashing the file with SHA-256, which was a twentieth of a warm run.
        static let magic = Array("CVBRUN".utf8)
        static let format: UInt16 = 1

        let bytes: [UInt8]
        let bodyEnd: Int
        let entries: [Name: Entry]

        /// The snapshot's file for a question: `run-<its SHA-256>.bin`.
        static func fileName(question: String) -> String { "run-" + question + ".bin" }

        /// What a run asks of every file besides its content — the reading rules, the window, the zone and the
        /// events left out (a blackout calendar, which keeps everything, is asked with none: its mode says so) —
        /// as the SHA-256 of their text (which names the meeting's own UIDs: they stay out of the cache).
        static func question(window: Interval, zone: String, ignoring: UIDFilter) -> String {
            SHA256.hex(Array("\(BusyCache.version)|\(window.start.secondsSince1970)|\(window.end.secondsSince1970)|\(zone)|\(ignoring.cacheKey)".utf8))
        }

        init?(_ bytes: [UInt8], question: String) {
            guard var reader = CacheReader(checksummed: bytes, magic: Self.magic), reader.take(UInt16.self) == Self.format,
                  reader.text(question.utf8.count) == question,
                  let count = reader.take(UInt32.self), Int(count) <= reader.remaining / 105 else { return nil }
            var entries: [Name: Entry] = [:]
            entries.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let mode = reader.take(UInt8.self), mode <= 1, let size = reader.take(Int64.self),
                      let modified = reader.take(Int64.self), let inode = reader.take(UInt64.self), let hash = reader.text(64),
                      let pathLength = reader.take(UInt32.self), let path = reader.text(Int(pathLength)) else { return nil }
                let offset = reader.offset
                guard BusyCache.skipRecord(&reader) else { return nil }
                entries[Name(path: path, countEverything: mode == 1)] = Entry(stamp: Stamp(size: size, modified: modified, inode: inode, hash: hash),
                                                                               offset: offset)
            }
            guard reader.atEnd else { return nil }
            self.bytes = bytes
            bodyEnd = reader.bodyEnd
            self.entries = entries
        }

        /// The recorded answer for `name` when the file's stat is as recorded; warnings name `name.path`.
        func answer(_ name: Name, stat: FileStat) -> (Stamp, BusyTime)? {
            guard let entry = entries[name], entry.stamp.matches(stat) else { return nil }
            var reader = CacheReader(trusted: bytes, at: entry.offset, end: bodyEnd)
            guard let busy = BusyCache.readRecord(&reader, file: name.path) else { return nil }
            return (entry.stamp, busy)
        }

        static func encode(question: String, _ answers: [(Name, Stamp, BusyTime)]) -> [UInt8] {
            var out = magic
            func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
            put(format)
            out += Array(question.utf8)
            put(UInt32(answers.count))
            let sorted = answers.sorted { ($0.0.path, $0.0.countEverything ? 1 : 0) < ($1.0.path, $1.0.countEverything ? 1 : 0) }
            for (name, stamp, busy) in sorted {
                put(UInt8(name.countEverything ? 1 : 0))
                put(stamp.size)
                put(stamp.modified)
                put(stamp.inode)
                out += Array(stamp.hash.utf8)
                let path = Array(name.path.utf8)
                put(UInt32(path.count))
                out += path
                BusyCache.appendRecord(busy, to: &out)
            }
            withUnsafeBytes(of: CacheFile.checksum(out[...]).littleEndian) { out.append(contentsOf: $0) }
            return out
        }
    }

    /// The snapshot for `question`; nil when there is none or it cannot be trusted.
    func loadSnapshot(question: String) -> RunSnapshot? {
        guard let bytes = CacheFile.contents(of: folderPath + "/" + RunSnapshot.fileName(question: question)) else { return nil }
        return RunSnapshot(bytes, question: question)
    }

    /// Stores this run's answers for `question` (a cache that cannot be written is skipped).
    func storeSnapshot(question: String, _ answers: [(RunSnapshot.Name, Stamp, BusyTime)]) {
        let url = URL(fileURLWithPath: folderPath + "/" + RunSnapshot.fileName(question: question))
        try? AtomicFile.write(Data(RunSnapshot.encode(question: question, answers)), to: url)
    }
}
