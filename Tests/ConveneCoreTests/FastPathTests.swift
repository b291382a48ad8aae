import Foundation
import Testing
@testable import ConveneCore

/// The loader's and the JSON writer's fast paths (issue 16) give exactly what the slow ones gave.
@Suite struct FastPathTests {
    static let texts = ["", " ", "\t", "a", " a ", "\ta b\t", "\u{00A0}x\u{3000}", "x\u{2003}", "\u{2028}y", "\ny\n", " \n ",
                        "Bühl", " Baden-Baden ", "\u{200B}z", "–", "\"q\"", "back\\slash", "ctl\u{01}", "tab\there", "\u{2029}",
                        "a\u{00A0}\u{00A0}", "\u{FEFF}b", " \t\u{1680}\u{2000}\u{205F} k \u{202F}"]

    @Test func trimmingAsFoundationDoes() {
        for text in Self.texts {
            #expect(YAMLDocument.trimmed(text) == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func quotingWithAndWithoutTheFastPath() {
        // The escape rules spelt out once more, scalar by scalar.
        func slow(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                        out += String(format: "\\u%04x", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
        for text in Self.texts { #expect(JSON.quote(text) == slow(text), "\(Array(text.unicodeScalars))") }
    }

    @Test func emailCheckWithAndWithoutTheFastPath() {
        // The rule as it was before the ASCII path, on Characters.
        func slow(_ text: String) -> Bool {
            let parts = text.split(separator: "@")
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
        }
        let addresses = ["a@b.de", "a@b", "@b.de", "a@@b.de", "a@b@c.de", "a b@c.de", "a@b.de\r\n", "a\u{0B}@b.de", "a\u{0C}@b.de",
                         "a\u{1C}@b.de", "<a@b.de>", "a@b.de>", "ob@stadt-bühl.de", "ob\u{00A0}@b.de", "a@b.", ".@b", "a.b@c",
                         "a@b.de\t", "a@b\u{338}.de", "<\u{338}a@b.de", "", "@", "a@.", "x\u{85}@y.de"]
        for text in addresses + Self.texts { #expect(EmailSyntax.plausible(text) == slow(text), "\(Array(text.unicodeScalars))") }
    }
}
