import Foundation
import SampleSupport
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `convene topics` and `convene agenda`, run as a user would, on a copy of the sample workspace
/// (CONVENE_NOW 2027-04-01T09:00:00Z).
@Suite(.serialized) struct AgendaCommandTests {
    /// A sample copy whose spring plenary has its slot: `convene propose spring-2027 --pick 1`
    /// (Wed 12.05.2027 12:30–16:00).
    func pickedSample() throws -> SampleCopy {
        let sample = try SampleCopy()
        let picked = try sample.run(["propose", "spring-2027", "--pick", "1"])
        #expect(picked.status == 0, "\(picked.stderr)")
        return sample
    }

    /// „Genehmigung der Niederschrift" names the previous minutes and their state; the review of open action items
    /// reads the register (issue 15).
    @Test func theApprovalItemShowsTheMinutesStateAndTheReviewReadsTheRegister() throws {
        let sample = try pickedSample()
        defer { sample.cleanup() }
        func agenda() throws -> [[String: Any]] {
            let json = try sample.run(["agenda", "spring-2027", "--format", "json"])
            #expect(json.status == 0, "\(json.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            return try #require(object["items"] as? [[String: Any]])
        }
        func reviewed() throws -> [String] {
            let json = try sample.run(["agenda", "spring-2027", "--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            return (object["action_items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        #expect(try reviewed().contains("kickoff-bruchsal-leitfaden-e-akte"))
        #expect(try sample.run(["actions", "done", "kickoff-bruchsal-leitfaden-e-akte"]).status == 0)
        #expect(!(try reviewed()).contains("kickoff-bruchsal-leitfaden-e-akte"))
        // The register wins in both directions: an item the minutes record as done, reopened, is reviewed again.
        #expect(!(try reviewed()).contains("kickoff-rheinstetten-ladekarte"))
        #expect(try sample.run(["actions", "start", "kickoff-rheinstetten-ladekarte"]).status == 0)
        #expect(try reviewed().contains("kickoff-rheinstetten-ladekarte"))

        let approved = try sample.run(["minutes", "approve", "kickoff", "--at", "spring-2027"], environment: ["CONVENE_NOW": "2027-05-12T12:00:00Z"])
        #expect(approved.status == 0, "\(approved.stderr)")
        let titles = try agenda().compactMap { $0["title"] as? String }
        #expect(titles.contains("Genehmigung der Niederschrift der Sitzung vom 19.11.2026 (Auftakttreffen Digital Regional; genehmigt am 12.05.2027)"), "\(titles)")
        let english = try sample.run(["agenda", "spring-2027", "--lang", "en"])
        #expect(english.stdout.contains("Approval of the minutes of the meeting on"), "\(english.stdout)")
        #expect(english.stdout.contains("; approved on "), "\(english.stdout)")
        // --at links to a later meeting only.
        #expect(try sample.run(["minutes", "init", "spring-2027"]).status == 0)
        let backwards = try sample.run(["minutes", "approve", "spring-2027", "--at", "kickoff"])
        #expect(backwards.status == 1)
        #expect(backwards.stderr == "convene: error: meetings/spring-2027/minutes.yaml: minutes are approved at a later meeting; kickoff takes place before spring-2027\n")
    }

    @Test func theSpringAgendaIsSensibleInEveryFormat() throws {
        let sample = try pickedSample()
        defer { sample.cleanup() }

        let json = try sample.run(["agenda", "spring-2027", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stderr == "")
        try assertSnapshot(json.stdout, named: "agenda.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["meeting"] as? String == "spring-2027")
        let items = try #require(object["items"] as? [[String: Any]])
        for item in items {
            for key in ["number", "title", "start", "end", "kind", "town", "presenter", "topic"] { #expect(item.keys.contains(key), "\(key)") }
            #expect(["frame", "break", "report", "discussion", "decision", "info"].contains(item["kind"] as? String ?? ""))
        }
        // Within the slot (10:30–14:00 UTC), one item after the other.
        let starts = items.compactMap { $0["start"] as? String }, ends = items.compactMap { $0["end"] as? String }
        #expect(starts.first == "2027-05-12T10:30:00Z")
        #expect(ends.last! <= "2027-05-12T14:00:00Z")
        #expect(Array(starts.dropFirst()) == Array(ends.dropLast()))
        // Frame items present: welcome first, minutes of the kickoff, open action items, AOB and next meeting last.
        let titles = items.compactMap { $0["title"] as? String }
        #expect(titles.first == "Begrüßung")
        #expect(titles.contains("Genehmigung der Niederschrift der Sitzung vom 19.11.2026 (Auftakttreffen Digital Regional; Entwurf)"))
        #expect(titles.contains("Offene Aufgaben"))
        #expect(titles.suffix(2) == ["Verschiedenes", "Nächster Termin"])
        #expect(titles.contains("Kaffeepause"))
        // Deadline topics that fall before the next meeting are in, before their deadline.
        let topics = items.compactMap { $0["topic"] as? String }
        #expect(topics.contains("antrag-digitale-modellregion"))
        #expect(topics.contains("gigabit-interessenbekundung"))
        // Deferred topics with reasons, among them the one whose deadline passed.
        let deferred = try #require(object["deferred"] as? [[String: String]])
        #expect(!deferred.isEmpty)
        #expect(deferred.allSatisfy { !($0["reason"] ?? "").isEmpty })
        #expect(deferred.contains { $0["topic"] == "umfrage-staedtetag" && $0["reason"] == "Frist 31.03.2027 ist vor der Sitzung abgelaufen" })
        #expect(Set(deferred.compactMap { $0["topic"] }).isDisjoint(with: topics))
        // The kickoff's pending action items are reviewed.
        let actions = try #require(object["action_items"] as? [[String: Any]])
        #expect(actions.map { $0["id"] as? String } == ["kickoff-bretten-modellregion", "kickoff-bruchsal-leitfaden-e-akte",
                                                         "kickoff-stutensee-dsfa-sensorik", "kickoff-rastatt-anbieter-e-payment",
                                                         "kickoff-gaggenau-notfallhandbuch", "kickoff-baden-baden-lizenzen"])

        let text = try sample.run(["agenda", "spring-2027"])
        #expect(text.status == 0)
        try assertSnapshot(text.stdout, named: "agenda.txt")
        let md = try sample.run(["agenda", "spring-2027", "--format", "md"])
        try assertSnapshot(md.stdout, named: "agenda.md")
        let html = try sample.run(["agenda", "spring-2027", "--format", "html"])
        try assertSnapshot(html.stdout, named: "agenda.html")
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        let explained = try sample.run(["agenda", "spring-2027", "--explain", "--lang", "en"])
        try assertSnapshot(explained.stdout, named: "agenda-explain-en.txt")
        for topic in ["antrag-digitale-modellregion", "umfrage-staedtetag", "rahmenvertrag-endgeraete", "bericht-open-data"] {
            #expect(explained.stdout.contains("\(topic) ("), "\(topic) explained")
        }
        #expect(explained.stdout.contains("deferred 1×: 15"), "aging from the kickoff's stored agenda")
        let explainedJSON = try sample.run(["agenda", "spring-2027", "--format", "json", "--explain", "--no-save"])
        let explanation = try #require((try JSONSerialization.jsonObject(with: Data(explainedJSON.stdout.utf8)) as? [String: Any])?["explanation"]
            as? [[String: Any]])
        #expect(explanation.count == 19, "every open topic of the sample")
        #expect(Set(explanation.filter { $0["included"] as? Bool == true }.compactMap { $0["topic"] as? String }) == Set(topics))

        // Stored with the meeting, convene-owned; JSON (which is YAML) plus the checksum line.
        let stored = try String(contentsOfFile: sample.path + "/meetings/spring-2027/agenda.yaml", encoding: .utf8)
        #expect(stored.contains("\"meeting\": \"spring-2027\""))
        #expect(stored.contains("# convene-checksum: "))
        #expect(try sample.run(["check"]).status == 0)
    }

    @Test func outFileLanguageAndStoredAgenda() throws {
        let sample = try pickedSample()
        defer { sample.cleanup() }
        let file = sample.scratch.url.appendingPathComponent("agenda.html").path
        let written = try sample.run(["agenda", "spring-2027", "--format", "html", "--lang", "en", "--out", file])
        #expect(written.status == 0)
        #expect(written.stdout == "Wrote the agenda of spring-2027 to \(file).\n")
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.contains("<html lang=\"en\">") && html.contains("<h1>Agenda: "))
        // A hand edit of the stored agenda is kept …
        let storedPath = sample.path + "/meetings/spring-2027/agenda.yaml"
        try (try String(contentsOfFile: storedPath, encoding: .utf8)).replacingOccurrences(of: "Welcome", with: "Herzlich willkommen")
            .write(toFile: storedPath, atomically: true, encoding: .utf8)
        let refused = try sample.run(["agenda", "spring-2027"])
        #expect(refused.status == 1)
        #expect(refused.stdout == "")
        #expect(refused.stderr == "convene: error: meetings/spring-2027/agenda.yaml: was edited by hand; not overwritten (use --force to replace it; a .bak copy is kept)\n")
        // … --no-save only prints, --force replaces it (keeping a .bak).
        #expect(try sample.run(["agenda", "spring-2027", "--no-save"]).status == 0)
        #expect(try sample.run(["agenda", "spring-2027", "--force"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: storedPath + ".bak"))
        #expect(try String(contentsOfFile: storedPath, encoding: .utf8).contains("\"title\": \"Begrüßung\""))
    }

    @Test func errorsAreOneLine() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        // No slot yet.
        let noSlot = try sample.run(["agenda", "spring-2027"])
        #expect(noSlot.status == 1)
        #expect(noSlot.stderr == "convene: error: meetings/spring-2027/slot.yaml: no slot chosen for spring-2027 yet; pick one first: convene propose spring-2027 --pick N\n")
        let pick = try sample.run(["propose", "spring-2027", "--pick", "1"])
        #expect(pick.status == 0, "propose --pick 1 failed: \(pick.stderr)")
        // A pinned topic larger than the budget.
        let meetingPath = sample.path + "/meetings/spring-2027/meeting.yaml"
        let meeting = try String(contentsOfFile: meetingPath, encoding: .utf8)
        try (meeting + "agenda:\n  pin: [antrag-digitale-modellregion, rahmenvertrag-endgeraete]\n").write(toFile: meetingPath, atomically: true, encoding: .utf8)
        let topicPath = sample.path + "/topics/rahmenvertrag-endgeraete.yaml"
        try (try String(contentsOfFile: topicPath, encoding: .utf8)).replacingOccurrences(of: "minutes: 30", with: "minutes: 200")
            .write(toFile: topicPath, atomically: true, encoding: .utf8)
        let pinned = try sample.run(["agenda", "spring-2027"])
        #expect(pinned.status == 1)
        #expect(pinned.stderr == "convene: error: meetings/spring-2027/meeting.yaml:16: pinned topic 'rahmenvertrag-endgeraete' needs 200 min, "
            + "but the agenda has only 145 min for topics; shorten it (minutes in topics/rahmenvertrag-endgeraete.yaml), unpin it or choose a longer slot\n")
        // A pin that names no topic is a workspace problem with its line.
        try (meeting + "agenda:\n  pin: [gibts-nicht]\n").write(toFile: meetingPath, atomically: true, encoding: .utf8)
        let unknown = try sample.run(["agenda", "spring-2027"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "convene: error: meetings/spring-2027/meeting.yaml:16: meeting spring-2027.agenda.pin: unknown topic 'gibts-nicht' (see topics/)\n")
        try meeting.write(toFile: meetingPath, atomically: true, encoding: .utf8)
        // A broken template override names its file and line.
        try sample.scratch.write("ws/templates/agenda.md.mustache", "# {{meeting_title}}\n{{#items}}\n{{titel}}\n{{/items}}\n")
        let template = try sample.run(["agenda", "spring-2027", "--format", "md"])
        #expect(template.status == 1)
        #expect(template.stderr == "convene: error: templates/agenda.md.mustache:3: template uses 'titel', which the agenda does not provide\n")
        try sample.scratch.write("ws/templates/agenda.md.mustache", "{{% CONTENT_TYPE: TEXT }}\n# {{meeting_title}}\n{{#items}}\n{{number}} {{title}}\n{{/items}}\n")
        let overridden = try sample.run(["agenda", "spring-2027", "--format", "md"])
        #expect(overridden.stdout.hasPrefix("# Plenum Digital Regional – Frühjahr 2027\n1 Begrüßung\n"))
        // Usage errors.
        #expect(try sample.run(["agenda", "spring-2027", "--format", "ics"]).status == 64)
        #expect(try sample.run(["agenda", "spring-2027", "--lang", "fr"]).status == 64)
        let missing = try sample.run(["agenda", "autumn-2027"])
        #expect(missing.stderr == "convene: error: meetings: no meeting 'autumn-2027' (meetings: kickoff, spring-2027)\n")
    }

    @Test func topicsAddListShowCloseDrop() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let added = try sample.run(["topics", "add", "--title", "Digitale Sitzungsdienste: Erfahrungen", "--town", "bruchsal",
                                    "--presenter", "bruchsal-digital", "--kind", "report", "--minutes", "15", "--priority", "2",
                                    "--deadline", "2027-07-01", "--notes", "Mit Vorführung"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "Added topic digitale-sitzungsdienste-erfahrungen in topics/digitale-sitzungsdienste-erfahrungen.yaml.\n")
        let file = try String(contentsOfFile: sample.path + "/topics/digitale-sitzungsdienste-erfahrungen.yaml", encoding: .utf8)
        #expect(file.contains("title: \"Digitale Sitzungsdienste: Erfahrungen\"\ntown: bruchsal\npresenter: bruchsal-digital\nkind: report\n"
            + "minutes: 15\npriority: 2\nstatus: open\ndeadline: 2027-07-01\ncreated: 2027-04-01\ndeferred_from: []\nnotes: \"Mit Vorführung\"\n"))
        #expect(try sample.run(["check"]).status == 0)

