import Foundation
import SampleSupport
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A private copy of the sample workspace (commands may write slot files and caches).
struct SampleCopy {
    let scratch: Scratch
    var path: String { scratch.url.appendingPathComponent("ws").path }

    init() throws {
        scratch = try Scratch()
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../samples/digital-regional").standardizedFileURL
        try FileManager.default.copyItem(at: source, to: scratch.url.appendingPathComponent("ws"))
        try? FileManager.default.removeItem(atPath: scratch.url.appendingPathComponent("ws/.convene").path)
    }

    func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(arguments + ["-w", path], stdin: stdin, environment: ["CONVENE_NOW": "2027-04-01T09:00:00Z"].merging(environment) { $1 })
    }

    func cleanup() { scratch.cleanup() }
}

@Suite(.serialized) struct ProposeCommandTests {
    @Test func textJSONAndPictureOfTheSampleRun() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let text = try sample.run(["propose", "spring-2027"])
        #expect(text.status == 0)
        #expect(text.stderr == "")
        try assertSnapshot(text.stdout, named: "propose.txt")

        let json = try sample.run(["propose", "spring-2027", "--format", "json"])
        #expect(json.status == 0)
        try assertSnapshot(json.stdout, named: "propose.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["meeting"] as? String == "spring-2027")
        let candidates = try #require(object["candidates"] as? [[String: Any]])
        #expect(!candidates.isEmpty)
        for candidate in candidates {
            for key in ["start", "end", "score", "attending", "unavailable", "towns_missing"] { #expect(candidate[key] != nil, "\(key)") }
            let start = try #require(candidate["start"] as? String)
            // Never on a weekend or on Ascension Day (2027-05-06); every slot inside the window.
            #expect(!start.hasPrefix("2027-05-06"))
            #expect(start >= "2027-04-19" && start < "2027-05-15")
            for item in candidate["unavailable"] as? [[String: String]] ?? [] {
                #expect(["busy", "holiday", "outside-hours", "travel", "absent", "no-data"].contains(item["reason"] ?? ""))
            }
        }
        let weekdays = candidates.compactMap { $0["start"] as? String }.map { start -> Int in
            let date = ISO8601DateFormatter().date(from: start)!
            return Calendar(identifier: .gregorian).component(.weekday, from: date)
        }
        #expect(!weekdays.contains(1) && !weekdays.contains(7))

        let svgPath = sample.scratch.url.appendingPathComponent("spring.svg").path
        let picture = try sample.run(["propose", "spring-2027", "--heatmap", svgPath])
        #expect(picture.status == 0)
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
        try assertSnapshot(svg, named: "propose.svg")
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "the SVG is well-formed XML")
        #expect(svg.contains("Christi Himmelfahrt"))
        #expect(svg.contains("Wochenende"))

        let htmlPath = sample.scratch.url.appendingPathComponent("spring.html").path
        #expect(try sample.run(["propose", "spring-2027", "--heatmap", htmlPath]).status == 0)
        #expect(try String(contentsOfFile: htmlPath, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func tentativeHoldsReadBackAsTheCandidates() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let ics = try sample.run(["propose", "spring-2027", "--format", "ics", "--limit", "3"])
        #expect(ics.status == 0)
        try assertSnapshot(ics.stdout, named: "propose-holds.ics")
        #expect(!ics.stdout.contains("METHOD"))
        #expect(ics.stdout.components(separatedBy: "STATUS:TENTATIVE").count == 4)
        let file = try sample.scratch.write("holds.ics", ics.stdout)
        let busy = try CLI.run(["freebusy", file, "--from", "2027-04-19", "--to", "2027-05-15", "--format", "json"])
        let json = try sample.run(["propose", "spring-2027", "--format", "json", "--limit", "3"])
        let candidates = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["candidates"] as? [[String: Any]])
        let starts = candidates.compactMap { $0["start"] as? String }.sorted()
        let fromHolds = try #require((try JSONSerialization.jsonObject(with: Data(busy.stdout.utf8)) as? [String: Any])?["busy"] as? [[String: String]])
        #expect(fromHolds.compactMap { $0["start"] } == starts)
    }

    @Test func cacheMakesTheSecondRunReuseBusyTime() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let first = try sample.run(["propose", "spring-2027", "--format", "json"])
        let cache = sample.scratch.url.appendingPathComponent("ws/.convene/cache/busy").path
        let files = try FileManager.default.contentsOfDirectory(atPath: cache)
        let entries = files.filter { $0 != "index.bin" && !$0.hasPrefix("run-") }
        #expect(entries.count == 20)
        // Beside them one snapshot of the run's answers (per question asked), searched below like the entries.
        let snapshots = files.filter { $0.hasPrefix("run-") }
        #expect(snapshots.count == 1)
        // The index maps unchanged files (size, mtime, inode) to their content hash (binary; the paths are UTF-8 in it).
        let index = String(decoding: try Data(contentsOf: URL(fileURLWithPath: cache + "/index.bin")), as: UTF8.self)
        #expect(index.contains("calendars/bretten-ob.ics"))
        // Only busy intervals are cached: no summary, location or attendee from the exports.
        for entry in entries + snapshots {
            // Entries are binary (fixed-width intervals, a digest): searched as bytes.
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: cache + "/" + entry)), as: UTF8.self)
            #expect(!text.contains("Gemeinderat") && !text.contains("mailto") && !text.contains("example"))
        }
        let second = try sample.run(["propose", "spring-2027", "--format", "json"])
        #expect(first.stdout == second.stdout)
        let uncached = try sample.run(["propose", "spring-2027", "--format", "json", "--no-cache"])
        #expect(first.stdout == uncached.stdout)
        // A changed export is read again (its stamp no longer matches).
        let path = sample.path + "/calendars/bretten-ob.ics"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try original.replacingOccurrences(of: "END:VCALENDAR", with: "BEGIN:VEVENT\r\nUID:new@test\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20270512T080000\r\nDTEND;TZID=Europe/Berlin:20270512T170000\r\nEND:VEVENT\r\nEND:VCALENDAR")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try sample.run(["propose", "spring-2027", "--format", "json"])
        #expect(changed.stdout != second.stdout)
        #expect(!changed.stdout.contains("\"start\":\"2027-05-12T10:30:00Z\""))

    }

    @Test func pickRecordsTheChoiceAndRespectsHandEdits() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let picked = try sample.run(["propose", "spring-2027", "--pick", "1"])
        #expect(picked.status == 0)
        #expect(picked.stdout == "Recorded Mi 12.05.2027 12:30–16:00 for spring-2027 in meetings/spring-2027/slot.yaml.\n")
        let slotPath = sample.path + "/meetings/spring-2027/slot.yaml"
        let slot = try String(contentsOfFile: slotPath, encoding: .utf8)
        #expect(slot.contains("start: 2027-05-12T10:30:00Z\nend: 2027-05-12T14:00:00Z\n"))
        // The workspace reads it back.
        #expect(try sample.run(["check"]).status == 0)
        // A person edits the file: convene does not overwrite it without --force.
        try (slot.replacingOccurrences(of: "10:30:00Z", with: "10:00:00Z")).write(toFile: slotPath, atomically: true, encoding: .utf8)
        let refused = try sample.run(["propose", "spring-2027", "--pick", "2"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "convene: error: meetings/spring-2027/slot.yaml: was edited by hand; not overwritten (use --force to replace it; a .bak copy is kept)\n")
        let forced = try sample.run(["propose", "spring-2027", "--pick", "2027-04-20T12:30", "--force"])
        #expect(forced.status == 0)
        #expect(FileManager.default.fileExists(atPath: slotPath + ".bak"))
        #expect(try String(contentsOfFile: slotPath, encoding: .utf8).contains("start: 2027-04-20T10:30:00Z"))
        let badPick = try sample.run(["propose", "spring-2027", "--pick", "99"])
        #expect(badPick.status == 64)
    }

    @Test func nothingFitsSaysWhyAndWhatWouldHelp() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let meetingPath = sample.path + "/meetings/spring-2027/meeting.yaml"
        let meeting = try String(contentsOfFile: meetingPath, encoding: .utf8)
            .replacingOccurrences(of: "required: []", with: "required: [role:ob, ettlingen-digital]")
            .replacingOccurrences(of: "window: 2027-04-19..2027-05-14", with: "window: 2027-04-19..2027-04-23")
        try meeting.write(toFile: meetingPath, atomically: true, encoding: .utf8)
        let text = try sample.run(["propose", "spring-2027"])
        #expect(text.status == 0)
        try assertSnapshot(text.stdout, named: "propose-nothing-fits.txt")
        #expect(text.stdout.contains("No slot fits."))
        #expect(text.stdout.contains("What would help:"))
        let json = try sample.run(["propose", "spring-2027", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["candidates"] as? [Any])?.isEmpty == true)
        #expect((object["relaxations"] as? [Any])?.isEmpty == false)
    }

    @Test func pollTallyRerankWithRepliesAndCSV() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let reply = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Test client//EN\r
            METHOD:REPLY\r
            BEGIN:VEVENT\r
            UID:hold-spring-2027-20270512T103000Z@ettlingen.example\r
            DTSTAMP:20270402T080000Z\r
            DTSTART;TZID=Europe/Berlin:20270512T123000\r
            ATTENDEE;PARTSTAT=DECLINED:mailto:OB@buehl.example\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        try sample.scratch.write("replies/buehl.ics", reply)
        try sample.scratch.write("replies/votes.csv", "person,start,vote\nbretten-ob,2027-04-20T12:30,yes\nettlingen-ob,2027-04-20T12:30,if-need-be\nettlingen-ob,2027-05-12T12:30,yes\n")
        let result = try sample.run(["poll", "tally", "spring-2027", sample.scratch.url.appendingPathComponent("replies").path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let candidates = try #require(object["candidates"] as? [[String: Any]])
        // 12.05. lost Bühl (its OB declined, no deputy): only 20.04. is left, with its votes.
        #expect(candidates.count == 1)
        #expect(candidates.first?["start"] as? String == "2027-04-20T10:30:00Z")
        #expect(candidates.first?["votes"] as? [String: String] == ["bretten-ob": "yes", "ettlingen-ob": "if-need-be"])
        let badCSV = try sample.scratch.write("bad.csv", "person,start,vote\nnobody,2027-04-20T12:30,yes\n")
        let bad = try sample.run(["poll", "tally", "spring-2027", badCSV])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasSuffix("bad.csv:2: unknown person 'nobody'\n"))
    }
}

