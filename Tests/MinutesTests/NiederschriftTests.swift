import ConveneCore
import Foundation
import ICalendar
import SampleSupport
import Testing
@testable import Minutes

/// What a municipal record holds (issue 15, GemO BW §38 as the model): Beginn and Ende, Beschlussfähigkeit from the
/// meeting's town rule, decision numbers, votes written plainly.
@Suite struct NiederschriftTests {
    let zone = try! CalendarTimeZone(identifier: "Europe/Berlin")

    @Test func decisionsAreNumberedPerYearAcrossMeetings() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        #expect(DecisionNumbers.assign(in: workspace, zone: zone)["kickoff"]?.flatMap { $0 } == ["2026/01", "2026/02", "2026/03"])
        // A later meeting of the same year continues the count; a new year starts again at 01.
        var later = workspace
        var spring = try #require(later.meeting("spring-2027"))
        spring.chosen = Interval(start: Instant(rfc3339: "2027-05-12T10:30:00Z")!, end: Instant(rfc3339: "2027-05-12T14:00:00Z")!)
        later.meetings = later.meetings.map { $0.id == spring.id ? spring : $0 }
        later.minutes["spring-2027"] = MinutesRecord(meeting: "spring-2027", sections: [
            MinutesSection(number: "4", title: "Förderaufruf", decisions: [Decision(text: "Antrag stellen"), Decision(text: "Bretten führt")]),
        ])
        var winter = try #require(later.meeting("kickoff"))
        winter.id = "winter-2026"
        winter.chosen = Interval(start: Instant(rfc3339: "2026-12-10T09:00:00Z")!, end: Instant(rfc3339: "2026-12-10T11:00:00Z")!)
        later.meetings.append(winter)
        later.minutes["winter-2026"] = MinutesRecord(meeting: "winter-2026", sections: [MinutesSection(number: "2", title: "x", decisions: [Decision(text: "y")])])
        let numbers = DecisionNumbers.assign(in: later, zone: zone)
        #expect(numbers["winter-2026"] == [["2026/04"]])
        #expect(numbers["spring-2027"] == [["2027/01", "2027/02"]])
    }

    @Test func quorumFollowsTheTownRule() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let kickoff = try #require(workspace.meeting("kickoff"))
        var record = try #require(workspace.minutes["kickoff"])
        // Three OBs excused, each represented by the deputy present: all nine towns count; 0.75 × 9 → 7 needed.
        #expect(Quorum(record: record, meeting: kickoff, workspace: workspace) == Quorum(represented: 9, towns: 9, required: 7))
        // Without the deputies of Bruchsal, Rastatt and Baden-Baden, the three towns do not count: 6 of 9 is too few.
        for deputy in ["bruchsal-main-office", "rastatt-main-office", "baden-baden-main-office"] {
            let index = try #require(record.attendance.firstIndex { $0.person == deputy })
            record.attendance[index].status = .excused
        }
        let short = try #require(Quorum(record: record, meeting: kickoff, workspace: workspace))
        #expect(short.represented == 6 && !short.reached)
        #expect(MinutesWords(.de).quorum(short) == "nicht beschlussfähig: 6 von 9 Städten vertreten (erforderlich: 7)")
        #expect(MinutesWords(.en).quorum(short) == "not quorate: 6 of 9 towns represented (required: 7)")
    }

    @Test func votesAreWrittenPlainly() {
        let words = MinutesWords(.de)
        #expect(words.vote(VoteResult(inFavor: 9, against: 0, abstain: 0)) == "einstimmig")
        #expect(words.vote(VoteResult(inFavor: 7, against: 1, abstain: 1)) == "7 Ja, 1 Nein, 1 Enthaltung")
        #expect(MinutesWords(.en).vote(VoteResult(inFavor: 9, against: 0, abstain: 0)) == "unanimous")
    }

    @Test func theNiederschriftShowsBeginEndQuorumAndNumbers() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let kickoff = try #require(workspace.meeting("kickoff"))
        let text = try MinutesTemplates.render(meeting: kickoff, workspace: workspace, format: .markdown, language: .de, useWorkspaceTemplates: false)
        #expect(text.hasPrefix("# Niederschrift: Auftakttreffen Digital Regional\n"))
        for line in ["| Beginn | 09:00 Uhr |", "| Ende | 12:00 Uhr |",
                     "| Beschlussfähigkeit | beschlussfähig: 9 von 9 Städten vertreten (erforderlich: 7) |",
                     "- **Beschluss Nr. 2026/02:** Die Geschäftsordnung wird im Grundsatz angenommen; Ettlingen formuliert sie aus.  \n  **Abstimmung:** einstimmig"] {
            #expect(text.contains(line), "\(line)")
        }
    }
}

