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

    static func subject(_ kind: Kind, title: String, start: Instant, zone: CalendarTimeZone) -> String {
        let prefix: String
        switch kind {
        case .invitation: prefix = "Einladung"
        case .update: prefix = "Aktualisiert"
        case .cancellation: prefix = "Abgesagt"
        case .removal: prefix = "Einladung zurückgezogen"
        }
        return "\(prefix): \(title) – \(GermanDate.short(zone.localTime(of: start).date))"
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

    static func letter(_ kind: Kind, to name: String?, event: EventDescription, role: String?, zone: CalendarTimeZone,
                       organizer: String) -> String {
        var lines = [name.map { "Guten Tag \($0)," } ?? "Guten Tag,", ""]
        lines.append(opening(kind))
        lines += ["", "  \(event.summary)", "  Wann: \(when(event.start, event.end, zone: zone))"]
        if let location = event.location { lines.append("  Wo:   \(location)") }
        if let role = roleText(role), kind.invites { lines.append("  Ihre Rolle: \(role)") }
        if let comment = event.comment { lines += ["", "Grund: \(comment)"] }
        if kind.invites {
            if let description = event.description { lines += ["", description] }
            lines += ["", "Bitte antworten Sie über Ihr Kalenderprogramm (Zusagen, Absagen oder Vorläufig).",
                      "Die Einladung liegt auch als Datei invite.ics bei."]
        } else {
            lines += ["", "Bitte entfernen Sie den Termin aus Ihrem Kalender, falls Ihr Programm das nicht selbst tut."]
        }
        lines += ["", "Mit freundlichen Grüßen", organizer]
        return lines.joined(separator: "\n") + "\n"
    }

    static func letterHTML(_ kind: Kind, to name: String?, event: EventDescription, role: String?, zone: CalendarTimeZone,
                           organizer: String) -> String {
        var parts = ["<!DOCTYPE html>", "<html lang=\"de\"><head><meta charset=\"utf-8\"><title>\(HTML.escape(event.summary))</title></head><body>"]
        parts.append("<p>\(name.map { "Guten Tag " + HTML.escape($0) + "," } ?? "Guten Tag,")</p>")
        parts.append("<p>\(HTML.escape(opening(kind)))</p>")
        var facts = ["<tr><th align=\"left\">Termin</th><td>\(HTML.escape(event.summary))</td></tr>",
                     "<tr><th align=\"left\">Wann</th><td>\(HTML.escape(when(event.start, event.end, zone: zone)))</td></tr>"]
        if let location = event.location { facts.append("<tr><th align=\"left\">Wo</th><td>\(HTML.escape(location))</td></tr>") }
        if let role = roleText(role), kind.invites {
            facts.append("<tr><th align=\"left\">Ihre Rolle</th><td>\(HTML.escape(role))</td></tr>")
        }
        parts.append("<table>\n" + facts.joined(separator: "\n") + "\n</table>")
        if let comment = event.comment { parts.append("<p>Grund: \(HTML.escape(comment))</p>") }
        if kind.invites {
            if let description = event.htmlDescription { parts.append(description) }
            parts.append("<p>Bitte antworten Sie über Ihr Kalenderprogramm (Zusagen, Absagen oder Vorläufig). Die Einladung liegt auch als Datei invite.ics bei.</p>")
        } else {
            parts.append("<p>Bitte entfernen Sie den Termin aus Ihrem Kalender, falls Ihr Programm das nicht selbst tut.</p>")
        }
        parts.append("<p>Mit freundlichen Grüßen<br>\(HTML.escape(organizer))</p>")
        parts.append("</body></html>")
        return parts.joined(separator: "\n") + "\n"
    }

    static func opening(_ kind: Kind) -> String {
        switch kind {
        case .invitation: return "hiermit laden wir Sie herzlich ein:"
        case .update: return "der folgende Termin hat sich geändert; die Einladung ist aktualisiert:"
        case .cancellation: return "der folgende Termin ist abgesagt:"
        case .removal: return "Sie sind zu dem folgenden Termin nicht mehr eingeladen:"
        }
    }
}
