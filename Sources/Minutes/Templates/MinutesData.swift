import ConveneCore
import ICalendar

/// The values a minutes template can use. Every key is always present (empty when there is nothing
/// to say), so a lookup never climbs into an outer section by accident.
///
/// Top level: `lang`, `labels.{minutes, network, date, place, chair, minute_taker, attendance,
/// present, excused, absent, item, decisions, action_items, actions_by_town, town, action,
/// responsible, due, status, signatures, place_date, uhr}`, `network`, `meeting_id`,
/// `meeting_title`, `date`, `has_time`, `start`, `end` (Beginn and Ende), `location`, `chair`, `minute_taker`,
/// `has_quorum`, `quorum` (the Beschlussfähigkeit from the meeting's town rule), `attendance_groups`, `sections`,
/// `has_action_groups`, `action_groups`.
/// Each of `attendance_groups`: `town`, `present`, `excused`, `absent` (names, comma-separated),
/// `has_present`, `has_excused`, `has_absent`, `has_present_or_excused`, `people` (each: `name`,
/// `status`, `status_id`).
/// Each of `sections`: `number`, `title`, `notes`, `has_notes`, `decisions` (each: `decision_number` —
/// `YYYY/NN`, see `DecisionNumbers` —, `text`, `vote` — „einstimmig" or „9 Ja, 1 Nein, 0 Enthaltungen" —,
/// `has_vote`), `has_decisions`, `actions`, `has_actions`.
/// Each of `action_groups`: `town`, `actions`. Each action: `id`, `title`, `town`, `responsible`,
/// `has_responsible`, `due`, `has_due`, `status`, `status_id`, `item`, `note`, `has_note`.
enum MinutesData {
    /// Keys of the list elements, which an empty list does not show.
    static let elementKeys: Set<String> = [
        "town", "present", "excused", "absent", "has_present", "has_excused", "has_absent", "has_present_or_excused", "people", "name",
        "status", "status_id", "number", "title", "notes", "has_notes", "decisions", "decision_number", "text", "vote", "has_vote",
        "has_decisions",
        "actions", "has_actions", "id", "responsible", "has_responsible", "due", "has_due", "item", "note", "has_note", "on", "what",
    ]

