import ConveneCore
import Foundation
import ICalendar
import SampleSupport
import Testing
@testable import Minutes


/// The built-in minutes templates are the files `Templates/minutes.*.mustache`, compiled in.
/// Regenerate with `CONVENE_EMBED_TEMPLATES=1`; the test fails while they differ.
@Suite struct EmbeddedMinutesTemplatesTests {
    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        try checkEmbeddedTemplates(prefix: "minutes.", expected: ["minutes.html.mustache", "minutes.md.mustache"], embedded: DefaultMinutesTemplates.files,
                                   enumName: "DefaultMinutesTemplates", swiftFile: "Sources/Minutes/Templates/DefaultMinutesTemplates.swift", suite: "EmbeddedMinutesTemplatesTests")
    }
}

/// The built-in decisions register template is `Templates/decisions.html.mustache`, compiled in.
@Suite struct EmbeddedDecisionTemplatesTests {
    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        try checkEmbeddedTemplates(prefix: "decisions.", expected: ["decisions.html.mustache"], embedded: DefaultDecisionTemplates.files,
                                   enumName: "DefaultDecisionTemplates", swiftFile: "Sources/Minutes/Templates/DefaultDecisionTemplates.swift",
                                   suite: "EmbeddedDecisionTemplatesTests")
    }
}

