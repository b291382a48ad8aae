import ConveneCore
import ICalendar
import Testing
@testable import Agenda

@Suite struct AgendaBuilderTests {
    /// 12:30–16:00: 210 min − coffee 15 − frame (10 + 5 + 10 + 5) = 165 min for topics.
    static let budgetWithoutActions = 165

    @Test func everythingFits() throws {
        let topics = [topic("a", "bretten", kind: .decision, minutes: 30), topic("b", "bruchsal", kind: .report, minutes: 15),
                      topic("c", "rastatt", kind: .info, minutes: 10), topic("d", "buehl", kind: .discussion, minutes: 25)]
        let input = input(topics)
        let agenda = try AgendaBuilder.build(input)
        #expect(brokenRules(agenda, input) == [])
        #expect(agenda.topicBudget == Self.budgetWithoutActions)
        #expect(agenda.topicIDs == ["b", "a", "d", "c"])
        #expect(agenda.deferred.isEmpty)
        #expect(agenda.frameRoles == [.welcome, .minutesApproval, .otherBusiness, .nextMeeting])
        // 12:30 welcome, 12:40 minutes, 12:45 report b, 13:00 decision a, 13:30 discussion d, 13:55 info c, …
        let report = AgendaReport(agenda: agenda, names: AgendaNames(network: "N", location: "L", towns: [:], people: [:]),
                                  language: .de, zone: berlin)
        #expect(agenda.items.map { "\(report.clock($0.start))–\(report.clock($0.end))" }
            == ["12:30–12:40", "12:40–12:45", "12:45–13:00", "13:00–13:30", "13:30–13:55", "13:55–14:05", "14:05–14:15", "14:15–14:20"])
        // Under two hours of content: no coffee break needed after all.
        #expect(!agenda.items.contains { $0.isBreak })
    }

    @Test func nothingFits() throws {
        let topics = [topic("long-1", minutes: 200), topic("long-2", "rastatt", minutes: 180)]
        let input = input(topics)
        let agenda = try AgendaBuilder.build(input)
        #expect(brokenRules(agenda, input) == [])
        #expect(agenda.topicIDs.isEmpty)
        #expect(agenda.frameRoles == [.welcome, .minutesApproval, .otherBusiness, .nextMeeting])
        #expect(agenda.decision("long-1")?.reason == .tooLong(minutes: 200, budget: Self.budgetWithoutActions))
        let words = AgendaReport(agenda: agenda, names: AgendaNames(network: "N", location: "L", towns: [:], people: [:]), language: .de,
                                 zone: berlin).json().rendered()
        #expect(words.contains(#"{"topic":"long-1","reason":"braucht 200 min, die Tagesordnung hat nur 165 min für Themen"}"#))
    }

    @Test func aSlotTooShortForTheFrameIsAnError() {
        #expect(throws: AgendaError.slotTooShort(slotMinutes: 20, frameMinutes: 30)) {
            try AgendaBuilder.build(input([topic("a")], slot: slot("2027-05-12", "10:00", "10:20")))
        }
    }

    @Test func oneGiantTopicIsDeferredAndTheRestStillFits() throws {
        let topics = [topic("giant", "ettlingen", kind: .decision, minutes: 240, priority: 1, deadline: "2027-06-30"),
                      topic("a", "bretten", minutes: 30), topic("b", "rastatt", kind: .report, minutes: 15)]
        let input = input(topics)
        let agenda = try AgendaBuilder.build(input)
        #expect(brokenRules(agenda, input) == [])
        #expect(agenda.topicIDs == ["b", "a"])
        #expect(agenda.deferred.map(\.topic.id) == ["giant"])
        #expect(agenda.decision("giant")?.reason == .tooLong(minutes: 240, budget: Self.budgetWithoutActions))
    }

    @Test func aPinnedTopicLargerThanTheBudgetIsAClearError() throws {
        var settings = AgendaSettings(pin: ["giant"])
        settings.pinLines = ["giant": 17]
        let topics = [topic("giant", minutes: 240), topic("a")]
        #expect(throws: AgendaError.pinnedTooLong(topic: "giant", minutes: 240, budget: Self.budgetWithoutActions)) {
            try AgendaBuilder.build(input(topics, settings: settings))
        }
        let problem = AgendaError.pinnedTooLong(topic: "giant", minutes: 240, budget: 165)
            .problem(in: MeetingFolder(id: "spring-2027"), settings: settings)
        #expect(problem.description == "meetings/spring-2027/meeting.yaml:17: pinned topic 'giant' needs 240 min, but the agenda has only "
            + "165 min for topics; shorten it (minutes in topics/giant.yaml), unpin it or choose a longer slot")
        // Together too long, each alone fine.
        let two = [topic("x", minutes: 100), topic("y", "rastatt", minutes: 100)]
        #expect(throws: AgendaError.pinnedTooMuch(topics: ["x", "y"], minutes: 200, budget: 165)) {
            try AgendaBuilder.build(input(two, settings: AgendaSettings(pin: ["x", "y"])))
        }
        #expect(throws: AgendaError.pinnedNotPending(topic: "x", status: .done)) {
            try AgendaBuilder.build(input([topic("x", status: .done)], settings: AgendaSettings(pin: ["x"])))
        }
    }

    @Test func pinnedTopicsBeatValueAndExcludedOnesStayOut() throws {
        let topics = [topic("low", "bretten", minutes: 60, priority: 5), topic("high-1", "rastatt", minutes: 60, priority: 1),
                      topic("high-2", "bruchsal", minutes: 60, priority: 1), topic("gone", "buehl", minutes: 10, priority: 1)]
        let settings = AgendaSettings(pin: ["low"], exclude: ["gone"])
        let input = input(topics, settings: settings)
        let agenda = try AgendaBuilder.build(input)
        #expect(brokenRules(agenda, input) == [])
        #expect(agenda.topicIDs.contains("low"))
        #expect(agenda.decision("low")?.reason == .pinned)
        #expect(agenda.decision("gone")?.reason == .excluded)
        #expect(agenda.topicIDs.filter { $0.hasPrefix("high") }.count == 1)
    }

    @Test func deadlinesBeforeTheNextMeetingComeFirst() throws {
        let topics = [
            topic("urgent", "bretten", kind: .decision, minutes: 60, priority: 5, deadline: "2027-06-30"),
            topic("later", "rastatt", kind: .decision, minutes: 60, priority: 5, deadline: "2028-01-31"),
            topic("passed", "buehl", kind: .info, minutes: 10, priority: 1, deadline: "2027-03-31"),
            topic("p1", "bruchsal", minutes: 50, priority: 1), topic("p2", "gaggenau", minutes: 50, priority: 1),
        ]
        let input = input(topics)
        let agenda = try AgendaBuilder.build(input)
        #expect(brokenRules(agenda, input) == [])
        #expect(agenda.topicIDs.contains("urgent"))
        #expect(agenda.decision("urgent")?.urgent == true)
        #expect(agenda.decision("urgent")?.value.deadline == TopicValue.urgentDeadline)
        #expect(agenda.decision("later")?.included == false)
        #expect(agenda.decision("later")?.urgent == false)
        #expect(agenda.decision("passed")?.reason == .deadlinePassed(date("2027-03-31")))
        // Included before its deadline: the meeting is on 12.05., the deadline 30.06.
        let item = try #require(agenda.items.first { $0.topic?.id == "urgent" })
        #expect(berlin.localTime(of: item.end).date < date("2027-06-30"))
    }

    @Test func agingAndFairnessAddValue() throws {
        let history = AgendaHistory(meetings: [
            .init(id: "m1", reportingTowns: ["bretten"], deferredTopics: ["old"]),
            .init(id: "m2", reportingTowns: ["rastatt"], deferredTopics: ["old"]),
        ])
        let topics = [topic("old", minutes: 20, deferredFrom: ["m0", "m1"]), topic("r-bretten", "bretten", kind: .report),
                      topic("r-rastatt", "rastatt", kind: .report), topic("r-buehl", "buehl", kind: .report),
                      topic("r-buehl-2", "buehl", kind: .report, priority: 4)]
        let agenda = try AgendaBuilder.build(input(topics, history: history))
        // Deferred from m0 (file), m1 (both), m2 (stored agenda): three times.
        #expect(agenda.decision("old")?.timesDeferred == 3)
        #expect(agenda.decision("old")?.value.aging == 45)
        // Bretten reported two meetings ago (due with report_every 2), Rastatt at the last one
        // (not due), Bühl never (due) — the bonus goes to Bühl's best report only.
        #expect(agenda.decision("r-bretten")?.reportDue == true)
        #expect(agenda.decision("r-rastatt")?.reportDue == false)
        #expect(agenda.decision("r-buehl")?.reportDue == true)
        #expect(agenda.decision("r-buehl-2")?.reportDue == false)
        #expect(history.meetingsSinceReport(of: "bretten") == 1)
        #expect(history.meetingsSinceReport(of: "buehl") == nil)
        // Towns due without any report topic are named.
        #expect(agenda.notes.contains(.reportDueWithoutTopic(town: "ettlingen", meetingsSinceReport: nil)))
        #expect(!agenda.notes.contains { if case .reportDueWithoutTopic("rastatt", _) = $0 { true } else { false } })
    }

    @Test func noTownTakesMoreThanItsShare() throws {
        let topics = (1...5).map { topic("bretten-\($0)", "bretten", minutes: 20, priority: 1) } + [topic("other", "rastatt", minutes: 20, priority: 5)]
        let input = input(topics)
        let agenda = try AgendaBuilder.build(input)
        #expect(brokenRules(agenda, input) == [])
        // 40 % of 165 min = 66 min: three of Bretten's 20-minute topics.
        #expect(agenda.topicIDs.filter { $0.hasPrefix("bretten") }.count == 3)
        #expect(agenda.topicIDs.contains("other"))
        #expect(agenda.deferred.map(\.reason).allSatisfy { $0 == .townShare(town: "bretten", share: 0.4) })
    }

    @Test func orderOverrideAndGrouping() throws {
        let topics = [topic("i", "bretten", kind: .info, minutes: 10), topic("d", "rastatt", kind: .decision, minutes: 10),
                      topic("r2", "buehl", kind: .report, minutes: 10), topic("r1", "bretten", kind: .report, minutes: 10),
                      topic("x", "bruchsal", kind: .discussion, minutes: 10)]
        let plain = try AgendaBuilder.build(input(topics))
        // Reports grouped in the towns' order (Bretten before Bühl), then decision, discussion, info.
        #expect(plain.topicIDs == ["r1", "r2", "d", "x", "i"])
        let ordered = try AgendaBuilder.build(input(topics, settings: AgendaSettings(order: ["i", "x"])))
        #expect(ordered.topicIDs == ["i", "x", "r1", "r2", "d"])
    }

    @Test func lunchAndCoffeeBreaks() throws {
        // 09:00–15:00 covers 12:00–13:00: lunch, and a coffee break in the 3-hour morning (the
        // 2-hour afternoon needs none).
        let topics = (1...12).map { topic("t\($0)", nineTowns[$0 % 9].id, minutes: 20) }
        let input = input(topics, slot: slot("2027-05-12", "09:00", "15:00"), settings: AgendaSettings(maxTownShare: 1))
        let agenda = try AgendaBuilder.build(input)
        #expect(brokenRules(agenda, input) == [])
        let breaks = agenda.items.filter(\.isBreak)
        #expect(breaks.map(\.role) == [.coffee, .lunch])
        let lunch = try #require(breaks.last)
        let lunchStart = berlin.localTime(of: lunch.start)
        #expect(lunchStart.hour * 60 + lunchStart.minute >= 11 * 60 + 45 && lunchStart.hour * 60 + lunchStart.minute <= 12 * 60 + 15)
        #expect(lunch.minutes == FrameMinutes.lunch)
        let coffee = try #require(breaks.first)
        let sitting = Int((coffee.start - agenda.slot.start) / 60)
        #expect((75...105).contains(sitting))
        // 12:30–16:00 does not cover 12:00–13:00: no lunch.
        let afternoon = BreakPlan(slot: slot("2027-05-12", "12:30", "16:00"), zone: berlin)
        #expect(!afternoon.lunch && afternoon.coffeeBeforeLunch == 1 && afternoon.coffeeAfterLunch == 0)
        #expect(BreakPlan(slot: slot("2027-05-12", "10:00", "11:30"), zone: berlin).minutes == 0)
        #expect(BreakPlan.coffeeBreaks(in: 300) == 2)
    }

    @Test func reviewOfOpenActionItemsAndApprovalOfTheMinutes() throws {
        let actions = (1...4).map { ActionItem(id: "a\($0)", title: "Aufgabe \($0)", town: nineTowns[$0].id, due: date("2027-03-31"), meeting: "kickoff") }
        let agenda = try AgendaBuilder.build(input([topic("a")], actions: actions))
        #expect(agenda.frameRoles == [.welcome, .minutesApproval, .actionReview, .otherBusiness, .nextMeeting])
        let review = try #require(agenda.items.first { $0.role == .actionReview })
        #expect(review.minutes == FrameMinutes.review(count: 4))
        #expect(review.presenter == "ettlingen-main-office")
        let report = AgendaReport(agenda: agenda, names: AgendaNames(network: "N", location: "L", towns: [:], people: [:]),
                                  language: .de, zone: berlin)
        #expect(report.title(of: agenda.items[1]) == "Genehmigung der Niederschrift der Sitzung vom 19.11.2026 (Auftakt)")
        let english = AgendaReport(agenda: agenda, names: report.names, language: .en, zone: berlin)
        #expect(english.title(of: agenda.items[1]) == "Approval of the minutes of the meeting on 19 Nov 2026 (Auftakt)")
        // A first meeting has no minutes to approve and no action items.
        let first = try AgendaBuilder.build(input([topic("a")], previous: nil))
        #expect(first.frameRoles == [.welcome, .otherBusiness, .nextMeeting])
    }

    @Test func knapsackIsExact() {
        func candidate(_ id: String, _ minutes: Int, _ value: Int) -> TopicSelection.Candidate {
            TopicSelection.Candidate(topic: topic(id, minutes: minutes), value: ValueBreakdown(priority: value, deadline: 0, aging: 0, fairness: 0),
                                     timesDeferred: 0, urgent: false, reportDue: false)
        }
        // Greedy by value would take "big" (60) alone; two smaller ones are worth more together.
        let chosen = TopicSelection.knapsack([candidate("big", 60, 50), candidate("s1", 30, 30), candidate("s2", 30, 30)], capacity: 60)
        #expect(Set(chosen.map(\.topic.id)) == ["s1", "s2"])
        #expect(TopicSelection.knapsack([candidate("x", 10, 5)], capacity: 0).isEmpty)
    }
}
