/// One header field being written, folded at whitespace so lines stay within 78 characters where
/// the content allows (RFC 5322 §2.1.1, §2.2.3).
///
/// Content goes in as tokens that are joined by single spaces in the unfolded value; a fold puts
/// CRLF in front of such a space, so unfolding (removing the CRLF) restores the value exactly.
struct HeaderField {
    static let preferredLength = 78

    private(set) var text: String
    private var lineLength: Int

    init(_ name: String) {
        text = name + ":"
        lineLength = name.utf8.count + 1
    }

    /// Characters left on the current line after a separating space.
    var room: Int { Self.preferredLength - lineLength - 1 }

    /// The field with its final CRLF.
    var rendered: String { text + "\r\n" }

    /// Adds `token` after a space, folding first when it would not fit. That may fold right after
    /// the field name, which RFC 5322 allows (a value may start with FWS) and which is rare: the
    /// first encoded-word is cut to fit. An empty token is never folded before, so no
    /// continuation line is white space only.
    mutating func append(_ token: String) {
        let length = token.utf8.count
        if length > 0, lineLength + 1 + length > Self.preferredLength {
            text += "\r\n"
            lineLength = 0
        }
        text += " " + token
        lineLength += 1 + length
    }

    /// Adds text that may be shown to people (subject, display name, unstructured value): as it
    /// is when it is printable ASCII that folds within the line limit, else as RFC 2047
    /// encoded-words. The first word is cut to fit the current line (unless its first character
    /// does not fit there; then it starts on the next).
    mutating func appendText(_ value: String, context: EncodedWords.Context) {
        guard EncodedWords.needed(for: value) else {
            for word in value.split(separator: " ", omittingEmptySubsequences: false) { append(String(word)) }
            return
        }
        let first = room >= EncodedWords.minimumFirstLength ? min(room, EncodedWords.maximumLength) : EncodedWords.maximumLength
        for word in EncodedWords.encode(value, context: context, firstLength: first) { append(word) }
    }
}

/// RFC 2047 encoded-words (`=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=`) for non-ASCII header text.
///
/// Each word is at most 75 characters (§2) and holds whole characters (§5: a multi-octet character
/// may not be split across words); words are cut at grapheme-cluster boundaries where one fits,
/// else at Unicode scalars. Adjacent words are separated by a space, which decoders drop (§6.2).
enum EncodedWords {
    static let maximumLength = 75
    /// Below this the first word is not worth starting on the current line.
    static let minimumFirstLength = 24
    private static let overhead = "=?UTF-8?Q??=".utf8.count

    enum Context {
        /// Unstructured text (Subject, most X- headers): printable ASCII except `=`, `?`, `_` and
        /// space may stay literal (§4.2).
        case text
        /// A display name (`phrase`): only letters, digits and `!*+-/` stay literal (§5 rule 3).
        case phrase
    }

    /// True when `text` cannot go into a header as it is: non-ASCII or control characters, a `=?`
    /// that a decoder could take for an encoded-word, or a run without spaces too long to fold.
    static func needed(for text: String) -> Bool {
        var run = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte >= 0x80 || byte < 0x20 || byte == 0x7F { return true }
            if byte == UInt8(ascii: "?"), previous == UInt8(ascii: "=") { return true }
            run = byte == 0x20 ? 0 : run + 1
            if run > HeaderField.preferredLength - 2 { return true }
            previous = byte
        }
        return false
    }

    /// The encoded-words for `text`: Q when that is no longer than B (readable for mostly-Latin
    /// text), B otherwise (CJK, emoji).
    /// - Parameter firstLength: the length the first word may have (the rest of the current line).
    static func encode(_ text: String, context: Context, firstLength: Int) -> [String] {
        let bytes = Array(text.utf8)
        let qLength = bytes.reduce(0) { $0 + qWidth($1, context) }
        let bLength = (bytes.count + 2) / 3 * 4
        let base64 = bLength < qLength

        // Budget per word in octets of the raw UTF-8 (B) or characters of the Q payload.
        func budget(_ wordLength: Int) -> Int {
            base64 ? (wordLength - overhead) / 4 * 3 : wordLength - overhead
        }
        func cost(_ piece: [UInt8]) -> Int {
            base64 ? piece.count : piece.reduce(0) { $0 + qWidth($1, context) }
        }
        var words: [String] = []
        var payload: [UInt8] = []
        var used = 0
        var limit = budget(firstLength)
        func flush() {
            if !payload.isEmpty {
                words.append(base64 ? "=?UTF-8?B?" + TransferEncoding.base64(payload, folded: false) + "?="
                                    : "=?UTF-8?Q?" + q(payload, context) + "?=")
                payload.removeAll(keepingCapacity: true)
                used = 0
            }
            limit = budget(maximumLength)
        }
        for character in text {
            let piece = Array(character.utf8)
            let width = cost(piece)
            if used + width <= limit {
                payload += piece
                used += width
                continue
            }
            flush()
            if width <= limit {
                payload = piece
                used = width
                continue
            }
            // A grapheme cluster too long for one word (a long combining sequence): cut between
            // its scalars, which still keeps every UTF-8 sequence whole.
            for scalar in character.unicodeScalars {
                let scalarPiece = Array(String(scalar).utf8)
                let scalarWidth = cost(scalarPiece)
                if used + scalarWidth > limit { flush() }
                payload += scalarPiece
                used += scalarWidth
            }
        }
        flush()
        return words
    }

    private static func isLiteral(_ byte: UInt8, _ context: Context) -> Bool {
        switch context {
        case .text:
            return byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "=") && byte != UInt8(ascii: "?") && byte != UInt8(ascii: "_")
        case .phrase:
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"):
                return true
            default:
                return false
            }
        }
    }

    private static func qWidth(_ byte: UInt8, _ context: Context) -> Int {
        byte == 0x20 || isLiteral(byte, context) ? 1 : 3
    }

    private static func q(_ bytes: [UInt8], _ context: Context) -> String {
        var result = ""
        for byte in bytes {
            if byte == 0x20 {
                result += "_"
            } else if isLiteral(byte, context) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "=" + TransferEncoding.hex(byte)
            }
        }
        return result
    }
}
