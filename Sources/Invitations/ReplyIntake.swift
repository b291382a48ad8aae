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
    }

    public var source: String
    public var kind: Kind
    public var attendee: String?
    public var answer: RecordedReply.Answer?
    /// One line for the user: what was recorded, or why the reply was rejected.
    public var message: String
}

/// Reads iTIP replies (RFC 5546 §3.2.3) to a meeting's invitation — .ics files, saved mails with
/// a calendar part, folders of either, standard input — checks them against the invitation and
/// records the newest answer of each attendee.
public enum ReplyIntake {
    /// `convene rsvp`: reads the replies in `paths` (files, folders of .ics/.eml, `-`), applies
    /// them to the meeting's recorded answers and writes those back when they changed.
    /// - Throws: `WorkspaceProblem` when the meeting was never invited, a path cannot be read, or
    ///   a record file is broken or was edited by hand (without `force`).
    public static func record(_ paths: [String], meeting: Meeting, workspace: Workspace, force: Bool) throws(WorkspaceProblem) -> [ReplyOutcome] {
        guard let state = try InvitationState.read(meeting, in: workspace) else {
            throw WorkspaceProblem(file: meeting.files.invitationFile,
                                   "\(meeting.id) has not been invited yet, so there is nothing to answer: convene invite \(meeting.id)")
        }
        let sources = try CalendarSource.load(paths, extensions: [".ics", ".eml"])
        var book = try ReplyBook.read(meeting, in: workspace)
        let before = book
        let outcomes = apply(sources, to: &book, state: state, workspace: workspace)
        if book != before { try book.write(meeting, in: workspace, force: force) }
        return outcomes
    }

    /// What was recorded, a line per reply (rejections go to stderr, see `ReplyOutcome.message`).
    public static func text(_ outcomes: [ReplyOutcome], meeting: Meeting, style: TextStyle) -> String {
        var text = ""
        for outcome in outcomes {
            switch outcome.kind {
            case .recorded, .updated: text += "\(style.green(outcome.kind.rawValue))  \(outcome.message)\n"
            case .unchanged, .older: text += "\(style.dim(outcome.kind.rawValue))  \(outcome.message)\n"
            case .rejected: continue
            }
        }
        let counted = outcomes.filter { $0.kind == .recorded || $0.kind == .updated }.count
        return text + "\(counted) answer\(counted == 1 ? "" : "s") recorded in \(meeting.files.repliesFile).\n"
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

    /// Applies every reply in `sources` to `book`, in order; a newer DTSTAMP wins.
    public static func apply(_ sources: [CalendarSource], to book: inout ReplyBook, state: InvitationState,
                             workspace: Workspace) -> [ReplyOutcome] {
        var outcomes: [ReplyOutcome] = []
        for source in sources {
            func reject(_ text: String) {
                outcomes.append(ReplyOutcome(source: source.name, kind: .rejected, attendee: nil, answer: nil, message: "\(source.name): \(text)"))
            }
            func reject(_ error: CalendarError) {
                outcomes.append(ReplyOutcome(source: source.name, kind: .rejected, attendee: nil, answer: nil, message: error.description))
            }
            let documents: [CalendarSource]
            do { documents = try Self.documents(in: source) } catch {
                reject(error)
                continue
            }
            for document in documents {
                let message: ITIPMessage
                do { message = try ITIPReader.read(document) } catch {
                    reject(error)
                    continue
                }
                guard message.method?.uppercased() == "REPLY" else {
                    reject("METHOD:\(message.method ?? "(none)") is not a reply; convene rsvp reads answers (METHOD:REPLY) from attendees")
                    continue
                }
                guard !message.replies.isEmpty else {
                    reject("the reply names no ATTENDEE")
                    continue
                }
                for reply in message.replies {
                    outcomes.append(apply(reply, from: source.name, to: &book, state: state, workspace: workspace))
                }
            }
        }
        return outcomes
    }

    static func apply(_ reply: ITIPReply, from source: String, to book: inout ReplyBook, state: InvitationState,
                      workspace: Workspace) -> ReplyOutcome {
        func outcome(_ kind: ReplyOutcome.Kind, _ answer: RecordedReply.Answer?, _ text: String) -> ReplyOutcome {
            ReplyOutcome(source: source, kind: kind, attendee: reply.attendee, answer: answer, message: "\(source): \(text)")
        }
        guard reply.uid == state.uid else {
            return outcome(.rejected, nil, "the reply is for another event (UID \(reply.uid); this meeting's invitation has UID \(state.uid))")
        }
        // A delegate answers in place of an invited attendee (RFC 5546 §2.2.5).
        let delegator = reply.delegatedFrom.flatMap { from in state.attendee(from) != nil ? from : nil }
            ?? book.replies.first { $0.delegatedTo == reply.attendee }?.attendee
        guard state.attendee(reply.attendee) != nil || delegator != nil else {
            return outcome(.rejected, nil, "\(reply.attendee) answered but is not invited to this meeting")
        }
        guard let answer = RecordedReply.Answer(rawValue: reply.participation.uppercased()) else {
            return outcome(.rejected, nil, "PARTSTAT=\(reply.participation) is not an answer (ACCEPTED, DECLINED, TENTATIVE or DELEGATED)")
        }
        guard let stamp = reply.stamp else {
            return outcome(.rejected, nil, "the reply has no DTSTAMP, so it cannot be ordered against other answers")
        }
        if answer == .delegated, reply.delegatedTo == nil {
            return outcome(.rejected, nil, "PARTSTAT=DELEGATED without DELEGATED-TO: delegated to whom?")
        }
        let recorded = RecordedReply(attendee: reply.attendee, answer: answer, stamp: stamp, sequence: reply.sequence,
                                     delegatedTo: reply.delegatedTo, delegatedFrom: state.attendee(reply.attendee) == nil ? delegator : nil)
        let who = describe(reply.attendee, workspace: workspace)
        let what = answerText(recorded)
        if let existing = book.reply(of: reply.attendee) {
            if existing.stamp > stamp {
                return outcome(.older, answer, "\(who): \(what) is older than the answer on record (\(answerText(existing)) of \(existing.stamp.rfc3339)); ignored")
            }
            if existing == recorded { return outcome(.unchanged, answer, "\(who): \(what) (already recorded)") }
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
