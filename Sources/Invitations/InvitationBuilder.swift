import ConveneCore
import Foundation
import ICalendar
import MIME

/// One iMIP message to one person (RFC 6047): the .eml and what it carries.
public struct OutgoingMessage: Sendable, Equatable {
    /// Path below the output folder: `mail/<person-id>.eml`.
    public var file: String
    public var recipient: String
    public var recipientName: String?
    /// `REQUEST` or `CANCEL`.
    public var method: String
    public var sequence: Int
    public var messageID: String
    public var subject: String
    /// The iTIP document in the mail's calendar part.
    public var calendar: String
    /// The whole .eml.
    public var text: String
    /// True when several messages share method, SEQUENCE and recipient (a poll's holds): the send log then
    /// tells them apart by Message-ID.
    public var distinctByMessageID = false
}

/// The files of an invitation (or cancellation), and what changed.
public struct Invitation: Sendable {
    /// The iTIP document every current attendee gets: `METHOD:REQUEST` (or `METHOD:CANCEL` for a
    /// cancelled meeting).
    public var request: String
    /// The same event without METHOD, for download or CalDAV.
    public var event: String
    public var uid: String
    public var sequence: Int
    /// False when nothing changed since the last run: the files are byte-identical to before.
    public var changed: Bool
    public var attendees: [Participant]
    /// Attendees removed by this run (they get a CANCEL of their own).
    public var removedNow: [RemovedAttendee]
    /// One message per current attendee, plus a CANCEL for everyone ever taken off the list.
    public var messages: [OutgoingMessage]
    /// What to record in `invitation.yaml`.
    public var state: InvitationState
    public var stamp: Instant { state.stamp }

    /// The calendar files to write next to `mail/`: `invite.ics` (or `cancel.ics`) and `event.ics`.
    public var documents: [(name: String, text: String)] {
        [(MeetingFolder.invitationFile(cancelled: state.cancelled), request), (MeetingFolder.eventFile, event)]
    }
}

/// Builds the invitation of a meeting with a chosen slot, keeping UID and SEQUENCE stable across
/// runs through `InvitationState` (`meetings/<id>/invitation.yaml`). A rerun with nothing changed
/// gives identical files; a change of time, place, attendees or agenda raises SEQUENCE
/// (RFC 5546 §2.1.4); people taken off the list get a CANCEL of their own (§3.2.5).
public struct InvitationBuilder: Sendable {
    public let workspace: Workspace
    public let meeting: Meeting
    public let zone: CalendarTimeZone
    /// The language of subjects and letters (the calendar documents are the same in every language).
    public var language: Language = .de

    /// Files every invitation and update carries besides the calendar (`invite --attach-agenda`: the Tagesordnung as
    /// PDF); cancellations carry none.
    public var attachments: [MailAttachment] = []

    /// The hold a closed poll chose (`poll.yaml`): the invitation goes out under its UID, above its SEQUENCE, so the
    /// hold in people's calendars turns into the meeting instead of a second entry.
    let chosenHold: PollState.Hold?

    public init(workspace: Workspace, meeting: Meeting) throws(WorkspaceProblem) {
        self.workspace = workspace
        self.meeting = meeting
        self.zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
        let poll = try PollState.read(meeting, in: workspace)
        chosenHold = poll.flatMap { state in state.chosenUID.flatMap { state.hold(uid: $0) } }
    }

    /// The rules for roles and mail names alone, reading no file (the poll's builder uses them; it knows its holds).
    init(workspace: Workspace, meeting: Meeting, zone: CalendarTimeZone) {
        self.workspace = workspace
        self.meeting = meeting
        self.zone = zone
        chosenHold = nil
    }

    /// UID from meeting id and organizer domain: stable, never random; after a poll, the chosen hold's.
    public var uid: String { chosenHold?.uid ?? "\(meeting.id)@\(domain)" }

    var domain: String { workspace.organizerDomain }

