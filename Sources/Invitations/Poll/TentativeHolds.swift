import ConveneCore
import ICalendar

/// The top candidates as tentative holds: one VEVENT each, `STATUS:TENTATIVE`, no METHOD — a file
/// people import to block the dates until one is chosen, and answer for a poll.
public enum TentativeHolds {
    /// Stable UID of the hold for a slot: derived from meeting, start and the organizer's domain.
    public static func uid(meeting: String, start: Instant, workspace: Workspace) -> String {
        let stamp = start.rfc3339.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        return "hold-\(meeting)-\(stamp)@\(workspace.organizerDomain)"
    }



    /// One hold per slot, in the order given (the search's ranking).
    public static func document(meeting: Meeting, slots: [Interval], workspace: Workspace, zone: CalendarTimeZone, stamp: Instant) -> String {
        let location = workspace.network.location(meeting.location)
        let events = slots.enumerated().map { index, slot in
            EventDescription(
                uid: uid(meeting: meeting.id, start: slot.start, workspace: workspace), sequence: 0,
                stamp: stamp, start: slot.start, end: slot.end,
                summary: "Vorschlag \(index + 1): \(meeting.title)",
                location: location.map { "\($0.name), \($0.address)" },
                description: "Terminvorschlag \(index + 1) von \(slots.count) für \(meeting.title). Bitte mit Zusage, Vorbehalt oder Absage antworten.",
                status: "TENTATIVE")
        }
        return CalendarWriter.document(events: events, zone: zone)
    }
}