@Suite struct MinutesRecordTests {
    @Test func theKickoffMinutesAreAFullRecord() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let record = try #require(workspace.minutes["kickoff"])
        #expect(record.chair == "ettlingen-ob")
        #expect(record.minuteTaker == "ettlingen-main-office")
        #expect(record.attendance.count == workspace.invitees(of: try #require(workspace.meeting("kickoff"))).count)
        #expect(record.attendance.contains(AttendanceEntry(person: "bruchsal-ob", status: .excused)))
        #expect(record.attendance.contains(AttendanceEntry(person: "buehl-it", status: .absent)))
        #expect(record.sections.map(\.number) == ["1", "2", "3", "4", "5", "6", "7"])
        let rules = record.sections[2]
        #expect(rules.decisions == [Decision(text: "Die Geschäftsordnung wird im Grundsatz angenommen; Ettlingen formuliert sie aus.",
                                             vote: VoteResult(inFavor: 9, against: 0, abstain: 0), town: "ettlingen",
                                             due: LocalDate(iso: "2027-03-31"))])
        #expect(rules.actionItems == ["kickoff-ettlingen-geschaeftsordnung"])
        #expect(record.sections[1].decisions.first?.vote == nil)
        // An item recorded under a TOP takes its number.
        let bretten = try #require(workspace.actionItems.first { $0.id == "kickoff-bretten-modellregion" })
        #expect(bretten.item == "5")
        #expect(bretten.status == .inProgress)
        #expect(workspace.actionItems.filter { $0.meeting == "kickoff" }.count == 9)
        // Several towns have pending items.
        #expect(Set(workspace.actionItems.filter(\.status.isPending).map(\.town)).count >= 5)
    }

    @Test func problemsInTheRecordHaveLines() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        try sample.write("meetings/kickoff/minutes.yaml", """
            chair: niemand
            attendance:
              ettlingen-ob: da
              bretten-ob: present
            items:
              - number: "1"
                notes: ohne Titel
              - number: "2"
                title: Beschlüsse
                decisions:
                  - text: Abgestimmt
                    vote: {for: viele}
                  - {vote: {for: 1}}
                action_items:
                  - id: a1
                    title: Aufgabe
                    town: bretten
                    status: erledigt
            protokoll: x
            """)
        let problems: [String]
        do {
            _ = try Workspace.load(at: sample.root)
            Issue.record("loaded a broken workspace")
            return
        } catch { problems = error.problems.map(\.description) }
        let expected = [
            "meetings/kickoff/minutes.yaml:1: minutes of kickoff.chair: unknown person 'niemand'",
            "meetings/kickoff/minutes.yaml:3: minutes of kickoff.attendance: ettlingen-ob must be present, excused, absent",
            "meetings/kickoff/minutes.yaml:6: minutes of kickoff: item 1: 'title' is missing",
            "meetings/kickoff/minutes.yaml:12: minutes of kickoff: item 2.decisions: vote: 'for' must be a whole number in 0…10000, not 'viele'",
            "meetings/kickoff/minutes.yaml:13: minutes of kickoff: item 2.decisions: decision: 'text' is missing",
            "meetings/kickoff/minutes.yaml:18: action item a1: status must be open, in-progress, done, dropped",
            "meetings/kickoff/minutes.yaml:19: minutes of kickoff: unknown key 'protokoll'; known keys: chair, minute_taker, attendance, items, action_items",
        ]
        for line in expected { #expect(problems.contains(line), "missing: \(line)\nall:\n\(problems.joined(separator: "\n"))") }
        #expect(problems.count == expected.count, "\(problems.joined(separator: "\n"))")
    }

    @Test func theDraftComesFromTheStoredAgendaAndTheInvitees() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        try FileManager.default.removeItem(at: sample.root.appendingPathComponent("meetings/kickoff/minutes.yaml"))
        var workspace = try Workspace.load(at: sample.root)
        let kickoff = try #require(workspace.meeting("kickoff"))
        let path = try MinutesStore.create(meeting: kickoff, workspace: workspace, force: false)
        #expect(path == "meetings/kickoff/minutes.yaml")
        let url = sample.root.appendingPathComponent(path)
        #expect(OwnedFile.isUntouched(url))
        // Never overwritten; --force keeps a backup.
        #expect(throws: WorkspaceProblem(file: path, "minutes exist already; not overwritten (use --force to start afresh; a .bak copy is kept)")) {
            try MinutesStore.create(meeting: kickoff, workspace: workspace, force: false)
        }
        let first = try sample.read(path)
        try MinutesStore.create(meeting: kickoff, workspace: workspace, force: true)
        #expect(try sample.read(path + ".bak") == first)
        // It loads as a record: a section per agenda item except the break; nobody answered, so nobody is
        // marked present — every invitee is a line for the minute-taker to fill in.
        workspace = try Workspace.load(at: sample.root)
        let record = try #require(workspace.minutes["kickoff"])
        #expect(record.sections.map(\.title) == ["Begrüßung", "Vorstellungsrunde: die Schwerpunktprojekte der Städte",
                                                 "Geschäftsordnung und Rollen im Netzwerk", "Turnus und Orte der Treffen",
                                                 "Förderlandschaft 2027: Programme im Überblick", "Verschiedenes", "Nächster Termin"])
        #expect(record.sections.allSatisfy { $0.notes == nil && $0.decisions.isEmpty && $0.actionItems.isEmpty })
        #expect(record.attendance.isEmpty)
        for person in workspace.invitees(of: kickoff) {
            #expect(try sample.read(path).contains("\n  # \(person.id): ?"), "\(person.id)")
        }
        #expect(record.chair == "ettlingen-ob")
        #expect(record.minuteTaker == "ettlingen-main-office")
        #expect(workspace.actionItems.filter { $0.meeting == "kickoff" }.isEmpty)
    }

    /// A library-level golden of the draft (the CLI's goldens cover the rendered minutes).
    @Test func theDraftOfTheKickoff() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let kickoff = try #require(workspace.meeting("kickoff"))
        let agenda = try #require(try StoredAgenda.read(kickoff, in: workspace))
        let text = MinutesBuilder.draft(MinutesDraftInput(meeting: kickoff, agenda: agenda, workspace: workspace, zone: try workspace.timeZone()))
        try assertSnapshot(text, named: "minutes-draft-kickoff.yaml")
        // One language per output: the German record's comments are German.
        #expect(!text.contains("written by") && !text.contains("Fill in"))
    }

    @Test func aDeclaredAbsenceIsPrefilledAsExcused() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        var kickoff = try #require(workspace.meeting("kickoff"))
        kickoff.chosen = Interval(start: Instant(rfc3339: "2026-11-19T08:00:00Z")!, end: Instant(rfc3339: "2026-11-19T11:00:00Z")!)
        var changed = workspace
        let index = try #require(changed.people.firstIndex { $0.id == "bretten-it" })
        changed.people[index].away = [DateRange("2026-11-16..2026-11-20")!]
        let agenda = try #require(try StoredAgenda.read(kickoff, in: workspace))
        let text = MinutesBuilder.draft(MinutesDraftInput(meeting: kickoff, agenda: agenda, workspace: changed, zone: try CalendarTimeZone(identifier: "Europe/Berlin")))
        #expect(text.contains("\n  bretten-it: excused              # abwesend laut people.yaml\n"))
        #expect(text.contains("\n  # bretten-ob: ?                  # keine Antwort auf die Einladung\n"))
        #expect(text.hasPrefix("# Protokoll: Auftakttreffen Digital Regional am Do 19.11.2026,"))
    }
}

