/// One leaf part of a message read by `MailReader`.
public struct MailPart: Sendable {
    /// Lower-cased `type/subtype`; `text/plain` when the part has no (or an unreadable) Content-Type.
    public var contentType: String
    /// The Content-Type parameters, keys lower-cased, values unquoted (RFC 2231 forms decoded).
    public var parameters: [String: String]
    /// From Content-Disposition `filename`, else Content-Type `name`; encoded-words decoded.
    public var filename: String?
    /// The body with its transfer encoding undone.
    public var body: [UInt8]
    /// The From address (lower-cased) of the message holding the part, if it has one.
    public var sender: String? = nil
}

/// Reads mail as people forward or save it (`.eml`, mbox excerpts, "forward as attachment"), for
/// `convene rsvp`: finds the parts, undoes transfer encodings, picks out the iCalendar.
///
/// Lenient where mail clients differ (bare-LF line ends, a missing closing boundary, a part without
/// a blank line after its headers), strict where a wrong answer would be worse than none (nesting
/// deeper than 32, calendar text that is not valid in its charset). Linear in the input: every
/// level of nesting scans its own bytes once.
public enum MailReader {
    /// How deep multiparts and attached messages may nest.
    public static let maximumDepth = 32

    /// Every leaf part, depth-first, transfer-decoded (7bit, 8bit, binary, quoted-printable,
    /// base64, case-insensitive). A message that is not MIME is one text/plain part; a
    /// message/rfc822 part is read as the message it holds.
    /// - Throws: `MailError` when the data does not start with a header field, or nests too deep.
    public static func parts(of data: [UInt8]) throws(MailError) -> [MailPart] {
        var result: [MailPart] = []
        try MIMEParser.collect(data[...], depth: 0, isMessage: true, defaultType: "text/plain", into: &result)
        return result
    }

    /// The iCalendar parts: `text/calendar`, `application/ics`, or any part whose filename ends in
    /// `.ics`, decoded from their charset (UTF-8 when none is given; also US-ASCII, ISO-8859-1,
    /// Windows-1252; a UTF-8 byte-order mark is dropped).
    ///
    /// `method` is the part's Content-Type `method` parameter, upper-cased, or nil when the part
    /// has none; it is not read from the text, whose `METHOD` property is the one to trust. Mail
    /// clients often send the same calendar twice (inline and as `invite.ics`): both come back.
    /// - Throws: `MailError` as `parts(of:)` does, and when a calendar part is not valid in its
    ///   charset or names a charset convene cannot read.
    public static func calendarParts(of data: [UInt8]) throws(MailError) -> [(method: String?, text: String)] {
        try calendarPartsWithSender(of: data).map { (method: $0.method, text: $0.text) }
    }

    /// As `calendarParts(of:)`, with the address (lower-cased, without display name) in the From
    /// field of the message that holds each part — for a forwarded message/rfc822, the forwarded
    /// message's sender — or nil when it has none.
    public static func calendarPartsWithSender(of data: [UInt8]) throws(MailError) -> [(method: String?, text: String, sender: String?)] {
        var result: [(method: String?, text: String, sender: String?)] = []
        for part in try parts(of: data) where isCalendar(part) {
            let label = part.parameters["charset"] ?? "utf-8"
            guard let charset = Charset(label: label) else {
                throw MailError("a calendar part uses the charset \(MailError.quoted(String(label.prefix(40)))), which convene cannot read")
            }
            guard let text = charset.decode(part.body) else {
                throw MailError("a calendar part is not valid \(charset.name)")
            }
            let method = part.parameters["method"].map { MIMEParser.trimmed($0[...]).uppercased() }
            result.append((method: method?.isEmpty == false ? method : nil, text: text, sender: part.sender))
        }
        return result
    }

    /// Decodes RFC 2047 encoded-words in a header value (for display): Q and B, in UTF-8,
    /// US-ASCII, ISO-8859-1 and Windows-1252; white space between adjacent encoded-words is
    /// dropped (§6.2), folding line breaks are removed. Words in other charsets stay as written;
    /// bytes that are not valid UTF-8 become U+FFFD.
    public static func decodeHeader(_ value: String) -> String {
        HeaderDecoder.decode(value)
    }

    static func isCalendar(_ part: MailPart) -> Bool {
        part.contentType == "text/calendar" || part.contentType == "application/ics"
            || part.filename?.lowercased().hasSuffix(".ics") == true
    }
}
