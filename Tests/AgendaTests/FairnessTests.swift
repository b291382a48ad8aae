import ConveneCore
import ICalendar
import SampleSupport
import Testing
@testable import Agenda

/// A simulated series of six plenaries: each town has a project to report on, more topics arrive
/// every time than fit, and each agenda's history is the agendas before it — as `AgendaPlanner`
/// builds it from the agendas stored with earlier meetings.
@Suite struct FairnessTests {
    @Test func everyTownReportsAtLeastEveryKMeetings() throws {
        let every = 2
        var random = SeededGenerator(seed: 2027)
        var backlog: [Topic] = []
        var history = AgendaHistory()
        var reportsPerMeeting: [[String]] = []
        let days = ["2027-05-12", "2027-11-10", "2028-05-10", "2028-11-08", "2029-05-09", "2029-11-07"]
        for (index, day) in days.enumerated() {
            let meeting = "m\(index + 1)"
            // New this time: a report per town (its project goes on), and competing topics with high
            // priority and deadlines from a few towns.
            for town in nineTowns {
                backlog.append(topic("\(meeting)-report-\(town.id)", town.id, kind: .report, minutes: 15, priority: Int.random(in: 2...5, using: &random),
                                     created: day))
            }
            for extra in 0..<6 {
                let town = nineTowns[Int.random(in: 0...3, using: &random)].id
                backlog.append(topic("\(meeting)-topic-\(extra)", town, kind: [.decision, .discussion].randomElement(using: &random)!,
                                     minutes: [15, 20, 30].randomElement(using: &random)!, priority: 1,
                                     deadline: extra == 0 ? LocalDate(iso: day)!.adding(days: 60).description : nil, created: day))
            }
            let next = index + 1 < days.count ? days[index + 1] : "2030-05-08"
            let input = input(backlog, slot: slot(day, "12:30", "16:00"), settings: AgendaSettings(reportEvery: every), next: next,
                              history: history, id: meeting)
            let agenda = try AgendaBuilder.build(input)
            #expect(brokenRules(agenda, input) == [])
            // Urgent deadlines still win.
            #expect(agenda.topicIDs.contains("\(meeting)-topic-0"))
            let reporting = agenda.items.filter { $0.kind == .report }.compactMap(\.town)
            reportsPerMeeting.append(reporting)
            history.meetings.append(AgendaHistory.Meeting(id: meeting, reportingTowns: Set(reporting),
                                                          deferredTopics: Set(agenda.deferred.map(\.topic.id))))
            // What was on the agenda is done; a town's older reports are superseded by the new one.
            let done = Set(agenda.topicIDs)
            backlog.removeAll { done.contains($0.id) || ($0.kind == .report && reporting.contains($0.town)) }
        }
        // Every town reported, and never went more than `every` meetings in a row without a report.
        for town in nineTowns {
            #expect(reportsPerMeeting.contains { $0.contains(town.id) }, "\(town.id) never reported: \(reportsPerMeeting)")
            var gap = 0, longest = 0
            for reports in reportsPerMeeting {
                gap = reports.contains(town.id) ? 0 : gap + 1
                longest = max(longest, gap)
            }
            #expect(longest < every, "\(town.id) went \(longest) meetings without a report: \(reportsPerMeeting)")
        }
    }
}
