/// A mailbox for a header: an optional display name and an addr-spec (RFC 5322 §3.4).
///
/// Checked once, when made, so that writing it can never go wrong: the name may be any Unicode but
/// no control character (a CR or LF would let the value start a header of its own, e.g. `Bcc:`),
/// and the address must be a plain ASCII `local@domain`. Hence the read-only properties.
///
///     let organizer = try MailAddress(name: "Müller, Anna", address: "anna@ettlingen.example")
///     organizer.headerValue   // =?UTF-8?Q?M=C3=BCller=2C?= Anna <anna@ettlingen.example>
public struct MailAddress: Sendable, Equatable {
    /// The display name, any Unicode; nil (or empty) for a bare address.
    public private(set) var name: String?
    /// The addr-spec, `local@domain`, ASCII.
    public private(set) var address: String

    /// - Throws: `MailError` when the name holds a control character, or the address is not an
    ///   ASCII `local@domain` (one `@`, non-empty sides, no spaces, quotes, `<>`, commas or other
    ///   RFC 5322 specials, at most 254 characters).
    public init(name: String?, address: String) throws(MailError) {
        if let name { try MailError.checkHeaderText(name, "display name") }
        try Self.check(address: address)
        self.name = name
        self.address = address
    }

    /// The mailbox as a header value, unfolded: `a@b`, `Anna Schmidt <a@b>`,
    /// `"Schmidt, Anna" <a@b>` (quoted-string when the name has specials), or RFC 2047
    /// encoded-words for a name that is not plain ASCII.
    public var headerValue: String { tokens(isLast: true).joined(separator: " ") }

    /// The space-separated pieces of `headerValue`, the points where a header may fold; the last
    /// one carries the list's comma unless `isLast`.
    func tokens(isLast: Bool) -> [String] {
        let comma = isLast ? "" : ","
        guard let name, !name.isEmpty else { return [address + comma] }
        var tokens: [String] = []
        // Runs of words: those that need encoding become encoded-words, the others stay readable
        // (atoms, or a quoted-string when they hold specials). A space between an encoded-word and
        // plain text is kept by every decoder, while the space between two encoded-words is
        // dropped by RFC 2047 decoders and kept by some others (python's email, for display
        // names), so an encoded run is one encoded-word where it fits.
        let words = name.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var run: [String] = []
        var runEncoded = false
        func flush() {
            guard !run.isEmpty else { return }
            let text = run.joined(separator: " ")
            if runEncoded {
                tokens += EncodedWords.encode(text, context: .phrase, firstLength: EncodedWords.maximumLength)
            } else if Self.isPlainPhrase(text) {
                tokens += run
            } else {
                // Quoted-string (§3.2.4): backslash before `"` and `\`; folding inside it is allowed.
                var quoted = "\""
                for character in text {
                    if character == "\"" || character == "\\" { quoted.append("\\") }
                    quoted.append(character)
                }
                quoted.append("\"")
                tokens += quoted.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            }
            run.removeAll()
        }
        for word in words {
            let encoded = EncodedWords.needed(for: word) || word.isEmpty && runEncoded
            if !run.isEmpty && encoded != runEncoded { flush() }
            runEncoded = encoded
            run.append(word)
        }
        flush()
        tokens.append("<" + address + ">" + comma)
        return tokens
    }

    /// Appends the mailbox to `field`, folding between its tokens.
    func append(to field: inout HeaderField, isLast: Bool) {
        for token in tokens(isLast: isLast) { field.append(token) }
    }

    /// Words of atext separated by single spaces (§3.2.3): safe without quotes.
    private static func isPlainPhrase(_ name: String) -> Bool {
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        return words.allSatisfy { word in !word.isEmpty && word.utf8.allSatisfy(isAtext) }
    }

    /// `atext` of RFC 5322 §3.2.3: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
        }
    }

    private static func check(address: String) throws(MailError) {
        let shown = MailError.quoted(address)
        guard !address.isEmpty else { throw MailError("mail address is empty") }
        guard address.utf8.count <= 254 else {
            throw MailError("mail address \(shown) is longer than 254 characters")
        }
        var atSigns = 0
        for byte in address.utf8 {
            switch byte {
            case 0x0A, 0x0D:
                throw MailError("mail address \(shown) contains a line break")
            case 0..<0x20, 0x7F:
                throw MailError("mail address \(shown) contains a control character")
            case 0x80...:
                throw MailError("mail address \(shown) is not ASCII; internationalised addresses are not supported")
            case 0x20:
                throw MailError("mail address \(shown) contains a space")
            case UInt8(ascii: "@"):
                atSigns += 1
            default:
                // The other specials of RFC 5322 §3.2.3 would end or restructure the address.
                if "\"(),:;<>[\\]".utf8.contains(byte) {
                    throw MailError("mail address \(shown) contains \(MailError.quoted(String(UnicodeScalar(byte))))")
                }
            }
        }
        guard atSigns == 1 else { throw MailError("mail address \(shown) needs exactly one @") }
        guard !address.hasPrefix("@"), !address.hasSuffix("@") else {
            throw MailError("mail address \(shown) needs a local part and a domain around the @")
        }
    }
}