extension MinutesRecordTests {
    @Test func attendanceIsPrefilledFromTheReplies() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        try FileManager.default.removeItem(at: sample.root.appendingPathComponent("meetings/kickoff/minutes.yaml"))
        var workspace = try Workspace.load(at: sample.root)
        let kickoff = try #require(workspace.meeting("kickoff"))
        let stamp = Instant(rfc3339: "2026-11-02T09:30:00Z")!
        try ReplyBook(replies: [
            RecordedReply(attendee: "ob@bretten.example", answer: .accepted, stamp: stamp, sequence: 0),
            RecordedReply(attendee: "ob@rastatt.example", answer: .declined, stamp: stamp, sequence: 0),
            RecordedReply(attendee: "ob@gaggenau.example", answer: .delegated, stamp: stamp, sequence: 0, delegatedTo: "hauptamt@gaggenau.example"),
            RecordedReply(attendee: "it-leitung@bretten.example", answer: .tentative, stamp: stamp, sequence: 1),
        ]).write(kickoff, in: workspace, force: false)
        let path = try MinutesStore.create(meeting: kickoff, workspace: workspace, force: false)
        let text = try sample.read(path)
        func line(_ id: String) -> String { text.split(separator: "\n").first { $0.hasPrefix("  \(id):") }.map(String.init) ?? "" }
        #expect(line("bretten-ob").contains("present") && line("bretten-ob").contains("# zugesagt am 02.11.2026"))
        #expect(line("rastatt-ob").contains("excused") && line("rastatt-ob").contains("# abgesagt am 02.11.2026"))
        #expect(line("gaggenau-ob").contains("excused") && line("gaggenau-ob").contains("# vertreten durch hauptamt@gaggenau.example"))
        // Unknown stays unknown: a tentative answer or none is no acceptance.
        func unknown(_ id: String) -> String { text.split(separator: "\n").first { $0.hasPrefix("  # \(id): ?") }.map(String.init) ?? "" }
        #expect(line("bretten-it").isEmpty && unknown("bretten-it").contains("# nur vorläufig zugesagt am 02.11.2026"))
        #expect(line("ettlingen-ob").isEmpty && unknown("ettlingen-ob").contains("# keine Antwort"))
        // The comments do not disturb the YAML: the record reads back with the prefilled statuses.
        workspace = try Workspace.load(at: sample.root)
        let record = try #require(workspace.minutes["kickoff"])
        let status = Dictionary(uniqueKeysWithValues: record.attendance.map { ($0.person, $0.status) })
        #expect(status["bretten-ob"] == .present && status["bretten-it"] == nil && status["ettlingen-ob"] == nil)
        #expect(status["rastatt-ob"] == .excused && status["gaggenau-ob"] == .excused)
        #expect(record.attendance.count == 3)
    }

    /// Issue 10: after a re-pick, acceptances of the old date marked people present.
    @Test func answersForAnEarlierTimeDoNotMakeAnyonePresent() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        try FileManager.default.removeItem(at: sample.root.appendingPathComponent("meetings/kickoff/minutes.yaml"))
        var workspace = try Workspace.load(at: sample.root)
        let kickoff = try #require(workspace.meeting("kickoff"))
        let stamp = Instant(rfc3339: "2026-11-02T09:30:00Z")!
        try InvitationState(uid: "kickoff@ettlingen.example", sequence: 2, stamp: stamp, fingerprint: "x",
                            attendees: [InvitedAttendee(email: "ob@bretten.example", since: 0)],
                            slot: kickoff.chosen, slotSequence: 2).write(kickoff, in: workspace, force: false)
        try ReplyBook(replies: [
            RecordedReply(attendee: "ob@bretten.example", answer: .accepted, stamp: stamp, sequence: 1),
            RecordedReply(attendee: "ob@rastatt.example", answer: .accepted, stamp: stamp, sequence: 2),
        ]).write(kickoff, in: workspace, force: false)
        let path = try MinutesStore.create(meeting: kickoff, workspace: workspace, force: false)
        let text = try sample.read(path)
        #expect(text.contains("\n  # bretten-ob: ?                  # Antwort vom 02.11.2026 galt einem früheren Termin\n"))
        #expect(text.contains("\n  rastatt-ob: present              # zugesagt am 02.11.2026\n"))
        workspace = try Workspace.load(at: sample.root)
        #expect(workspace.minutes["kickoff"]?.attendance == [AttendanceEntry(person: "rastatt-ob", status: .present)])
    }
}

