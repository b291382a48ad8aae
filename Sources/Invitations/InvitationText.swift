import ConveneCore
import Foundation
import ICalendar

/// The words of invitations: subjects, the letter in the mail, and the agenda as DESCRIPTION
/// (plain text) and X-ALT-DESC (HTML). German, as the network writes (docs/ARCHITECTURE.md, "Letters").
enum InvitationText {
    enum Kind {
        /// The first invitation this person gets.
        case invitation
        /// A changed invitation (SEQUENCE raised).
        case update
        /// The whole meeting is cancelled.
        case cancellation
        /// This person is no longer invited.
        case removal

        /// The mail asks for an answer (and carries the agenda and the attendee's role).
        var invites: Bool { self == .invitation || self == .update }
    }

    static func subject(_ kind: Kind, title: String, start: Instant, zone: CalendarTimeZone, language: Language = .de) -> String {
        let prefix: String
        switch (kind, language) {
        case (.invitation, .de): prefix = "Einladung"
        case (.update, .de): prefix = "Aktualisiert"
        case (.cancellation, .de): prefix = "Abgesagt"
        case (.removal, .de): prefix = "Einladung zurückgezogen"
        case (.invitation, .en): prefix = "Invitation"
        case (.update, .en): prefix = "Updated"
        case (.cancellation, .en): prefix = "Cancelled"
        case (.removal, .en): prefix = "Invitation withdrawn"
        }
        return "\(prefix): \(title) – \(language.day(zone.localTime(of: start).date))"
    }

    /// `Mittwoch, 12.05.2027, 12:30–16:00 Uhr`.
    static func when(_ start: Instant, _ end: Instant, zone: CalendarTimeZone) -> String {
        let from = zone.localTime(of: start), to = zone.localTime(of: end)
        let day = "\(from.date.weekday.germanName), \(GermanDate.numeric(from.date))"
        let endDay = from.date == to.date ? "" : "\(GermanDate.numeric(to.date)), "
        return "\(day), \(GermanDate.clock(from))–\(endDay)\(GermanDate.clock(to)) Uhr"
    }

    static func roleText(_ role: String?) -> String? {
        switch role {
        case "CHAIR": return "Vorsitz"
        case "REQ-PARTICIPANT": return "Teilnahme erbeten"
        case "OPT-PARTICIPANT": return "Teilnahme freigestellt"
        default: return nil
        }
    }

    // MARK: The agenda

    /// The agenda as plain text (TOP lines with local times), or a short note without one.
    static func agendaText(_ agenda: StoredAgenda?, meeting: Meeting, zone: CalendarTimeZone) -> String {
        guard let agenda else { return "\(meeting.title). Die Tagesordnung folgt." }
        var lines = ["Tagesordnung"]
        for item in agenda.items {
            let time = "\(GermanDate.clock(zone.localTime(of: item.start)))–\(GermanDate.clock(zone.localTime(of: item.end)))"
            lines.append(item.number.map { "TOP \($0)  \(time)  \(item.title)" } ?? "       \(time)  \(item.title)")
        }
        return lines.joined(separator: "\n")
    }

    /// The agenda as a small HTML table (escaped; no scripts, no external resources), on one line:
    /// X-ALT-DESC readers differ in whether they unescape `\n` (python icalendar keeps it), and
    /// without line breaks every reader gets the same HTML.
    static func agendaHTML(_ agenda: StoredAgenda?, meeting: Meeting, zone: CalendarTimeZone) -> String {
        guard let agenda else { return "<p>\(HTML.escape(meeting.title)). Die Tagesordnung folgt.</p>" }
        var rows: [String] = []
        for item in agenda.items {
            let time = "\(GermanDate.clock(zone.localTime(of: item.start)))–\(GermanDate.clock(zone.localTime(of: item.end)))"
            rows.append("<tr><td>\(item.number.map { "TOP " + HTML.escape($0) } ?? "")</td><td>\(time)</td><td>\(HTML.escape(item.title))</td></tr>")
        }
        return "<p><b>Tagesordnung</b></p><table>" + rows.joined() + "</table>"
    }

    // MARK: The letter

    /// Renders letters as plain text and HTML from the templates `letter.<lang>.txt.mustache` and
    /// `letter.<lang>.html.mustache` (Templates/, compiled in; a workspace's copy in `templates/` wins), each
    /// parsed and checked once for all the letters of a run.
    final class LetterRenderer {
        /// The texts of the plain and the HTML template and their names (`InvitationInput.letterSources`).
        let sources: [Result<InvitationInput.TemplateSource, WorkspaceProblem>]
        private var prepared: [TemplateRenderer.PreparedTemplate] = []

        init(sources: [Result<InvitationInput.TemplateSource, WorkspaceProblem>]) {
            self.sources = sources
        }

        /// - Throws: `WorkspaceProblem` naming the template (and line) when it cannot be used.
        func render(_ kind: Kind, _ letter: Letter, event: EventDescription, zone: CalendarTimeZone) throws(WorkspaceProblem) -> (plain: String, html: String) {
            let data = letterData(kind, letter, event: event, zone: zone)
            if prepared.isEmpty {
                for source in sources {
                    let (text, file) = try source.get().pair
                    prepared.append(try TemplateRenderer.prepare(templateText: text, file: file, data: data, known: letterElementKeys,
                                                                 subject: "the letter"))
                }
            }
            return (prepared[0].render(data), prepared[1].render(data))
        }
    }

