/// The structure of a message for `MailReader`: headers, multipart bodies, parameters.
///
/// Works on index ranges of the input bytes; each level of nesting scans its range once, and
/// depth is capped, so the work is linear in the input.
enum MIMEParser {
    typealias Bytes = ArraySlice<UInt8>

    struct Header {
        /// Lower-cased.
        var name: String
        /// Unfolded, trimmed.
        var value: String
    }

    private static let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, space: UInt8 = 0x20, tab: UInt8 = 0x09

    /// Appends the leaf parts of `entity` to `parts`, depth-first.
    /// - Parameters:
    ///   - isMessage: a whole message (the input or a message/rfc822 part) rather than a body
    ///     part: an mbox `From ` line before its headers is skipped.
    ///   - defaultType: the type without a Content-Type: text/plain, message/rfc822 in a digest.
    static func collect(_ entity: Bytes, depth: Int, isMessage: Bool, defaultType: String, sender inherited: String? = nil,
                        into parts: inout [MailPart]) throws(MailError) {
        guard depth <= MailReader.maximumDepth else {
            throw MailError("the message nests parts more than \(MailReader.maximumDepth) levels deep")
        }
        let (headers, body) = split(entity, skippingEnvelope: isMessage)
        if depth == 0, headers.isEmpty {
            throw MailError("not a mail message: it does not start with header fields")
        }
        func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
        let sender = isMessage ? header("from").map(address) ?? inherited : inherited

        // RFC 2045 §5.2: a missing or unreadable Content-Type means the default.
        let (type, parameters) = header("content-type").flatMap(contentType) ?? (defaultType, [:])
        let transferEncoding = header("content-transfer-encoding")

        if type.hasPrefix("multipart/"), let boundary = parameters["boundary"], !boundary.isEmpty {
            let childType = type == "multipart/digest" ? "message/rfc822" : "text/plain"
            for part in split(body, boundary: boundary) {
                try collect(part, depth: depth + 1, isMessage: false, defaultType: childType, sender: sender, into: &parts)
            }
            return
        }
        if type == "message/rfc822" || type == "message/global" {
            // Forwarded as attachment; some clients base64 the message although RFC 2046 §5.2.1 says not to.
            let inner = TransferEncoding.decode(body, label: transferEncoding.map { trimmed($0[...]) })
            try collect(inner[...], depth: depth + 1, isMessage: true, defaultType: "text/plain", into: &parts)
            return
        }
        let disposition = header("content-disposition").map(parameterList)
        // Outlook writes encoded-words in filename="…", which RFC 2047 §5 does not allow but everyone decodes.
        let filename = (disposition?.parameters["filename"] ?? parameters["name"]).map(MailReader.decodeHeader)
        parts.append(MailPart(contentType: type, parameters: parameters, filename: filename,
                              body: TransferEncoding.decode(body, label: transferEncoding.map { trimmed($0[...]) }), sender: sender))
    }

