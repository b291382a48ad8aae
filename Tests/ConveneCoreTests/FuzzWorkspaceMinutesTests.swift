import CalendarValues
import ConveneCore
import Foundation
import SampleSupport
import Testing

/// The hostile-workspace generator for the Markdown minutes (`meetings/<id>/minutes.md`), run by every `swift test`
/// (the libFuzzer harness `Fuzz/Sources/FuzzWorkspace` writes the file too, for long runs with scripts/fuzz.sh):
/// binary bytes, brackets nested thousands deep, a huge file, colons on every line, front matter that never closes,
/// keyword lines broken in every way. Every input must load, or fail with problems that name minutes.md with a line
/// and never quote what the file says — never a crash, a hang, or a problem without its place.
@Suite(.serialized) struct FuzzWorkspaceMinutesTests {
    /// A word that appears in every hostile input and must never appear in a problem.
    static let secret = "Geheimvermerk"

    static let frontMatter = "---\nchair: ettlingen-ob\nminute_taker: ettlingen-main-office\nattendance:\n  ettlingen-ob: present\n---\n"

    /// The fixed hostile inputs, by name.
    static func fixedInputs() -> [(String, Data)] {
        var inputs: [(String, Data)] = []
        func text(_ name: String, _ body: String) { inputs.append((name, Data(body.utf8))) }
        // Binary: NUL bytes, invalid UTF-8, a lone BOM, control characters.
        inputs.append(("binary", Data([0, 0xFF, 0xFE, 0x00, 0x0A, 0xC3, 0x28, 0x0A]) + Data(secret.utf8)))
        inputs.append(("bom and controls", Data([0xEF, 0xBB, 0xBF]) + Data((frontMatter + "## TOP 1: \u{7}\u{1B}[31m\(secret)\n").utf8)))
        text("nul inside text", frontMatter + "## TOP 1: A\n\(secret)\u{0}\(secret)\nBeschluss: \u{0}\n")
        // Deep brackets: in a heading, a keyword's attributes, the front matter (YAML flow collections).
        let deep = String(repeating: "[", count: 5_000) + secret + String(repeating: "]", count: 5_000)
        text("deep brackets in a decision", frontMatter + "## TOP 1: A\nBeschluss \(deep): \(secret)\n")
        text("deep open brackets", frontMatter + "## TOP 1: A\nAufgabe " + String(repeating: "[", count: 20_000) + ": \(secret)\n")
        text("deep flow mapping in front matter", "---\nchair: " + String(repeating: "{a: ", count: 3_000) + secret
             + String(repeating: "}", count: 3_000) + "\n---\n## TOP 1: A\n")
        text("deep flow sequence in front matter", "---\naction_items: " + String(repeating: "[", count: 3_000) + "\n---\n")
        text("deep comments", frontMatter + String(repeating: "<!-- <!-- ", count: 2_000) + secret + "\n## TOP 1: A\n")
        // Colons everywhere: notes, headings, keywords without text, attributes with colons.
        let colons = (1...200).map { "Ergebnis: \($0): \(secret): a: b: c:" }.joined(separator: "\n")
        text("colons in notes", frontMatter + "## TOP 1: Ergebnis: Titel: mit: Doppelpunkten\n\(colons)\n")
        text("colons in keyword lines", frontMatter + "## TOP 1: A\nBeschluss: : : \(secret)\nAbstimmung: ja: 9, nein: 0\n"
             + "Aufgabe [town: x, id: y]: \(secret)\nBeschluss [ettlingen, due 2027-13-45]: \(secret)\nAbstimmung:\nAufgabe:\n")
        text("colon headings", frontMatter + "## TOP :\n## TOP : :\n## :\n## TOP 1:\nBeschluss: x\nAbstimmung: einstimmig, ja 3\n")
        text("votes broken", frontMatter + "## TOP 1: A\nBeschluss: x\nAbstimmung: ja 99999999999999999999\nBeschluss: y\n"
             + "Abstimmung: ja -1, nein 2\nBeschluss: z\nAbstimmung: einstimmig\nAbstimmung: einstimmig\nAbstimmung: \(secret)\n")
        text("vote before any decision", frontMatter + "## TOP 1: A\nAbstimmung: einstimmig\n")
        text("items key in front matter", "---\nitems:\n  - title: \(secret)\n---\n")
        text("front matter never closed", "---\nchair: ettlingen-ob\n\(secret): x\n## TOP 1: A\n")
        text("text before the first item", frontMatter + "\(secret)\n## TOP 1: A\n")
        text("checksum lines of both forms", frontMatter + "## TOP 1: A\n# convene-checksum: \(secret)\n<!-- convene-checksum: \(secret) -->\n")
        text("duplicate action ids", frontMatter + "## TOP 1: A\nAufgabe [ettlingen, id x]: \(secret)\nAufgabe [ettlingen, id x]: \(secret)\n")
        text("unknown references", frontMatter + "## TOP 1: A\nAufgabe [nowhere, nobody, id q, status sleeping]: \(secret)\n"
             + "Beschluss [atlantis, due yesterday]: \(secret)\n")
        // Huge: many sections, a very long line, very many decisions.
        var huge = frontMatter
        for number in 1...3_000 { huge += "## TOP \(number): \(secret) \(number)\nBeschluss: \(secret)\nAbstimmung: einstimmig\n" }
        text("huge: 3000 items", huge)
        text("huge: one 2 MiB line", frontMatter + "## TOP 1: A\n" + String(repeating: "\(secret): ", count: 150_000) + "\n")
        return inputs
    }

