import Foundation
import SampleSupport
import Testing

/// The Markdown form of the minutes (issue 15, build 7), run as a user would: `minutes init --format md`, and every
/// command reading meetings/<id>/minutes.md as it reads minutes.yaml.
@Suite(.serialized) struct MinutesMarkdownCommandTests {
    /// The kickoff's minutes.yaml written as minutes.md (Tests/MinutesTests/Fixtures).
    static let twin = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../MinutesTests/Fixtures/minutes-kickoff.md").standardizedFileURL

    /// Replaces the sample's kickoff minutes.yaml by its Markdown twin.
    static func useTwin(_ sample: SampleCopy) throws {
        try FileManager.default.removeItem(atPath: sample.path + "/meetings/kickoff/minutes.yaml")
        try FileManager.default.copyItem(atPath: twin.path, toPath: sample.path + "/meetings/kickoff/minutes.md")
    }

    @Test func theMarkdownTwinGivesTheSameNiederschriftAndFollowUp() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let commands = [["minutes", "render", "kickoff"], ["minutes", "render", "kickoff", "--format", "html"],
                        ["minutes", "render", "kickoff", "--lang", "en"], ["actions", "list"], ["decisions"],
                        ["status", "kickoff"], ["agenda", "spring-2027", "--no-save"]]
        #expect(try sample.run(["propose", "spring-2027", "--pick", "1"]).status == 0)
        var fromYAML: [String] = []
        for command in commands {
            let result = try sample.run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            fromYAML.append(result.stdout)
        }
        try Self.useTwin(sample)
        let check = try sample.run(["check"])
        #expect(check.status == 0, "\(check.stderr)")
        for (command, expected) in zip(commands, fromYAML) {
            let result = try sample.run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stdout == expected, "\(command) differs for minutes.md")
        }
        #expect(fromYAML[0].contains("Vorstellungsrunde: die Schwerpunktprojekte der Städte"))
    }

    @Test func initWritesTheMarkdownDraftThatEveryCommandReads() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        #expect(try sample.run(["propose", "spring-2027", "--pick", "1"]).status == 0)
        #expect(try sample.run(["agenda", "spring-2027"]).status == 0)
        let created = try sample.run(["minutes", "init", "spring-2027", "--format", "md"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == "Wrote the minutes record of spring-2027 to meetings/spring-2027/minutes.md; fill it in.\n")
        let draft = try String(contentsOfFile: sample.path + "/meetings/spring-2027/minutes.md", encoding: .utf8)
        try assertSnapshot(draft, named: "minutes-init-spring-2027.md")
        // The checksum renders invisibly: an HTML comment as the last line, never a '#' line (a heading in Markdown).
        let lines = draft.split(separator: "\n")
        #expect(lines.last?.hasPrefix("<!-- convene-checksum: ") == true && lines.last?.hasSuffix(" -->") == true, "\(lines.last ?? "")")
        #expect(!lines.contains { $0.hasPrefix("# convene-checksum") })
        #expect(!FileManager.default.fileExists(atPath: sample.path + "/meetings/spring-2027/minutes.yaml"))
        let check = try sample.run(["check"])
        #expect(check.status == 0, "\(check.stderr)")
        let rendered = try sample.run(["minutes", "render", "spring-2027"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(rendered.stdout.contains("Begrüßung"))
        // The reader ignores the checksum line: no note, no item; neither form reaches the Niederschrift.
        let html = try sample.run(["minutes", "render", "spring-2027", "--format", "html"])
        for output in [rendered.stdout, html.stdout] { #expect(!output.contains("checksum"), "\(output.prefix(400))") }
        // One form per meeting: the YAML draft is refused while minutes.md exists, even with --force.
        for arguments in [["minutes", "init", "spring-2027"], ["minutes", "init", "spring-2027", "--force"]] {
            let refused = try sample.run(arguments)
            #expect(refused.status == 1)
            #expect(refused.stderr == "convene: error: meetings/spring-2027/minutes.md: the minutes are written here already; not started in the other form (remove this file first to switch)\n")
        }
        let again = try sample.run(["minutes", "init", "spring-2027", "--format", "md"])
        #expect(again.stderr == "convene: error: meetings/spring-2027/minutes.md: minutes exist already; not overwritten (use --force to start afresh; a .bak copy is kept)\n")
        let forced = try sample.run(["minutes", "init", "spring-2027", "--format", "md", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: sample.path + "/meetings/spring-2027/minutes.md.bak", encoding: .utf8) == draft)
        let unsupported = try sample.run(["minutes", "init", "spring-2027", "--format", "html"])
        #expect(unsupported.status != 0)
        #expect(unsupported.stderr.contains("'yaml'") && unsupported.stderr.contains("'md'"), "\(unsupported.stderr)")
    }

    @Test func approvalFreezesTheMarkdownFileAndFollowUpLeavesItAlone() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try Self.useTwin(sample)
        let path = sample.path + "/meetings/kickoff/minutes.md"
        func minutes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
        let approved = try sample.run(["minutes", "approve", "kickoff", "--at", "spring-2027"])
        #expect(approved.status == 0, "\(approved.stderr)")
        let frozen = try minutes()
        for command in [["actions", "done", "kickoff-bruchsal-leitfaden-e-akte"], ["decisions", "start", "2026/01", "--note", "Ergebnis: läuft"]] {
            let result = try sample.run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        #expect(try minutes() == frozen)
        #expect(try sample.run(["minutes", "render", "kickoff"]).stdout.contains("| Stand | genehmigt am 01.04.2027 (Plenum Digital Regional – Frühjahr 2027) |\n"))
        // The fingerprint is the Markdown file's: a change by hand there shows and needs a new approval.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "Keine Wortmeldungen.", with: "Keine weiteren Wortmeldungen.").utf8).write(to: URL(fileURLWithPath: path))
        #expect(try sample.run(["minutes", "render", "kickoff"]).stdout.contains("danach ohne Vermerk geändert"))
        let again = try sample.run(["minutes", "approve", "kickoff"])
        #expect(again.status == 1)
        #expect(again.stderr == "convene: error: meetings/kickoff/minutes.md: changed since its approval on 2027-04-01 without a logged change; approve it again with --force\n")
        #expect(try sample.run(["minutes", "approve", "kickoff", "--force"]).status == 0)
        #expect(!(try sample.run(["minutes", "render", "kickoff"]).stdout.contains("ohne Vermerk")))
        // The one rewriting command: refused without --force, logged with it.
        let refused = try sample.run(["minutes", "init", "kickoff", "--format", "md"])
        #expect(refused.status == 1)
        let forced = try sample.run(["minutes", "init", "kickoff", "--format", "md", "--force"], environment: ["CONVENE_NOW": "2027-04-19T09:00:00Z"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let log = try String(contentsOfFile: sample.path + "/meetings/kickoff/approval.yaml", encoding: .utf8)
        #expect(log.contains("  - on: 2027-04-19\n    what: \"minutes init --force: the record started afresh\"\n"), "\(log)")
        let logged = try sample.run(["minutes", "render", "kickoff"]).stdout
        #expect(logged.contains("| Stand | genehmigt am 01.04.2027 (Plenum Digital Regional – Frühjahr 2027) |\n"), "\(logged)")
    }

    /// A minutes.md written before the checksum became an HTML comment ends in `# convene-checksum: …`: it is still
    /// read (the line is a '# ' heading the reader skips), still convene's own (replaced without --force), and
    /// approval freezes it as any other.
    @Test func anOlderMarkdownFileWithTheHashChecksumIsStillRead() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        #expect(try sample.run(["propose", "spring-2027", "--pick", "1"]).status == 0)
        #expect(try sample.run(["agenda", "spring-2027"]).status == 0)
        #expect(try sample.run(["minutes", "init", "spring-2027", "--format", "md"]).status == 0)
        let path = sample.path + "/meetings/spring-2027/minutes.md"
        let current = try String(contentsOfFile: path, encoding: .utf8)
        let marker = try #require(current.range(of: "<!-- convene-checksum: "))
        let body = String(current[..<marker.lowerBound])
        // The old form, exactly as OwnedFile wrote it then: the body, then '# convene-checksum: <SHA-256 of the body>'.
        let sum = try #require(current.split(separator: "\n").last?.dropFirst("<!-- convene-checksum: ".count).dropLast(" -->".count))
        let old = body + "# convene-checksum: \(sum)\n"
        try Data(old.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try sample.run(["check"]).status == 0)
        let rendered = try sample.run(["minutes", "render", "spring-2027"])
        #expect(rendered.status == 0 && !rendered.stdout.contains("checksum"), "\(rendered.stderr)")
        // Still convene's own file: a rewrite needs --force only because minutes are never overwritten, and the
        // old line is not mistaken for a hand edit (no approval needed, the backup is the old file).
        let forced = try sample.run(["minutes", "init", "spring-2027", "--format", "md", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: path + ".bak", encoding: .utf8) == old)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == current)
        // Approval freezes the old form too, and a change after it needs --force.
        try Data(old.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try sample.run(["minutes", "approve", "spring-2027"]).status == 0)
        let approved = try sample.run(["minutes", "render", "spring-2027"]).stdout
        #expect(approved.contains("| Stand | genehmigt am 01.04.2027 |\n") && !approved.contains("ohne Vermerk"), "\(approved.prefix(600))")
        #expect(try sample.run(["actions", "list"]).status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == old)
    }

    @Test func bothFormsAtOnceIsOneError() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try FileManager.default.copyItem(atPath: Self.twin.path, toPath: sample.path + "/meetings/kickoff/minutes.md")
        let result = try sample.run(["minutes", "render", "kickoff"])
        #expect(result.status == 1)
        #expect(result.stderr == "convene: error: meetings/kickoff/minutes.md:1: the minutes are written twice, here and in meetings/kickoff/minutes.yaml; keep one of the two files\n")
    }
}