    /// The address in a From value: inside the last `<…>`, else the value; lower-cased.
    static func address(_ value: String) -> String {
        if let open = value.lastIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            return trimmed(value[value.index(after: open)..<close]).lowercased()
        }
        return trimmed(value[...]).lowercased()
    }

    // MARK: - Lines and headers

    /// The end of the line's content (before CRLF or LF) and the start of the next line.
    static func line(in bytes: Bytes, from start: Int) -> (contentEnd: Int, next: Int) {
        guard let newline = bytes[start...].firstIndex(of: lf) else { return (bytes.endIndex, bytes.endIndex) }
        return (newline > start && bytes[newline - 1] == cr ? newline - 1 : newline, newline + 1)
    }

    /// The header fields (unfolded, RFC 5322 §2.2.3) and the body after the blank line. A line that
    /// is neither a field nor a continuation starts the body (a part without the blank line); a
    /// line of white space counts as the blank line.
    static func split(_ entity: Bytes, skippingEnvelope: Bool) -> (headers: [Header], body: Bytes) {
        var index = entity.startIndex
        let end = entity.endIndex
        if skippingEnvelope, entity.starts(with: "From ".utf8) { index = line(in: entity, from: index).next }
        var headers: [Header] = []
        var name: String?
        var value: [UInt8] = []
        func finish() {
            if let name { headers.append(Header(name: name, value: trimmed(String(decoding: value, as: UTF8.self)[...]))) }
            name = nil
            value.removeAll()
        }
        while index < end {
            let (contentEnd, next) = line(in: entity, from: index)
            let content = entity[index..<contentEnd]
            if content.allSatisfy({ $0 == space || $0 == tab }) {
                finish()
                return (headers, entity[next..<end])
            }
            if content.first == space || content.first == tab {
                guard name != nil else { break }
                value += content // unfolding removes the line break only
                index = next
                continue
            }
            guard let colon = content.firstIndex(of: UInt8(ascii: ":")), let fieldName = fieldName(entity[index..<colon]) else { break }
            finish()
            name = fieldName
            value = Array(entity[(colon + 1)..<contentEnd])
            index = next
        }
        finish()
        return (headers, entity[index..<end])
    }

    /// A lower-cased field name (RFC 5322 §3.6.8, with the obsolete white space before the colon),
    /// or nil.
    private static func fieldName(_ bytes: Bytes) -> String? {
        var name = bytes
        while let last = name.last, last == space || last == tab { name = name.dropLast() }
        guard !name.isEmpty, name.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return String(decoding: name, as: UTF8.self).lowercased()
    }

    // MARK: - Multipart

    /// The body parts between the delimiter lines `--boundary` (RFC 2046 §5.1.1): the line break
    /// before a delimiter belongs to it; preamble and epilogue are dropped; without a closing
    /// delimiter the last part runs to the end (when anything follows the delimiter).
    static func split(_ body: Bytes, boundary: String) -> [Bytes] {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Bytes] = []
        var partStart: Int?
        var index = body.startIndex
        let end = body.endIndex
        while index < end {
            let (contentEnd, next) = line(in: body, from: index)
            if contentEnd - index >= delimiter.count, body[index..<(index + delimiter.count)].elementsEqual(delimiter) {
                var rest = body[(index + delimiter.count)..<contentEnd]
                let closes = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                if closes { rest = rest.dropFirst(2) }
                if rest.allSatisfy({ $0 == space || $0 == tab }) {
                    if let start = partStart {
                        var partEnd = index
                        if partEnd > start, body[partEnd - 1] == lf {
                            partEnd -= 1
                            if partEnd > start, body[partEnd - 1] == cr { partEnd -= 1 }
                        }
                        parts.append(body[start..<partEnd])
                    }
                    if closes { return parts }
                    partStart = next
                }
            }
            index = next
        }
        if let start = partStart, start < end { parts.append(body[start..<end]) }
        return parts
    }

    // MARK: - Parameters

    /// `type/subtype` lower-cased and the parameters, or nil when the value is not a media type.
    static func contentType(_ value: String) -> (String, [String: String])? {
        let (type, parameters) = parameterList(value)
        let halves = type.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, !halves[0].isEmpty, !halves[1].isEmpty else { return nil }
        return (type, parameters)
    }

    /// The leading value (lower-cased) and `; name=value` parameters of Content-Type or
    /// Content-Disposition (RFC 2045 §5.1, RFC 2183): names lower-cased, quoted-strings
    /// unescaped, comments skipped, RFC 2231 `name*=charset'lang'%XX` and `name*0=` sections
    /// joined. The first occurrence of a name wins.
    static func parameterList(_ value: String) -> (value: String, parameters: [String: String]) {
        let bytes = Array(value.utf8)
        var index = 0
        func skipWhitespaceAndComments() {
            while index < bytes.count {
                switch bytes[index] {
                case space, tab, cr, lf:
                    index += 1
                case UInt8(ascii: "("):
                    var depth = 0
                    while index < bytes.count {
                        switch bytes[index] {
                        case UInt8(ascii: "("): depth += 1
                        case UInt8(ascii: ")"): depth -= 1
                        case UInt8(ascii: "\\"): index += 1
                        default: break
                        }
                        index += 1
                        if depth == 0 { break }
                    }
                default:
                    return
                }
            }
        }
        func isDelimiter(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ";") || byte == space || byte == tab || byte == UInt8(ascii: "(") || byte == cr || byte == lf
        }

        skipWhitespaceAndComments()
        let mainStart = index
        while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
        let main = String(decoding: bytes[mainStart..<index], as: UTF8.self).lowercased()

        var raw: [(String, String)] = []
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: ";") else {
                // Stray text between parameters: skip, but step over quoted-strings whole.
                if bytes[index] == UInt8(ascii: "\"") { _ = quotedString(bytes, &index) } else { index += 1 }
                continue
            }
            index += 1
            skipWhitespaceAndComments()
            let nameStart = index
            while index < bytes.count, !isDelimiter(bytes[index]), bytes[index] != UInt8(ascii: "=") { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            skipWhitespaceAndComments()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "="), !name.isEmpty else { continue }
            index += 1
            skipWhitespaceAndComments()
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                raw.append((name, quotedString(bytes, &index)))
            } else {
                // Unquoted: up to the next `;`, so that a value with a stray space survives.
                let valueStart = index
                while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
                raw.append((name, trimmed(String(decoding: bytes[valueStart..<index], as: UTF8.self)[...])))
            }
        }
        return (main, joinSections(raw))
    }

    /// A quoted-string starting at `index` (on the `"`), unescaped; `index` ends after it. An
    /// unterminated one runs to the end.
    private static func quotedString(_ bytes: [UInt8], _ index: inout Int) -> String {
        var result: [UInt8] = []
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
            result.append(bytes[index])
            index += 1
        }
        index += 1
        return String(decoding: result, as: UTF8.self)
    }

    /// RFC 2231 §3–4: `name*0`, `name*1*`, … joined in order (up to the first gap), `*`
    /// sections percent-decoded in the charset named by the first; these win over a plain `name`.
    private static func joinSections(_ raw: [(String, String)]) -> [String: String] {
        var result: [String: String] = [:]
        var sections: [String: [(number: Int, extended: Bool, value: String)]] = [:]
        for (name, value) in raw {
            guard let star = name.firstIndex(of: "*") else {
                if result[name] == nil { result[name] = value }
                continue
            }
            let base = String(name[..<star])
            var rest = name[name.index(after: star)...]
            let extended = rest.hasSuffix("*") || rest.isEmpty
            if rest.hasSuffix("*") { rest = rest.dropLast() }
            guard let number = rest.isEmpty ? 0 : Int(rest), number >= 0, number < 10_000, !base.isEmpty else {
                if result[name] == nil { result[name] = value }
                continue
            }
            sections[base, default: []].append((number, extended, value))
        }
        for (base, parts) in sections {
            var bytes: [UInt8] = []
            var charset = Charset.utf8
            var expected = 0
            for part in parts.sorted(by: { $0.number < $1.number }) {
                guard part.number == expected else { if part.number < expected { continue } else { break } }
                expected += 1
                var text = part.value[...]
                if part.extended, part.number == 0 {
                    // charset'language'value
                    let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if pieces.count == 3 {
                        charset = Charset(label: String(pieces[0])) ?? .utf8
                        text = pieces[2]
                    }
                }
                bytes += part.extended ? percentDecoded(text) : Array(text.utf8)
            }
            result[base] = charset.decodeLossy(bytes)
        }
        return result
    }

    private static func percentDecoded(_ text: Substring) -> [UInt8] {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = TransferEncoding.hexValue(bytes[index + 1]), let low = TransferEncoding.hexValue(bytes[index + 2]) {
                result.append(high << 4 | low)
                index += 3
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    /// Without leading and trailing spaces, tabs and line breaks.
    static func trimmed(_ text: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }
}