    /// The data of the Niederschrift from its input alone (`MinutesBuilder`): reads no file.
    static func make(_ input: NiederschriftInput, language: Language) -> [String: Any] {
        let words = MinutesWords(language)
        let record = input.record, meeting = input.meeting, zone = input.zone
        let townNames = Dictionary(input.towns.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let people = Dictionary(input.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func townName(_ id: String) -> String { townNames[id] ?? id }
        func personName(_ id: String?) -> String { id.map { people[$0]?.name ?? $0 } ?? "" }
        func date(_ day: LocalDate) -> String {
            // `Do 19.11.2026` / `Thu 19 Nov 2026`: the language's own date form, as everywhere else in the document.
            language.day(day)
        }
        let actions = input.actions
        func action(_ item: ActionItem) -> [String: Any] {
            [
                "id": item.id, "title": item.title, "town": townName(item.town),
                "responsible": personName(item.responsible), "has_responsible": item.responsible != nil,
                "due": item.due.map(date) ?? "", "has_due": item.due != nil,
                "status": words.status(item.status), "status_id": item.status.rawValue,
                "item": item.item ?? "", "note": item.note ?? "", "has_note": item.note != nil,
            ]
        }
        // Towns in the order of people.yaml; people in the order of the record.
        let townOrder = input.towns.map(\.id)
        var groups: [[String: Any]] = []
        for town in townOrder {
            let entries = record.attendance.filter { people[$0.person]?.town == town }
            guard !entries.isEmpty else { continue }
            func names(_ status: AttendanceStatus) -> String {
                entries.filter { $0.status == status }.map { personName($0.person) }.joined(separator: ", ")
            }
            let present = names(.present), excused = names(.excused), absent = names(.absent)
            groups.append([
                "town": townName(town), "present": present, "excused": excused, "absent": absent,
                "has_present": !present.isEmpty, "has_excused": !excused.isEmpty, "has_absent": !absent.isEmpty,
                "has_present_or_excused": !present.isEmpty || !excused.isEmpty,
                "people": entries.map { entry -> [String: Any] in
                    ["name": personName(entry.person), "status": words.attendance(entry.status), "status_id": entry.status.rawValue]
                },
            ])
        }
        let numbers = input.decisionNumbers
        let sections: [[String: Any]] = record.sections.enumerated().map { index, section in
            let items = section.actionItems.compactMap { id in actions.first { $0.id == id } }
            return [
                "number": section.number ?? "", "title": section.title,
                "notes": section.notes ?? "", "has_notes": section.notes != nil,
                "decisions": section.decisions.enumerated().map { position, decision -> [String: Any] in
                    ["decision_number": index < numbers.count && position < numbers[index].count ? numbers[index][position] : "",
                     "text": decision.text, "vote": decision.vote.map(words.vote) ?? "", "has_vote": decision.vote != nil]
                },
                "has_decisions": !section.decisions.isEmpty,
                "actions": items.map(action), "has_actions": !items.isEmpty,
            ]
        }
        let actionTowns = townOrder + actions.map(\.town).filter { !townOrder.contains($0) }
        let actionGroups: [[String: Any]] = actionTowns.compactMap { town -> [String: Any]? in
            let items = actions.filter { $0.town == town }
            if items.isEmpty { return nil }
            return ["town": townName(town), "actions": items.map(action)]
        }
        let slot = meeting.chosen.map { (zone.localTime(of: $0.start), zone.localTime(of: $0.end)) }
        let quorum = input.quorum
        let location = input.place
        return [
            "lang": language.rawValue,
            "labels": words.labels,
            "network": input.network,
            "meeting_id": meeting.id,
            "meeting_title": meeting.title,
            "date": slot.map { date($0.0.date) } ?? "",
            "has_time": slot != nil,
            "start": slot.map { GermanDate.clock($0.0) } ?? "",
            "end": slot.map { GermanDate.clock($0.1) } ?? "",
            "location": location,
            "has_quorum": quorum != nil,
            "quorum": quorum.map(words.quorum) ?? "",
            "chair": personName(record.chair),
            "minute_taker": personName(record.minuteTaker),
            "attendance_groups": groups,
            "sections": sections,
            "has_action_groups": !actionGroups.isEmpty,
            "action_groups": actionGroups,
        ]
    }
}

extension MinutesData {
    /// `state` („Entwurf", „genehmigt am 12.05.2027 (Plenum …)", or that it changed after the approval without a
    /// logged change), `has_changes`, `changes` (each: `on`, `what`): the approval and the log of later changes.
    static func approval(_ input: NiederschriftInput, language: Language) -> [String: Any] {
        let words = MinutesWords(language)
        guard let approval = input.approval else { return ["state": words.draft, "has_changes": false, "changes": [[String: Any]]()] }
        var state = words.approved(on: language.date(approval.approvedOn), at: input.approvingMeetingTitle)
        if !input.approvalMatches { state += words.changedSince }
        return ["state": state, "has_changes": !approval.changes.isEmpty,
                "changes": approval.changes.map { ["on": language.date($0.on), "what": $0.what] as [String: Any] }]
    }
}

/// The words of the minutes in German (default) and English.
struct MinutesWords {
    let language: Language
    init(_ language: Language) { self.language = language }

    var labels: [String: Any] {
        switch language {
        case .de:
            return ["minutes": "Niederschrift", "network": "Netzwerk", "date": "Datum", "place": "Ort", "chair": "Sitzungsleitung",
                    "begin": "Beginn", "end": "Ende", "quorum": "Beschlussfähigkeit", "decision": "Beschluss Nr.", "vote": "Abstimmung",
                    "state": "Stand", "changes": "Änderungen nach der Genehmigung",
                    "minute_taker": "Schriftführung", "attendance": "Anwesenheit", "present": "anwesend", "excused": "entschuldigt",
                    "absent": "abwesend", "item": "TOP", "decisions": "Beschlüsse", "action_items": "Aufgaben",
                    "actions_by_town": "Aufgaben nach Städten", "town": "Stadt", "action": "Aufgabe", "responsible": "Verantwortlich",
                    "due": "Frist", "status": "Status", "signatures": "Unterschriften", "place_date": "Ort, Datum", "uhr": " Uhr"]
        case .en:
            return ["minutes": "Minutes", "network": "Network", "date": "Date", "place": "Place", "chair": "Chair",
                    "begin": "Start", "end": "End", "quorum": "Quorum", "decision": "Decision no.", "vote": "Vote",
                    "state": "State", "changes": "Changes after approval",
                    "minute_taker": "Minutes taken by", "attendance": "Attendance", "present": "present", "excused": "excused",
                    "absent": "absent", "item": "Item", "decisions": "Decisions", "action_items": "Action items",
                    "actions_by_town": "Action items by town", "town": "Town", "action": "Action", "responsible": "Responsible",
                    "due": "Due", "status": "Status", "signatures": "Signatures", "place_date": "Place, date", "uhr": ""]
        }
    }

    func attendance(_ status: AttendanceStatus) -> String {
        switch (language, status) {
        case (.de, .present): return "anwesend"
        case (.en, .present): return "present"
        case (.de, .excused): return "entschuldigt"
        case (.en, .excused): return "excused"
        case (.de, .absent): return "abwesend"
        case (.en, .absent): return "absent"
        }
    }

    func status(_ status: ActionStatus) -> String { language.label(of: status) }

    var draft: String { language == .de ? "Entwurf" : "draft" }

    /// „genehmigt am 12.05.2027 (Plenum …)".
    func approved(on date: String, at meeting: String?) -> String {
        let base = language == .de ? "genehmigt am \(date)" : "approved on \(date)"
        return meeting.map { "\(base) (\($0))" } ?? base
    }

    var changedSince: String {
        language == .de ? "; danach ohne Vermerk geändert" : "; changed since without a logged change"
    }

    /// „beschlussfähig: 7 von 9 Städten vertreten (erforderlich: 7)".
    func quorum(_ quorum: Quorum) -> String {
        switch language {
        case .de: return "\(quorum.reached ? "beschlussfähig" : "nicht beschlussfähig"): \(quorum.represented) von \(quorum.towns) Städten vertreten (erforderlich: \(quorum.required))"
        case .en: return "\(quorum.reached ? "quorate" : "not quorate"): \(quorum.represented) of \(quorum.towns) towns represented (required: \(quorum.required))"
        }
    }

    /// „einstimmig" when nobody voted against or abstained — counted, or recorded as `einstimmig` without counts —,
    /// else „9 Ja, 1 Nein, 0 Enthaltungen".
    func vote(_ vote: VoteResult) -> String {
        if vote.isUnanimous { return language == .de ? "einstimmig" : "unanimous" }
        switch language {
        case .de: return "\(vote.inFavor) Ja, \(vote.against) Nein, \(vote.abstain) Enthaltung\(vote.abstain == 1 ? "" : "en")"
        case .en: return "\(vote.inFavor) in favour, \(vote.against) against, \(vote.abstain) abstention\(vote.abstain == 1 ? "" : "s")"
        }
    }
}
