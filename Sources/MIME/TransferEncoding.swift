import Foundation

/// How a leaf part's body is written on the wire (RFC 2045 §6).
public enum TransferEncoding: Sendable {
    /// As it is: only for ASCII text with lines of at most 998 octets.
    case sevenBit
    /// Readable for mostly-ASCII text (RFC 2045 §6.7).
    case quotedPrintable
    /// For binary data and text that is mostly not ASCII (RFC 2045 §6.8).
    case base64

    /// The `Content-Transfer-Encoding` value.
    var headerValue: String {
        switch self {
        case .sevenBit: "7bit"
        case .quotedPrintable: "quoted-printable"
        case .base64: "base64"
        }
    }
}

// MARK: - Encoding

extension TransferEncoding {
    static let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, space: UInt8 = 0x20, tab: UInt8 = 0x09
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// The body in this encoding, lines separated by CRLF, without a line break after the last.
    /// - Parameter text: whether CRLF in `body` are line breaks of text (kept as hard breaks in
    ///   quoted-printable) rather than octets of binary data (encoded as `=0D=0A`).
    /// - Throws: `MailError` when `sevenBit` is asked of a body that is not 7-bit text.
    func encode(_ body: [UInt8], text: Bool) throws(MailError) -> [UInt8] {
        switch self {
        case .sevenBit:
            try Self.checkSevenBit(body)
            return body
        case .quotedPrintable:
            return Self.quotedPrintable(body, text: text)
        case .base64:
            return Array(Self.base64(body, folded: true).utf8)
        }
    }

    /// Text line ends to CRLF, the canonical form of text/* (RFC 2045 §6.7 rule 4, RFC 2046 §4.1.1):
    /// a LF not preceded by CR becomes CRLF.
    static func canonicalText(_ body: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(body.count + body.count / 32)
        var previous: UInt8 = 0
        for byte in body {
            if byte == lf, previous != cr { result.append(cr) }
            result.append(byte)
            previous = byte
        }
        return result
    }

    /// RFC 5322 §2.3 via RFC 2045 §2.7: ASCII without NUL, CR and LF only as CRLF, lines ≤ 998.
    static func checkSevenBit(_ body: [UInt8]) throws(MailError) {
        var lineLength = 0
        var index = 0
        while index < body.count {
            let byte = body[index]
            if byte == cr, index + 1 < body.count, body[index + 1] == lf {
                lineLength = 0
                index += 2
                continue
            }
            if byte >= 0x80 || byte == 0 || byte == cr || byte == lf {
                throw MailError("a 7bit part must be ASCII text with CRLF line breaks and no NUL; use quotedPrintable or base64")
            }
            lineLength += 1
            if lineLength > 998 {
                throw MailError("a 7bit part has a line longer than 998 octets; use quotedPrintable or base64")
            }
            index += 1
        }
    }

    /// Quoted-printable (RFC 2045 §6.7): printable ASCII but `=` literal, space and tab literal
    /// except before a line break, everything else `=XX`; encoded lines at most 76 characters,
    /// continued with a soft break `=`.
    static func quotedPrintable(_ body: [UInt8], text: Bool) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(body.count + body.count / 8 + 16)
        func isHardBreak(at index: Int) -> Bool {
            text && index + 1 < body.count && body[index] == cr && body[index + 1] == lf
        }
        var lineLength = 0
        var index = 0
        while index < body.count {
            if isHardBreak(at: index) {
                result += [cr, lf]
                lineLength = 0
                index += 2
                continue
            }
            let byte = body[index]
            let lineEnd = index + 1 == body.count || isHardBreak(at: index + 1)
            let literal = (byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "="))
                || ((byte == space || byte == tab) && !lineEnd)
            let width = literal ? 1 : 3
            // A soft break needs its own column: 75 before it, 76 for the last piece of a line.
            if lineLength + width > (lineEnd ? 76 : 75) {
                result += [UInt8(ascii: "="), cr, lf]
                lineLength = 0
            }
            if literal {
                result.append(byte)
            } else {
                result += [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
            lineLength += width
            index += 1
        }
        return result
    }

    /// Base64 (RFC 2045 §6.8) by Foundation's encoder; `folded`: CRLF after every 76 characters
    /// (bodies), else one line (encoded-words).
    static func base64(_ bytes: [UInt8], folded: Bool) -> String {
        let options: Data.Base64EncodingOptions = folded ? [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed] : []
        return Data(bytes).base64EncodedString(options: options)
    }

    /// Two upper-case hex digits.
    static func hex(_ byte: UInt8) -> String {
        String(decoding: [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]], as: UTF8.self)
    }
}
