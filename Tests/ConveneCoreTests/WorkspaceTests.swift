import CalendarValues
import Foundation
import SampleSupport
import Testing
@testable import ConveneCore

/// A workspace written into a temporary folder.
struct TemporaryWorkspace {
    let root: URL
    init(files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("convene-ws-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }
    func cleanup() { try? FileManager.default.removeItem(at: root) }
}


@Suite struct WorkspaceTests {
    @Test func loadsTheSample() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        #expect(workspace.network.name == "Digital Regional")
        #expect(workspace.towns.count == 9)
        #expect(workspace.people.count == 22)
        #expect(workspace.people.filter { $0.role == .ob }.count == 9)
        let meeting = try #require(workspace.meeting("spring-2027"))
        #expect(meeting.durationMinutes == 210)
        #expect(meeting.window.description == "2027-04-19..2027-05-14")
        #expect(meeting.attendance.representation == .obOrDeputy)
        #expect(workspace.person("gaggenau-ob")?.calendars == ["calendars/gaggenau-ob.ics"])
        #expect(workspace.person("rheinstetten-it")?.calendars == [])
        #expect(workspace.invitees(of: meeting).count == 22)
        #expect(workspace.network.travelMinutes["ettlingen-schloss"]?["baden-baden"] == 40)
    }

    @Test func templateIsValid() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convene-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let written = try WorkspaceTemplate.create(at: root)
        #expect(written.contains("convene.yaml"))
        // The workspace is meant for git: raw exports and convene's cache stay out of it.
        let ignored = try String(contentsOf: root.appendingPathComponent(".gitignore"), encoding: .utf8).split(separator: "\n")
        #expect(ignored.contains("calendars/*.ics") && ignored.contains(".convene/"))
        let workspace = try Workspace.load(at: root)
        #expect(workspace.meetings.map(\.id) == ["next-plenary"])
        #expect(throws: WorkspaceProblem.self) { try WorkspaceTemplate.create(at: root) }
    }

    @Test func reportsEveryProblemWithItsLine() throws {
        var files = Dictionary(uniqueKeysWithValues: WorkspaceTemplate.files.map { ($0.path, $0.text) })
        files["convene.yaml"] = files["convene.yaml"]!.replacingOccurrences(of: "time_zone: Europe/Berlin", with: "time_zon: Europe/Berlin")
            .replacingOccurrences(of: "holiday_region: DE-BW", with: "holiday_region: BW")
            .replacingOccurrences(of: "friday: 08:00-13:00", with: "friday: 13:00-08:00")
        files["people.yaml"] = files["people.yaml"]!.replacingOccurrences(of: "town: bretten", with: "town: bretenn")
            .replacingOccurrences(of: "deputy: ettlingen-main-office", with: "deputy: ettlingen-hauptamt")
            .replacingOccurrences(of: "email: ob@bretten.example", with: "email: ob-at-bretten")
        files["meetings/next-plenary/meeting.yaml"] = files["meetings/next-plenary/meeting.yaml"]!
            .replacingOccurrences(of: "window: 2027-04-19..2027-05-14", with: "window: 2027-05-19..2027-05-14")
            .replacingOccurrences(of: "required: [host-ob]", with: "required: [host-ob, nobody, role:mayor]")
            .replacingOccurrences(of: "location: ettlingen-rathaus", with: "location: karlsruhe-zkm")
            .replacingOccurrences(of: "duration: 3h30m", with: "duration: three hours")
        let workspace = try TemporaryWorkspace(files: files)
        defer { workspace.cleanup() }
        do {
            _ = try Workspace.load(at: workspace.root)
            Issue.record("loaded a broken workspace")
        } catch {
            let lines = error.problems.map(\.description)
            let expected = [
                "convene.yaml:11: top level: unknown key 'time_zon' (did you mean 'time_zone'?); known keys: name, organizer, time_zone, holiday_region, working_hours, locations, travel_minutes, blackout_calendars, mail",
                "convene.yaml:13: holiday_region: 'BW' is not a German state code",
                "convene.yaml:20: working_hours.friday: '13:00-08:00' is not a span like 08:00-17:00 (or 'off')",
                "meetings/next-plenary/meeting.yaml:7: meeting next-plenary: window '2027-05-19..2027-05-14' is not a span",
                "meetings/next-plenary/meeting.yaml:9: meeting next-plenary: duration 'three hours' is not like 3h30m",
                "meetings/next-plenary/meeting.yaml:10: meeting next-plenary: unknown location 'karlsruhe-zkm'",
                "meetings/next-plenary/meeting.yaml:17: unknown person 'nobody'",
                "meetings/next-plenary/meeting.yaml:17: meeting next-plenary.attendance.required: 'role:mayor' is not a person id",
                "people.yaml:18: person ettlingen-ob: unknown deputy 'ettlingen-hauptamt'",
                "people.yaml:31: person bretten-ob: email is not an e-mail address",
                "people.yaml:32: person bretten-ob: unknown town 'bretenn'",
            ]
            for prefix in expected {
                #expect(lines.contains { $0.hasPrefix(prefix) }, "missing: \(prefix)\ngot:\n\(lines.joined(separator: "\n"))")
            }
            #expect(lines.count == expected.count, "\(lines.joined(separator: "\n"))")
        }
    }

