import ConveneCore
import Foundation
import ICalendar

/// The messages of a date poll at one moment, and the state they record.
public struct PollRound: Sendable {
    /// What `poll.yaml` holds once the messages go out.
    public var state: PollState
    /// The state recorded before (nil before the first `poll start --send`).
    public var previous: PollState?
    /// `hold-<k>.ics`: each hold without METHOD, for import or CalDAV.
    public var documents: [(name: String, text: String)]
    /// One iMIP message per hold and person (REQUEST), or per losing hold and person (CANCEL).
    public var messages: [OutgoingMessage]
    /// True when the state differs from the recorded one.
    public var changed: Bool { state != previous }
}

/// Builds a meeting's date poll: one tentative hold per candidate time, sent to every invitee as
/// an iMIP REQUEST of its own (one VEVENT per message: the form Outlook, Thunderbird and Gmail act
/// on; INTEROP.md), with the hold's stable UID (`TentativeHolds.uid`, which `Workspace.ownEvents`
/// recognises), `STATUS:TENTATIVE`, `X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE`, ORGANIZER and the
/// one ATTENDEE (`RSVP=TRUE`, `PARTSTAT=NEEDS-ACTION`).
public struct PollBuilder: Sendable {
    public let workspace: Workspace
    public let meeting: Meeting
    public let zone: CalendarTimeZone
    /// The invitation's rules for roles and mail names, shared with the poll.
    let invitation: InvitationBuilder

    /// - Throws: `WorkspaceProblem` when the network's time zone is unknown.
    public init(workspace: Workspace, meeting: Meeting) throws(WorkspaceProblem) {
        self.workspace = workspace
        self.meeting = meeting
        zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
        invitation = InvitationBuilder(workspace: workspace, meeting: meeting, zone: zone)
    }

    /// The last day to answer when none is given: a week from now, but no later than the day before the first option.
    public static func defaultDeadline(for slots: [Interval], now: Instant, zone: CalendarTimeZone) -> LocalDate {
        let inAWeek = zone.localTime(of: now).date.adding(days: 7)
        guard let first = slots.map(\.start).min() else { return inAWeek }
        return min(inAWeek, zone.localTime(of: first).date.adding(days: -1))
    }

    /// The poll's requests at the current state of the workspace: its files read (`PollInput.read`), then built
    /// from them (`start(_:slots:deadline:now:)`).
    /// - Parameter language: of a new poll's mails (a recorded poll keeps its own).
    /// - Throws: see `start(_:slots:deadline:now:)`.
    public func start(slots: [Interval]?, deadline: LocalDate?, language: Language, now: Instant) throws(WorkspaceProblem) -> PollRound {
        try start(PollInput.read(meeting, in: workspace, language: language), slots: slots, deadline: deadline, now: now)
    }