    /// The attendees with their iTIP roles: the host OB chairs; required people and (for town
    /// rules) OBs and deputies are required; everyone else invited is optional.
    public func attendees() -> [Participant] {
        let representatives = meeting.attendance.representation == .obOrDeputy ? workspace.townRepresentatives() : []
        return workspace.invitees(of: meeting).map { person in
            let chair = person.role == .ob && person.town == meeting.hostTown
            let required = meeting.attendance.required.contains { $0.matches(person, hostTown: meeting.hostTown) }
                || representatives.contains(person.id)
            return Participant(name: person.name, email: person.email.lowercased(),
                               role: chair ? "CHAIR" : required ? "REQ-PARTICIPANT" : "OPT-PARTICIPANT")
        }
    }

    /// The invitation at the current state of the workspace: its files read (`InvitationInput.read`), then built
    /// from them (`build(_:now:…)`).
    /// - Throws: see `build(_:now:…)`.
    public func build(now: Instant, alarmMinutes: Int = 1440, reinstate: Bool = false, newLetter: Bool = false) throws(WorkspaceProblem) -> Invitation {
        try build(InvitationInput.read(meeting, in: workspace, language: language), now: now, alarmMinutes: alarmMinutes,
                  reinstate: reinstate, newLetter: newLetter)
    }

