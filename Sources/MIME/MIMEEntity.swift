import CalendarValues

/// The body of a message: one leaf part or a multipart of parts (RFC 2045, RFC 2046).
///
/// An iMIP invitation (RFC 6047 §2.4) is typically
///
///     .multipart(subtype: "mixed", parts: [
///         .multipart(subtype: "alternative", parts: [
///             .leaf(type: "text/plain", parameters: [], body: text, encoding: .quotedPrintable, attachmentName: nil),
///             .leaf(type: "text/calendar", parameters: [("method", "REQUEST")], body: ics, encoding: .base64, attachmentName: nil),
///         ]),
///         .leaf(type: "application/ics", parameters: [], body: ics, encoding: .base64, attachmentName: "invite.ics"),
///     ])
///
/// Parts get no Content-ID: Gmail hides its RSVP buttons when the calendar part has one.
public indirect enum MIMEEntity: Sendable {
    /// A part with a body.
    /// - Parameters:
    ///   - type: `type/subtype`, e.g. `text/plain`; not `multipart/*`.
    ///   - parameters: Content-Type parameters in written order, e.g. `[("method", "REQUEST")]`.
    ///     For `text/*`, `charset=UTF-8` comes first unless a charset is given.
    ///   - body: the octets; for `text/*`, LF line ends become CRLF (the canonical form of text).
    ///   - attachmentName: when set, `Content-Disposition: attachment; filename="…"`.
    case leaf(type: String, parameters: [(String, String)], body: [UInt8], encoding: TransferEncoding, attachmentName: String?)
    /// Parts under one boundary, e.g. `mixed` or `alternative`.
    case multipart(subtype: String, parts: [MIMEEntity])
}

extension MIMEEntity {
    static let boundaryPrefix = "=_convene_"

    /// The entity as it stands in a message: header fields, a blank line, the body, with no line
    /// break after the body (in a multipart, the next delimiter's CRLF ends it).
    func rendered() throws(MailError) -> [UInt8] {
        switch self {
        case let .leaf(type, parameters, body, encoding, attachmentName):
            return try Self.leaf(type: type, parameters: parameters, body: body, encoding: encoding, attachmentName: attachmentName)
        case let .multipart(subtype, parts):
            return try Self.multipart(subtype: subtype, parts: parts)
        }
    }

    private static func leaf(type: String, parameters: [(String, String)], body: [UInt8], encoding: TransferEncoding,
                             attachmentName: String?) throws(MailError) -> [UInt8] {
        try checkMediaType(type)
        let isText = type.lowercased().hasPrefix("text/")
        guard !type.lowercased().hasPrefix("multipart/") else {
            throw MailError("a leaf part cannot have the type \(MailError.quoted(type)); use .multipart")
        }
        var parameters = parameters
        if isText, !parameters.contains(where: { $0.0.lowercased() == "charset" }) {
            parameters.insert(("charset", "UTF-8"), at: 0)
        }
        var contentType = HeaderField("Content-Type")
        contentType.append(type + (parameters.isEmpty ? "" : ";"))
        for (index, (name, value)) in parameters.enumerated() {
            contentType.append(try parameter(name, value, alwaysQuote: false) + (index == parameters.count - 1 ? "" : ";"))
        }
        var head = contentType.rendered + "Content-Transfer-Encoding: \(encoding.headerValue)\r\n"
        if let attachmentName {
            var disposition = HeaderField("Content-Disposition")
            disposition.append("attachment;")
            disposition.append(try parameter("filename", attachmentName, alwaysQuote: true))
            head += disposition.rendered
        }
        head += "\r\n"
        let encoded = try encoding.encode(isText ? TransferEncoding.canonicalText(body) : body, text: isText)
        return Array(head.utf8) + encoded
    }

