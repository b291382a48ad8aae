/// A problem composing or reading a mail message, as one line for the user.
///
/// Composer errors quote the rejected value with control characters escaped (`\n`, `\u{1B}`), so a
/// header-injection attempt is visible in the message but never re-emitted raw. Reader errors never
/// quote message content: a reply is someone else's mail and may carry personal data.
public struct MailError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One line, no raw control characters.
    public var description: String

    /// - Parameter description: one line for the user.
    public init(_ description: String) { self.description = description }

    /// `value` in double quotes, control characters and quotes escaped, long values shortened, so
    /// that the error stays one printable line whatever the value holds.
    static func quoted(_ value: String) -> String {
        var result = "\""
        var count = 0
        for scalar in value.unicodeScalars {
            if count == 60 { result += "…"; break }
            count += 1
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Rejects C0 control characters and DEL in a header text (display name, subject, header
    /// value): a CR or LF would end the header and start one of the sender's choosing.
    /// - Parameter what: how the error names the value, e.g. `display name`.
    public static func checkHeaderText(_ text: String, _ what: String) throws(MailError) {
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F {
            if byte == 0x0A || byte == 0x0D {
                throw MailError("\(what) \(quoted(text)) contains a line break")
            }
            throw MailError("\(what) \(quoted(text)) contains a control character")
        }
    }
}
