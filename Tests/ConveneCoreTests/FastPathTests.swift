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
}