    /// The boundary is derived from the rendered parts (SHA-256), so the same input gives the
    /// same bytes; `=_` cannot occur in quoted-printable or base64, and a 7bit part that happens
    /// to contain the delimiter makes us derive another.
    private static func multipart(subtype: String, parts: [MIMEEntity]) throws(MailError) -> [UInt8] {
        guard isToken(subtype), !subtype.isEmpty, subtype.utf8.count <= 127 else {
            throw MailError("multipart subtype \(MailError.quoted(subtype)) is not a MIME token")
        }
        guard !parts.isEmpty else { throw MailError("multipart/\(subtype) needs at least one part") }
        var children: [[UInt8]] = []
        for part in parts { children.append(try part.rendered()) }
        var boundary = ""
        for attempt in 0..<16 {
            var hasher = SHA256()
            hasher.update(Array("multipart/\(subtype.lowercased())\u{0}\(attempt)\u{0}".utf8))
            for child in children {
                hasher.update(child)
                hasher.update([0]) // NUL never occurs in a rendered part: it separates them
            }
            let candidate = boundaryPrefix + hasher.finalize().prefix(12).map(TransferEncoding.hex).joined().lowercased()
            let delimiter = Array("--\(candidate)".utf8)
            if !children.contains(where: { containsLine(startingWith: delimiter, in: $0) }) {
                boundary = candidate
                break
            }
        }
        guard !boundary.isEmpty else { throw MailError("no multipart boundary avoids the content of the parts") }
        var contentType = HeaderField("Content-Type")
        contentType.append("multipart/\(subtype);")
        contentType.append("boundary=\"\(boundary)\"")
        var result = Array((contentType.rendered + "\r\n").utf8)
        for child in children {
            result += Array("--\(boundary)\r\n".utf8)
            result += child
            result += [TransferEncoding.cr, TransferEncoding.lf]
        }
        result += Array("--\(boundary)--\r\n".utf8)
        return result
    }

    /// Whether a line of `bytes` starts with `prefix` (a delimiter only counts at a line start).
    static func containsLine(startingWith prefix: [UInt8], in bytes: [UInt8]) -> Bool {
        var lineStart = 0
        while lineStart + prefix.count <= bytes.count {
            if bytes[lineStart..<lineStart + prefix.count].elementsEqual(prefix) { return true }
            guard let newline = bytes[lineStart...].firstIndex(of: TransferEncoding.lf) else { return false }
            lineStart = newline + 1
        }
        return false
    }

    /// `name=value`: a bare token, a quoted-string with `"` and `\` escaped, or for non-ASCII
    /// values the RFC 2231 form `name*=UTF-8''%C3%BC…`.
    private static func parameter(_ name: String, _ value: String, alwaysQuote: Bool) throws(MailError) -> String {
        guard !name.isEmpty, isToken(name), !name.contains("*") else {
            throw MailError("parameter name \(MailError.quoted(name)) is not a MIME token")
        }
        try MailError.checkHeaderText(value, "parameter \(name)")
        let text: String
        if value.utf8.contains(where: { $0 >= 0x80 }) {
            var encoded = "\(name)*=UTF-8''"
            for byte in value.utf8 {
                if isAttributeChar(byte) {
                    encoded.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    encoded += "%" + TransferEncoding.hex(byte)
                }
            }
            text = encoded
        } else if !alwaysQuote, !value.isEmpty, isToken(value) {
            text = "\(name)=\(value)"
        } else {
            var quoted = "\(name)=\""
            for character in value {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            text = quoted + "\""
        }
        // One token on its own line; RFC 2231 continuations are not worth it for our values.
        guard text.utf8.count <= 900 else { throw MailError("parameter \(name) is too long") }
        return text
    }

    private static func checkMediaType(_ type: String) throws(MailError) {
        let halves = type.split(separator: "/", omittingEmptySubsequences: false)
        // RFC 6838 §4.2: at most 127 characters each.
        guard halves.count == 2, halves.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 127 && isToken($0) }) else {
            throw MailError("media type \(MailError.quoted(type)) is not type/subtype")
        }
    }

    /// `token` of RFC 2045 §5.1: printable ASCII but space and tspecials.
    static func isToken(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !"()<>@,;:\\\"/[]?=".utf8.contains($0) }
    }

    /// `attribute-char` of RFC 2231 §7.
    private static func isAttributeChar(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && !"*'%()<>@,;:\\\"/[]?=".utf8.contains(byte)
    }
}
