import CalendarValues

/// A mail message to render as RFC 5322 text with a MIME body, e.g. an iMIP invitation
/// (RFC 6047).
///
/// The output is 7-bit ASCII with CRLF line ends and lines of at most 998 octets (header lines
/// folded at 78 where possible), so it survives any transport and can be piped to `sendmail -t`
/// or saved as `.eml`. Same input, same bytes: multipart boundaries come from the content.
public struct MailMessage: Sendable {
    /// The sender (for iMIP, the organizer: RFC 6047 §3 wants From to match ORGANIZER).
    public var from: MailAddress
    /// The recipients, at least one, in order.
    public var to: [MailAddress]
    /// Any Unicode; written as RFC 2047 encoded-words when it is not plain ASCII.
    public var subject: String
    /// The Date header's instant, shown in `utcOffsetSeconds`.
    public var date: Instant
    /// The sender's UTC offset for the Date header, e.g. `7200` → `+0200`; whole minutes.
    public var utcOffsetSeconds: Int
    /// Without the angle brackets, e.g. `spring-2027.3.ob-bretten@ettlingen.example`.
    public var messageID: String
    /// Written after `MIME-Version`, in order, e.g. `("X-Convene-Sequence", "3")`. Values are
    /// unstructured text (encoded-words when not ASCII); the composer's own headers
    /// (From, To, Subject, Date, Message-ID, MIME-Version, Content-*) are refused.
    public var extraHeaders: [(String, String)]
    /// The content, e.g. multipart/mixed with the text and the calendar.
    public var body: MIMEEntity

    public init(from: MailAddress, to: [MailAddress], subject: String, date: Instant, utcOffsetSeconds: Int,
                messageID: String, extraHeaders: [(String, String)] = [], body: MIMEEntity) {
        // Nothing is checked here: the fields are mutable, so `rendered()` checks them all.
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.utcOffsetSeconds = utcOffsetSeconds
        self.messageID = messageID
        self.extraHeaders = extraHeaders
        self.body = body
    }

    /// The message: From, To, Subject, Date, Message-ID, MIME-Version, the extra headers, then
    /// the body's Content-Type and the rest of the body.
    /// - Throws: `MailError` for a subject, header or parameter with a line break or other control
    ///   character, an invalid Message-ID, header name or media type, no recipient, a date
    ///   outside 1900–9999, or a `sevenBit` body that is not 7-bit text.
    public func rendered() throws(MailError) -> String {
        var head = ""
        var fromField = HeaderField("From")
        from.append(to: &fromField, isLast: true)
        head += fromField.rendered

        guard !to.isEmpty else { throw MailError("a message needs at least one recipient") }
        var toField = HeaderField("To")
        for (index, recipient) in to.enumerated() {
            recipient.append(to: &toField, isLast: index == to.count - 1)
        }
        head += toField.rendered

        try MailError.checkHeaderText(subject, "subject")
        var subjectField = HeaderField("Subject")
        subjectField.appendText(subject, context: .text)
        head += subjectField.rendered

        head += "Date: \(try Self.dateValue(date, utcOffsetSeconds: utcOffsetSeconds))\r\n"
        try Self.checkMessageID(messageID)
        head += "Message-ID: <\(messageID)>\r\n"
        head += "MIME-Version: 1.0\r\n"

        for (name, value) in extraHeaders {
            try Self.checkExtraHeader(name: name)
            try MailError.checkHeaderText(value, "header \(name)")
            var field = HeaderField(name)
            field.appendText(value, context: .text)
            head += field.rendered
        }

        var bytes = Array(head.utf8) + (try body.rendered())
        if bytes.count < 2 || bytes[bytes.count - 2] != TransferEncoding.cr || bytes[bytes.count - 1] != TransferEncoding.lf {
            bytes += [TransferEncoding.cr, TransferEncoding.lf]
        }
        try Self.checkWireFormat(bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// RFC 5322 §3.3 date-time, English names whatever the locale: `Wed, 12 May 2027 10:30:00 +0200`.
    static func dateValue(_ date: Instant, utcOffsetSeconds offset: Int) throws(MailError) -> String {
        guard offset % 60 == 0, abs(offset) < 100 * 3600 else {
            throw MailError("UTC offset of \(offset) seconds is not whole minutes within ±99:59")
        }
        // 1900-01-01 to 9999-12-31: the four-digit years of RFC 5322.
        let (local, overflow) = date.secondsSince1970.addingReportingOverflow(Int64(offset))
        guard !overflow, (-2_208_988_800...253_402_300_799).contains(local) else {
            throw MailError("the date is outside the years 1900 to 9999")
        }
        let time = LocalDateTime(wallSeconds: local)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let minutes = abs(offset) / 60
        return "\(time.date.weekday.englishAbbreviation), \(two(time.date.day)) \(time.date.englishMonthAbbreviation) \(time.date.year) "
            + "\(two(time.hour)):\(two(time.minute)):\(two(time.second)) \(offset < 0 ? "-" : "+")\(two(minutes / 60))\(two(minutes % 60))"
    }

    /// `id-left "@" id-right` (RFC 5322 §3.6.4), loosely: printable ASCII without spaces and
    /// angle brackets, with an `@`.
    static func checkMessageID(_ id: String) throws(MailError) {
        let shown = MailError.quoted(id)
        guard id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }) else {
            throw MailError("Message-ID \(shown) may only hold printable ASCII without spaces and angle brackets")
        }
        guard id.utf8.count <= 250 else { throw MailError("Message-ID \(shown) is longer than 250 characters") }
        guard let at = id.firstIndex(of: "@"), at != id.startIndex, id.index(after: at) != id.endIndex else {
            throw MailError("Message-ID \(shown) needs the form left@right")
        }
    }

    /// `field-name` of RFC 5322 §3.6.8 (printable ASCII but `:`), not one the composer writes.
    static func checkExtraHeader(name: String) throws(MailError) {
        guard !name.isEmpty, name.utf8.count <= 76,
              name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }) else {
            throw MailError("header name \(MailError.quoted(name)) is not a field name (printable ASCII without spaces or colon)")
        }
        let lower = name.lowercased()
        if ["from", "to", "subject", "date", "message-id", "mime-version"].contains(lower) || lower.hasPrefix("content-") {
            throw MailError("header \(name) is written by the composer; it cannot be an extra header")
        }
    }

    /// The promises of the type, checked on the result: 7-bit, no NUL, CRLF only, lines ≤ 998.
    /// Everything above should already guarantee it; this keeps a slip from reaching a mail server.
    static func checkWireFormat(_ bytes: [UInt8]) throws(MailError) {
        var lineLength = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == TransferEncoding.cr, index + 1 < bytes.count, bytes[index + 1] == TransferEncoding.lf {
                lineLength = 0
                index += 2
                continue
            }
            lineLength += 1
            guard byte < 0x80, byte != 0, byte != TransferEncoding.cr, byte != TransferEncoding.lf, lineLength <= 998 else {
                throw MailError("internal error: the rendered message is not 7-bit text with CRLF lines of at most 998 octets")
            }
            index += 1
        }
    }
}
