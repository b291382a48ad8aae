import ConveneCore
import Foundation
import ICalendar
import SampleSupport
import Testing
@testable import Agenda

@Suite struct WorkspaceTopicTests {
    @Test func theSampleHasABacklogAndAKickoffWithActionItems() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let pending = workspace.topics.filter(\.status.isPending)
        #expect(pending.count >= 15)
        #expect(Set(pending.map(\.town)) == Set(workspace.towns.map(\.id)))
        #expect(pending.contains { $0.deadline != nil })
        #expect(pending.contains { !$0.deferredFrom.isEmpty })
        let kickoff = try #require(workspace.meeting("kickoff"))
        #expect(kickoff.chosen != nil)
        #expect(OwnedFile.isUntouched(sampleRoot.appendingPathComponent("meetings/kickoff/slot.yaml")))
        #expect(OwnedFile.isUntouched(sampleRoot.appendingPathComponent("meetings/kickoff/agenda.yaml")))
        let actions = workspace.actionItems.filter { $0.meeting == "kickoff" }
        #expect(Set(actions.filter(\.status.isPending).map(\.town)).count >= 4)
        #expect(workspace.agendaSettings["kickoff"]?.pin == ["vorstellungsrunde-schwerpunktprojekte"])
        // The kickoff's stored agenda: its history for the spring.
        let stored = try #require(try StoredAgenda.read(kickoff, in: workspace))
        #expect(stored.meeting == "kickoff")
        #expect(stored.deferredTopics.contains("rahmenvertrag-endgeraete"))
    }

    @Test func everyProblemWithItsLine() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        try sample.write("topics/kaputt.yaml", """
            title: Kaputt
            town: brettn
            presenter: nobody
            kind: workshop
            minutes: 0
            priorty: 2
            created: 2027-02-30
            deferred_from: [autumn-2031]
            """)
        try sample.write("topics/Bad_Name.yaml", "title: x\n")
        try sample.write("topics/leer.yaml", "town: bretten\nkind: info\n")
        try sample.write("meetings/kickoff/minutes.yaml", """
            action_items:
              - id: a1
                title: Etwas
                town: bretten
                responsible: niemand
                status: waiting
                due: 31.03.2027
              - id: a1
                title: Doppelt
                town: bretten
              - title: ohne id
                town: nirgendwo
            protokoll: x
            """)
        try sample.write("meetings/spring-2027/meeting.yaml", try sample.read("meetings/spring-2027/meeting.yaml") + """
            agenda:
              pin: [antrag-digitale-modellregion, gibts-nicht]
              exclude: [antrag-digitale-modellregion]
              max_town_share: 2
              reihenfolge: []
            """)
        let problems: [String]
        do {
            _ = try Workspace.load(at: sample.root)
            Issue.record("loaded a broken workspace")
            return
        } catch { problems = error.problems.map(\.description) }
        let expected = [
            "meetings/kickoff/minutes.yaml:5: action item a1: unknown person 'niemand'",
            "meetings/kickoff/minutes.yaml:6: action item a1: status must be open, in-progress, done, dropped",
            "meetings/kickoff/minutes.yaml:7: action item a1: due '31.03.2027' is not a date like 2027-04-28",
            "meetings/kickoff/minutes.yaml:8: action item 'a1' is defined twice (ids are unique in the workspace)",
            "meetings/kickoff/minutes.yaml:11: action item: 'id' is missing",
            "meetings/kickoff/minutes.yaml:13: minutes of kickoff: unknown key 'protokoll'; known keys: chair, minute_taker, attendance, items, action_items",
            "meetings/spring-2027/meeting.yaml:16: meeting spring-2027.agenda.pin: unknown topic 'gibts-nicht' (see topics/)",
            "meetings/spring-2027/meeting.yaml:17: meeting spring-2027.agenda: 'antrag-digitale-modellregion' is both pinned and excluded",
            "meetings/spring-2027/meeting.yaml:18: meeting spring-2027.agenda.max_town_share must be a number above 0 and at most 1, not '2'",
            "meetings/spring-2027/meeting.yaml:19: meeting spring-2027.agenda: unknown key 'reihenfolge'; known keys: pin, exclude, order, next_meeting, report_every, max_town_share",
            "topics/Bad_Name.yaml: topic file names are ids (lower-case letters, digits, '-') followed by .yaml",
            "topics/kaputt.yaml:2: topic kaputt: unknown town 'brettn' (towns: ettlingen, bretten, bruchsal, rheinstetten, stutensee, rastatt, gaggenau, buehl, baden-baden)",
            "topics/kaputt.yaml:3: topic kaputt: unknown person 'nobody'",
            "topics/kaputt.yaml:4: topic kaputt: kind must be report, discussion, decision, info, not 'workshop'",
            "topics/kaputt.yaml:5: topic kaputt: 'minutes' must be a whole number in 1…480, not '0'",
            "topics/kaputt.yaml:6: topic kaputt: unknown key 'priorty' (did you mean 'priority'?); known keys: title, town, presenter, kind, minutes, priority, status, deadline, created, deferred_from, notes",
            "topics/kaputt.yaml:7: topic kaputt: created '2027-02-30' is not a date like 2027-04-28",
            "topics/kaputt.yaml:8: topic kaputt.deferred_from: unknown meeting 'autumn-2031' (meetings: kickoff, spring-2027)",
            "topics/leer.yaml:1: topic leer: 'title' is missing",
            "topics/leer.yaml:1: topic leer: 'minutes' is missing",
            "topics/leer.yaml:1: topic leer: 'created' is missing",
        ]
        for line in expected { #expect(problems.contains(line), "missing: \(line)\nall:\n\(problems.joined(separator: "\n"))") }
        #expect(!problems.contains { $0.contains("nirgendwo") }, "an item without id is skipped, not checked further")
        #expect(problems.count == expected.count, "\(problems.joined(separator: "\n"))")
    }

    @Test func topicFilesRoundTripAndAddNeverOverwrites() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        var workspace = try Workspace.load(at: sample.root)
        let backlog = TopicBacklog(workspace: workspace)
        let new = TopicBacklog.NewTopic(title: "Förderaufruf „Digitale Modellregion“: gemeinsamer Antrag", town: "bretten",
                                        presenter: "bretten-it", kind: .decision, minutes: 25, priority: 1,
                                        deadline: date("2027-06-30"), notes: "Zeile 1\nZeile \"2\" \\ Ende")
        let added = try backlog.add(new, created: date("2027-04-01"))
        // The title's slug is taken by the sample's topic? No: the sample's id is shorter; this one is new.
        #expect(added.id == "foerderaufruf-digitale-modellregion-gemeinsamer")
        workspace = try Workspace.load(at: sample.root)
        #expect(workspace.topic(added.id) == added)
        // The same title again gets a new id.
        let again = try TopicBacklog(workspace: workspace).add(new, created: date("2027-04-02"))
        #expect(again.id == "\(added.id)-2")
        #expect(throws: WorkspaceProblem(file: "topics/\(added.id).yaml", "already exists; choose another --id")) {
            var taken = new
            taken.id = added.id
            try TopicBacklog(workspace: workspace).add(taken, created: date("2027-04-02"))
        }
        #expect(throws: WorkspaceProblem.self) {
            var bad = new
            bad.town = "karlsruhe"
            try TopicBacklog(workspace: workspace).add(bad, created: date("2027-04-02"))
        }
        // close rewrites a convene-owned file; a hand-written one needs force.
        let closed = try TopicBacklog(workspace: workspace).setStatus(.done, of: added.id, force: false)
        #expect(closed.status == .done)
        #expect(throws: WorkspaceProblem(file: "topics/schulungsangebot-digitallotsen.yaml",
                                         "was edited by hand; not overwritten (use --force to replace it; a .bak copy is kept)")) {
            try TopicBacklog(workspace: workspace).setStatus(.dropped, of: "schulungsangebot-digitallotsen", force: false)
        }
        try TopicBacklog(workspace: workspace).setStatus(.dropped, of: "schulungsangebot-digitallotsen", force: true)
        #expect(FileManager.default.fileExists(atPath: sample.root.appendingPathComponent("topics/schulungsangebot-digitallotsen.yaml.bak").path))
        workspace = try Workspace.load(at: sample.root)
        #expect(workspace.topic("schulungsangebot-digitallotsen")?.status == .dropped)
        #expect(workspace.topic("schulungsangebot-digitallotsen")?.deferredFrom == ["kickoff"])
    }

    @Test func slugs() {
        #expect(Topic.slug(from: "Bühl: Straßen & Öffnungszeiten") == "buehl-strassen-oeffnungszeiten")
        #expect(Topic.slug(from: "  ***  ") == "topic")
        #expect(Topic.slug(from: String(repeating: "abcdefghij ", count: 10)).count <= 48)
        #expect(Slug.isValid(Topic.slug(from: "E-Mobilität 2027 – Ladesäulen")))
    }

    @Test func plannerReadsTheWorkspace() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        var workspace = try Workspace.load(at: sample.root)
        let planner = try AgendaPlanner(workspace: workspace)
        let spring = try #require(workspace.meeting("spring-2027"))
        // No slot yet: a clear error that says what to do.
        #expect(throws: WorkspaceProblem(file: "meetings/spring-2027/slot.yaml",
                                         "no slot chosen for spring-2027 yet; pick one first: convene propose spring-2027 --pick N")) {
            try planner.build(for: spring)
        }
        try sample.write("meetings/spring-2027/slot.yaml", OwnedFile.seal("start: 2027-05-12T10:30:00Z\nend: 2027-05-12T14:00:00Z\n"))
        workspace = try Workspace.load(at: sample.root)
        let input = try AgendaPlanner(workspace: workspace).input(for: try #require(workspace.meeting("spring-2027")))
        #expect(input.previousMeeting == MeetingReference(id: "kickoff", title: "Auftakttreffen Digital Regional", date: date("2026-11-19"), minutes: .draft))
        #expect(input.nextMeetingDate == date("2027-05-12").adding(days: AgendaPlanner.assumedInterval))
        #expect(input.actionItems.allSatisfy { $0.meeting == "kickoff" && $0.status.isPending })
        #expect(input.actionItems.map(\.town) == ["bretten", "bruchsal", "stutensee", "rastatt", "gaggenau", "baden-baden"])
        #expect(input.history.meetings.map(\.id) == ["kickoff"])
        #expect(input.chair == "ettlingen-ob" && input.reviewPresenter == "ettlingen-main-office")
        // The stored agenda round-trips.
        let agenda = try AgendaBuilder.build(input)
        let report = AgendaReport(agenda: agenda, names: AgendaNames(workspace: workspace, meeting: try #require(workspace.meeting("spring-2027"))),
                                  language: .de, zone: berlin)
        let stored = try StoredAgenda(text: OwnedFile.seal(AgendaStore.text(report)), file: "x")
        #expect(stored.items.map(\.title) == agenda.items.map(report.title(of:)))
        #expect(stored.items.map(\.start) == agenda.items.map(\.start))
        #expect(stored.deferredTopics == Set(agenda.deferred.map(\.topic.id)))
        #expect(stored.reportingTowns == Set(agenda.items.filter { $0.kind == .report }.compactMap(\.town)))
        #expect(throws: WorkspaceProblem.self) { try StoredAgenda(text: "{\"meeting\": 3}", file: "x") }
    }
}
