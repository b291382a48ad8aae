/// Reads TZif files (RFC 8536), the compiled zones in /usr/share/zoneinfo: version 1's 32-bit
/// data, or for version 2 and later the 64-bit data and the footer's POSIX TZ rule.
enum TZif {
    /// The zone's rules, or `nil` for anything that is not a well-formed TZif file.
    static func parse(_ bytes: [UInt8]) -> ZoneRules? {
        guard let first = Header(bytes, at: 0) else { return nil }
        guard first.version >= 2 else {
            return block(bytes, header: first, at: Header.size, timeSize: 4, footer: nil)
        }
        // Skip the version 1 block; the 64-bit block follows with its own header.
        let secondStart = Header.size + first.blockSize(timeSize: 4)
        guard let second = Header(bytes, at: secondStart) else { return nil }
        let dataStart = secondStart + Header.size
        let footerStart = dataStart + second.blockSize(timeSize: 8)
        return block(bytes, header: second, at: dataStart, timeSize: 8, footer: footer(bytes, at: footerStart))
    }

    struct Header {
        static let size = 44
        var version: Int
        var isUTCCount, isStandardCount, leapCount, timeCount, typeCount, charCount: Int

        init?(_ bytes: [UInt8], at offset: Int) {
            guard bytes.count >= offset + Self.size, Array(bytes[offset..<offset + 4]) == Array("TZif".utf8) else { return nil }
            let v = bytes[offset + 4]
            version = v == 0 ? 1 : Int(v) - 48
            guard version >= 1 else { return nil }
            func count(_ index: Int) -> Int { Int(TZif.int32(bytes, at: offset + 20 + index * 4)) }
            isUTCCount = count(0)
            isStandardCount = count(1)
            leapCount = count(2)
            timeCount = count(3)
            typeCount = count(4)
            charCount = count(5)
            guard [isUTCCount, isStandardCount, leapCount, timeCount, typeCount, charCount].allSatisfy({ $0 >= 0 }),
                  typeCount >= 1 else { return nil }
        }

        func blockSize(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + charCount + leapCount * (timeSize + 4) + isStandardCount + isUTCCount
        }
    }

    private static func block(_ bytes: [UInt8], header: Header, at start: Int, timeSize: Int, footer: PosixRule?) -> ZoneRules? {
        guard bytes.count >= start + header.blockSize(timeSize: timeSize) else { return nil }
        let indicesStart = start + header.timeCount * timeSize
        let typesStart = indicesStart + header.timeCount
        var offsets: [Int64] = []
        for type in 0..<header.typeCount {
            offsets.append(Int64(int32(bytes, at: typesStart + type * 6)))
        }
        var transitions: [Int64] = [], transitionOffsets: [Int64] = []
        for index in 0..<header.timeCount {
            let time = timeSize == 8 ? int64(bytes, at: start + index * 8) : Int64(int32(bytes, at: start + index * 4))
            let type = Int(bytes[indicesStart + index])
            guard type < offsets.count, transitions.last.map({ $0 < time }) ?? true else { return nil }
            transitions.append(time)
            transitionOffsets.append(offsets[type])
        }
        return ZoneRules(transitions: transitions, offsets: transitionOffsets, initialOffset: offsets[0], footer: footer)
    }

    /// `\n<TZ string>\n` after the version 2+ data; an empty string means no rule.
    private static func footer(_ bytes: [UInt8], at start: Int) -> PosixRule? {
        guard start < bytes.count, bytes[start] == 0x0A,
              let end = bytes[(start + 1)...].firstIndex(of: 0x0A), end > start + 1 else { return nil }
        return PosixRule(String(decoding: bytes[(start + 1)..<end], as: UTF8.self))
    }

    static func int32(_ bytes: [UInt8], at offset: Int) -> Int32 {
        Int32(bitPattern: UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3]))
    }

    static func int64(_ bytes: [UInt8], at offset: Int) -> Int64 {
        Int64(bitPattern: UInt64(UInt32(bitPattern: int32(bytes, at: offset))) << 32 | UInt64(UInt32(bitPattern: int32(bytes, at: offset + 4))))
    }
}