@Suite(.serialized) struct WorkspaceCommandTests {
    @Test func checkInitAndErrors() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let ok = try sample.run(["check"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("is valid: 9 towns, 22 people, 20 calendar exports, 2 meeting(s) (kickoff, spring-2027)."))
        let json = try sample.run(["check", "--format", "json"])
        #expect(json.stdout.hasPrefix(#"{"ok":true,"problems":[],"warnings":["#))

        // A broken calendar export is named with its line, by check and by propose.
        // (A bad value is only a warning since issue 12; a truncated file is still an error.)
        try sample.scratch.write("ws/calendars/bretten-ob.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20271010T100000Z\r\n")
        let broken = try sample.run(["check"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("convene: error: calendars/bretten-ob.ics:3: truncated: BEGIN:VEVENT at line 2 has no END\n"))
        let propose = try sample.run(["propose", "spring-2027"])
        #expect(propose.status == 1)
        #expect(propose.stderr == "convene: error: calendars/bretten-ob.ics:3: truncated: BEGIN:VEVENT at line 2 has no END\n")

        let unknown = try sample.run(["propose", "autumn-2027"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "convene: error: meetings: no meeting 'autumn-2027' (meetings: kickoff, spring-2027)\n")

        let target = sample.scratch.url.appendingPathComponent("new").path
        let created = try CLI.run(["init", target])
        #expect(created.status == 0)
        #expect(try CLI.run(["check", "-w", target]).status == 0)
        let again = try CLI.run(["init", target])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists; convene init never overwrites a workspace"))
        let nowhere = try CLI.run(["propose", "x"], environment: ["CONVENE_WORKSPACE": ""], directory: sample.scratch.url)
        #expect(nowhere.status == 1)
        #expect(nowhere.stderr.contains("no workspace here"))
    }

    @Test func holidaysDefaultToTheWorkspaceRegion() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let config = sample.path + "/convene.yaml"
        try (try String(contentsOfFile: config, encoding: .utf8)).replacingOccurrences(of: "holiday_region: DE-BW", with: "holiday_region: DE-BY")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let result = try sample.run(["holidays", "--year", "2027", "--format", "json"])
        #expect(result.stdout.hasPrefix(#"{"region":"DE-BY","#))
    }
}
