import Foundation
import SampleSupport
import Testing

/// `convene decisions` (issue 15, the Beschlusskontrolle): every decision across meetings with number, meeting, TOP,
/// responsible town, status from the register and note; `decisions done|start|drop` write the register, never the
/// minutes.
@Suite struct DecisionsCommandTests {
    @Test func theRegisterInEveryFormat() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let minutes = sample.path + "/meetings/kickoff/minutes.yaml"
        let original = try Data(contentsOf: URL(fileURLWithPath: minutes))
        let start = try sample.run(["decisions", "start", "2026/02", "--note", "Entwurf verschickt; Ergebnis: Rückmeldungen bis März"],
                                   environment: ["CONVENE_NOW": "2027-01-15T09:00:00Z"])
        #expect(start.status == 0, "\(start.stderr)")
        #expect(start.stdout == "Started: decision 2026/02 (in-progress) in register/decisions.yaml.\n")
        let done = try sample.run(["decisions", "done", "2026/03"], environment: ["CONVENE_NOW": "2027-02-01T09:00:00Z"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: minutes)) == original)
        #expect(try String(contentsOfFile: sample.path + "/register/decisions.yaml", encoding: .utf8).contains("""
            "2026/03":
              meeting: kickoff
              status: done
              on: 2027-02-01
            """))

        let text = try sample.run(["decisions"])
        #expect(text.status == 0, "\(text.stderr)")
        try assertSnapshot(text.stdout, named: "decisions.txt")
        let json = try sample.run(["decisions", "--format", "json"])
        try assertSnapshot(json.stdout, named: "decisions.json")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(objects.compactMap { $0["number"] as? String } == ["2026/01", "2026/02", "2026/03"])
        #expect(objects.compactMap { $0["status"] as? String } == ["open", "in-progress", "done"])
        let markdown = try sample.run(["decisions", "--format", "md"])
        try assertSnapshot(markdown.stdout, named: "decisions.md")
        let html = try sample.run(["decisions", "--format", "html"])
        try assertSnapshot(html.stdout, named: "decisions.html")
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>\n") && html.stdout.hasSuffix("</html>\n"))
        // English: the same register, one language throughout (issue 15, Build 9).
        let englishMarkdown = try sample.run(["decisions", "--format", "md", "--lang", "en"])
        try assertSnapshot(englishMarkdown.stdout, named: "decisions-en.md")
        let englishHTML = try sample.run(["decisions", "--format", "html", "--lang", "en"])
        try assertSnapshot(englishHTML.stdout, named: "decisions-en.html")
        for german in ["Beschlusskontrolle", "Sitzung", "Vermerk", "Frist", "Stand:", "überfällig", "erledigt", "offen", "in Arbeit"] {
            #expect(!englishMarkdown.stdout.contains(german) && !englishHTML.stdout.contains(german), "English register says \(german)")
        }
        #expect(englishHTML.stdout.contains("<html lang=\"en\">"))

        // Filters: by the responsible town and by status.
        let ettlingen = try sample.run(["decisions", "--town", "ettlingen", "--status", "in-progress", "--format", "json"])
        let filtered = try #require(try JSONSerialization.jsonObject(with: Data(ettlingen.stdout.utf8)) as? [[String: Any]])
        #expect(filtered.compactMap { $0["number"] as? String } == ["2026/02"])
        #expect(try sample.run(["decisions", "--town", "bretten"]).stdout == "No decisions.\n")
    }

    @Test func badNumbersTownsAndFormatsAreOneLine() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let unknown = try sample.run(["decisions", "done", "2031/07"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "convene: error: register/decisions.yaml: no decision '2031/07' (list them with: convene decisions)\n")
        let town = try sample.run(["decisions", "--town", "karlsruhe"])
        #expect(town.status == 1)
        #expect(town.stderr.hasPrefix("convene: error: people.yaml: no town 'karlsruhe' (towns: ettlingen, bretten"))
        #expect(try sample.run(["decisions", "--status", "waiting"]).status == 64)
        #expect(try sample.run(["decisions", "--format", "ics"]).status == 64)
        #expect(!FileManager.default.fileExists(atPath: sample.path + "/register"))
    }

    @Test func theNumberSchemeIsConfigurableAndValidated() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let config = sample.path + "/convene.yaml"
        let original = try String(contentsOfFile: config, encoding: .utf8)
        try Data((original + "decision_numbers: \"DR-{yy}-{n:03}\"\n").utf8).write(to: URL(fileURLWithPath: config))
        let json = try sample.run(["decisions", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(objects.compactMap { $0["number"] as? String } == ["DR-26-001", "DR-26-002", "DR-26-003"])
        let minutes = try sample.run(["minutes", "render", "kickoff"])
        #expect(minutes.stdout.contains("Beschluss Nr. DR-26-002"), "\(minutes.stdout)")
        #expect(try sample.run(["decisions", "done", "DR-26-002"]).status == 0)
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).count
        for (pattern, message) in [("{year}", "decision_numbers: needs the running number {n} (default: \"{year}/{n:02}\")"),
                                   ("{year}/{nr}", "decision_numbers: unknown placeholder; use {year}, {yy}, {n} or {n:02} (default: \"{year}/{n:02}\")"),
                                   ("Nr {n}", "decision_numbers: only letters, digits, / . - _ and the placeholders {year}, {yy}, {n} may appear (default: \"{year}/{n:02}\")")] {
            try Data((original + "decision_numbers: \"\(pattern)\"\n").utf8).write(to: URL(fileURLWithPath: config))
            let bad = try sample.run(["check"])
            #expect(bad.status == 1)
            #expect(bad.stderr == "convene: error: convene.yaml:\(lines): \(message)\n", "\(bad.stderr)")
        }
    }
}