@Suite struct ActionEditorTests {
    @Test func theRegisterWinsAndTheMinutesStayAsRecorded() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        let path = "meetings/kickoff/minutes.yaml"
        let original = try sample.read(path)
        var workspace = try Workspace.load(at: sample.root)
        // Before the register has an entry, the minutes' status counts (the migration).
        #expect(workspace.actionItems.first { $0.id == "kickoff-rastatt-anbieter-e-payment" }?.status == .inProgress)
        try ActionEditor.apply(id: "kickoff-bruchsal-leitfaden-e-akte", status: .done, note: "verschickt", workspace: workspace, force: false)
        try ActionEditor.apply(id: "kickoff-rastatt-anbieter-e-payment", status: .dropped, note: nil, workspace: workspace, force: false)
        #expect(try sample.read(path) == original)
        workspace = try Workspace.load(at: sample.root)
        let item = try #require(workspace.actionItems.first { $0.id == "kickoff-bruchsal-leitfaden-e-akte" })
        #expect(item.status == .done)
        #expect(item.note == "verschickt")
        #expect(workspace.actionItems.first { $0.id == "kickoff-rastatt-anbieter-e-payment" }?.status == .dropped)
        // The record keeps what the minutes say.
        #expect(workspace.recordedActionItems.first { $0.id == "kickoff-bruchsal-leitfaden-e-akte" }?.status == .open)
        #expect(workspace.recordedActionItems.first { $0.id == "kickoff-rastatt-anbieter-e-payment" }?.status == .inProgress)
        #expect(OwnedFile.isUntouched(sample.root.appendingPathComponent(Workspace.actionRegisterFile)))
        #expect(throws: WorkspaceProblem(file: "meetings", "no action item 'gibts-nicht' (list them with: convene actions)")) {
            try ActionEditor.apply(id: "gibts-nicht", status: .done, note: nil, workspace: workspace, force: true)
        }
    }

    @Test func aBadRegisterIsReportedWithItsLine() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        try sample.write(Workspace.actionRegisterFile, """
            kickoff-bruchsal-leitfaden-e-akte:
              status: fertig
              on: 2027-03-02
            Kickoff X:
              status: done
              on: 2027-03-02
            kickoff-gaggenau-notfallhandbuch:
              status: done
              on: gestern
              notiz: geheim

            """)
        #expect(throws: WorkspaceErrors.self) { try Workspace.load(at: sample.root) }
        do { _ = try Workspace.load(at: sample.root) } catch {
            #expect(error.problems.map(\.description) == [
                "register/actions.yaml:2: action item kickoff-bruchsal-leitfaden-e-akte: status must be open, in-progress, done, dropped",
                "register/actions.yaml:4: a key is not an action item id (lower-case letters, digits and '-')",
                "register/actions.yaml:9: action item kickoff-gaggenau-notfallhandbuch: on must be a date like 2027-03-02",
                "register/actions.yaml:10: action item kickoff-gaggenau-notfallhandbuch: unknown key 'notiz' (did you mean 'note'?); known keys: status, note, on",
            ])
            #expect(!error.description.contains("geheim") && !error.description.contains("fertig") && !error.description.contains("gestern"))
        }
        // An entry for an item no minutes hold is a warning, and not used.
        try sample.write(Workspace.actionRegisterFile, "gibts-nicht:\n  status: done\n  on: 2027-03-02\n")
        let workspace = try Workspace.load(at: sample.root)
        #expect(workspace.warnings.map(\.description).contains("register/actions.yaml:1: no action item gibts-nicht in any minutes; the entry is not used"))
    }
}

