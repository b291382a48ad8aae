import ConveneCore
import ICalendar

/// The top candidates as tentative holds: one VEVENT each, `STATUS:TENTATIVE`, no METHOD — a file
/// people import to block the dates until one is chosen, and answer for a poll.
public enum TentativeHolds {
    /// Stable UID of the hold for a slot: derived from meeting, start and the organizer's domain.
    public static func uid(meeting: String, start: Instant, workspace: Workspace) -> String {
        let stamp = start.rfc3339.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        return "hold-\(meeting)-\(stamp)@\(domain(workspace.network.organizer.email))"
    }

    static func domain(_ email: String) -> String {
        email.split(separator: "@").last.map(String.init) ?? "convene.invalid"
    }

    public static func document(_ result: SearchResult, workspace: Workspace, zone: CalendarTimeZone, stamp: Instant) -> String {
        let location = workspace.network.location(result.meeting.location)
        let events = result.candidates.enumerated().map { index, candidate in
            EventDescription(
                uid: uid(meeting: result.meeting.id, start: candidate.slot.start, workspace: workspace), sequence: 0,
                stamp: stamp, start: candidate.slot.start, end: candidate.slot.end,
                summary: "Vorschlag \(index + 1): \(result.meeting.title)",
                location: location.map { "\($0.name), \($0.address)" },
                description: "Terminvorschlag \(index + 1) von \(result.candidates.count) für \(result.meeting.title). Bitte mit Zusage, Vorbehalt oder Absage antworten.",
                status: "TENTATIVE")
        }
        return CalendarWriter.document(events: events, zone: zone)
    }
}
