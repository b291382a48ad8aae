import ConveneCore
import Foundation
import ICalendar
import MIME

/// What happened to one reply.
public struct ReplyOutcome: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The first answer of this attendee.
        case recorded
        /// Replaced an older answer.
        case updated
        /// The same answer was recorded already.
        case unchanged
        /// Older than the answer on record (by DTSTAMP): ignored.
        case older
        /// Not a valid reply to this meeting.
        case rejected
        /// Kept in `meetings/<id>/held/` for review, not counted (the sender is not the attendee,
        /// or the meeting is cancelled): `convene rsvp MEETING --accept ID` counts it.
        case held
        /// A mail of a Maildir that is not an answer to this meeting (`skipReason` says why): counted in the summary.
        case skipped
        /// A mail of a Maildir that cannot be read (a broken calendar part): a warning naming the file; the rest is read.
        case unreadable
    }

    public var source: String
    public var kind: Kind
    public var attendee: String?
    public var answer: RecordedReply.Answer?
    /// One line for the user: what was recorded, or why the reply was rejected.
    public var message: String
    /// For `held`: the reply's iCalendar text, to be kept for review.
    public var heldDocument: String? = nil
    /// An answer to a poll's hold (recorded in `poll.yaml`, not `replies.yaml`).
    public var poll = false
    /// For `skipped`: why the mail is not an answer to this meeting.
    public var skipReason: ReplyIntake.SkipReason? = nil

    /// The id a held reply is kept under: the first 12 hex digits of its text's SHA-256.
    public var heldID: String? { heldDocument.map { String(SHA256.hex(Array($0.utf8)).prefix(12)) } }
}

/// Reads iTIP replies (RFC 5546 §3.2.3) to a meeting's invitation — .ics files, saved mails with
/// a calendar part, folders of either, standard input — checks them against the invitation and
/// records the newest answer of each attendee.
public enum ReplyIntake {
    /// `convene rsvp`: reads the replies in `paths` (files, folders of .ics/.eml, `-`), applies
    /// them to the meeting's recorded answers and writes those back when they changed.
    /// - Throws: `WorkspaceProblem` when the meeting was never invited, a path cannot be read, or
    ///   a record file is broken or was edited by hand (without `force`).
    public static func record(_ paths: [String], meeting: Meeting, workspace: Workspace, force: Bool,
                              now: Instant? = nil) throws(WorkspaceProblem) -> [ReplyOutcome] {
        // A Maildir holds whatever arrived: what is not an answer to this meeting is skipped there, not rejected.
        let inputs = try ReplyInputs.load(paths)
        let invitationUID = inputs.contains(where: \.fromMailbox) ? try InvitationState.read(meeting, in: workspace)?.uid : nil
        var outcomes: [ReplyOutcome] = []
        var sources: [CalendarSource] = []
        for input in inputs {
            if input.fromMailbox, let skipped = screen(input.source, meeting: meeting, invitationUID: invitationUID) {
                outcomes.append(skipped)
            } else {
                sources.append(input.source)
            }
        }
        if sources.isEmpty && !outcomes.isEmpty { return outcomes }
        // Answers to a poll's holds go to the poll (same trust rules, PollIntake); the rest to the invitation.
        let (holdAnswers, others) = PollIntake.partition(sources, meeting: meeting)
        if !holdAnswers.isEmpty { outcomes += try PollIntake.record(holdAnswers, meeting: meeting, workspace: workspace, force: force, now: now) }
        guard !others.isEmpty || holdAnswers.isEmpty else { return outcomes }
        outcomes += try update(meeting: meeting, workspace: workspace, force: force) { book, state in
            apply(others, to: &book, state: state, workspace: workspace, now: now)
        }
        return outcomes
    }

