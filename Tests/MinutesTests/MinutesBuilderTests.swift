import ConveneCore
import Foundation
import ICalendar
import SampleSupport
import Testing
@testable import Minutes

/// Issue 10: Minutes as planner → pure builder → report → store. The builder makes the Niederschrift from values
/// alone — no workspace folder, no file — and the planner's input from the sample renders what the CLI prints.
@Suite struct MinutesBuilderTests {
    /// A Niederschrift built from values only: two towns, one decision taken unanimously without counts, an action
    /// item, the approval — nothing read from a file (the built-in template is compiled in).
    @Test func theNiederschriftFromValuesOnly() throws {
        let zone = try CalendarTimeZone(identifier: "Europe/Berlin")
        let start = try #require(Instant(rfc3339: "2027-05-12T10:30:00Z")), end = try #require(Instant(rfc3339: "2027-05-12T14:00:00Z"))
        let day = try #require(LocalDate(iso: "2027-05-12"))
        let meeting = Meeting(id: "m", kind: .plenary, title: "Plenum", window: DateRange(first: day, last: day), durationMinutes: 210,
                              location: "rathaus", hostTown: "a", attendance: AttendancePolicy(required: [], optional: [], representation: .anyone,
                                                                                             minimumTownShare: 0.5),
                              gridMinutes: 30, folder: "meetings/m", chosen: Interval(start: start, end: end))
        let towns = [Town(id: "a", name: "Astadt"), Town(id: "b", name: "Bdorf")]
        let people = [Person(id: "a-ob", name: "Anna Alt", email: "a@a.example", town: "a", role: .ob),
                      Person(id: "b-ob", name: "Bernd Bach", email: "b@b.example", town: "b", role: .ob)]
        let record = MinutesRecord(meeting: "m", chair: "a-ob", minuteTaker: "b-ob",
                                   attendance: [AttendanceEntry(person: "a-ob", status: .present), AttendanceEntry(person: "b-ob", status: .excused)],
                                   sections: [MinutesSection(number: "1", title: "Haushalt", notes: "Ergebnis: besprochen.",
                                                             decisions: [Decision(text: "Angenommen.", vote: .unanimousWithoutCounts, town: "a")],
                                                             actionItems: ["m-a"])])
        let action = ActionItem(id: "m-a", title: "Umsetzen", town: "a", responsible: "a-ob", due: LocalDate(iso: "2027-06-30"), item: "1", meeting: "m")
        let input = NiederschriftInput(record: record, meeting: meeting, network: "Netz", place: "Rathaus, Marktplatz 1", towns: towns,
                                       people: people, actions: [action], decisionNumbers: [["2027/01"]],
                                       quorum: Quorum(represented: 1, towns: 2, required: 1),
                                       approval: MinutesApproval(approvedOn: LocalDate(iso: "2027-07-01")!, atMeeting: "n", fingerprint: "x"),
                                       approvalMatches: true, approvingMeetingTitle: "Herbstplenum", zone: zone)
        let data = MinutesBuilder.niederschrift(input, language: .de)
        #expect(data["date"] as? String == "Mi 12.05.2027" && data["start"] as? String == "12:30" && data["end"] as? String == "16:00")
        #expect(data["quorum"] as? String == "beschlussfähig: 1 von 2 Städten vertreten (erforderlich: 1)")
        #expect(data["state"] as? String == "genehmigt am 01.07.2027 (Herbstplenum)")
        let text = try MinutesTemplates.render(data, format: .markdown, workspaceRoot: nil)
        for expected in ["Netz", "Plenum", "Rathaus, Marktplatz 1", "Anna Alt", "Bernd Bach", "Astadt", "Bdorf", "Haushalt", "Ergebnis: besprochen.",
                         "2027/01", "Angenommen.", "einstimmig", "Umsetzen", "30.06.2027"] {
            #expect(text.contains(expected), "\(expected) missing in:\n\(text)")
        }
        let english = MinutesBuilder.niederschrift(input, language: .en)
        #expect(english["date"] as? String == "Wed 12 May 2027" && english["state"] as? String == "approved on 1 Jul 2027 (Herbstplenum)")
        // Changed after the approval without a logged change: the state says so.
        var changed = input
        changed.approvalMatches = false
        #expect((MinutesBuilder.niederschrift(changed, language: .de)["state"] as? String)?.hasSuffix("; danach ohne Vermerk geändert") == true)
    }

    /// The planner reads the sample into the input; builder and report then give exactly what `render` gives.
    @Test func plannerBuilderReportIsRender() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let kickoff = try #require(workspace.meeting("kickoff"))
        let input = try MinutesPlanner(workspace: workspace).niederschrift(for: kickoff)
        #expect(input.decisionNumbers.flatMap { $0 } == ["2026/01", "2026/02", "2026/03"])
        #expect(input.actions.count == 9 && input.approval == nil && input.place.hasPrefix("Schloss Ettlingen"))
        for format in [MinutesTemplates.Format.markdown, .html] {
            let staged = try MinutesTemplates.render(MinutesBuilder.niederschrift(input, language: .de), format: format, workspaceRoot: workspace.root)
            #expect(staged == (try MinutesTemplates.render(meeting: kickoff, workspace: workspace, format: format, language: .de)))
        }
        let spring = try #require(workspace.meeting("spring-2027"))
        #expect(throws: WorkspaceProblem(file: "meetings/spring-2027/minutes.yaml",
                                         "no minutes yet; create the record with: convene minutes init spring-2027")) {
            try MinutesPlanner(workspace: workspace).niederschrift(for: spring)
        }
    }
}
