import ConveneCore
import Foundation
import ICalendar

/// The agenda's own words in each `Language` (the shared ones are in ConveneCore).
extension Language {
    // MARK: Frame items and kinds

    /// „; Entwurf", „; genehmigt am 12.05.2027", „; Niederschrift liegt noch nicht vor" (nothing when not known).
    func minutesState(_ state: MeetingReference.MinutesState?) -> String {
        switch (self, state) {
        case (_, nil): return ""
        case (.de, .missing?): return "; Niederschrift liegt noch nicht vor"
        case (.en, .missing?): return "; minutes not yet written"
        case (.de, .draft?): return "; Entwurf"
        case (.en, .draft?): return "; draft"
        case (.de, .approved(let day)?): return "; genehmigt am \(date(day))"
        case (.en, .approved(let day)?): return "; approved on \(date(day))"
        }
    }

    func title(of role: FrameRole, previous: MeetingReference?) -> String {
        switch (self, role) {
        case (.de, .welcome): return "Begrüßung"
        case (.en, .welcome): return "Welcome"
        case (.de, .minutesApproval):
            guard let previous else { return "Genehmigung der Niederschrift der letzten Sitzung" }
            return "Genehmigung der Niederschrift der Sitzung vom \(date(previous.date)) (\(previous.title)\(minutesState(previous.minutes)))"
        case (.en, .minutesApproval):
            guard let previous else { return "Approval of the minutes of the last meeting" }
            return "Approval of the minutes of the meeting on \(date(previous.date)) (\(previous.title)\(minutesState(previous.minutes)))"
        case (.de, .actionReview): return "Offene Aufgaben"
        case (.en, .actionReview): return "Open action items"
        case (.de, .otherBusiness): return "Verschiedenes"
        case (.en, .otherBusiness): return "Any other business"
        case (.de, .nextMeeting): return "Nächster Termin"
        case (.en, .nextMeeting): return "Next meeting"
        case (.de, .coffee): return "Kaffeepause"
        case (.en, .coffee): return "Coffee break"
        case (.de, .lunch): return "Mittagspause"
        case (.en, .lunch): return "Lunch break"
        }
    }

    func label(of kind: ItemKind) -> String {
        switch (self, kind) {
        case (.de, .frame): return "Rahmen"
        case (.en, .frame): return "frame"
        case (.de, .break): return "Pause"
        case (.en, .break): return "break"
        case (.de, .report): return "Bericht"
        case (.en, .report): return "report"
        case (.de, .discussion): return "Aussprache"
        case (.en, .discussion): return "discussion"
        case (.de, .decision): return "Beschluss"
        case (.en, .decision): return "decision"
        case (.de, .info): return "Information"
        case (.en, .info): return "information"
        }
    }

    // MARK: Reasons

    func reason(_ reason: Reason, value: ValueBreakdown, topic: Topic, townName: (String) -> String) -> String {
        switch (self, reason) {
        case (.de, .pinned): return "festgesetzt in meeting.yaml (agenda.pin)"
        case (.en, .pinned): return "pinned in meeting.yaml (agenda.pin)"
        case (.de, .selected): return "aufgenommen (Wert \(value.total))"
        case (.en, .selected): return "chosen (value \(value.total))"
        case (.de, .excluded): return "ausgeschlossen in meeting.yaml (agenda.exclude)"
        case (.en, .excluded): return "excluded in meeting.yaml (agenda.exclude)"
        case let (.de, .tooLong(minutes, budget)):
            return "braucht \(minutes) min, die Tagesordnung hat nur \(budget) min für Themen"
        case let (.en, .tooLong(minutes, budget)):
            return "needs \(minutes) min; the agenda has only \(budget) min for topics"
        case let (.de, .townShare(town, share)):
            return "\(townName(town)) hätte sonst mehr als \(percent(share)) der Themenzeit"
        case let (.en, .townShare(town, share)):
            return "\(townName(town)) would otherwise take more than \(percent(share)) of the topic time"
        case let (.de, .deadlinePassed(deadline)):
            return "Frist \(date(deadline)) ist vor der Sitzung abgelaufen"
        case let (.en, .deadlinePassed(deadline)):
            return "deadline \(date(deadline)) passed before the meeting"
        case let (.de, .noRoom(free, outvalued)):
            return "kein Platz: braucht \(topic.minutes) min, frei sind \(free) min; "
                + (outvalued ? "die aufgenommenen Themen haben mindestens so viel Wert" : "die aufgenommenen Themen bringen zusammen mehr Wert in die Zeit")
        case let (.en, .noRoom(free, outvalued)):
            return "no room: needs \(topic.minutes) min, \(free) min left; "
                + (outvalued ? "the chosen topics have at least as much value" : "the chosen topics give more value together in the time")
        }
    }