    /// The invitation built from `input` (what the meeting's files hold) and the loaded workspace; reads no file.
    /// - Parameter reinstate: invite again after a cancellation (with a higher SEQUENCE).
    /// - Parameter newLetter: send everyone the letter again, as an update, because a letter template changed
    ///   since the version that went out (`letterChanges`); refused when none did.
    /// - Throws: `WorkspaceProblem` when no slot is chosen, the meeting was cancelled (and not
    ///   `reinstate`), a state file is broken, or a name or address cannot go into a mail header.
    public func build(_ input: InvitationInput, now: Instant, alarmMinutes: Int = 1440, reinstate: Bool = false,
                      newLetter: Bool = false) throws(WorkspaceProblem) -> Invitation {
        try meeting.requireFutureSlot(now: now)
        guard (0...40_320).contains(alarmMinutes) else {
            throw WorkspaceProblem(file: meeting.files.invitationFile, "the reminder must be 0 to 40320 minutes (four weeks) before the start")
        }
        var event = try baseEvent(input)
        event.attendees = attendees()
        event.alarmMinutesBefore = alarmMinutes
        // The fingerprint covers everything but SEQUENCE and DTSTAMP.
        let fingerprint = SHA256.hex(Array(CalendarWriter.document(events: [event], zone: zone).utf8))
        var withoutAttendees = event
        withoutAttendees.attendees = []
        let contentFingerprint = SHA256.hex(Array(CalendarWriter.document(events: [withoutAttendees], zone: zone).utf8))
        let agenda = try letterAgenda(input)
        // The agenda's items and lengths, not its clock times: a moved meeting retimes the agenda without changing it.
        let agendaFingerprint = SHA256.hex(Array((agenda ?? []).map { "\($0.number ?? "")\t\($0.title)\t\($0.end.secondsSince1970 - $0.start.secondsSince1970)\n" }
            .joined().utf8))
        let previous = try input.previous.get()
        if let previous, previous.cancelled, !reinstate {
            throw WorkspaceProblem(file: meeting.files.invitationFile,
                                   "\(meeting.id) was cancelled (SEQUENCE \(previous.sequence)); to invite again: convene invite \(meeting.id) --reinstate")
        }
        let emails = event.attendees.map(\.email)
        let renderer = InvitationText.LetterRenderer(sources: input.letterSources)
        if newLetter, let previous, Self.letterChanges(previous, now: input.letterFingerprint).isEmpty {
            throw WorkspaceProblem(file: meeting.files.invitationFile,
                                   "the letter templates did not change since SEQUENCE \(previous.sequence) went out; there is no new letter to send")
        }
        var state: InvitationState
        var removedNow: [RemovedAttendee] = []
        if let previous, previous.fingerprint == fingerprint, !previous.cancelled, previous.uid == uid, previous.attendees.map(\.email) == emails,
           !newLetter {
            state = previous
        } else {
            let sequence = previous.map { $0.sequence + 1 } ?? chosenHold.map { $0.sequence + 1 } ?? 0
            let before = previous?.attendees ?? []
            removedNow = before.filter { !emails.contains($0.email) }.map { gone in
                RemovedAttendee(email: gone.email, name: workspace.person(email: gone.email)?.name,
                                sequence: sequence, stamp: now)
            }
            let invited = emails.map { email in InvitedAttendee(email: email, since: before.first { $0.email == email }?.since ?? sequence) }
            let stillRemoved = (previous?.removed ?? []).filter { !emails.contains($0.email) && !removedNow.map(\.email).contains($0.email) }
            let slot = Interval(start: event.start, end: event.end)
            // Answers given before the time last changed were answers for another date or time.
            let slotSequence = previous.flatMap { $0.slot == slot ? $0.slotSequence : nil } ?? sequence
            state = InvitationState(uid: uid, sequence: sequence, stamp: now, fingerprint: fingerprint, attendees: invited,
                                    removed: stillRemoved + removedNow, slot: slot, slotSequence: slotSequence)
            let changes = InvitationChanges(previous: previous, slot: slot, location: locationText, agendaFingerprint: agendaFingerprint,
                                            contentFingerprint: contentFingerprint)
            state.contentFingerprint = contentFingerprint
            state.location = locationText
            state.agendaFingerprint = agendaFingerprint
            state.contentSequence = previous.flatMap { $0.contentFingerprint == contentFingerprint && !newLetter ? $0.contentSequence : nil } ?? sequence
            // A new letter alone is an update of the invitation's details: everyone gets it again.
            state.changes = changes.recorded.isEmpty && newLetter ? ["details"] : changes.recorded
            state.movedFrom = changes.movedFrom
            state.templates = input.letterFingerprint
        }
        let changes = InvitationChanges(recorded: state)
        event.sequence = state.sequence
        event.stamp = state.stamp
        let request = CalendarWriter.document(events: [event], zone: zone, method: "REQUEST")
        // An update („Aktualisiert") goes to whoever has the event in their calendar: the last message of an
        // earlier SEQUENCE that reached them was a request. Everyone else — never reached, or reached last by a
        // CANCEL — gets an invitation („Einladung"). The send log knows what reached whom; versions that were only
        // prepared or failed count for nothing, and neither a poll's holds nor other mails (minutes, reminders) are the invitation.
        let log = try input.sendLog.get()
        var holds: [String: (sequence: Int, request: Bool)] = [:]
        for entry in log.entries where entry.succeeded && !entry.isHold && (entry.method == "REQUEST" || entry.method == "CANCEL")
            && entry.sequence < state.sequence {
            if let known = holds[entry.recipient], known.sequence > entry.sequence { continue }
            holds[entry.recipient] = (entry.sequence, entry.method == "REQUEST")
        }
        var messages: [OutgoingMessage] = []
        for attendee in event.attendees {
            let held = holds[attendee.email]
            // A change of the invitee list alone tells those whose meeting did not change nothing.
            if let held, held.request, let since = state.contentSequence, held.sequence >= since { continue }
            let first = held?.request != true
            messages.append(try message(to: attendee.email, name: attendee.name, method: "REQUEST", sequence: state.sequence,
                                        stamp: state.stamp, calendar: request, event: event,
                                        kind: first ? .invitation : .update, role: attendee.role, changes: changes,
                                        agenda: agenda, renderer: renderer))
        }
        messages += try removalMessages(state: state, event: event, renderer: renderer)
        return Invitation(request: request, event: CalendarWriter.document(events: [event], zone: zone), uid: uid,
                          sequence: state.sequence, changed: state != previous, attendees: event.attendees,
                          removedNow: removedNow, messages: messages, state: state)
    }

    /// The cancellation at the current state of the workspace: its files read, then built (`cancel(_:now:reason:)`).
    /// - Throws: see `cancel(_:now:reason:)`.
    public func cancel(now: Instant, reason: String?) throws(WorkspaceProblem) -> Invitation {
        try cancel(InvitationInput.read(meeting, in: workspace, language: language), now: now, reason: reason)
    }