    /// The poll's requests, built from `input` (what the meeting's files hold) and the loaded workspace; reads no
    /// file. A poll already recorded is rebuilt as it was sent (the same messages, so a rerun with `--send` delivers
    /// only what failed before); `slots` must then be nil or the recorded ones.
    /// - Parameters:
    ///   - slots: the candidate times (numbered by date); nil to reuse the recorded poll.
    ///   - deadline: the last day to answer; nil for the recorded one or `defaultDeadline`.
    /// - Throws: `WorkspaceProblem` when no candidate is given for a new poll, a poll with other times runs
    ///   already, the deadline is past or not before the first option, or a template cannot be used.
    public func start(_ input: PollInput, slots: [Interval]?, deadline: LocalDate?, now: Instant) throws(WorkspaceProblem) -> PollRound {
        let previous = input.recorded
        let language = input.language
        let state: PollState
        if let previous {
            if let slots, slots.sorted(by: { $0.start < $1.start }) != previous.holds.map(\.slot) {
                throw WorkspaceProblem(file: meeting.files.pollFile,
                                       "a poll with other times was started already; see it with: convene poll status \(meeting.id) (close it with: convene poll close \(meeting.id) --pick N)")
            }
            if let deadline, deadline != previous.deadline {
                throw WorkspaceProblem(file: meeting.files.pollFile, "the poll was started with another deadline; remind people with: convene poll remind \(meeting.id)")
            }
            if previous.chosenUID != nil {
                throw WorkspaceProblem(file: meeting.files.pollFile, "the poll was closed already; invite with: convene invite \(meeting.id)")
            }
            state = previous
        } else {
            guard let slots, !slots.isEmpty else {
                throw WorkspaceProblem(file: meeting.files.meetingFile, "no candidate times for a poll of \(meeting.id); see convene propose \(meeting.id)")
            }
            let today = zone.localTime(of: now).date
            let lastDay = slots.map { zone.localTime(of: $0.start).date }.min() ?? today
            let chosenDeadline = deadline ?? Self.defaultDeadline(for: slots, now: now, zone: zone)
            guard chosenDeadline >= today, chosenDeadline < lastDay else {
                throw WorkspaceProblem(file: meeting.files.meetingFile,
                                       "the deadline \(chosenDeadline) must lie between today (\(today)) and the day before the first option (\(lastDay))")
            }
            // Numbered by date, as people read a list of options.
            let holds = slots.sorted { $0.start < $1.start }.enumerated().map { index, slot in
                PollState.Hold(option: index + 1, uid: TentativeHolds.uid(meeting: meeting.id, start: slot.start, workspace: workspace), slot: slot)
            }
            var new = PollState(stamp: now, deadline: chosenDeadline, language: language, holds: holds,
                                asked: workspace.invitees(of: meeting).map { $0.email.lowercased() })
            // What the requests are written from, recorded with them (`convene status` compares it with today's).
            new.templates = input.fingerprint(of: [.request])
            state = new
        }
        let attendees = participants(state)
        var messages: [OutgoingMessage] = []
        for attendee in attendees {
            for hold in state.holds where !hold.cancelled {
                var event = holdEvent(hold, in: state)
                event.attendees = [attendee]
                let calendar = CalendarWriter.document(events: [event], zone: zone, method: "REQUEST")
                messages.append(try message(.request, hold: hold, state: state, to: attendee, calendar: calendar, input: input))
            }
        }
        let documents = state.holds.filter { !$0.cancelled }.map { hold in
            (MeetingFolder.pollHoldFile(option: hold.option), CalendarWriter.document(events: [holdEvent(hold, in: state)], zone: zone))
        }
        return PollRound(state: state, previous: previous, documents: documents, messages: messages)
    }

    /// The people asked, with their iTIP roles as the invitation gives them.
    func participants(_ state: PollState) -> [Participant] {
        let roles = Dictionary(invitation.attendees().map { ($0.email, $0) },
                               uniquingKeysWith: { first, _ in first })
        return state.asked.map { email in
            roles[email] ?? Participant(name: workspace.person(email: email)?.name ?? email, email: email, role: "OPT-PARTICIPANT")
        }
    }

    /// The hold as a VEVENT, without attendees.
    func holdEvent(_ hold: PollState.Hold, in state: PollState) -> EventDescription {
        let count = state.holds.count
        var event = EventDescription(
            uid: hold.uid, sequence: hold.sequence, stamp: state.stamp, start: hold.slot.start, end: hold.slot.end,
            summary: PollText.summary(option: hold.option, of: count, title: meeting.title, language: state.language),
            location: workspace.network.location(meeting.location).map { "\($0.name), \($0.address)" },
            description: state.deadline.map {
                PollText.holdDescription(option: hold.option, of: count, title: meeting.title, deadline: $0, language: state.language)
            },
            status: "TENTATIVE")
        event.busyStatus = "TENTATIVE"
        event.organizer = Participant(name: workspace.network.organizer.name, email: workspace.network.organizer.email, role: "CHAIR")
        return event
    }

