import ConveneCore
import Foundation
import ICalendar

/// Answers to a poll's holds, as `convene rsvp` receives them with every other reply: iTIP REPLYs
/// (ACCEPTED = yes, TENTATIVE = if need be, DECLINED = no) and COUNTERs (Outlook's "propose new
/// time": the suggested time, with the vote its PARTSTAT gives, if any). The invitation's trust
/// rules apply (`ReplyIntake`): one ATTENDEE per reply, a mail's sender must be that attendee, an
/// alias or their deputy (else the reply is held for review), the newest DTSTAMP wins, none more
/// than a day in the future. Answers are recorded in `poll.yaml` (`PollState`).
public enum PollIntake {
    /// Whether `source` answers one of `meeting`'s holds (its UIDs are `hold-<meeting>-…`).
    static func answersHold(_ source: CalendarSource, meeting: Meeting) -> Bool {
        guard let documents = try? ReplyIntake.documents(withSenders: source) else { return false }
        let prefix = "hold-\(meeting.id)-"
        return documents.contains { document in
            (try? ITIPReader.read(document.source))?.replies.contains { $0.uid.hasPrefix(prefix) } == true
        }
    }

    /// Splits `sources` into answers to the meeting's holds and everything else.
    static func partition(_ sources: [CalendarSource], meeting: Meeting) -> (holds: [CalendarSource], others: [CalendarSource]) {
        var holds: [CalendarSource] = [], others: [CalendarSource] = []
        for source in sources {
            if answersHold(source, meeting: meeting) { holds.append(source) } else { others.append(source) }
        }
        return (holds, others)
    }