    @Test func mailSettings() throws {
        #expect(try Workspace.load(at: sampleRoot).network.mail.sendCommand == ["/usr/sbin/sendmail", "-t", "-i"])
        var files = Dictionary(uniqueKeysWithValues: WorkspaceTemplate.files.map { ($0.path, $0.text) })
        let template = files["convene.yaml"]!
        for (yaml, expected) in [("  send_command: msmtp -C /etc/rc  -t", ["msmtp", "-C", "/etc/rc", "-t"]),
                                 ("  send_command: [/opt/my mailer/send, -t]", ["/opt/my mailer/send", "-t"])] {
            files["convene.yaml"] = template.replacingOccurrences(of: "  send_command: /usr/sbin/sendmail -t -i", with: yaml)
            let workspace = try TemporaryWorkspace(files: files)
            defer { workspace.cleanup() }
            #expect(try Workspace.load(at: workspace.root).network.mail.sendCommand == expected)
        }
        files["convene.yaml"] = template.replacingOccurrences(of: "  send_command: /usr/sbin/sendmail -t -i", with: "  send_command: \"\"\n  smtp: mail.example")
        let broken = try TemporaryWorkspace(files: files)
        defer { broken.cleanup() }
        do {
            _ = try Workspace.load(at: broken.root)
            Issue.record("loaded an empty send command")
        } catch {
            let lines = error.problems.map(\.description)
            #expect(lines.contains { $0.contains("mail.send_command is empty") }, "\(lines)")
            #expect(lines.contains { $0.contains("unknown key 'smtp'") }, "\(lines)")
        }
    }