    func message(_ kind: PollText.Kind, hold: PollState.Hold, state: PollState, to attendee: Participant, calendar: String,
                 input: PollInput, chosen: PollState.Hold? = nil, stamp: Instant? = nil) throws(WorkspaceProblem) -> OutgoingMessage {
        let language = state.language
        let mailName = invitation.mailName(for: attendee.email)
        let method = kind == .cancel ? "CANCEL" : "REQUEST"
        let subject = PollText.subject(kind, option: hold.option, of: state.holds.count, title: meeting.title, slot: hold.slot,
                                       zone: zone, language: language)
        var data: [String: Any] = [
            "salutation": PollText.salutation(attendee.name, language: language),
            "meeting_title": meeting.title, "option": hold.option, "option_count": state.holds.count,
            "when": PollText.when(hold.slot, zone: zone, language: language),
            "deadline": state.deadline.map { language.date($0) } ?? "",
            "organizer": workspace.network.organizer.name,
            "options": state.holds.map { other -> [String: Any] in
                ["number": other.option, "when": PollText.when(other.slot, zone: zone, language: language), "this": other.uid == hold.uid]
            },
        ]
        if let location = workspace.network.location(meeting.location) { data["location"] = "\(location.name), \(location.address)" }
        if kind == .cancel { data["chosen"] = chosen.map { PollText.when($0.slot, zone: zone, language: language) } ?? false }
        let plain = try PollText.body(data: data, template: input.template(kind))
        let messageID = "\(meeting.id).hold\(hold.option).\(hold.sequence).\(method.lowercased()).\(mailName)@\(workspace.organizerDomain)"
        let text: String
        do {
            text = try InvitationMail.compose(
                from: (workspace.network.organizer.name, workspace.network.organizer.email), to: (attendee.name, attendee.email),
                subject: subject, date: stamp ?? state.stamp, zone: zone, messageID: messageID, method: method, calendar: calendar,
                plain: plain, html: PollText.html(plain, title: subject, language: language),
                extraHeaders: [("X-Convene-Meeting", meeting.id), ("X-Convene-Poll-Option", String(hold.option))])
        } catch {
            throw WorkspaceProblem(file: Workspace.peopleFile, "cannot write the poll mail to \(mailName): \(error.description)")
        }
        var outgoing = OutgoingMessage(file: MeetingFolder.pollMailFile(mailName, option: hold.option), recipient: attendee.email,
                                       recipientName: attendee.name, method: method, sequence: hold.sequence, messageID: messageID,
                                       subject: subject, calendar: calendar, text: text)
        outgoing.distinctByMessageID = true
        return outgoing
    }
}

extension PollBuilder {
    /// Why the poll's mails that went out differ from what their templates give now (`TemplateFingerprint.changes`);
    /// empty when they do not, or for a poll recorded before templates were.
    public static func templateChanges(_ state: PollState, workspace: Workspace) -> [String] {
        guard let recorded = state.templates else { return [] }
        return TemplateFingerprint.current(names: recorded.names, defaults: DefaultPollTemplates.files, workspaceRoot: workspace.root)
            .changes(since: recorded)
    }

    /// The hold a `--pick` names: an option number or a local start (`2027-04-20T12:30`).
    /// - Throws: `UsageError` for a number or start the poll does not offer.
    public static func hold(picked text: String, in state: PollState, zone: CalendarTimeZone) throws(UsageError) -> PollState.Hold {
        if let number = Int(text) {
            guard let hold = state.holds.first(where: { $0.option == number }) else {
                throw UsageError("--pick \(number): the poll has options 1 to \(state.holds.count)")
            }
            return hold
        }
        guard text.count > 10, let local = LocalDateTime(iso: text),
              let hold = state.holds.first(where: { $0.slot.start == zone.instant(for: local) }) else {
            throw UsageError("--pick takes an option number or the start of one, like 2027-04-20T12:30 (see convene poll status)")
        }
        return hold
    }