@Suite struct ActionListTests {
    @Test func filtersByTownStatusAndOverdue() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let today = LocalDate(iso: "2027-04-01")!
        #expect(ActionList(workspace: workspace, today: today).items.count == 9)
        #expect(ActionList(workspace: workspace, town: "ettlingen", today: today).items.map(\.id)
                == ["kickoff-ettlingen-geschaeftsordnung", "kickoff-ettlingen-termin-fruehjahr"])
        #expect(ActionList(workspace: workspace, status: .inProgress, today: today).items.map(\.id)
                == ["kickoff-bretten-modellregion", "kickoff-rastatt-anbieter-e-payment"])
        // In the towns' order, then by due date; the overdue ones are pending and due before today.
        #expect(ActionList(workspace: workspace, today: today).items.map(\.town)
                == ["ettlingen", "ettlingen", "bretten", "bruchsal", "rheinstetten", "stutensee", "rastatt", "gaggenau", "baden-baden"])
        #expect(ActionList(workspace: workspace, overdue: true, today: today).items.map(\.id)
                == ["kickoff-bruchsal-leitfaden-e-akte", "kickoff-stutensee-dsfa-sensorik", "kickoff-rastatt-anbieter-e-payment"])
    }

    @Test func statusesMapBothWaysToVTODO() {
        #expect(ActionStatus.allCases.map(\.todoStatus) == [.needsAction, .inProcess, .completed, .cancelled])
        for status in ActionStatus.allCases { #expect(ActionStatus(todoStatus: status.todoStatus) == status) }
        for status in TodoStatus.allCases { #expect(ActionStatus(todoStatus: status).todoStatus == status) }
    }

    @Test func theFeedHasOneTodoPerItemBuiltByLibical() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let list = ActionList(workspace: workspace, town: "bretten", today: LocalDate(iso: "2027-04-01")!)
        let ics = list.ics(workspace: workspace, stamp: Instant(rfc3339: "2027-04-01T09:00:00Z")!)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(!ics.contains("METHOD:"))
        #expect(ics.components(separatedBy: "BEGIN:VTODO").count == 2)
        for line in ["UID:action-kickoff-bretten-modellregion@ettlingen.example", "DTSTAMP:20270401T090000Z",
                     "DUE;VALUE=DATE:20270415", "STATUS:IN-PROCESS", "CATEGORIES:bretten", "RELATED-TO:kickoff@ettlingen.example"] {
            #expect(ics.contains(line + "\r\n"), "\(line)")
        }
        let all = ActionList(workspace: workspace, today: LocalDate(iso: "2027-04-01")!).ics(workspace: workspace, stamp: Instant(rfc3339: "2027-04-01T09:00:00Z")!)
        #expect(all.components(separatedBy: "BEGIN:VTODO").count == 10)
        for status in ["NEEDS-ACTION", "IN-PROCESS", "COMPLETED"] { #expect(all.contains("STATUS:\(status)\r\n")) }
        // An item without a due date has no DUE.
        let lizenzen = try #require(all.components(separatedBy: "BEGIN:VTODO").first { $0.contains("baden-baden-lizenzen") })
        #expect(!lizenzen.contains("DUE"))
    }
}

@Suite struct MinutesTemplateTests {
    @Test func aScriptInANoteRendersInert() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        let path = "meetings/kickoff/minutes.yaml"
        try sample.write(path, try sample.read(path).replacingOccurrences(
            of: "notes: Keine Wortmeldungen.", with: "notes: \"<script>alert('x')</script> & Co\""))
        let workspace = try Workspace.load(at: sample.root)
        let kickoff = try #require(workspace.meeting("kickoff"))
        let html = try MinutesTemplates.render(meeting: kickoff, workspace: workspace, format: .html, language: .de)
        #expect(!html.contains("<script>"))
        #expect(html.contains("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co</p>"))
        let markdown = try MinutesTemplates.render(meeting: kickoff, workspace: workspace, format: .markdown, language: .de)
        #expect(markdown.contains("\\<script\\>"))
    }

    @Test func aWorkspaceTemplateOverridesAndAMissingVariableIsReported() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        try sample.write("templates/minutes.md.mustache", "{{meeting_title}} — {{chair}}\n{{#sections}}{{number}} {{/sections}}\n")
        var workspace = try Workspace.load(at: sample.root)
        let kickoff = try #require(workspace.meeting("kickoff"))
        #expect(try MinutesTemplates.render(meeting: kickoff, workspace: workspace, format: .markdown, language: .de)
                == "Auftakttreffen Digital Regional — Oberbürgermeister/in Ettlingen\n1 2 3 4 5 6 7 \n")
        // The built-in one is used when asked not to look in the workspace.
        #expect(try MinutesTemplates.render(meeting: kickoff, workspace: workspace, format: .markdown, language: .de,
                                            useWorkspaceTemplates: false).hasPrefix("# Niederschrift: Auftakttreffen Digital Regional\n"))
        try sample.write("templates/minutes.html.mustache", "<p>{{meeting_title}}</p>\n<p>{{protokollant}}</p>\n")
        workspace = try Workspace.load(at: sample.root)
        #expect(throws: WorkspaceProblem(file: "templates/minutes.html.mustache", line: 2, "template uses 'protokollant', which the minutes record does not provide")) {
            try MinutesTemplates.render(meeting: kickoff, workspace: workspace, format: .html, language: .de)
        }
        try sample.write("templates/minutes.html.mustache", "<p>{{meeting_title}}</p>\n{{#sections}}\n<p>{{title}}</p>\n")
        #expect(throws: WorkspaceProblem(file: "templates/minutes.html.mustache", line: 4, "template error: a section is not closed ({{/name}} missing)")) {
            try MinutesTemplates.render(meeting: kickoff, workspace: workspace, format: .html, language: .de)
        }
    }

    @Test func bothLanguagesAndNoMinutesYet() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let kickoff = try #require(workspace.meeting("kickoff"))
        let english = try MinutesTemplates.render(meeting: kickoff, workspace: workspace, format: .markdown, language: .en)
        #expect(english.hasPrefix("# Minutes: Auftakttreffen Digital Regional\n"))
        #expect(english.contains("**Vote:** unanimous"))
        let german = try MinutesTemplates.render(meeting: kickoff, workspace: workspace, format: .markdown, language: .de)
        #expect(german.contains("**Abstimmung:** einstimmig"))
        let spring = try #require(workspace.meeting("spring-2027"))
        #expect(throws: WorkspaceProblem(file: "meetings/spring-2027/minutes.yaml", "no minutes yet; create the record with: convene minutes init spring-2027")) {
            try MinutesTemplates.render(meeting: spring, workspace: workspace, format: .html, language: .de)
        }
    }
}