    /// The cancellation of the whole meeting: METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE + 1, to
    /// every attendee. Cancelling again changes nothing (the same files, for a retry of sending). Reads no file.
    /// - Throws: `WorkspaceProblem` when the meeting was never invited.
    public func cancel(_ input: InvitationInput, now: Instant, reason: String?) throws(WorkspaceProblem) -> Invitation {
        guard let previous = try input.previous.get() else {
            throw WorkspaceProblem(file: meeting.files.invitationFile,
                                   "\(meeting.id) was never invited, so there is nothing to cancel (convene invite \(meeting.id) sends invitations)")
        }
        var state = previous
        let renderer = InvitationText.LetterRenderer(sources: input.letterSources)
        if !previous.cancelled {
            state.templates = input.letterFingerprint
            state.sequence += 1
            state.stamp = now
            state.cancelled = true
            state.cancelReason = reason
        }
        var event = try baseEvent(input)
        event.sequence = state.sequence
        event.stamp = state.stamp
        event.status = "CANCELLED"
        event.comment = state.cancelReason
        let byEmail = Dictionary(attendees().map { ($0.email, $0) }, uniquingKeysWith: { a, _ in a })
        event.attendees = state.attendees.map { invited in
            byEmail[invited.email] ?? Participant(name: workspace.person(email: invited.email)?.name ?? invited.email, email: invited.email)
        }
        let cancel = CalendarWriter.document(events: [event], zone: zone, method: "CANCEL")
        var messages: [OutgoingMessage] = []
        for attendee in event.attendees {
            messages.append(try message(to: attendee.email, name: attendee.name, method: "CANCEL", sequence: state.sequence,
                                        stamp: state.stamp, calendar: cancel, event: event, kind: .cancellation, role: attendee.role,
                                        renderer: renderer))
        }
        messages += try removalMessages(state: state, event: event, renderer: renderer)
        return Invitation(request: cancel, event: CalendarWriter.document(events: [event], zone: zone), uid: uid,
                          sequence: state.sequence, changed: state != previous, attendees: event.attendees, removedNow: [],
                          messages: messages, state: state)
    }

    /// Why the letters of `state`'s version differ from what the templates give now (`TemplateFingerprint.changes`);
    /// empty when they do not, or when the version was recorded before templates were.
    public static func letterChanges(_ state: InvitationState, workspace: Workspace) -> [String] {
        guard let recorded = state.templates else { return [] }
        return TemplateFingerprint.current(names: recorded.names, defaults: DefaultLetterTemplates.files, workspaceRoot: workspace.root)
            .changes(since: recorded)
    }

    static func letterChanges(_ state: InvitationState, now current: TemplateFingerprint) -> [String] {
        guard let recorded = state.templates else { return [] }
        return current.changes(since: recorded)
    }

    /// A CANCEL of its own for everyone taken off the list (RFC 5546 §3.2.5: only the removed
    /// attendee, no STATUS), at the SEQUENCE they were removed with.
    private func removalMessages(state: InvitationState, event: EventDescription,
                                 renderer: InvitationText.LetterRenderer) throws(WorkspaceProblem) -> [OutgoingMessage] {
        var messages: [OutgoingMessage] = []
        for gone in state.removed {
            var removal = event
            removal.sequence = gone.sequence
            removal.stamp = gone.stamp
            removal.status = nil
            removal.comment = nil
            removal.alarmMinutesBefore = nil
            removal.attendees = [Participant(name: gone.name ?? gone.email, email: gone.email)]
            let calendar = CalendarWriter.document(events: [removal], zone: zone, method: "CANCEL")
            messages.append(try message(to: gone.email, name: gone.name, method: "CANCEL", sequence: gone.sequence, stamp: gone.stamp,
                                        calendar: calendar, event: removal, kind: .removal, role: nil, renderer: renderer))
        }
        return messages
    }

    /// The event without SEQUENCE, DTSTAMP and attendees.
    func baseEvent(_ input: InvitationInput) throws(WorkspaceProblem) -> EventDescription {
        guard let slot = meeting.chosen else {
            throw WorkspaceProblem(file: meeting.files.slotFile,
                                   "no slot chosen for \(meeting.id) yet; pick one first: convene propose \(meeting.id) --pick N")
        }
        let agenda = try input.agenda.get()
        // No invitation ever carries an agenda timed for another slot.
        if let agenda, !agenda.isTimed(for: slot), let problem = try input.agendaStaleness.get() { throw problem }
        var event = EventDescription(uid: uid, sequence: 0, stamp: Instant(secondsSince1970: 0), start: slot.start, end: slot.end,
                                     summary: meeting.title, location: locationText, description: InvitationText.agendaText(agenda, meeting: meeting, zone: zone),
                                     status: "CONFIRMED")
        event.htmlDescription = InvitationText.agendaHTML(agenda, meeting: meeting, zone: zone)
        event.organizer = Participant(name: workspace.network.organizer.name, email: workspace.network.organizer.email, role: "CHAIR")
        return event
    }

