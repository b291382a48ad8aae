import ConveneCore
import ICalendar

/// Builds a time-boxed agenda (*Tagesordnung*) for a meeting with a chosen slot.
///
/// 1. Frame items: *Begrüßung* (10 min, the host OB), *Genehmigung der Niederschrift* of the previous
///    meeting (5 min, when there is one), *Offene Aufgaben* (5 min + 2 per pending action item of
///    earlier meetings rounded up to 5, at most 20; when there are any); every length is a multiple of
///    5 minutes (topics' estimates are rounded up by `AgendaPlanner`), so TOP times lie on a 5-minute grid, and at the end *Verschiedenes* (10 min) and
///    *Nächster Termin* (5 min).
/// 2. Breaks (`BreakPlan`): lunch (60 min) when the slot covers 12:00–13:00, a coffee break
///    (15 min) after about 90 minutes.
/// 3. The rest of the slot is the topic budget; `TopicSelection` fills it (pins, exclusions,
///    value, town share).
/// 4. Order: frame, then the project reports grouped (in the towns' order, as the *Berichte* of a
///    German agenda come first), then decisions (earliest deadline first), discussions and
///    information (each by value); `agenda.order` in meeting.yaml puts its topics first, in its order.
/// 5. Times: items follow each other from the slot's start, breaks in between (`Timetable`).
public enum AgendaBuilder {
    /// - Throws: `AgendaError` when the slot cannot hold the frame, or pinned topics do not fit.
    public static func build(_ input: AgendaInput) throws(AgendaError) -> Agenda {
        let slotMinutes = Int(input.slot.duration / 60)
        let plan = BreakPlan(slot: input.slot, zone: input.zone)
        let opening = openingFrame(input), closing = closingFrame(input)
        let frameMinutes = (opening + closing).map(\.minutes).reduce(0, +) + plan.minutes
        let budget = slotMinutes - frameMinutes
        guard budget >= 0 else { throw .slotTooShort(slotMinutes: slotMinutes, frameMinutes: frameMinutes) }

        let selection = try TopicSelection.run(input, budget: budget)
        let topics = ordered(selection.chosen.map(\.topic), input: input, values: Dictionary(uniqueKeysWithValues: selection.decisions.map {
            ($0.topic.id, $0.value.total)
        }))
        let entries = opening + topics.map { topic in
            Timetable.Entry(kind: ItemKind(topic.kind), role: nil, topic: topic, town: topic.town, presenter: topic.presenter,
                            minutes: topic.minutes)
        } + closing
        let items = Timetable.layout(entries, slot: input.slot, zone: input.zone, plan: plan)
        return Agenda(meetingID: input.meetingID, meetingTitle: input.meetingTitle, location: input.location, hostTown: input.hostTown,
                      slot: input.slot, items: items, decisions: selection.decisions, actionItems: input.actionItems,
                      previousMeeting: input.previousMeeting, nextMeetingDate: input.nextMeetingDate, topicBudget: budget,
                      notes: selection.notes)
    }

    static func openingFrame(_ input: AgendaInput) -> [Timetable.Entry] {
        var entries = [frame(.welcome, input, minutes: FrameMinutes.welcome)]
        if input.previousMeeting != nil { entries.append(frame(.minutesApproval, input, minutes: FrameMinutes.minutesApproval)) }
        if !input.actionItems.isEmpty {
            var review = frame(.actionReview, input, minutes: FrameMinutes.review(count: input.actionItems.count))
            review.presenter = input.reviewPresenter ?? input.chair
            entries.append(review)
        }
        return entries
    }

    static func closingFrame(_ input: AgendaInput) -> [Timetable.Entry] {
        [frame(.otherBusiness, input, minutes: FrameMinutes.otherBusiness), frame(.nextMeeting, input, minutes: FrameMinutes.nextMeeting)]
    }

    private static func frame(_ role: FrameRole, _ input: AgendaInput, minutes: Int) -> Timetable.Entry {
        Timetable.Entry(kind: .frame, role: role, topic: nil, town: input.hostTown, presenter: input.chair, minutes: minutes)
    }

    /// Reports (by town order), decisions (earliest deadline first), discussions, information (by
    /// value); topics named in `agenda.order` first.
    static func ordered(_ topics: [Topic], input: AgendaInput, values: [String: Int]) -> [Topic] {
        let townIndex = Dictionary(uniqueKeysWithValues: input.towns.enumerated().map { ($1.id, $0) })
        let group: [TopicKind: Int] = [.report: 0, .decision: 1, .discussion: 2, .info: 3]
        let orderIndex = Dictionary(input.settings.order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        func key(_ topic: Topic) -> (Int, Int, Int, Int, String) {
            if let position = orderIndex[topic.id] { return (-1, position, 0, 0, topic.id) }
            let value = -(values[topic.id] ?? 0)
            switch topic.kind {
            case .report: return (group[.report]!, townIndex[topic.town] ?? Int.max, topic.priority, 0, topic.id)
            case .decision: return (group[.decision]!, topic.deadline?.daysSinceEpoch ?? Int.max, value, 0, topic.id)
            case .discussion, .info: return (group[topic.kind]!, value, 0, 0, topic.id)
            }
        }
        return topics.sorted { key($0) < key($1) }
    }
}
