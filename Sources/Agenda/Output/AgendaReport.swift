import ConveneCore
import ICalendar

/// Display names for ids (towns, people, the location), from the workspace.
public struct AgendaNames: Sendable {
    public var network: String
    public var location: String
    public var towns: [String: String]
    public var people: [String: String]
    public var meetings: [String: String]
    /// Town ids in the workspace's order (action items are grouped in it).
    public var townOrder: [String]

    public init(network: String, location: String, towns: [String: String], people: [String: String], meetings: [String: String] = [:],
                townOrder: [String] = []) {
        self.network = network
        self.location = location
        self.towns = towns
        self.people = people
        self.meetings = meetings
        self.townOrder = townOrder
    }

    public init(workspace: Workspace, meeting: Meeting) {
        self.init(network: workspace.network.name, location: workspace.network.location(meeting.location)?.name ?? meeting.location,
                  towns: Dictionary(workspace.towns.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                  people: Dictionary(workspace.people.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                  meetings: Dictionary(workspace.meetings.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a }),
                  townOrder: workspace.towns.map(\.id))
    }

    func town(_ id: String?) -> String { id.map { towns[$0] ?? $0 } ?? "" }
    func person(_ id: String?) -> String { id.map { people[$0] ?? $0 } ?? "" }
}

/// The agenda in words: JSON (the contract), plain text, and the data the templates render.
public struct AgendaReport: Sendable {
    public let agenda: Agenda
    public let names: AgendaNames
    public let language: Language
    public let zone: CalendarTimeZone

    public init(agenda: Agenda, names: AgendaNames, language: Language, zone: CalendarTimeZone) {
        self.agenda = agenda
        self.names = names
        self.language = language
        self.zone = zone
    }

    // MARK: Words for items

    public func title(of item: AgendaItem) -> String {
        if let topic = item.topic { return topic.title }
        return language.title(of: item.role ?? .otherBusiness, previous: agenda.previousMeeting)
    }

    func reason(_ decision: TopicDecision) -> String {
        language.reason(decision.reason, value: decision.value, topic: decision.topic, townName: names.town)
    }

    /// `Ende 15:55 Uhr; 148 von 148 min für Themen verplant, 5 min Reserve.`
    var summary: String {
        let words = language.words
        let spare = Int((agenda.slot.end - agenda.end) / 60)
        var out = "\(words.end) \(clock(agenda.end))\(words.uhr)"
        out += language == .de
            ? "; \(agenda.topicMinutes) von \(agenda.topicBudget) min \(words.planned)"
            : "; \(agenda.topicMinutes) of \(agenda.topicBudget) min \(words.planned)"
        return out + (spare > 0 ? ", \(spare) min \(words.spare)." : ".")
    }

    func clock(_ instant: Instant) -> String { language.clock(zone.localTime(of: instant)) }

    var day: String { language.day(zone.localTime(of: agenda.slot.start).date) }

    /// Pending action items grouped by town, in the workspace's town order.
    func actionsByTown() -> [(town: String, items: [ActionItem])] {
        var groups: [(String, [ActionItem])] = []
        let order = names.townOrder + agenda.actionItems.map(\.town).filter { !names.townOrder.contains($0) }
        for town in order where !groups.contains(where: { $0.0 == town }) {
            let items = agenda.actionItems.filter { $0.town == town }
            if !items.isEmpty { groups.append((town, items)) }
        }
        return groups
    }

    func actionLine(_ action: ActionItem) -> String {
        let words = language.words
        var details: [String] = []
        if let responsible = action.responsible { details.append(names.person(responsible)) }
        details.append(action.due.map { "\(words.due) \(language.date($0))" } ?? words.noDeadline)
        details.append(language.label(of: action.status))
        var origin = "\(words.from) \(names.meetings[action.meeting] ?? action.meeting)"
        if let item = action.item { origin += ", \(words.item) \(item)" }
        details.append(origin)
        return "\(action.title) (\(details.joined(separator: "; ")))"
    }

    // MARK: JSON