    @Test func yamlSyntaxErrorsHaveLines() throws {
        var files = Dictionary(uniqueKeysWithValues: WorkspaceTemplate.files.map { ($0.path, $0.text) })
        files["people.yaml"] = "towns:\n  - id: a\n   name: broken indentation\n"
        let workspace = try TemporaryWorkspace(files: files)
        defer { workspace.cleanup() }
        #expect(throws: WorkspaceErrors.self) { try Workspace.load(at: workspace.root) }
        do { _ = try Workspace.load(at: workspace.root) } catch {
            // Only the syntax error: no follow-on "unknown town" noise from the half-read file.
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.file == "people.yaml")
            #expect(error.problems.first?.line != nil)
            #expect(error.problems.first?.message.hasPrefix("not valid YAML") == true)
        }
    }

    @Test func deeplyNestedYAMLIsOnePlainLine() throws {
        var files = Dictionary(uniqueKeysWithValues: WorkspaceTemplate.files.map { ($0.path, $0.text) })
        // Flow nesting ([[[…]]]) and block nesting (a list in a list …), each past libyaml's limit.
        let block = (0..<1100).map { String(repeating: " ", count: $0 * 2) + "-" }.joined(separator: "\n")
        for text in ["towns: []\npeople: " + String(repeating: "[", count: 1100) + String(repeating: "]", count: 1100), "towns: []\npeople:\n" + block] {
            files["people.yaml"] = text + "\n"
            let workspace = try TemporaryWorkspace(files: files)
            defer { workspace.cleanup() }
            do {
                _ = try Workspace.load(at: workspace.root)
                Issue.record("a file nested 1100 deep loaded")
            } catch {
                #expect(error.problems.count == 1, "\(error.problems)")
                let line = error.problems.first?.description ?? ""
                #expect(line.hasPrefix("people.yaml:"), "\(line)")
                #expect(line.hasSuffix(": nested too deeply (limit 1000)"), "\(line)")
                #expect(!line.contains("yaml_set_max_nest_level"), "\(line)")
            }
        }
    }

    @Test func locatesTheNearestWorkspace() throws {
        let nested = sampleRoot.appendingPathComponent("calendars")
        #expect(try Workspace.locate(explicit: nil, from: nested, environment: [:]).path == sampleRoot.path)
        let elsewhere = FileManager.default.temporaryDirectory
        #expect(try Workspace.locate(explicit: nil, from: elsewhere, environment: ["CONVENE_WORKSPACE": sampleRoot.path]).path == sampleRoot.path)
        #expect(throws: WorkspaceProblem.self) { try Workspace.locate(explicit: nil, from: elsewhere, environment: [:]) }
        #expect(throws: WorkspaceProblem.self) { try Workspace.locate(explicit: elsewhere.path, from: elsewhere, environment: [:]) }
    }
}