    /// Closes the poll at the current state of the workspace (`PollInput.read`, then `close(_:on:force:now:)`).
    /// - Throws: see `close(_:on:force:now:)`.
    public func close(on chosen: PollState.Hold, force: Bool, now: Instant) throws(WorkspaceProblem) -> PollRound {
        try close(PollInput.read(meeting, in: workspace, language: workspace.language(nil)), on: chosen, force: force, now: now)
    }

    /// Closes the poll recorded in `input` on `chosen` (reads no file): the other holds get a CANCEL (same UID, SEQUENCE + 1, STATUS:CANCELLED) to
    /// everyone asked, and the chosen hold's UID becomes the invitation's (`PollState.chosenUID`, read by
    /// `InvitationBuilder`). Closing again on the same hold rebuilds the same messages (to retry sending).
    /// - Parameter force: pick a time that loses a required person's or a town's only representatives' "no".
    /// - Throws: `WorkspaceProblem` when no poll was sent, `chosen` is not one of its holds (any more), it was closed on
    ///   another hold, the hold has begun, or (without `force`) the pick loses someone; the message names them by id.
    public func close(_ input: PollInput, on chosen: PollState.Hold, force: Bool, now: Instant) throws(WorkspaceProblem) -> PollRound {
        guard let previous = input.recorded else {
            throw WorkspaceProblem(file: meeting.files.pollFile, "no poll of \(meeting.id) was sent, so there is nothing to close: convene poll start \(meeting.id) --send")
        }
        // `chosen` was looked up before the workspace lock was taken: a poll started again since has other holds.
        guard previous.hold(uid: chosen.uid)?.slot == chosen.slot else {
            throw WorkspaceProblem(file: meeting.files.pollFile,
                                   "the poll changed while this command ran (another convene started it again?); see convene poll status \(meeting.id) and pick again")
        }
        if let uid = previous.chosenUID, uid != chosen.uid {
            throw WorkspaceProblem(file: meeting.files.pollFile,
                                   "the poll was closed on option \(previous.hold(uid: uid)?.option ?? 0) already; to move the meeting use convene propose \(meeting.id) --pick and convene invite")
        }
        guard chosen.slot.start > now else {
            throw WorkspaceProblem(file: meeting.files.pollFile, "option \(chosen.option) has begun or passed; pick a later one")
        }
        if previous.chosenUID == nil, !force, let option = PollGrid(state: previous, meeting: meeting, workspace: workspace).option(chosen.option) {
            let lost = option.lostRequired.map { "\($0.id) (required)" } + option.lostTowns.map { "town \($0.id) (every representative said no)" }
            if !lost.isEmpty {
                throw WorkspaceProblem(file: meeting.files.pollFile,
                                       "option \(chosen.option) loses \(lost.joined(separator: ", ")); pick another, or add --force to pick it anyway")
            }
        }
        var state = previous
        if state.chosenUID == nil {
            state.chosenUID = chosen.uid
            state.closed = now
            // The cancellations' template joins the requests' in the record.
            let cancel = input.fingerprint(of: [.cancel])
            state.templates = TemplateFingerprint(entries: (state.templates?.entries ?? []).filter { !cancel.names.contains($0.name) } + cancel.entries)
            for index in state.holds.indices where state.holds[index].uid != chosen.uid && !state.holds[index].cancelled {
                state.holds[index].cancelled = true
                state.holds[index].sequence += 1
            }
        }
        let stamp = state.closed ?? now
        var messages: [OutgoingMessage] = []
        for attendee in participants(state) {
            for hold in state.holds where hold.cancelled && hold.uid != chosen.uid {
                var event = holdEvent(hold, in: state)
                event.status = "CANCELLED"
                event.busyStatus = nil
                event.stamp = stamp
                event.attendees = [attendee]
                let calendar = CalendarWriter.document(events: [event], zone: zone, method: "CANCEL")
                messages.append(try message(.cancel, hold: hold, state: state, to: attendee, calendar: calendar, input: input, chosen: chosen,
                                            stamp: stamp))
            }
        }
        return PollRound(state: state, previous: previous, documents: [], messages: messages)
    }
}

