import ConveneCore
import Foundation
import ICalendar

/// Where a meeting stands, derived from the files of its folder — never from a second copy of the truth:
/// proposed → polling (when a poll was sent) → scheduled (slot) → agenda → invited → held → minuted → closed, or cancelled. Each step says
/// whether it is done, whether it went stale because something it was made from changed since (and why), and
/// the next command to run. `convene status MEETING` leads with it.
public struct MeetingLifecycle: Sendable {
    public enum Step: String, Sendable, CaseIterable {
        case proposed, polling, scheduled, agenda, invited, held, minuted, closed
    }

    public struct StepState: Sendable, Equatable {
        public var step: Step
        public var done: Bool
        /// Why a done step no longer matches what it was made from; nil when current.
        public var stale: String?
        /// What the step holds, in a few words (the slot, the SEQUENCE, …).
        public var detail: String?
    }

    public var meeting: Meeting
    public var steps: [StepState]
    public var cancelled: Bool
    /// The command that moves the meeting on, or nil when nothing is left to do.
    public var next: String?

    /// The furthest step done (`proposed` for a meeting with nothing but meeting.yaml), or `cancelled`.
    public var state: String {
        cancelled ? "cancelled" : (steps.last { $0.done }?.step ?? .proposed).rawValue
    }

    /// - Parameter language: of the dates in the details (the words are English terminal text).
    /// - Throws: `WorkspaceProblem` when one of the meeting's state files cannot be read.
    public init(meeting: Meeting, workspace: Workspace, now: Instant, language: Language = .de) throws(WorkspaceProblem) {
        let id = meeting.id
        let zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
        func when(_ slot: Interval) -> String {
            let from = zone.localTime(of: slot.start), to = zone.localTime(of: slot.end)
            return "\(language.date(from.date)) \(language.clock(from))–\(language.clock(to))"
        }
        var steps: [StepState] = [StepState(step: .proposed, done: true, stale: nil, detail: "window \(meeting.window)")]
        var next: String?
        func propose(_ command: String) { if next == nil { next = command } }

        // polling: poll.yaml, only for a meeting whose date is found by a poll
        if let poll = try PollState.read(meeting, in: workspace) {
            let grid = PollGrid(state: poll, meeting: meeting, workspace: workspace)
            let answered = grid.rows.count - grid.unanswered.count
            var detail = "\(poll.holds.count) options, \(answered) of \(grid.rows.count) answered"
            if let chosen = poll.chosenUID.flatMap({ poll.hold(uid: $0) }) { detail += ", option \(chosen.option) chosen" }
            for option in grid.options where !option.lostTowns.isEmpty && !option.hold.cancelled {
                detail += "; option \(option.hold.option) not represented: \(option.lostTowns.map(\.id).joined(separator: ", "))"
            }
            let never = grid.townsNeverRepresented
            var stale: [String] = never.isEmpty ? [] : ["not represented at any option: \(never.map(\.id).joined(separator: ", "))"]
            // The poll's mails that went out against their templates now (an override edited, added or removed; another built-in one).
            let why = PollBuilder.templateChanges(poll, workspace: workspace)
            if !why.isEmpty {
                stale.append("the poll's mails were written from another template: \(why.joined(separator: "; ")) since ("
                             + (poll.chosenUID == nil ? "the holds stay as sent; convene poll remind \(id) and poll close write from the new one)"
                                : "nothing is sent again)"))
            }
            steps.append(StepState(step: .polling, done: true, stale: stale.isEmpty ? nil : stale.joined(separator: "; "), detail: detail))
            if poll.chosenUID == nil { propose("convene poll status \(id), then convene poll close \(id) --pick N --send") }
        }

        // scheduled: slot.yaml
        let slot = meeting.chosen
        var slotStale: String?
        if let slot, slot.start < now, (try? InvitationState.read(meeting, in: workspace)) == nil {
            slotStale = "the slot has passed without an invitation"
        }
        steps.append(StepState(step: .scheduled, done: slot != nil, stale: slotStale, detail: slot.map(when)))
        if slot == nil || slotStale != nil { propose("convene propose \(id) --pick N") }

        // agenda: agenda.yaml, timed for the slot
        let agenda = try StoredAgenda.read(meeting, in: workspace)
        var agendaStale: String?
        if let agenda, let slot, !agenda.isTimed(for: slot) {
            agendaStale = StoredAgenda.isUntouched(meeting, in: workspace)
                ? "timed for another slot (convene invite rebuilds it)" : "timed for another slot and edited by hand"
        }
        steps.append(StepState(step: .agenda, done: agenda != nil, stale: agendaStale,
                               detail: agenda.map { "\($0.items.filter { $0.number != nil }.count) TOPs" }))
        if agenda == nil || (agendaStale != nil && !StoredAgenda.isUntouched(meeting, in: workspace)) {
            propose("convene agenda \(id)" + (agenda == nil ? "" : " --force"))
        }

        // invited: invitation.yaml (what left the organizer) against what would be sent now
        let state = try InvitationState.read(meeting, in: workspace)
        cancelled = state?.cancelled ?? false
        var invitedStale: String?
        if let state, !state.cancelled, let slot {
            if let sent = state.slot, sent != slot {
                invitedStale = "the invitation carries \(when(sent)); slot.yaml says \(when(slot))"
            } else if let current = try? InvitationBuilder(workspace: workspace, meeting: meeting).build(now: now) {
                // Built once: it fails for a slot that has begun or an agenda timed for another slot (stale above).
                if current.changed {
                    invitedStale = "place, attendees or agenda changed since SEQUENCE \(state.sequence)"
                } else if !(try Delivery.pending(current.messages, meeting: meeting, in: workspace)).isEmpty {
                    invitedStale = "messages of SEQUENCE \(state.sequence) not delivered yet"
                }
            }
        }
        // The letters that went out against the templates now (an override edited, added or removed; another built-in one).
        if let state, invitedStale == nil, case let why = InvitationBuilder.letterChanges(state, workspace: workspace), !why.isEmpty {
            invitedStale = "the letters of SEQUENCE \(state.sequence) were written from another template: \(why.joined(separator: "; ")) since"
            if !state.cancelled, slot.map({ $0.start >= now }) ?? false {
                propose("convene invite \(id) --send --new-letter (everyone gets the new letter as an update), or leave it: the next update uses it")
            }
        }
        steps.append(StepState(step: .invited, done: state != nil, stale: invitedStale,
                               detail: state.map { "UID \($0.uid), SEQUENCE \($0.sequence)" + ($0.cancelled ? ", cancelled" : "") }))
        if !cancelled && (state == nil || invitedStale != nil) && slot.map({ $0.start >= now }) ?? true {
            propose("convene invite \(id) --send")
        }

        // held: the slot has ended
        let held = slot.map { $0.end <= now } ?? false
        steps.append(StepState(step: .held, done: held && !cancelled, stale: nil, detail: nil))
        if !cancelled, state != nil, !held { propose("convene rsvp \(id) REPLIES… (answers until the meeting)") }

        // minuted: minutes.yaml; closed: every action item from it done or dropped
        let minutes = workspace.minutes[id]
        steps.append(StepState(step: .minuted, done: minutes != nil, stale: nil,
                               detail: minutes.map { "\($0.sections.count) sections" }))
        if held && minutes == nil && !cancelled { propose("convene minutes init \(id)") }
        let open = workspace.actionItems.filter { $0.meeting == id && ($0.status == .open || $0.status == .inProgress) }
        steps.append(StepState(step: .closed, done: minutes != nil && open.isEmpty, stale: nil,
                               detail: minutes == nil ? nil : "\(open.count) open action item\(open.count == 1 ? "" : "s")"))
        if minutes != nil && !open.isEmpty { propose("convene actions list") }

        self.meeting = meeting
        self.steps = steps
        self.next = cancelled ? nil : next
    }

    public func text(style: TextStyle) -> String {
        var table = TextTable(header: ["Step", "State", "Detail"])
        for step in steps {
            let state = step.stale.map { style.yellow("stale: \($0)") } ?? (step.done ? style.green("done") : style.dim("to do"))
            table.rows.append([step.step.rawValue, state, step.detail ?? ""])
        }
        var out = style.bold("\(meeting.id) · \(meeting.title)") + " — " + (cancelled ? style.red("cancelled") : state) + "\n"
        out += table.render(style: style)
        if let next { out += "Next: \(next)\n" }
        return out
    }

    public func json() -> JSON {
        .object([
            ("state", .string(state)),
            ("steps", .array(steps.map { step in
                .object([("step", .string(step.step.rawValue)), ("done", .bool(step.done)),
                         ("stale", step.stale.map { .string($0) } ?? .null), ("detail", step.detail.map { .string($0) } ?? .null)])
            })),
            ("next", next.map { .string($0) } ?? .null),
        ])
    }
}
