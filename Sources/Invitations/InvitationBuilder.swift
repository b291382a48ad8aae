import Agenda
import ConveneCore
import Foundation
import ICalendar

/// The files of an invitation, and what changed.
public struct Invitation: Sendable {
    /// `METHOD:REQUEST`: what goes to the attendees (iTIP, RFC 5546 §3.2.2).
    public var request: String
    /// The same event without METHOD, for download or CalDAV.
    public var event: String
    public var uid: String
    public var sequence: Int
    /// False when nothing changed since the last run: the files are byte-identical to before.
    public var changed: Bool
    public var attendees: [Participant]
    /// DTSTAMP and content fingerprint, recorded in the state file.
    public var stamp: Instant
    public var fingerprint: String
}

/// Builds the invitation of a meeting with a chosen slot, keeping UID and SEQUENCE stable across
/// runs: the state file `meetings/<id>/invitation.yaml` (convene-owned) records the sequence, the
/// DTSTAMP and a fingerprint of the content. A rerun with nothing changed gives identical files; a
/// change of time, place, attendees or agenda raises SEQUENCE (RFC 5546 §2.1.4).
public struct InvitationBuilder: Sendable {
    public static let stateFile = "invitation.yaml"

    public let workspace: Workspace
    public let meeting: Meeting
    public let zone: CalendarTimeZone

    public init(workspace: Workspace, meeting: Meeting) throws(WorkspaceProblem) {
        self.workspace = workspace
        self.meeting = meeting
        self.zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
    }

    /// UID from meeting id and organizer domain: stable, never random.
    public var uid: String {
        "\(meeting.id)@\(workspace.network.organizer.email.split(separator: "@").last.map(String.init) ?? "convene.invalid")"
    }

    /// The attendees with their iTIP roles: the host OB chairs; required people and (for town
    /// rules) OBs and deputies are required; everyone else invited is optional.
    public func attendees() -> [Participant] {
        workspace.invitees(of: meeting).map { person in
            let chair = person.role == .ob && person.town == meeting.hostTown
            let required = meeting.attendance.required.contains { $0.matches(person, hostTown: meeting.hostTown) }
                || (meeting.attendance.representation == .obOrDeputy && workspace.representsTown(person))
            return Participant(name: person.name, email: person.email,
                               role: chair ? "CHAIR" : required ? "REQ-PARTICIPANT" : "OPT-PARTICIPANT")
        }
    }

    /// - Throws: `WorkspaceProblem` when no slot is chosen or the state file was edited by hand.
    public func build(now: Instant, alarmMinutes: Int = 1440) throws(WorkspaceProblem) -> Invitation {
        guard let slot = meeting.chosen else {
            throw WorkspaceProblem(file: "\(meeting.folder)/\(Workspace.slotFile)",
                                   "no slot chosen for \(meeting.id) yet; pick one first: convene propose \(meeting.id) --pick N")
        }
        let location = workspace.network.location(meeting.location)
        var event = EventDescription(uid: uid, sequence: 0, stamp: Instant(secondsSince1970: 0), start: slot.start, end: slot.end,
                                     summary: meeting.title, location: location.map { "\($0.name), \($0.address)" },
                                     description: try description(), status: "CONFIRMED")
        event.organizer = Participant(name: workspace.network.organizer.name, email: workspace.network.organizer.email, role: "CHAIR")
        event.attendees = attendees()
        event.alarmMinutesBefore = alarmMinutes
        // The fingerprint covers everything but SEQUENCE and DTSTAMP.
        let fingerprint = SHA256.hex(Array(CalendarWriter.document(events: [event], zone: zone).utf8))
        let state = try readState()
        var changed = true
        if let state, state.fingerprint == fingerprint {
            event.sequence = state.sequence
            event.stamp = state.stamp
            changed = false
        } else {
            event.sequence = state.map { $0.sequence + 1 } ?? 0
            event.stamp = now
        }
        return Invitation(request: CalendarWriter.document(events: [event], zone: zone, method: "REQUEST"),
                          event: CalendarWriter.document(events: [event], zone: zone), uid: uid,
                          sequence: event.sequence ?? 0, changed: changed, attendees: event.attendees,
                          stamp: event.stamp, fingerprint: fingerprint)
    }

    /// Records SEQUENCE, DTSTAMP and fingerprint (atomically; a hand-edited state file is kept
    /// unless `force`).
    public func record(_ invitation: Invitation, force: Bool) throws(WorkspaceProblem) {
        let text = """
            # Written by `convene invite`; convene keeps this file (UID and SEQUENCE of the invitation).
            uid: \(invitation.uid)
            sequence: \(invitation.sequence)
            stamp: \(invitation.stamp.rfc3339)
            fingerprint: \(invitation.fingerprint)
            """
        try OwnedFile.write(text, to: workspace.url(statePath()), displayPath: statePath(), force: force)
    }

    /// The agenda as plain text (TOP lines with local times), or a short note without one.
    func description() throws(WorkspaceProblem) -> String {
        guard let agenda = try AgendaStore.read(meeting, in: workspace) else {
            return "\(meeting.title). Die Tagesordnung folgt."
        }
        var lines = ["Tagesordnung"]
        for item in agenda.items {
            let start = zone.localTime(of: item.start), end = zone.localTime(of: item.end)
            let time = "\(GermanDate.two(start.hour)):\(GermanDate.two(start.minute))–\(GermanDate.two(end.hour)):\(GermanDate.two(end.minute))"
            lines.append(item.number.map { "TOP \($0)  \(time)  \(item.title)" } ?? "       \(time)  \(item.title)")
        }
        return lines.joined(separator: "\n")
    }

    struct State {
        var sequence: Int
        var stamp: Instant
        var fingerprint: String
    }

    func statePath() -> String { "\(meeting.folder)/\(Self.stateFile)" }

    func readState() throws(WorkspaceProblem) -> State? {
        let url = workspace.url(statePath())
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        guard let sequence = fields["sequence"].flatMap(Int.init), let stamp = fields["stamp"].flatMap(Instant.init(rfc3339:)),
              let fingerprint = fields["fingerprint"] else {
            throw WorkspaceProblem(file: statePath(), "not an invitation state file (sequence, stamp, fingerprint)")
        }
        return State(sequence: sequence, stamp: stamp, fingerprint: fingerprint)
    }
}