    /// The value, spelled out: `Wert 245 = Priorität 2: 40 + Bericht fällig: 200 + 1× zurückgestellt: 15`.
    func valueExplanation(_ decision: TopicDecision, nextMeeting: LocalDate) -> String {
        let value = decision.value, topic = decision.topic
        var parts = [self == .de ? "Priorität \(topic.priority): \(value.priority)" : "priority \(topic.priority): \(value.priority)"]
        if value.deadline > 0, let deadline = topic.deadline {
            parts.append(self == .de ? "Frist \(date(deadline)) vor dem nächsten Termin (\(date(nextMeeting))): \(value.deadline)"
                                     : "deadline \(date(deadline)) before the next meeting (\(date(nextMeeting))): \(value.deadline)")
        }
        if value.fairness > 0 { parts.append(self == .de ? "Projektbericht fällig: \(value.fairness)" : "project report due: \(value.fairness)") }
        if value.aging > 0 {
            parts.append(self == .de ? "\(decision.timesDeferred)× zurückgestellt: \(value.aging)" : "deferred \(decision.timesDeferred)×: \(value.aging)")
        }
        return (self == .de ? "Wert \(value.total) = " : "value \(value.total) = ") + parts.joined(separator: " + ")
    }

    func note(_ note: AgendaNote, townName: (String) -> String) -> String {
        switch (self, note) {
        case let (.de, .reportDueWithoutTopic(town, since)):
            let when = since.map { "hat zuletzt vor \($0 + 1) Sitzung\($0 == 0 ? "" : "en") berichtet" } ?? "hat noch nie berichtet"
            return "\(townName(town)) \(when) und hat kein offenes Berichtsthema (convene topics add --kind report --town \(town) …)."
        case let (.en, .reportDueWithoutTopic(town, since)):
            let when = since.map { "last reported \($0 + 1) meeting\($0 == 0 ? "" : "s") ago" } ?? "has never reported"
            return "\(townName(town)) \(when) and has no open report topic (convene topics add --kind report --town \(town) …)."
        }
    }

    // MARK: Words

    var words: Words { self == .de ? .german : .english }

    struct Words {
        var agenda, item, time, topic, kind, town, presenter, minutes, openActions, deferred, notes, due, responsible, from, end,
            spare, planned, none, explanation, chosen, left, status, network, date, place, meetingTimes, uhr, noDeadline,
            organizer: String
        static let german = Words(agenda: "Tagesordnung", item: "TOP", time: "Zeit", topic: "Thema", kind: "Art", town: "Stadt",
                                  presenter: "Vortrag", minutes: "Minuten", openActions: "Offene Aufgaben", deferred: "Zurückgestellt",
                                  notes: "Hinweise", due: "Frist", responsible: "verantwortlich", from: "aus", end: "Ende",
                                  spare: "Reserve", planned: "für Themen verplant", none: "keine", explanation: "Begründung",
                                  chosen: "aufgenommen", left: "nicht aufgenommen", status: "Stand", network: "Netzwerk", date: "Datum",
                                  place: "Ort", meetingTimes: "Sitzung", uhr: " Uhr", noDeadline: "ohne Frist",
                                  organizer: "Für die Geschäftsstelle (nicht zur Versendung)")
        static let english = Words(agenda: "Agenda", item: "Item", time: "Time", topic: "Topic", kind: "Kind", town: "Town",
                                   presenter: "Presenter", minutes: "minutes", openActions: "Open action items", deferred: "Deferred",
                                   notes: "Notes", due: "due", responsible: "responsible", from: "from", end: "End",
                                   spare: "to spare", planned: "planned for topics", none: "none", explanation: "Explanation",
                                   chosen: "in", left: "out", status: "status", network: "Network", date: "Date", place: "Place",
                                   meetingTimes: "Meeting", uhr: "", noDeadline: "no due date",
                                   organizer: "For the organizer (not for circulation)")
    }
}