extension PollBuilder {
    /// The reminders at the current state of the workspace (`PollInput.read`, then `remind(_:now:)`).
    /// - Throws: see `remind(_:now:)`.
    public func remind(now: Instant) throws(WorkspaceProblem) -> PollRound {
        try remind(PollInput.read(meeting, in: workspace, language: workspace.language(nil)), now: now)
    }

    /// From the poll recorded in `input` (reads no file): one reminder to each person asked who has not answered every open option, naming those options and the
    /// deadline: a plain mail (text and HTML, no calendar part — the holds are in their calendars already). Its
    /// Message-ID carries the day, so a rerun the same day sends nothing new.
    /// - Throws: `WorkspaceProblem` when no poll was sent, it was closed, or a mail cannot be written.
    public func remind(_ input: PollInput, now: Instant) throws(WorkspaceProblem) -> PollRound {
        guard let state = input.recorded else {
            throw WorkspaceProblem(file: meeting.files.pollFile, "no poll of \(meeting.id) was sent, so there is nobody to remind: convene poll start \(meeting.id) --send")
        }
        guard state.chosenUID == nil else {
            throw WorkspaceProblem(file: meeting.files.pollFile, "the poll was closed already; invite with: convene invite \(meeting.id)")
        }
        let language = state.language
        let day = zone.localTime(of: now).date
        let dayStamp = day.description.replacingOccurrences(of: "-", with: "")
        var messages: [OutgoingMessage] = []
        for attendee in participants(state) {
            let open = state.holds.filter { !$0.cancelled && state.answer(of: attendee.email, to: $0.uid) == nil }
            guard !open.isEmpty else { continue }
            let mailName = invitation.mailName(for: attendee.email)
            let subject = PollText.subject(.remind, option: 0, of: state.holds.count, title: meeting.title, slot: open[0].slot, zone: zone, language: language)
            let data: [String: Any] = [
                "salutation": PollText.salutation(attendee.name, language: language), "meeting_title": meeting.title,
                "single": open.count == 1, "open_count": open.count,
                "deadline": state.deadline.map { language.date($0) } ?? "", "organizer": workspace.network.organizer.name,
                "options": open.map { ["number": $0.option, "when": PollText.when($0.slot, zone: zone, language: language)] as [String: Any] },
            ]
            let plain = try PollText.body(data: data, template: input.template(.remind))
            let messageID = "\(meeting.id).hold-reminder-\(dayStamp).\(mailName)@\(workspace.organizerDomain)"
            let text: String
            do {
                text = try InvitationMail.composeText(
                    from: (workspace.network.organizer.name, workspace.network.organizer.email), to: (attendee.name, attendee.email),
                    subject: subject, date: now, zone: zone, messageID: messageID, plain: plain,
                    html: PollText.html(plain, title: subject, language: language), extraHeaders: [("X-Convene-Meeting", meeting.id)])
            } catch {
                throw WorkspaceProblem(file: Workspace.peopleFile, "cannot write the reminder to \(mailName): \(error.description)")
            }
            var outgoing = OutgoingMessage(file: MeetingFolder.pollReminderFile(mailName, day: dayStamp), recipient: attendee.email, recipientName: attendee.name,
                                           method: "REMIND", sequence: 0, messageID: messageID, subject: subject, calendar: "", text: text)
            outgoing.distinctByMessageID = true
            messages.append(outgoing)
        }
        return PollRound(state: state, previous: state, documents: [], messages: messages)
    }
}