@Suite struct FilesTests {
    @Test func sha256TestVectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func ownedFilesAreNotOverwrittenAfterAHandEdit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-owned-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("slot.yaml")
        try OwnedFile.write("start: a\n", to: url, displayPath: "slot.yaml", force: false)
        #expect(OwnedFile.isUntouched(url))
        try OwnedFile.write("start: b\n", to: url, displayPath: "slot.yaml", force: false)
        #expect(try String(contentsOf: url, encoding: .utf8).hasPrefix("start: b\n"))
        try Data("start: mine\n".utf8).write(to: url)
        #expect(!OwnedFile.isUntouched(url))
        #expect(throws: WorkspaceProblem.self) { try OwnedFile.write("start: c\n", to: url, displayPath: "slot.yaml", force: false) }
        #expect(try String(contentsOf: url, encoding: .utf8) == "start: mine\n")
        try OwnedFile.write("start: c\n", to: url, displayPath: "slot.yaml", force: true)
        #expect(try String(contentsOf: url.appendingPathExtension("bak"), encoding: .utf8) == "start: mine\n")
        #expect(OwnedFile.isUntouched(url))
    }

    /// Markdown files carry the checksum as an HTML comment (invisible when rendered), YAML files as a '#' comment;
    /// a Markdown file sealed with the older '#' line is still recognised, and an edit below either line is one.
    @Test func markdownFilesCarryTheChecksumAsAnHTMLComment() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-owned-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdown = folder.appendingPathComponent("minutes.md"), yaml = folder.appendingPathComponent("slot.yaml")
        try OwnedFile.write("## TOP 1: A\n", to: markdown, displayPath: "minutes.md", force: false)
        try OwnedFile.write("start: a\n", to: yaml, displayPath: "slot.yaml", force: false)
        let sum = SHA256.hex(Array("## TOP 1: A\n".utf8))
        #expect(try String(contentsOf: markdown, encoding: .utf8) == "## TOP 1: A\n<!-- convene-checksum: \(sum) -->\n")
        #expect(try String(contentsOf: yaml, encoding: .utf8) == "start: a\n# convene-checksum: \(SHA256.hex(Array("start: a\n".utf8)))\n")
        #expect(OwnedFile.isUntouched(markdown) && OwnedFile.isUntouched(yaml))
        #expect(OwnedFile.body(try String(contentsOf: markdown, encoding: .utf8)) == "## TOP 1: A\n")
        // Rewritten without --force while untouched.
        try OwnedFile.write("## TOP 1: B\n", to: markdown, displayPath: "minutes.md", force: false)
        // The older form in a Markdown file: still convene's, so it is rewritten without --force (in the new form).
        let old = OwnedFile.seal("## TOP 1: A\n")
        #expect(old == "## TOP 1: A\n# convene-checksum: \(sum)\n")
        try Data(old.utf8).write(to: markdown)
        #expect(OwnedFile.isUntouched(markdown))
        #expect(OwnedFile.body(old) == "## TOP 1: A\n")
        try OwnedFile.write("## TOP 1: C\n", to: markdown, displayPath: "minutes.md", force: false)
        #expect(try String(contentsOf: markdown, encoding: .utf8).hasSuffix(" -->\n"))
        // Hand edits of either form are hand edits.
        for edited in ["## TOP 1: A\nmine\n# convene-checksum: \(sum)\n", "## TOP 1: A\nmine\n<!-- convene-checksum: \(sum) -->\n",
                       "## TOP 1: A\n<!-- convene-checksum: \(sum) -->\nmine\n", "## TOP 1: A\n<!-- convene-checksum: \(sum)\n"] {
            #expect(!OwnedFile.isUntouched(text: edited), "\(edited)")
        }
        #expect(OwnedFile.isUntouched(text: "## TOP 1: A\n<!-- convene-checksum: \(sum) -->\n"))
    }

    @Test func jsonRendering() {
        let value = JSON.object([("a", .string("Bühl \"quoted\"\n\u{1}")), ("b", .array([.int(1), .double(0.935), .double(2), .null, .bool(true)])), ("c", .object([]))])
        #expect(value.rendered() == #"{"a":"Bühl \"quoted\"\n\u0001","b":[1,0.935,2,null,true],"c":{}}"#)
        #expect(value.rendered(pretty: true).contains("\n  \"b\": [\n    1,"))
    }

    @Test func parsesDurationsAndRanges() {
        #expect(DateRange("2027-04-19..2027-05-14")?.dayCount == 26)
        #expect(DateRange("2027-05-14..2027-04-19") == nil)
        #expect(DateRange("2027-04-19")?.dayCount == 1)
        #expect(ClockTime("08:30")?.minutes == 510)
        #expect(ClockTime("24:00")?.minutes == 1440)
        #expect(ClockTime("24:30") == nil)
        #expect(Slug.isValid("spring-2027"))
        #expect(!Slug.isValid("Spring"))
        #expect(!Slug.isValid("../etc"))
        #expect(!Slug.isValid("-x"))
    }
}

@Suite struct OwnEventsTests {
    /// convene's own invitation and holds of a meeting are left out of that meeting's busy time only.
    @Test func theInvitationAndHoldsOfThisMeetingOnly() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let spring = try #require(workspace.meeting("spring-2027"))
        let own = workspace.ownEvents(of: spring)
        #expect(own.matches("spring-2027@ettlingen.example"))
        #expect(own.matches("hold-spring-2027-20270512T103000Z@ettlingen.example"))
        #expect(!own.matches("kickoff@ettlingen.example"))
        #expect(!own.matches("hold-kickoff-20261119T080000Z@ettlingen.example"))
        #expect(!own.matches("hold-spring-2027-20270512T103000Z@elsewhere.example"), "another organizer's event")
        #expect(!own.matches("spring-2027@ettlingen.example.evil"))
        #expect(own.cacheKey == workspace.ownEvents(of: spring).cacheKey)
        #expect(own.cacheKey != workspace.ownEvents(of: try #require(workspace.meeting("kickoff"))).cacheKey)
    }
}
