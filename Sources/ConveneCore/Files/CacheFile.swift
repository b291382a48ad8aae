import CalendarValues
import Foundation

/// The binary files under `.convene/cache/` (the busy cache's entries, index and run snapshots; the loader's
/// snapshot of people.yaml): little-endian fixed-width numbers and length-prefixed UTF-8, a magic at the front
/// and a digest at the end. A cache file is only ever a shortcut: one that is missing, cut short, damaged or of
/// another format reads as nil, and the caller takes the long way (never a wrong answer, never a crash).
public enum CacheFile {
    /// A file's bytes through one open(2)/read(2) loop: no `Data` in between (a warm run reads many). Regular
    /// files of at most 1 GiB only; nil for anything else or any error.
    public static func contents(of path: String) -> [UInt8]? {
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

    /// FNV-1a (64 bits) of `bytes`: a bijection of its state per byte, so any one changed byte changes it for
    /// certain, anything else all but certainly — at a tenth of SHA-256's cost. It guards against damage only
    /// (as the SHA-256 of other cache files does: whoever can write the file could recompute either).
    public static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBufferPointer { buffer in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in buffer { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return hash
        }
    }
}

/// Builds a cache file: `magic`, then what is put, then `finished…`'s digest.
public struct CacheWriter {
    public private(set) var bytes: [UInt8]

    public init(magic: [UInt8], capacity: Int = 256) {
        bytes = magic
        bytes.reserveCapacity(capacity)
    }

    @inlinable
    public mutating func put<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { append($0) }
    }

    /// Raw bytes, no length (a fixed-width field such as a hex digest).
    public mutating func append<Bytes: Sequence>(_ raw: Bytes) where Bytes.Element == UInt8 { bytes.append(contentsOf: raw) }

    /// `length:UInt32` and the UTF-8 of `text`.
    public mutating func put(text: String) {
        put(UInt32(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }

    /// `present:UInt8` (0 or 1), then the text when there is one.
    public mutating func put(optional text: String?) {
        put(UInt8(text == nil ? 0 : 1))
        if let text { put(text: text) }
    }

    /// The file: everything put, followed by its SHA-256 (32 bytes).
    public func finishedWithSHA256() -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return bytes + hasher.finalize()
    }

    /// The file: everything put, followed by its FNV-1a checksum (8 bytes).
    public func finishedWithChecksum() -> [UInt8] {
        var out = bytes
        withUnsafeBytes(of: CacheFile.checksum(bytes[...]).littleEndian) { out.append(contentsOf: $0) }
        return out
    }
}

/// Reads a cache file's body (everything before its digest, which must match, after `magic`) front to back;
/// every read checks the length left, so a short or foreign file gives nil, never a crash.
public struct CacheReader {
    @usableFromInline let bytes: [UInt8]
    @usableFromInline let end: Int
    @usableFromInline var position: Int

    /// A reader of a body followed by its SHA-256 (32 bytes).
    public init?(_ bytes: [UInt8], magic: [UInt8]) {
        guard bytes.count >= magic.count + 32 else { return nil }
        end = bytes.count - 32
        var hasher = SHA256()
        hasher.update(bytes[..<end])
        guard hasher.finalize().elementsEqual(bytes[end...]), bytes[..<end].starts(with: magic) else { return nil }
        self.bytes = bytes
        position = magic.count
    }

    /// A reader of a body followed by its FNV-1a checksum (8 bytes, little-endian) instead of a SHA-256.
    public init?(checksummed bytes: [UInt8], magic: [UInt8]) {
        guard bytes.count >= magic.count + 8 else { return nil }
        end = bytes.count - 8
        let stored = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)) }
        guard CacheFile.checksum(bytes[..<end]) == stored, bytes[..<end].starts(with: magic) else { return nil }
        self.bytes = bytes
        position = magic.count
    }

    /// A reader at `position` of a body ending at `end` whose digest was checked already (a record of a run
    /// snapshot, read when it is asked for).
    public init(trusted bytes: [UInt8], at position: Int, end: Int) {
        self.bytes = bytes
        self.end = end
        self.position = min(position, end)
    }

    /// Where the next read starts.
    public var offset: Int { position }
    public var bodyEnd: Int { end }
    public var remaining: Int { end - position }
    public var atEnd: Bool { position == end }

    @inlinable
    public mutating func take<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard MemoryLayout<T>.size <= end - position else { return nil }
        let value = bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: T.self)) }
        position += MemoryLayout<T>.size
        return value
    }

    /// Moves on by `count` bytes; false when fewer are left.
    @inlinable
    public mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= end - position else { return false }
        position += count
        return true
    }

    /// `count` bytes of UTF-8; nil when fewer are left or they are not UTF-8.
    @inlinable
    public mutating func text(_ count: Int) -> String? {
        guard count >= 0, count <= end - position,
              let text = String(validating: bytes[position..<(position + count)], as: UTF8.self) else { return nil }
        position += count
        return text
    }

    /// A `put(text:)` field: its length, then the text.
    public mutating func text() -> String? {
        guard let length = take(UInt32.self) else { return nil }
        return text(Int(length))
    }

    /// A `put(optional:)` field; `.none` when it is cut short or its flag is neither 0 nor 1.
    public mutating func optionalText() -> String?? {
        switch take(UInt8.self) {
        case 0: return .some(nil)
        case 1: return text().map { .some($0) } ?? .none
        default: return .none
        }
    }
}