        let show = try sample.run(["topics", "show", "digitale-sitzungsdienste-erfahrungen", "--format", "json"])
        #expect(show.stdout == #"{"id":"digitale-sitzungsdienste-erfahrungen","title":"Digitale Sitzungsdienste: Erfahrungen","town":"bruchsal","#
            + #""presenter":"bruchsal-digital","kind":"report","minutes":15,"priority":2,"status":"open","deadline":"2027-07-01","#
            + #""created":"2027-04-01","deferred_from":[],"notes":"Mit Vorführung","file":"topics/digitale-sitzungsdienste-erfahrungen.yaml"}"#
            + "\n")
        let text = try sample.run(["topics", "show", "schulungsangebot-digitallotsen"])
        #expect(text.stdout.contains("deferred from: kickoff\n"))
        #expect(text.stdout.contains("(written by hand)"))

        let list = try sample.run(["topics", "list", "--town", "bruchsal", "--format", "json"])
        let topics = try #require((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])?["topics"] as? [[String: Any]])
        #expect(topics.compactMap { $0["id"] as? String } == ["bericht-e-akte-bauamt", "digitale-sitzungsdienste-erfahrungen", "ki-assistenz-pilot"])
        let all = try sample.run(["topics", "list", "--status", "done"])
        #expect(all.stdout.contains("geschaeftsordnung-netzwerk") && !all.stdout.contains("ki-assistenz-pilot"))
        #expect(try sample.run(["topics"]).stdout.contains("topic(s),"))

        let closed = try sample.run(["topics", "close", "digitale-sitzungsdienste-erfahrungen"])
        #expect(closed.stdout == "Closed topic digitale-sitzungsdienste-erfahrungen (done) in topics/digitale-sitzungsdienste-erfahrungen.yaml.\n")
        // A file written by hand is not rewritten without --force.
        let refused = try sample.run(["topics", "drop", "rahmenvertrag-endgeraete"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "convene: error: topics/rahmenvertrag-endgeraete.yaml: was edited by hand; not overwritten (use --force to replace it; a .bak copy is kept)\n")
        let dropped = try sample.run(["topics", "drop", "rahmenvertrag-endgeraete", "--force", "--format", "json"])
        #expect(dropped.stdout.contains(#""status":"dropped""#))
        #expect(try sample.run(["check"]).status == 0)

        // Bad input: one line, exit 1; usage errors exit 64.
        let badTown = try sample.run(["topics", "add", "--title", "X", "--town", "karlsruhe"])
        #expect(badTown.status == 1)
        #expect(badTown.stderr == "convene: error: people.yaml: unknown town 'karlsruhe' (towns: ettlingen, bretten, bruchsal, rheinstetten, stutensee, rastatt, gaggenau, buehl, baden-baden)\n")
        let unknown = try sample.run(["topics", "show", "nichts"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "convene: error: topics: no topic 'nichts' (topics: see convene topics list)\n")
        #expect(try sample.run(["topics", "add", "--title", "X", "--town", "bretten", "--deadline", "30.06.2027"]).status == 64)
        #expect(try sample.run(["topics", "add", "--title", "X", "--town", "bretten", "--priority", "9"]).status == 64)
        #expect(try sample.run(["topics", "add", "--title", "X", "--town", "bretten", "--kind", "workshop"]).status == 64)
        // A broken topic file stops every command with its line.
        try sample.scratch.write("ws/topics/kaputt.yaml", "title: Kaputt\ntown: bretten\nkind: info\nminutes: viele\ncreated: 2027-01-01\n")
        let broken = try sample.run(["topics", "list"])
        #expect(broken.status == 1)
        #expect(broken.stderr == "convene: error: topics/kaputt.yaml:4: topic kaputt: 'minutes' must be a whole number in 1…480, not 'viele'\n")
    }

    @Test func everyNewCommandHasHelpWithExamples() throws {
        for command in [["agenda"], ["topics"], ["topics", "add"], ["topics", "list"], ["topics", "show"], ["topics", "close"], ["topics", "drop"]] {
            let help = try CLI.run(command + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Examples"), "\(command)")
        }
        let json = try CLI.run(["topics", "list", "--help"])
        #expect(json.stdout.contains("--format <format>"))
    }
}
