import Foundation
import SampleSupport
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `convene minutes` and `convene actions`, run as a user would, on a copy of the sample workspace
/// (CONVENE_NOW 2027-04-01T09:00:00Z).
@Suite(.serialized) struct MinutesCommandTests {
    @Test func initCreatesTheRecordFromTheStoredAgendaAndNeverOverwrites() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        // The kickoff's minutes exist: refused, untouched.
        let minutes = "\(sample.path)/meetings/kickoff/minutes.yaml"
        let original = try String(contentsOfFile: minutes, encoding: .utf8)
        let refused = try sample.run(["minutes", "init", "kickoff"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "convene: error: meetings/kickoff/minutes.yaml: minutes exist already; not overwritten (use --force to start afresh; a .bak copy is kept)\n")
        #expect(try String(contentsOfFile: minutes, encoding: .utf8) == original)

        // The spring plenary needs its agenda first.
        let noAgenda = try sample.run(["minutes", "init", "spring-2027"])
        #expect(noAgenda.status == 1)
        #expect(noAgenda.stderr == "convene: error: meetings/spring-2027/agenda.yaml: no stored agenda; build it first: convene agenda spring-2027\n")
        #expect(try sample.run(["propose", "spring-2027", "--pick", "1"]).status == 0)
        #expect(try sample.run(["agenda", "spring-2027"]).status == 0)
        let created = try sample.run(["minutes", "init", "spring-2027"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == "Wrote the minutes record of spring-2027 to meetings/spring-2027/minutes.yaml; fill it in.\n")
        let record = try String(contentsOfFile: "\(sample.path)/meetings/spring-2027/minutes.yaml", encoding: .utf8)
        #expect(record.contains("\n  - number: \"1\"\n    title: \"Begrüßung\"\n"))
        #expect(record.contains("\"Offene Aufgaben\""))
        #expect(record.contains("\n  # ettlingen-ob: ?"), "nobody answered: nobody is marked present")
        #expect(!record.contains("Kaffeepause"))
        let check = try sample.run(["check"])
        #expect(check.status == 0, "\(check.stderr)")

        let again = try sample.run(["minutes", "init", "spring-2027"])
        #expect(again.status == 1)
        let forced = try sample.run(["minutes", "init", "kickoff", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: minutes + ".bak", encoding: .utf8) == original)
    }

    @Test func renderTheKickoffMinutes() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let markdown = try sample.run(["minutes", "render", "kickoff", "--format", "md"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stderr == "")
        try assertSnapshot(markdown.stdout, named: "minutes-kickoff.md")
        let html = try sample.run(["minutes", "render", "kickoff", "--format", "html"])
        #expect(html.status == 0, "\(html.stderr)")
        try assertSnapshot(html.stdout, named: "minutes-kickoff.html")
        #expect(html.stdout.contains("@page { size: A4;"))
        // Well-formed enough for an XML parser (no stray tags); the doctype is left out.
        let body = html.stdout.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")
            .replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "<meta charset=\"utf-8\"/>")
            .replacingOccurrences(of: "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                                  with: "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        let parser = XMLParser(data: Data(body.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")

        let english = try sample.run(["minutes", "render", "kickoff", "--lang", "en", "--out", "\(sample.path)/minutes.md"])
        #expect(english.status == 0)
        #expect(english.stdout == "Wrote the minutes of kickoff to \(sample.path)/minutes.md.\n")
        #expect(try String(contentsOfFile: "\(sample.path)/minutes.md", encoding: .utf8).hasPrefix("# Minutes: Auftakttreffen Digital Regional\n"))

        let none = try sample.run(["minutes", "render", "spring-2027"])
        #expect(none.status == 1)
        #expect(none.stderr == "convene: error: meetings/spring-2027/minutes.yaml: no minutes yet; create the record with: convene minutes init spring-2027\n")
    }

    @Test func actionsInEveryFormat() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let text = try sample.run(["actions"])
        #expect(text.status == 0, "\(text.stderr)")
        try assertSnapshot(text.stdout, named: "actions.txt")
        let json = try sample.run(["actions", "--format", "json"])
        try assertSnapshot(json.stdout, named: "actions.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(object.count == 9)
        let markdown = try sample.run(["actions", "--format", "md"])
        try assertSnapshot(markdown.stdout, named: "actions.md")
        let ics = try sample.run(["actions", "--format", "ics"])
        #expect(ics.status == 0, "\(ics.stderr)")
        try assertSnapshot(ics.stdout, named: "actions.ics")

        let overdue = try sample.run(["actions", "--overdue", "--format", "json"])
        let overdueItems = try #require(try JSONSerialization.jsonObject(with: Data(overdue.stdout.utf8)) as? [[String: Any]])
        #expect(overdueItems.compactMap { $0["id"] as? String }
                == ["kickoff-bruchsal-leitfaden-e-akte", "kickoff-stutensee-dsfa-sensorik", "kickoff-rastatt-anbieter-e-payment"])
        #expect(overdueItems.allSatisfy { $0["overdue"] as? Bool == true })
        let town = try sample.run(["actions", "--town", "bretten", "--status", "in-progress", "--format", "ics"])
        #expect(town.stdout.components(separatedBy: "BEGIN:VTODO").count == 2)
        #expect(town.stdout.contains("CATEGORIES:bretten\r\n"))
        let unknown = try sample.run(["actions", "--town", "karlsruhe"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("convene: error: people.yaml: no town 'karlsruhe' (towns: ettlingen, bretten"))
        let badStatus = try sample.run(["actions", "--status", "waiting"])
        #expect(badStatus.status == 64)
    }

    @Test func doneStartDropWriteTheRegisterAndLeaveTheMinutesAlone() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let minutes = "\(sample.path)/meetings/kickoff/minutes.yaml"
        let register = "\(sample.path)/register/actions.yaml"
        let original = try Data(contentsOf: URL(fileURLWithPath: minutes))
        // Hand-written minutes: no --force needed, and not a byte of them changes.
        let done = try sample.run(["actions", "done", "kickoff-bruchsal-leitfaden-e-akte", "--note", "Leitfaden verschickt: Ergebnis \"gut\""],
                                  environment: ["CONVENE_NOW": "2027-03-02T09:00:00Z"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout == "Done: kickoff-bruchsal-leitfaden-e-akte (done) in register/actions.yaml.\n")
        let start = try sample.run(["actions", "start", "kickoff-gaggenau-notfallhandbuch"], environment: ["CONVENE_NOW": "2027-03-02T09:00:00Z"])
        #expect(start.status == 0, "\(start.stderr)")
        let drop = try sample.run(["actions", "drop", "kickoff-baden-baden-lizenzen", "--note", "Landeslösung"],
                                  environment: ["CONVENE_NOW": "2027-03-02T09:00:00Z"])
        #expect(drop.status == 0, "\(drop.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: minutes)) == original)
        #expect(!FileManager.default.fileExists(atPath: minutes + ".bak"))
        let text = try String(contentsOfFile: register, encoding: .utf8)
        #expect(text.contains("""
            kickoff-bruchsal-leitfaden-e-akte:
              status: done
              note: "Leitfaden verschickt: Ergebnis \\"gut\\""
              on: 2027-03-02
            """), "\(text)")
        #expect(text.contains("kickoff-gaggenau-notfallhandbuch:\n  status: in-progress\n  on: 2027-03-02\n"), "\(text)")
        #expect(try sample.run(["check"]).status == 0)
        // A start without --note keeps the note recorded before.
        #expect(try sample.run(["actions", "start", "kickoff-bruchsal-leitfaden-e-akte"]).status == 0)
        #expect(try String(contentsOfFile: register, encoding: .utf8).contains("note: \"Leitfaden verschickt: Ergebnis \\\"gut\\\"\""))
        #expect(try sample.run(["actions", "done", "kickoff-bruchsal-leitfaden-e-akte"]).status == 0)

        // A register edited by hand is kept: replaced only with --force, with a .bak copy.
        let edited = try String(contentsOfFile: register, encoding: .utf8) + "# von Hand\n"
        try Data(edited.utf8).write(to: URL(fileURLWithPath: register))
        let refused = try sample.run(["actions", "start", "kickoff-rastatt-anbieter-e-payment"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "convene: error: register/actions.yaml: was edited by hand; not overwritten (use --force to replace it; a .bak copy is kept)\n")
        #expect(try sample.run(["actions", "start", "kickoff-rastatt-anbieter-e-payment", "--force"]).status == 0)
        #expect(try String(contentsOfFile: register + ".bak", encoding: .utf8) == edited)

        let json = try sample.run(["actions", "--format", "json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        func item(_ id: String) -> [String: Any]? { items.first { $0["id"] as? String == id } }
        #expect(item("kickoff-bruchsal-leitfaden-e-akte")?["status"] as? String == "done")
        #expect(item("kickoff-bruchsal-leitfaden-e-akte")?["note"] as? String == "Leitfaden verschickt: Ergebnis \"gut\"")
        #expect(item("kickoff-gaggenau-notfallhandbuch")?["status"] as? String == "in-progress")
        #expect(item("kickoff-baden-baden-lizenzen")?["status"] as? String == "dropped")
        let ics = try sample.run(["actions", "--format", "ics"])
        #expect(ics.stdout.contains("STATUS:CANCELLED\r\n"))

        let unknown = try sample.run(["actions", "done", "gibts-nicht"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "convene: error: meetings: no action item 'gibts-nicht' (list them with: convene actions)\n")
    }
}
