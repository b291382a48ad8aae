import ConveneCore
import Foundation
import ICalendar
@testable import Agenda

let berlin = try! CalendarTimeZone(identifier: "Europe/Berlin")

let nineTowns = ["ettlingen", "bretten", "bruchsal", "rheinstetten", "stutensee", "rastatt", "gaggenau", "buehl", "baden-baden"]
    .map { Town(id: $0, name: $0.capitalized) }

func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }

/// A slot on the Berlin wall clock: `slot("2027-05-12", "12:30", "16:00")`.
func slot(_ day: String, _ from: String, _ to: String) -> Interval {
    func instant(_ time: String) -> Instant {
        let parts = time.split(separator: ":").map { Int($0)! }
        return berlin.instant(for: LocalDateTime(date: date(day), hour: parts[0], minute: parts[1]))
    }
    return Interval(start: instant(from), end: instant(to))
}

func topic(_ id: String, _ town: String = "bretten", kind: TopicKind = .discussion, minutes: Int = 20, priority: Int = 3,
           deadline: String? = nil, created: String = "2027-01-01", deferredFrom: [String] = [], status: TopicStatus = .open) -> Topic {
    Topic(id: id, title: "Topic \(id)", town: town, presenter: "\(town)-ob", kind: kind, minutes: minutes, priority: priority, status: status,
          deadline: deadline.map(date), created: date(created), deferredFrom: deferredFrom)
}

func input(_ topics: [Topic], slot: Interval = slot("2027-05-12", "12:30", "16:00"), settings: AgendaSettings = AgendaSettings(),
           actions: [ActionItem] = [], previous: MeetingReference? = MeetingReference(id: "kickoff", title: "Auftakt", date: date("2026-11-19")),
           next: String = "2027-11-10", history: AgendaHistory = AgendaHistory(), id: String = "spring-2027") -> AgendaInput {
    AgendaInput(meetingID: id, meetingTitle: "Plenum", location: "ettlingen-schloss", hostTown: "ettlingen", slot: slot, zone: berlin,
                towns: nineTowns, topics: topics, actionItems: actions, previousMeeting: previous, nextMeetingDate: date(next),
                settings: settings, history: history, chair: "ettlingen-ob", reviewPresenter: "ettlingen-main-office")
}

extension Agenda {
    var topicIDs: [String] { items.compactMap { $0.topic?.id } }
    var frameRoles: [FrameRole] { items.compactMap { $0.kind == .frame ? $0.role : nil } }
    func decision(_ id: String) -> TopicDecision? { decisions.first { $0.topic.id == id } }
}

/// The rules every agenda keeps, whatever the backlog: returns what is broken (empty when all hold).
func brokenRules(_ agenda: Agenda, _ input: AgendaInput) -> [String] {
    var broken: [String] = []
    let items = agenda.items
    guard let first = items.first, let last = items.last else { return ["no items"] }
    if first.start != input.slot.start { broken.append("does not start with the slot") }
    if last.end > input.slot.end { broken.append("ends \(last.end) after the slot \(input.slot.end)") }
    for (a, b) in zip(items, items.dropFirst()) where a.end != b.start { broken.append("gap or overlap at \(a.end)") }
    for item in items where item.end <= item.start { broken.append("empty item \(item)") }
    let slotMinutes = Int(input.slot.duration / 60)
    if items.map(\.minutes).reduce(0, +) > slotMinutes { broken.append("items exceed the slot") }
    if agenda.topicMinutes > agenda.topicBudget { broken.append("topics \(agenda.topicMinutes) > budget \(agenda.topicBudget)") }
    // Frame first and last.
    if first.role != .welcome { broken.append("does not open with the welcome") }
    let nonBreak = items.filter { !$0.isBreak }
    if nonBreak.suffix(2).map(\.role) != [.otherBusiness, .nextMeeting] { broken.append("does not close with AOB and next meeting") }
    let opening: [FrameRole] = [.welcome, .minutesApproval, .actionReview]
    if let firstTopic = items.firstIndex(where: { $0.topic != nil }),
       items[firstTopic...].contains(where: { $0.role.map(opening.contains) ?? false }) {
        broken.append("an opening frame item after a topic")
    }
    // Group order without `order` overrides: reports, decisions, discussions, information.
    if input.settings.order.isEmpty {
        let rank: [ItemKind: Int] = [.report: 0, .decision: 1, .discussion: 2, .info: 3]
        let ranks = items.compactMap { $0.topic == nil ? nil : rank[$0.kind] }
        if ranks != ranks.sorted() { broken.append("topic groups out of order: \(ranks)") }
    }
    // TOP numbers 1…n on everything but breaks.
    if nonBreak.map(\.number) != nonBreak.indices.map({ String($0 + 1) }) { broken.append("TOP numbers not 1…n") }
    if items.contains(where: { $0.isBreak && $0.number != nil }) { broken.append("a break with a number") }
    // Pinned topics are in; excluded ones are out.
    for id in input.settings.pin where !agenda.topicIDs.contains(id) { broken.append("pinned \(id) missing") }
    for id in input.settings.exclude where agenda.topicIDs.contains(id) { broken.append("excluded \(id) present") }
    // Every pending topic is decided once; included ones are exactly those on the agenda.
    if Set(agenda.decisions.filter(\.included).map(\.topic.id)) != Set(agenda.topicIDs) { broken.append("decisions disagree with items") }
    if Set(agenda.topicIDs).count != agenda.topicIDs.count { broken.append("a topic twice") }
    // No town above its share with topics chosen by value.
    let limit = Int((Double(agenda.topicBudget) * input.settings.maxTownShare).rounded(.down))
    var perTown: [String: Int] = [:]
    for item in items { if let topic = item.topic, !input.settings.pin.contains(topic.id) { perTown[topic.town, default: 0] += topic.minutes } }
    for (town, minutes) in perTown where minutes > limit { broken.append("\(town) takes \(minutes) > \(limit)") }
    return broken
}

