// MARK: - Decoding (lenient, for mail written by other programs)

extension TransferEncoding {
    /// The body decoded by its `Content-Transfer-Encoding` value (case-insensitive). 7bit, 8bit,
    /// binary, a missing header and unknown encodings give the octets as they are.
    static func decode(_ body: ArraySlice<UInt8>, label: String?) -> [UInt8] {
        switch label?.lowercased() {
        case "quoted-printable": decodeQuotedPrintable(body)
        case "base64": decodeBase64(body)
        default: Array(body)
        }
    }

    /// Quoted-printable (RFC 2045 §6.7): `=XX` (either case), soft breaks `=` CRLF or `=` LF,
    /// trailing white space on a line dropped (rule 3: transports add it). A `=` that starts
    /// neither is kept as it is, as §6.7 suggests for robustness.
    static func decodeQuotedPrintable(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(body.count)
        var index = body.startIndex
        let end = body.endIndex
        /// The index after a line break at `position` (CRLF or LF), or nil.
        func lineBreak(at position: Int) -> Int? {
            if position < end, body[position] == lf { return position + 1 }
            if position + 1 < end, body[position] == cr, body[position + 1] == lf { return position + 2 }
            return nil
        }
        while index < end {
            let byte = body[index]
            if byte == UInt8(ascii: "=") {
                if index + 2 < end, let high = hexValue(body[index + 1]), let low = hexValue(body[index + 2]) {
                    result.append(high << 4 | low)
                    index += 3
                    continue
                }
                var after = index + 1
                while after < end, body[after] == space || body[after] == tab { after += 1 }
                if after == end {
                    index = end
                    continue
                }
                if let next = lineBreak(at: after) {
                    index = next
                    continue
                }
                result.append(byte)
                index += 1
            } else if byte == space || byte == tab {
                var after = index
                while after < end, body[after] == space || body[after] == tab { after += 1 }
                if after < end, lineBreak(at: after) == nil {
                    result += body[index..<after]
                }
                index = after
            } else {
                result.append(byte)
                index += 1
            }
        }
        return result
    }

    /// Base64 (RFC 2045 §6.8): characters outside the alphabet (line breaks, stray spaces) are
    /// skipped, decoding stops at the first `=`, a missing pad is tolerated.
    static func decodeBase64(_ body: some Sequence<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(body.underestimatedCount / 4 * 3)
        var group: UInt32 = 0
        var count = 0
        decoding: for byte in body {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="): break decoding
            default: continue
            }
            group = group << 6 | value
            count += 1
            if count == 4 {
                result += [UInt8(truncatingIfNeeded: group >> 16), UInt8(truncatingIfNeeded: group >> 8), UInt8(truncatingIfNeeded: group)]
                group = 0
                count = 0
            }
        }
        // A partial group: 2 characters carry one octet, 3 carry two.
        if count == 2 { result.append(UInt8(truncatingIfNeeded: group >> 4)) }
        if count == 3 { result += [UInt8(truncatingIfNeeded: group >> 10), UInt8(truncatingIfNeeded: group >> 2)] }
        return result
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