    /// Keys of list elements and of sections that may be absent (`false`), for the unknown-variable check.
    static let letterElementKeys: Set<String> = ["old", "new", "number", "has_number", "pad", "blank", "time", "title", "town",
                                                    "has_town"]

    /// The template data of a letter: every key always present (`false` or `""` when it does not apply).
    static func letterData(_ kind: Kind, _ letter: Letter, event: EventDescription, zone: CalendarTimeZone) -> [String: Any] {
        let language = letter.language
        let changes = kind == .update ? letter.changes : nil
        let moved: Any = changes?.movedFrom.map { old -> [String: Any] in
            ["old": language.letterTime(zone.localTime(of: old.start)), "new": language.letterTime(zone.localTime(of: event.start))]
        } ?? false
        // Plain text aligns the times: numbers padded to the widest (`TOP 1 ` … `TOP 14`).
        let width = (letter.agenda ?? []).compactMap { $0.number?.count }.max() ?? 0
        let agenda: [[String: Any]] = (letter.agenda ?? []).map { item in
            ["number": item.number ?? "", "has_number": item.number != nil,
             "pad": String(repeating: " ", count: width - (item.number?.count ?? 0)),
             "blank": String(repeating: " ", count: width),
             "time": "\(language.clock(zone.localTime(of: item.start)))–\(language.clock(zone.localTime(of: item.end)))",
             "title": item.title, "town": item.townName ?? "", "has_town": item.townName != nil]
        }
        let role = kind.invites ? roleText(letter.role, language) : nil
        return [
            "lang": language.rawValue,
            "greeting": letter.greeting,
            "invitation": kind == .invitation, "update": kind == .update, "cancellation": kind == .cancellation,
            "removal": kind == .removal, "invites": kind.invites,
            "moved": moved,
            "place_changed": changes?.placeChanged ?? false,
            "agenda_changed": changes?.agendaChanged ?? false,
            "details_changed": changes?.detailsChanged ?? false,
            "title": event.summary,
            "when": language.letterSpan(zone.localTime(of: event.start), zone.localTime(of: event.end)),
            "has_place": letter.place != nil, "place": letter.place?.name ?? "",
            "has_place_address": !(letter.place?.address ?? "").isEmpty, "place_address": letter.place?.address ?? "",
            "has_online_url": letter.onlineURL != nil, "online_url": letter.onlineURL ?? "",
            "has_role": role != nil, "role": role ?? "",
            "has_reason": event.comment != nil, "reason": event.comment ?? "",
            "deputy_welcome": kind.invites && letter.deputyWelcome, "has_deputy": letter.deputy != nil, "deputy": letter.deputy ?? "",
            "has_represented": kind.invites && letter.represented != nil, "represented": letter.represented ?? "",
            "has_agenda": !agenda.isEmpty, "agenda": agenda,
            "organizer": letter.organizer,
        ]
    }

    static func roleText(_ role: String?, _ language: Language) -> String? {
        guard language == .en else { return roleText(role) }
        switch role {
        case "CHAIR": return "Chair"
        case "REQ-PARTICIPANT": return "Participation requested"
        case "OPT-PARTICIPANT": return "Participation optional"
        default: return nil
        }
    }
}

/// What one letter says besides the event: whom it addresses and how, the place, the agenda, what an update
/// changed, and the deputy rule of the meeting's policy.
struct Letter: Sendable {
    struct AgendaItem: Sendable {
        var number: String?
        var title: String
        var start: Instant
        var end: Instant
        var townName: String?
    }

    var language: Language
    var greeting: String
    var organizer: String
    var place: Location?
    var onlineURL: String?
    var role: String?
    /// The reporting town is named for topics only (frame items and breaks belong to the host).
    var agenda: [AgendaItem]?
    var changes: InvitationChanges?
    /// An OB whose town may be represented by a deputy is told so (with the deputy's name, if one is set).
    var deputyWelcome = false
    var deputy: String?
    /// The deputy is told whom they may stand in for.
    var represented: String?
}

/// What an update changed since the version before (issue 15: an update names what changed, and only that).
struct InvitationChanges: Sendable, Equatable {
    /// The time the recipients had in their calendars, when the time changed.
    var movedFrom: Interval?
    var placeChanged = false
    var agendaChanged = false
    /// Something else changed (or the state file before predates the comparison).
    var detailsChanged = false

    init() {}

    /// Compares the recorded state with the current event.
    init(previous: InvitationState?, slot: Interval, location: String?, agendaFingerprint: String, contentFingerprint: String) {
        guard let previous, previous.contentFingerprint != contentFingerprint else { return }
        if let old = previous.slot, old != slot { movedFrom = old }
        if previous.contentFingerprint != nil {
            placeChanged = previous.location != location
            agendaChanged = previous.agendaFingerprint != agendaFingerprint
        }
        detailsChanged = movedFrom == nil && !placeChanged && !agendaChanged
    }

    /// As recorded in invitation.yaml for this SEQUENCE.
    init(recorded state: InvitationState) {
        movedFrom = state.changes.contains("time") ? state.movedFrom : nil
        placeChanged = state.changes.contains("place")
        agendaChanged = state.changes.contains("agenda")
        detailsChanged = state.changes.contains("details")
    }

    /// The words invitation.yaml records.
    var recorded: [String] {
        (movedFrom != nil ? ["time"] : []) + (placeChanged ? ["place"] : []) + (agendaChanged ? ["agenda"] : [])
            + (detailsChanged ? ["details"] : [])
    }
}