    /// The JSON contract: `{"meeting","items":[{number,title,start,end,kind,town,presenter,topic}],
    /// "deferred":[{topic,reason}],"action_items":[…]}`; with `explain`, also `"explanation"`.
    public func json(explain: Bool = false) -> JSON {
        var pairs: [(String, JSON)] = [
            ("meeting", .string(agenda.meetingID)),
            ("items", .array(agenda.items.map { item in
                .object([
                    ("number", item.number.map(JSON.string) ?? .null),
                    ("title", .string(title(of: item))),
                    ("start", .string(item.start.rfc3339)),
                    ("end", .string(item.end.rfc3339)),
                    ("kind", .string(item.kind.rawValue)),
                    ("town", item.town.map(JSON.string) ?? .null),
                    ("presenter", item.presenter.map(JSON.string) ?? .null),
                    ("topic", item.topic.map { .string($0.id) } ?? .null),
                ])
            })),
            ("deferred", .array(agenda.deferred.map { decision in
                .object([("topic", .string(decision.topic.id)), ("reason", .string(reason(decision)))])
            })),
            ("action_items", .array(agenda.actionItems.map { action in
                .object([
                    ("id", .string(action.id)),
                    ("title", .string(action.title)),
                    ("town", .string(action.town)),
                    ("responsible", action.responsible.map(JSON.string) ?? .null),
                    ("due", action.due.map { .string($0.description) } ?? .null),
                    ("status", .string(action.status.rawValue)),
                    ("meeting", .string(action.meeting)),
                    ("item", action.item.map(JSON.string) ?? .null),
                ])
            })),
        ]
        if explain {
            pairs.append(("explanation", .array(agenda.decisions.map { decision in
                .object([
                    ("topic", .string(decision.topic.id)),
                    ("included", .bool(decision.included)),
                    ("reason", .string(reason(decision))),
                    ("value", .object([
                        ("priority", .int(decision.value.priority)),
                        ("deadline", .int(decision.value.deadline)),
                        ("aging", .int(decision.value.aging)),
                        ("fairness", .int(decision.value.fairness)),
                        ("total", .int(decision.value.total)),
                    ])),
                ])
            })))
            pairs.append(("notes", .array(agenda.notes.map { .string(language.note($0, townName: names.town)) })))
        }
        return .object(pairs)
    }

    // MARK: Text

    /// A plain-text agenda for the terminal (and the invitation's description).
    public func text(explain: Bool = false, style: TextStyle = TextStyle(enabled: false)) -> String {
        let words = language.words
        var out = style.bold("\(words.agenda): \(agenda.meetingTitle)") + "\n"
        let start = clock(agenda.slot.start), end = clock(agenda.slot.end)
        out += "\(day), \(start)–\(end)\(words.uhr)" + (names.location.isEmpty ? "" : ", \(names.location)") + "\n\n"
        var table = TextTable(header: [words.item, words.time, words.topic, words.kind, words.presenter])
        for item in agenda.items {
            let time = "\(clock(item.start))–\(clock(item.end))"
            if item.isBreak {
                table.rows.append(["", time, title(of: item), "", ""])
            } else {
                table.rows.append([item.number ?? "", time, title(of: item), language.label(of: item.kind), names.person(item.presenter)])
            }
        }
        out += table.render(style: style)
        out += "\n\(summary)\n"

        if let review = agenda.items.first(where: { $0.role == .actionReview }) {
            out += "\n" + style.bold("\(words.openActions) (\(words.item) \(review.number ?? "")):") + "\n"
            for group in actionsByTown() {
                out += "  \(names.town(group.town))\n"
                for action in group.items { out += "    - \(actionLine(action))\n" }
            }
        }
        let deferred = agenda.deferred
        if !deferred.isEmpty && !explain {
            out += "\n" + style.bold("\(words.deferred):") + "\n"
            for decision in deferred {
                out += "  - \(decision.topic.title) [\(decision.topic.id), \(names.town(decision.topic.town))]: \(reason(decision))\n"
            }
        }
        if explain {
            out += "\n" + style.bold("\(words.explanation):") + "\n"
            for decision in agenda.decisions.sorted(by: { ($0.included ? 0 : 1, $0.topic.id) < ($1.included ? 0 : 1, $1.topic.id) }) {
                let mark = decision.included ? "+" : "-"
                out += "  \(mark) \(decision.topic.id) (\(decision.topic.minutes) min, \(names.town(decision.topic.town))): \(reason(decision))\n"
                out += "      \(language.valueExplanation(decision, nextMeeting: agenda.nextMeetingDate))\n"
            }
        }
        if !agenda.notes.isEmpty {
            out += "\n" + style.bold("\(words.notes):") + "\n"
            for note in agenda.notes { out += "  - \(language.note(note, townName: names.town))\n" }
        }
        return out
    }
}