    /// Reads the recorded poll, applies the answers in `sources`, keeps held ones in `held/` and writes the poll
    /// back when it changed — under the workspace lock.
    /// - Throws: `WorkspaceProblem` when no poll was started, or `poll.yaml` is broken or was edited by hand
    ///   (without `force`).
    static func record(_ sources: [CalendarSource], meeting: Meeting, workspace: Workspace, force: Bool, now: Instant?,
                       trusted: Bool = false) throws(WorkspaceProblem) -> [ReplyOutcome] {
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            guard var poll = try PollState.read(meeting, in: workspace) else {
                throw WorkspaceProblem(file: meeting.files.pollFile,
                                       "no poll of \(meeting.id) was sent, so there is nothing to answer: convene poll start \(meeting.id) --send")
            }
            let before = poll
            let outcomes = apply(sources, to: &poll, workspace: workspace, now: now, trusted: trusted)
            for outcome in outcomes where outcome.kind == .held {
                guard let text = outcome.heldDocument, let id = outcome.heldID else { continue }
                try AtomicFile.write(Data(text.utf8), to: workspace.url(meeting.files.heldFile(id)))
            }
            if poll != before { try poll.write(meeting, in: workspace, force: force) }
            return outcomes
        }
    }

    /// Applies every answer in `sources` to `poll`, in the order given; the newer DTSTAMP wins whatever the order.
    /// - Parameter trusted: the organizer vouches for these (`rsvp --accept`, `poll tally`): no sender check.
    public static func apply(_ sources: [CalendarSource], to poll: inout PollState, workspace: Workspace, now: Instant?,
                             trusted: Bool = false) -> [ReplyOutcome] {
        var outcomes: [ReplyOutcome] = []
        for source in sources {
            func reject(_ text: String) {
                outcomes.append(ReplyOutcome(source: source.name, kind: .rejected, attendee: nil, answer: nil, message: "\(source.name): \(text)", poll: true))
            }
            let documents: [(source: CalendarSource, sender: String?, mail: Bool)]
            do { documents = try ReplyIntake.documents(withSenders: source) } catch {
                outcomes.append(ReplyOutcome(source: source.name, kind: .rejected, attendee: nil, answer: nil, message: error.description, poll: true))
                continue
            }
            for (document, sender, isMail) in documents {
                let message: ITIPMessage
                do { message = try ITIPReader.read(document) } catch {
                    outcomes.append(ReplyOutcome(source: source.name, kind: .rejected, attendee: nil, answer: nil, message: error.description, poll: true))
                    continue
                }
                let method = message.method?.uppercased() ?? ""
                guard method == "REPLY" || method == "COUNTER" else {
                    reject("METHOD:\(Quoting.short(message.method ?? "(none)")) is not an answer to a hold (REPLY or COUNTER)")
                    continue
                }
                guard let first = message.replies.first, message.replies.allSatisfy({ $0.attendee == first.attendee }) else {
                    reject("an answer names exactly one ATTENDEE (RFC 5546 §3.2.3); nothing of it was recorded")
                    continue
                }
                if let held = ReplyIntake.heldForSender(sender, of: first.attendee, in: document, from: source.name, mail: isMail,
                                                        trusted: trusted, poll: true, workspace: workspace) {
                    outcomes.append(held)
                    continue
                }
                for reply in message.replies {
                    outcomes.append(apply(reply, counter: method == "COUNTER", from: source.name, to: &poll, workspace: workspace, now: now))
                }
            }
        }
        return outcomes
    }

    static func apply(_ reply: ITIPReply, counter: Bool, from source: String, to poll: inout PollState, workspace: Workspace,
                      now: Instant?) -> ReplyOutcome {
        func outcome(_ kind: ReplyOutcome.Kind, _ vote: Vote?, _ text: String) -> ReplyOutcome {
            ReplyOutcome(source: source, kind: kind, attendee: reply.attendee, answer: vote.map(Self.recordedAnswer), message: "\(source): \(text)", poll: true)
        }
        guard let hold = poll.hold(uid: reply.uid) else {
            return outcome(.rejected, nil, "the answer is for a hold this poll does not hold (UID \(Quoting.short(reply.uid, limit: 80)))")
        }
        guard poll.asked.contains(reply.attendee) else {
            return outcome(.rejected, nil, "\(reply.attendee) answered but was not asked in this poll")
        }
        let stamp: Instant
        switch ReplyIntake.orderingStamp(reply.stamp, now: now, noun: "answer") {
        case .success(let given): stamp = given
        case .failure(let problem): return outcome(.rejected, nil, problem.message)
        }
        let vote = Self.vote(reply.participation)
        if !counter, vote == nil {
            return outcome(.rejected, nil, "PARTSTAT=\(Quoting.short(reply.participation)) is not a poll answer (ACCEPTED, TENTATIVE or DECLINED)")
        }
        let suggested = counter ? reply.proposed.flatMap { $0 == hold.slot ? nil : $0 } : nil
        if counter, suggested == nil, vote == nil {
            return outcome(.rejected, nil, "a COUNTER without another time or an answer says nothing")
        }
        let answer = PollState.Answer(attendee: reply.attendee, uid: hold.uid, vote: vote, suggested: suggested, stamp: stamp)
        let who = ReplyIntake.describe(reply.attendee, workspace: workspace)
        let what = "option \(hold.option): " + describe(answer)
        if let existing = poll.answer(of: reply.attendee, to: hold.uid) {
            if existing == answer { return outcome(.unchanged, vote, "\(who): \(what) (already recorded)") }
            guard poll.record(answer) else {
                let why = existing.stamp == answer.stamp ? "has the DTSTAMP of the answer on record, which stands (the more cautious one wins)"
                    : "is older than the answer on record"
                return outcome(.older, vote, "\(who): \(what) \(why) (\(describe(existing)) of \(existing.stamp.rfc3339)); ignored")
            }
            return outcome(.updated, vote, "\(who): \(what) (was \(describe(existing)))")
        }
        poll.record(answer)
        return outcome(.recorded, vote, "\(who): \(what)")
    }

    /// ACCEPTED = yes, TENTATIVE = if need be, DECLINED = no.
    static func vote(_ participation: String) -> Vote? {
        switch participation.uppercased() {
        case "ACCEPTED": .yes
        case "TENTATIVE": .ifNeedBe
        case "DECLINED": .no
        default: nil
        }
    }

    static func recordedAnswer(_ vote: Vote) -> RecordedReply.Answer {
        switch vote {
        case .yes: .accepted
        case .ifNeedBe: .tentative
        case .no: .declined
        }
    }

    static func describe(_ answer: PollState.Answer) -> String {
        var parts: [String] = []
        if let vote = answer.vote { parts.append(vote.rawValue) }
        if let suggested = answer.suggested { parts.append("suggests \(suggested.start.rfc3339)") }
        return parts.joined(separator: ", ")
    }
}
