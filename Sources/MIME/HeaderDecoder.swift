/// RFC 2047 decoding of header values, for `MailReader.decodeHeader`.
///
/// Adjacent encoded-words in one charset are joined as octets before decoding, so a character
/// that a careless encoder split across two words still comes out whole. Each scan from a `=?`
/// stops at the next `?` or white space, which keeps the whole pass linear.
enum HeaderDecoder {
    private static let space: UInt8 = 0x20, tab: UInt8 = 0x09, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    static func decode(_ value: String) -> String {
        let bytes = Array(value.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var whitespace: [UInt8] = []          // held back: dropped if an encoded-word follows one
        var pending: [UInt8] = []             // octets of adjacent encoded-words
        var pendingCharset: Charset?
        var afterEncodedWord = false

        func flushPending() {
            if let charset = pendingCharset { output += Array(charset.decodeLossy(pending).utf8) }
            pending.removeAll(keepingCapacity: true)
            pendingCharset = nil
        }

        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "="), let word = encodedWord(bytes, at: index) {
                if afterEncodedWord {
                    whitespace.removeAll() // §6.2: white space between adjacent encoded-words is ignored
                } else {
                    output += whitespace
                    whitespace.removeAll()
                }
                if pendingCharset != word.charset { flushPending() }
                pendingCharset = word.charset
                pending += word.octets
                afterEncodedWord = true
                index = word.end
                continue
            }
            if byte == cr || byte == lf {
                index += 1 // unfolding: the line break goes, the white space after it stays
                continue
            }
            if byte == space || byte == tab {
                whitespace.append(byte)
                index += 1
                continue
            }
            flushPending()
            output += whitespace
            whitespace.removeAll()
            output.append(byte)
            afterEncodedWord = false
            index += 1
        }
        flushPending()
        output += whitespace
        return String(decoding: output, as: UTF8.self)
    }

    /// `=?charset?Q|B?text?=` at `start` (RFC 2047 §2; a `*language` suffix of RFC 2231 §5 is
    /// ignored), or nil when it is not one or its charset is unknown.
    private static func encodedWord(_ bytes: [UInt8], at start: Int) -> (charset: Charset, octets: [UInt8], end: Int)? {
        guard start + 1 < bytes.count, bytes[start + 1] == UInt8(ascii: "?") else { return nil }
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "?"), bytes[index] > space, bytes[index] < 0x7F { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "?"), index > charsetStart else { return nil }
        let label = String(decoding: bytes[charsetStart..<index], as: UTF8.self).split(separator: "*", maxSplits: 1).first.map(String.init) ?? ""
        guard let charset = Charset(label: label) else { return nil }
        guard index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "?") else { return nil }
        let encoding = bytes[index + 1] | 0x20 // lower case
        guard encoding == UInt8(ascii: "q") || encoding == UInt8(ascii: "b") else { return nil }
        index += 3
        let textStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "?"), bytes[index] > space, bytes[index] < 0x7F { index += 1 }
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "?"), bytes[index + 1] == UInt8(ascii: "=") else { return nil }
        let text = bytes[textStart..<index]
        let octets = encoding == UInt8(ascii: "b") ? TransferEncoding.decodeBase64(text) : qDecoded(text)
        return (charset, octets, index + 2)
    }

    /// The Q encoding (§4.2): `_` is a space, `=XX` an octet, anything else itself.
    private static func qDecoded(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "_") {
                result.append(space)
            } else if byte == UInt8(ascii: "="), index + 2 < text.endIndex,
                      let high = TransferEncoding.hexValue(text[index + 1]), let low = TransferEncoding.hexValue(text[index + 2]) {
                result.append(high << 4 | low)
                index += 3
                continue
            } else {
                result.append(byte)
            }
            index += 1
        }
        return result
    }
}
