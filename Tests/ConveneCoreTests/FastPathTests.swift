import Foundation
import Testing
import Yams
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

    /// Composing without the resolver's regular expressions (where they cannot matter) reads every file as
    /// composing with them does: the same nodes for every accessor, the same problems with the same lines.
    @Test func composingWithAndWithoutTheResolversRules() throws {
        var texts = [
            "a: 1\nb: [x, 'y', \"z\"]\nc: {d: e}\n", "a: 1\na: 2\n",
            // `1` and `"1"` are one key: convene reads every key as text (no int rule), so a second one is a duplicate.
            "1: a\n\"1\": b\n",
            // A plain `true` is a boolean key to the rules, a quoted one text: two keys there, one without rules.
            "true: a\n\"true\": b\n", "yes: a\n'yes': b\nno: c\n", "insecure: true\nx: \"true\"\n",
            // The value key `=` (Node.string follows it), plain and quoted, at the top and deep down.
            "x: {=: 5}\n", "x: {'=': 5}\n", "- a: [{b: {=: c}}]\n", "a: b=c\n= : d\n", "u: https://h.example/?a=b\n",
            // Tags, anchors and aliases, and broken files.
            "x: !!str 5\ny: !!bool yes\n", "!!bool true: a\n\"true\": b\n", "a: &k {b: 1}\nc: *k\nd: [*k, *k]\n",
            "a: &k =\nb: {*k : 1}\n", "a: [\n", "a:\n  - b\n c: d\n", "a: *nothing\n", "a: b\n  c: d\n", "", "# only a comment\n",
            "- {a: 1, a: 2}\n", "? [a, b]\n: c\n? [a, b]\n: d\n",
        ]
        texts += WorkspaceTemplate.files.filter { $0.path.hasSuffix(".yaml") }.map(\.text)
        for text in texts {
            let fast = YAMLDocument.outline(of: text, rules: false)
            let ruled = YAMLDocument.outline(of: text, rules: true)
            #expect(fast == ruled, "\(text)")
        }
        // The decision pinned: `1` and `"1"` are the same key, a duplicate; `true` and `"true"` are two.
        #expect(YAMLDocument.outline(of: "1: a\n\"1\": b\n", rules: false).hasPrefix("error: "))
        #expect(!YAMLDocument.outline(of: "true: a\n\"true\": b\n", rules: false).hasPrefix("error: "))
    }

    /// `calendars/` listed once gives what a stat per name gave.
    @Test func directoryListingAsFileManagerSeesIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-listing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub.ics"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("x".utf8).write(to: folder.appendingPathComponent("a.ics"))
        try Data().write(to: folder.appendingPathComponent(".hidden.ics"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.ics").path, withDestinationPath: "a.ics")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dangling.ics").path, withDestinationPath: "gone.ics")
        let listing = DirectoryListing(path: folder.path)
        #expect(listing.names.sorted() == (try FileManager.default.contentsOfDirectory(atPath: folder.path)).sorted())
        for name in listing.names + ["gone.ics", "missing.ics"] {
            #expect(listing.existing.contains(name) == FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name)")
        }
        #expect(!listing.existing.contains("dangling.ics") && listing.existing.contains("link.ics"))
        #expect(DirectoryListing(path: folder.path + "/missing").names.isEmpty)
    }
}

extension YAMLDocument {
    /// Everything an accessor reads of `text` composed — kind, line and column, style, text and `string` (which
    /// follows a `=` value key) of every node, or the problem — by `compose` (`rules: false`) or by Yams with the
    /// rules: for the test that both read every file alike.
    static func outline(of text: String, rules: Bool) -> String {
        func render(_ node: Node?) -> String {
            guard let node else { return "nil" }
            let mark = node.mark.map { "\($0.line):\($0.column)" } ?? "-"
            let value = node.string.map { "=" + $0 } ?? ""
            switch node {
            case .scalar(let scalar): return "S\(mark)\(scalar.style)[\(scalar.string)]\(value)"
            case .mapping(let mapping): return "M\(mark)\(value){" + mapping.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
            case .sequence(let sequence): return "Q\(mark)[" + sequence.map(render).joined(separator: ", ") + "]"
            case .alias: return "A\(mark)"
            }
        }
        do { return render(rules ? try Yams.compose(yaml: text, resolver) : try compose(text)) } catch let error as YamlError {
            return "error: " + describe(error, file: "f.yaml").description
        } catch { return "error: \(error)" }
    }
}
