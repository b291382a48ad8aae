import ConveneCore
import ICalendar

/// The values an agenda template can use. Every key is always present (empty when there is
/// nothing to say), so a lookup never climbs into an outer section by accident and the check for
/// unknown variables knows them all.
///
/// Top level: `lang`, `labels.{agenda, item, time, topic, kind, town, presenter, open_actions, deferred,
/// explanation, notes, uhr, organizer}`, `organizer` (true with `--explain`: the organizer's section with the
/// summary, the reasons and the builder's notes; the public Tagesordnung has none of them), `network`, `meeting_id`, `meeting_title`, `date`, `start`, `end`,
/// `location`, `summary`, `items`, `has_actions`, `review_number`, `action_groups`, `has_deferred`,
/// `deferred`, `has_explanation`, `explanation`, `has_notes`, `notes`.
/// Each of `items`: `number`, `start`, `end`, `minutes`, `title`, `kind`, `kind_label`, `town`, `reporting_town`
/// (a topic's town; empty for frame items and breaks),
/// `town_id`, `presenter`, `presenter_id`, `topic`, `topic_notes`, `is_break`, `is_review`.
/// Each of `action_groups`: `town`, `actions` (each: `text`, `title`, `responsible`, `due`,
/// `status`, `meeting`, `item`). Each of `deferred`: `topic`, `title`, `town`, `reason`.
/// Each of `explanation`: `mark`, `topic`, `title`, `reason`, `value`. Each of `notes`: `text`.
enum TemplateData {
    /// Keys of the list elements, which an empty list does not show.
    static let elementKeys: Set<String> = [
        "number", "start", "end", "minutes", "title", "kind", "kind_label", "town", "reporting_town", "town_id", "presenter", "presenter_id", "topic",
        "topic_notes", "is_break", "is_review", "actions", "text", "responsible", "due", "status", "meeting", "item", "reason",
        "mark", "value",
    ]

    static func make(_ report: AgendaReport, explain: Bool) -> [String: Any] {
        let agenda = report.agenda, language = report.language, words = language.words, names = report.names
        let items: [[String: Any]] = agenda.items.map { item in
            [
                "number": item.number ?? "",
                "start": report.clock(item.start),
                "end": report.clock(item.end),
                "minutes": String(item.minutes),
                "title": report.title(of: item),
                "kind": item.kind.rawValue,
                "kind_label": language.label(of: item.kind),
                "town": names.town(item.town),
                "reporting_town": item.topic == nil ? "" : names.town(item.town),
                "town_id": item.town ?? "",
                "presenter": names.person(item.presenter),
                "presenter_id": item.presenter ?? "",
                "topic": item.topic?.id ?? "",
                "topic_notes": item.topic?.notes ?? "",
                "is_break": item.isBreak,
                "is_review": item.role == .actionReview,
            ]
        }
        let groups: [[String: Any]] = report.actionsByTown().map { group in
            [
                "town": names.town(group.town),
                "actions": group.items.map { action -> [String: Any] in
                    [
                        "text": report.actionLine(action),
                        "title": action.title,
                        "responsible": names.person(action.responsible),
                        "due": action.due.map(language.date) ?? "",
                        "status": language.label(of: action.status),
                        "meeting": names.meetings[action.meeting] ?? action.meeting,
                        "item": action.item ?? "",
                    ]
                },
            ]
        }
        let deferred: [[String: Any]] = agenda.deferred.map { decision in
            ["topic": decision.topic.id, "title": decision.topic.title, "town": names.town(decision.topic.town),
             "reason": report.reason(decision)]
        }
        let explanation: [[String: Any]] = !explain ? [] : agenda.decisions
            .sorted { ($0.included ? 0 : 1, $0.topic.id) < ($1.included ? 0 : 1, $1.topic.id) }
            .map { decision in
                ["mark": decision.included ? words.chosen : words.left, "topic": decision.topic.id, "title": decision.topic.title,
                 "reason": report.reason(decision), "value": language.valueExplanation(decision, nextMeeting: agenda.nextMeetingDate)]
            }
        let notes: [[String: Any]] = agenda.notes.map { ["text": language.note($0, townName: names.town)] }
        return [
            "lang": language.rawValue,
            "labels": [
                "agenda": words.agenda, "item": words.item, "time": words.time, "topic": words.topic, "kind": words.kind,
                "town": words.town, "organizer": words.organizer, "presenter": words.presenter, "open_actions": words.openActions, "deferred": words.deferred,
                "explanation": words.explanation, "notes": words.notes, "uhr": words.uhr,
            ] as [String: Any],
            "organizer": explain,
            "network": names.network,
            "meeting_id": agenda.meetingID,
            "meeting_title": agenda.meetingTitle,
            "date": report.day,
            "start": report.clock(agenda.slot.start),
            "end": report.clock(agenda.slot.end),
            "location": names.location,
            "summary": report.summary,
            "items": items,
            "has_actions": !groups.isEmpty,
            "review_number": agenda.items.first { $0.role == .actionReview }?.number ?? "",
            "action_groups": groups,
            "has_deferred": !deferred.isEmpty && !explain,
            "deferred": deferred,
            "has_explanation": !explanation.isEmpty,
            "explanation": explanation,
            "has_notes": !notes.isEmpty,
            "notes": notes,
        ]
    }
}