    /// Random inputs: lines put together from the pieces a Markdown minutes file is made of.
    static func randomInputs(count: Int) -> [(String, Data)] {
        // Seeded (SampleSupport's SplitMix64): the same inputs on every run, so a failure can be reproduced.
        var generator = SeededGenerator(seed: 0x5EED_15)
        func below(_ n: Int) -> Int { Int(generator.next() % UInt64(n)) }
        func pick(_ values: [String]) -> String { values[below(values.count)] }
        let pieces = ["---", "## TOP 1: A", "## ", "# x", "<!--", "-->", "Beschluss:", "Beschluss [", "]", ":", "Abstimmung: ja 3",
                      "Abstimmung: einstimmig", "Aufgabe [ettlingen, id a]:", "Aufgabe [ettlingen, ettlingen-ob, due 2027-01-01, id b]: t",
                      "chair: ettlingen-ob", "attendance:", "  ettlingen-ob: present", "items:", "  - x", "{", "}", "\"", "'", "\t",
                      "&anchor", "*anchor", "!!binary", "\u{0}", "ü", secret]
        return (0..<count).map { index in
            var lines: [String] = []
            for _ in 0..<(1 + below(30)) {
                lines.append((0..<(1 + below(4))).map { _ in pick(pieces) }.joined(separator: pick(["", " ", ": "])))
            }
            return ("random \(index)", Data(lines.joined(separator: "\n").utf8))
        }
    }

    @Test func hostileMarkdownMinutesLoadOrFailWithTheirLine() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        try FileManager.default.removeItem(at: sample.root.appendingPathComponent("meetings/kickoff/minutes.yaml"))
        let url = sample.root.appendingPathComponent("meetings/kickoff/minutes.md")
        var loaded: [String] = [], refused: [String] = []
        for (name, data) in Self.fixedInputs() + Self.randomInputs(count: 150) {
            try data.write(to: url)
            let started = Date()
            do {
                _ = try Workspace.load(at: sample.root)
                loaded.append(name)
            } catch {
                refused.append(name)
                #expect(!error.problems.isEmpty, "\(name): failed without a problem")
                for problem in error.problems {
                    let text = problem.description
                    #expect(!text.contains(Self.secret), "\(name): a problem quotes the file: \(text.prefix(300))")
                    #expect(!text.contains("\n"), "\(name): a problem of more than one line")
                    if problem.file.hasSuffix("minutes.md") {
                        #expect(problem.line != nil || text.contains("not UTF-8") || text.contains("is empty"),
                                "\(name): a problem of minutes.md without its line: \(text.prefix(300))")
                    }
                }
            }
            #expect(Date().timeIntervalSince(started) < 30, "\(name): took \(Date().timeIntervalSince(started)) s")
        }
        // Both ways out are taken: the generator is not all garbage, nor all harmless.
        #expect(loaded.contains("colons in notes") && loaded.contains("huge: 3000 items") && loaded.contains("checksum lines of both forms"), "\(loaded)")
        #expect(refused.contains("binary") && refused.contains("deep brackets in a decision") && refused.contains("votes broken"), "\(refused)")
        #expect(loaded.count > 5 && refused.count > 20, "loaded \(loaded.count), refused \(refused.count)")
    }
}