    var locationText: String? {
        workspace.network.location(meeting.location).map { "\($0.name), \($0.address)" }
    }

    /// Names a person's message file and Message-ID: the person id, or a name made from the
    /// address for someone no longer in people.yaml.
    func mailName(for email: String) -> String {
        workspace.person(email: email)?.id ?? String(email.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" })
    }

    private func message(to email: String, name: String?, method: String, sequence: Int, stamp: Instant, calendar: String,
                         event: EventDescription, kind: InvitationText.Kind, role: String?,
                         changes: InvitationChanges? = nil, agenda: [Letter.AgendaItem]? = nil,
                         renderer: InvitationText.LetterRenderer) throws(WorkspaceProblem) -> OutgoingMessage {
        let mailName = mailName(for: email)
        let file = MeetingFolder.mailFile(mailName)
        let subject = InvitationText.subject(kind, title: meeting.title, start: event.start, zone: zone, language: language)
        let letter = try renderer.render(kind, self.letter(to: email, name: name, role: role, changes: changes, agenda: agenda),
                                         event: event, zone: zone)
        let messageID = "\(meeting.id).\(sequence).\(method.lowercased()).\(mailName)@\(domain)"
        let text: String
        do {
            text = try InvitationMail.compose(
                from: (workspace.network.organizer.name, workspace.network.organizer.email), to: (name, email), subject: subject,
                date: stamp, zone: zone, messageID: messageID, method: method, calendar: calendar,
                plain: letter.plain, html: letter.html,
                extraHeaders: [("X-Convene-Meeting", meeting.id), ("X-Convene-Sequence", String(sequence))],
                attachments: method == "REQUEST" ? attachments : [])
        } catch {
            // Name the file the offending text came from.
            let source: String
            if (try? MailAddress(name: workspace.network.organizer.name, address: workspace.network.organizer.email)) == nil {
                source = "convene.yaml"
            } else if (try? MailError.checkHeaderText(subject, "subject")) == nil {
                source = meeting.files.meetingFile
            } else {
                source = "people.yaml"
            }
            throw WorkspaceProblem(file: source, "cannot write the mail to \(email): \(error.description)")
        }
        return OutgoingMessage(file: file, recipient: email, recipientName: name, method: method, sequence: sequence,
                               messageID: messageID, subject: subject, calendar: calendar, text: text)
    }

    /// The stored agenda as letters list it (with the reporting town's name), nil without one.
    func letterAgenda(_ input: InvitationInput) throws(WorkspaceProblem) -> [Letter.AgendaItem]? {
        try input.agenda.get().map { agenda in
            agenda.items.map { item in
                Letter.AgendaItem(number: item.number, title: item.title, start: item.start, end: item.end,
                                  townName: item.topic == nil ? nil : item.town.map { workspace.town($0)?.name ?? $0 })
            }
        }
    }

    /// What the letter to `email` says besides the event: the greeting from people.yaml's form of address, the
    /// place, the agenda with the reporting towns, what changed, and who may stand in for whom.
    func letter(to email: String, name: String?, role: String?, changes: InvitationChanges?, agenda: [Letter.AgendaItem]?) -> Letter {
        let person = workspace.person(email: email)
        var letter = Letter(language: language, greeting: language.greeting(for: person, name: name),
                            organizer: workspace.network.organizer.name, place: workspace.network.location(meeting.location),
                            onlineURL: meeting.onlineURL, role: role, agenda: agenda, changes: changes)
        if let person, meeting.attendance.representation == .obOrDeputy {
            if person.role == .ob {
                letter.deputyWelcome = true
                letter.deputy = person.deputy.flatMap { workspace.person($0)?.name }
            } else if let ob = workspace.people.first(where: { $0.role == .ob && $0.deputy == person.id && $0.town == person.town }) {
                letter.represented = ob.name
            }
        }
        return letter
    }
}