    /// `convene rsvp MEETING --accept ID`: counts replies held for review (the organizer vouches
    /// for them) and removes them from `meetings/<id>/held/`.
    /// - Throws: `WorkspaceProblem` for an unknown id, or as `record`.
    public static func accept(_ ids: [String], meeting: Meeting, workspace: Workspace, force: Bool,
                              now: Instant? = nil) throws(WorkspaceProblem) -> [ReplyOutcome] {
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            let known = held(meeting, in: workspace)
            for id in ids where !known.contains(id) {
                throw WorkspaceProblem(file: heldFolder(of: meeting), "no held reply '\(Quoting.short(id))' (see them with: convene status \(meeting.id))")
            }
            // Held answers to a poll's holds are counted by the poll.
            var pollOutcomes: [ReplyOutcome] = []
            var invitationIDs: [String] = []
            for id in ids {
                let path = meeting.files.heldFile(id)
                guard let data = try? SafeRead.contents(of: workspace.url(path), display: path) else { continue }
                let source = CalendarSource(name: path, bytes: [UInt8](data))
                guard PollIntake.answersHold(source, meeting: meeting) else {
                    invitationIDs.append(id)
                    continue
                }
                let applied = try PollIntake.record([source], meeting: meeting, workspace: workspace, force: force, now: now, trusted: true)
                pollOutcomes += applied
                if !applied.contains(where: { $0.kind == .held || $0.kind == .rejected }) { unlink(workspace.url(path).path) }
            }
            guard !invitationIDs.isEmpty else { return pollOutcomes }
            return try pollOutcomes + update(meeting: meeting, workspace: workspace, force: force) { book, state in
                var outcomes: [ReplyOutcome] = []
                for id in invitationIDs {
                    let path = meeting.files.heldFile(id)
                    guard let data = try? SafeRead.contents(of: workspace.url(path), display: path) else { continue }
                    let applied = apply([CalendarSource(name: path, bytes: [UInt8](data))], to: &book, state: state, workspace: workspace,
                                        now: now, trusted: true)
                    outcomes += applied
                    if !applied.contains(where: { $0.kind == .held || $0.kind == .rejected }) { unlink(workspace.url(path).path) }
                }
                return outcomes
            }
        }
    }

    /// Reads the state and the answers, applies `body`, keeps held replies and writes the answers
    /// back when they changed — all under the workspace lock, so two runs at once both land.
    private static func update(meeting: Meeting, workspace: Workspace, force: Bool,
                               body: (inout ReplyBook, InvitationState) -> [ReplyOutcome]) throws(WorkspaceProblem) -> [ReplyOutcome] {
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            guard let state = try InvitationState.read(meeting, in: workspace) else {
                throw WorkspaceProblem(file: meeting.files.invitationFile,
                                       "\(meeting.id) has not been invited yet, so there is nothing to answer: convene invite \(meeting.id)")
            }
            var book = try ReplyBook.read(meeting, in: workspace)
            let before = book
            let outcomes = body(&book, state)
            for outcome in outcomes where outcome.kind == .held {
                guard let text = outcome.heldDocument, let id = outcome.heldID else { continue }
                try AtomicFile.write(Data(text.utf8), to: workspace.url(meeting.files.heldFile(id)))
            }
            if book != before { try book.write(meeting, in: workspace, force: force) }
            return outcomes
        }
    }

    /// `meetings/<id>/held`: replies kept for review.
    public static func heldFolder(of meeting: Meeting) -> String { meeting.files.heldFolder }

    /// The ids of the replies held for review, sorted.
    public static func held(_ meeting: Meeting, in workspace: Workspace) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.url(heldFolder(of: meeting)).path)) ?? []
        return names.filter { $0.hasSuffix(".ics") && !$0.hasPrefix(".") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// What was recorded, a line per reply (rejections and unreadable mails go to stderr, see
    /// `ReplyOutcome.message`), then one line per store and one for the mails of a Maildir that were skipped.
    public static func text(_ outcomes: [ReplyOutcome], meeting: Meeting, style: TextStyle) -> String {
        var text = ""
        for outcome in outcomes {
            switch outcome.kind {
            case .recorded, .updated: text += "\(style.green(outcome.kind.rawValue))  \(outcome.message)\n"
            case .unchanged, .older: text += "\(style.dim(outcome.kind.rawValue))  \(outcome.message)\n"
            case .held: text += "\(style.dim("held"))  \(outcome.message)\n"
            case .rejected, .skipped, .unreadable: continue
            }
        }
        let read = outcomes.filter { $0.kind != .skipped && $0.kind != .unreadable }
        let counted = read.filter { ($0.kind == .recorded || $0.kind == .updated) && !$0.poll }.count
        let polled = read.filter { ($0.kind == .recorded || $0.kind == .updated) && $0.poll }.count
        if read.contains(where: \.poll) {
            text += "\(polled) poll answer\(polled == 1 ? "" : "s") recorded in \(meeting.files.pollFile).\n"
        }
        if read.contains(where: { !$0.poll }) || read.isEmpty && outcomes.isEmpty {
            text += "\(counted) answer\(counted == 1 ? "" : "s") recorded in \(meeting.files.repliesFile).\n"
        }
        let skipped = outcomes.filter { $0.kind == .skipped || $0.kind == .unreadable }
        if !skipped.isEmpty {
            var reasons = SkipReason.allCases.compactMap { reason -> String? in
                let count = skipped.filter { $0.skipReason == reason }.count
                return count == 0 ? nil : "\(count) \(reason.rawValue)"
            }
            let unreadable = skipped.filter { $0.kind == .unreadable }.count
            if unreadable > 0 { reasons.append("\(unreadable) unreadable") }
            text += "Skipped \(skipped.count) mail\(skipped.count == 1 ? " of the Maildir that is not an answer" : "s of the Maildir that are not answers") "
                + "to \(meeting.id) (\(reasons.joined(separator: ", "))).\n"
        }
        return text
    }

    /// The outcomes for scripts (schema in the README).
    public static func json(_ outcomes: [ReplyOutcome]) -> JSON {
        .array(outcomes.map { outcome in
            .object([("source", .string(outcome.source)), ("result", .string(outcome.kind.rawValue)),
                     ("attendee", outcome.attendee.map { .string($0) } ?? .null),
                     ("answer", outcome.answer.map { .string($0.rawValue.lowercased()) } ?? .null),
                     ("message", .string(outcome.message))])
        })
    }

    /// The iCalendar documents in one input: an .ics is one, a mail has one per calendar part.
    /// - Throws: `CalendarError` naming the input when it is neither.
    public static func documents(in source: CalendarSource) throws(CalendarError) -> [CalendarSource] {
        if looksLikeCalendar(source.bytes) { return [source] }
        let parts: [(method: String?, text: String)]
        do { parts = try MailReader.calendarParts(of: source.bytes) } catch {
            throw CalendarError(file: source.name, "neither iCalendar nor a readable mail: \(error.description)")
        }
        guard !parts.isEmpty else {
            throw CalendarError(file: source.name, "no calendar part in this mail (a reply carries text/calendar; method=REPLY)")
        }
        // Mailers often send the calendar twice, inline and as an attachment: read it once.
        var seen: Set<String> = []
        return parts.filter { seen.insert($0.text).inserted }.map { CalendarSource(name: source.name, bytes: Array($0.text.utf8)) }
    }

    static func looksLikeCalendar(_ bytes: [UInt8]) -> Bool {
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        while start < bytes.endIndex, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[start]) { start += 1 }
        return String(decoding: bytes[start..<min(bytes.endIndex, start + 15)], as: UTF8.self).uppercased() == "BEGIN:VCALENDAR"
    }

    /// Applies every reply in `sources` to `book`; a newer DTSTAMP wins, whatever the order.
    ///
    /// The trust model (RFC 5546 §3.2.3, RFC 6047 §3): a reply names exactly one attendee; in a
    /// mail, the From address must be that attendee, one of their `aliases`, or their deputy —
    /// otherwise the reply is held for review. A `.ics` file given directly is vouched for by the
    /// organizer who saved it. DELEGATED-FROM counts only when the delegator's own reply delegates
    /// to that address; a DTSTAMP more than a day after `now` is rejected; replies to a cancelled
    /// meeting are held, not counted. Outcomes come back in the order of `sources`.
    /// - Parameter trusted: the organizer accepted these replies (`rsvp --accept`): no From check.
    public static func apply(_ sources: [CalendarSource], to book: inout ReplyBook, state: InvitationState,
                             workspace: Workspace, now: Instant? = nil, trusted: Bool = false) -> [ReplyOutcome] {
        var outcomes: [(order: Int, outcome: ReplyOutcome)] = []
        var candidates: [(order: Int, reply: ITIPReply, source: String, document: String)] = []
        var order = 0
        for source in sources {
            func add(_ outcome: ReplyOutcome) {
                outcomes.append((order, outcome))
                order += 1
            }
            func reject(_ text: String) {
                add(ReplyOutcome(source: source.name, kind: .rejected, attendee: nil, answer: nil, message: "\(source.name): \(text)"))
            }
            func reject(_ error: CalendarError) {
                add(ReplyOutcome(source: source.name, kind: .rejected, attendee: nil, answer: nil, message: error.description))
            }
            let documents: [(source: CalendarSource, sender: String?, mail: Bool)]
            do { documents = try Self.documents(withSenders: source) } catch {
                reject(error)
                continue
            }
            for (document, sender, isMail) in documents {
                let message: ITIPMessage
                do { message = try ITIPReader.read(document) } catch {
                    reject(error)
                    continue
                }
                guard message.method?.uppercased() == "REPLY" else {
                    reject("METHOD:\(Quoting.short(message.method ?? "(none)")) is not a reply; convene rsvp reads answers (METHOD:REPLY) from attendees")
                    continue
                }
                guard let first = message.replies.first else {
                    reject("the reply names no ATTENDEE")
                    continue
                }
                // RFC 5546 §3.2.3: a REPLY carries the answering attendee only.
                guard message.replies.allSatisfy({ $0.attendee == first.attendee }) else {
                    let count = Set(message.replies.map(\.attendee)).count
                    reject("a reply names exactly one ATTENDEE (RFC 5546 §3.2.3); this one names \(count); nothing of it was recorded")
                    continue
                }
                let text = String(decoding: document.bytes, as: UTF8.self)
                if let held = heldForSender(sender, of: first.attendee, in: document, from: source.name, mail: isMail, trusted: trusted,
                                            poll: false, workspace: workspace) {
                    add(held)
                    continue
                }
                for reply in message.replies {
                    candidates.append((order, reply, source.name, text))
                    order += 1
                }
            }
        }
        // Invited attendees first (a delegator's reply makes the delegate's count), else in the
        // order given; which answer stands does not depend on that order (see `supersedes`).
        let ordered = candidates.sorted { a, b in
            let invitedA = state.attendee(a.reply.attendee) != nil, invitedB = state.attendee(b.reply.attendee) != nil
            if invitedA != invitedB { return invitedA }
            return a.order < b.order
        }
        for candidate in ordered {
            outcomes.append((candidate.order, apply(candidate.reply, from: candidate.source, document: candidate.document, to: &book,
                                                    state: state, workspace: workspace, now: now)))
        }
        return outcomes.sorted { $0.order < $1.order }.map(\.outcome)
    }

    // MARK: The trust rules — every answer passes them, to the invitation (`apply`) and to a poll's holds
    // (`PollIntake`, `PollTally`) alike; kept here, in one place.

    /// How far a DTSTAMP may lie after now (a client's clock ahead of this machine's): a day. Later, the answer
    /// claims to be written after it arrived.
    static let stampTolerance: Int64 = 86_400

    /// Whether `stamp` lies more than `stampTolerance` after `now` (nil: no present to compare with).
    static func isFromTheFuture(_ stamp: Instant, now: Instant?) -> Bool {
        guard let now else { return false }
        return stamp.secondsSince1970 > now.secondsSince1970 + stampTolerance
    }

    /// Why an answer's DTSTAMP cannot order it against other answers: it has none, or one from the future.
    struct StampProblem: Error {
        var message: String
    }

    /// The DTSTAMP that orders an answer against others, or why it cannot.
    /// - Parameter noun: what the message calls the answer (`reply`, `answer`).
    static func orderingStamp(_ stamp: Instant?, now: Instant?, noun: String) -> Result<Instant, StampProblem> {
        guard let stamp else { return .failure(StampProblem(message: "the \(noun) has no DTSTAMP, so it cannot be ordered against other answers")) }
        guard isFromTheFuture(stamp, now: now) else { return .success(stamp) }
        let article = "aeiou".contains(noun.first ?? "x") ? "an" : "a"
        return .failure(StampProblem(message: "DTSTAMP \(stamp.rfc3339) is more than a day in the future; \(article) \(noun) cannot be written later than it arrives"))
    }

    /// The outcome that holds a mailed answer for review because its sender may not speak for `attendee` (not the
    /// attendee, an alias or the deputy: `sentBy`); nil when it may, when it is no mail (a file the organizer saved),
    /// or when the organizer vouches for it (`trusted`).
    static func heldForSender(_ sender: String?, of attendee: String, in document: CalendarSource, from source: String, mail: Bool,
                              trusted: Bool, poll: Bool, workspace: Workspace) -> ReplyOutcome? {
        guard !trusted, mail, !sentBy(sender, attendee: attendee, workspace: workspace) else { return nil }
        var held = ReplyOutcome(source: source, kind: .held, attendee: attendee, answer: nil, message: "",
                                heldDocument: String(decoding: document.bytes, as: UTF8.self), poll: poll)
        held.message = "\(source): the mail's sender is not \(attendee) (nor an alias or deputy); held for review as "
            + "\(held.heldID ?? ""), not counted (count it with: convene rsvp MEETING --accept \(held.heldID ?? ""))"
        return held
    }

    /// Whether a mail from `sender` may speak for `attendee`: the attendee, one of their aliases,
    /// or their deputy (people.yaml).
    static func sentBy(_ sender: String?, attendee: String, workspace: Workspace) -> Bool {
        guard let sender = sender?.lowercased() else { return false }
        if sender == attendee.lowercased() { return true }
        guard let person = workspace.person(email: attendee) else { return false }
        if person.aliases.contains(sender) { return true }
        if let deputy = person.deputy.flatMap({ workspace.person($0) }), deputy.email.lowercased() == sender || deputy.aliases.contains(sender) { return true }
        return false
    }

    /// The documents in `source`, each with the From address of the mail that held it (nil and
    /// `mail: false` for a plain .ics file).
    static func documents(withSenders source: CalendarSource) throws(CalendarError) -> [(source: CalendarSource, sender: String?, mail: Bool)] {
        if looksLikeCalendar(source.bytes) { return [(source, nil, false)] }
        let parts: [(method: String?, text: String, sender: String?)]
        do { parts = try MailReader.calendarPartsWithSender(of: source.bytes) } catch {
            throw CalendarError(file: source.name, "neither iCalendar nor a readable mail: \(error.description)")
        }
        guard !parts.isEmpty else {
            throw CalendarError(file: source.name, "no calendar part in this mail (a reply carries text/calendar; method=REPLY)")
        }
        var seen: Set<String> = []
        return parts.filter { seen.insert($0.text).inserted }.map { (CalendarSource(name: source.name, bytes: Array($0.text.utf8)), $0.sender, true) }
    }

    /// Which of two answers of one attendee stands: the newer DTSTAMP; for the same DTSTAMP the
    /// higher SEQUENCE, then the more cautious answer (declined over tentative over delegated
    /// over accepted), then the delegate's address — never the order the files were read in.
    static func supersedes(_ new: RecordedReply, _ old: RecordedReply) -> Bool {
        if new.stamp != old.stamp { return new.stamp > old.stamp }
        if new.sequence != old.sequence { return new.sequence > old.sequence }
        func rank(_ answer: RecordedReply.Answer) -> Int {
            switch answer {
            case .declined: 3
            case .tentative: 2
            case .delegated: 1
            case .accepted: 0
            }
        }
        if rank(new.answer) != rank(old.answer) { return rank(new.answer) > rank(old.answer) }
        return (new.delegatedTo ?? "") > (old.delegatedTo ?? "")
    }

    static func apply(_ reply: ITIPReply, from source: String, document: String = "", to book: inout ReplyBook, state: InvitationState,
                      workspace: Workspace, now: Instant? = nil) -> ReplyOutcome {
        func outcome(_ kind: ReplyOutcome.Kind, _ answer: RecordedReply.Answer?, _ text: String) -> ReplyOutcome {
            ReplyOutcome(source: source, kind: kind, attendee: reply.attendee, answer: answer, message: "\(source): \(text)")
        }
        guard reply.uid == state.uid else {
            return outcome(.rejected, nil, "the reply is for another event (UID \(Quoting.short(reply.uid, limit: 80)); this meeting's invitation has UID \(state.uid))")
        }
        // A delegate answers in place of an invited attendee (RFC 5546 §2.2.5) — only when that
        // attendee's own recorded reply delegated to this address.
        let delegator = book.replies.first { $0.answer == .delegated && $0.delegatedTo == reply.attendee }?.attendee
        if let claimed = reply.delegatedFrom, state.attendee(reply.attendee) == nil, claimed != delegator {
            return outcome(.rejected, nil, "\(reply.attendee) claims DELEGATED-FROM \(claimed), but no reply of \(claimed) delegates to them")
        }
        guard state.attendee(reply.attendee) != nil || delegator != nil else {
            return outcome(.rejected, nil, "\(reply.attendee) answered but is not invited to this meeting")
        }
        guard let answer = RecordedReply.Answer(rawValue: reply.participation.uppercased()) else {
            return outcome(.rejected, nil, "PARTSTAT=\(Quoting.short(reply.participation)) is not an answer (ACCEPTED, DECLINED, TENTATIVE or DELEGATED)")
        }
        let stamp: Instant
        switch orderingStamp(reply.stamp, now: now, noun: "reply") {
        case .success(let given): stamp = given
        case .failure(let problem): return outcome(.rejected, nil, problem.message)
        }
        if answer == .delegated, reply.delegatedTo == nil {
            return outcome(.rejected, nil, "PARTSTAT=DELEGATED without DELEGATED-TO: delegated to whom?")
        }
        if state.cancelled {
            var held = outcome(.held, answer, "")
            held.heldDocument = document
            held.message = "\(source): the meeting is cancelled; the reply is kept as \(held.heldID ?? "") but not counted"
            return held
        }
        let recorded = RecordedReply(attendee: reply.attendee, answer: answer, stamp: stamp, sequence: reply.sequence,
                                     delegatedTo: reply.delegatedTo, delegatedFrom: state.attendee(reply.attendee) == nil ? delegator : nil)
        let who = describe(reply.attendee, workspace: workspace)
        let what = answerText(recorded)
        if let existing = book.reply(of: reply.attendee) {
            if existing == recorded { return outcome(.unchanged, answer, "\(who): \(what) (already recorded)") }
            if !supersedes(recorded, existing) {
                return outcome(.older, answer, "\(who): \(what) is older than the answer on record (\(answerText(existing)) of \(existing.stamp.rfc3339)); ignored")
            }
            book.replies.removeAll { $0.attendee == reply.attendee }
            book.replies.append(recorded)
            return outcome(.updated, answer, "\(who): \(what) (was \(answerText(existing)))")
        }
        book.replies.append(recorded)
        var note = ""
        if reply.sequence < state.sequence { note = " — answers SEQUENCE \(reply.sequence), the invitation is at \(state.sequence)" }
        return outcome(.recorded, answer, "\(who): \(what)\(note)")
    }

    static func describe(_ address: String, workspace: Workspace) -> String {
        guard let person = workspace.person(email: address) else { return address }
        return "\(person.name) (\(workspace.towns.first { $0.id == person.town }?.name ?? person.town))"
    }

    static func answerText(_ reply: RecordedReply) -> String {
        var text = reply.answer.rawValue.lowercased()
        if let to = reply.delegatedTo { text += " to \(to)" }
        if let from = reply.delegatedFrom { text += " (delegate of \(from))" }
        return text
    }
}
