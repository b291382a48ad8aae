import CalendarValues
import Foundation

/// A date poll, as `convene poll start --send` records it in `meetings/<id>/poll.yaml`
/// (convene-owned, sealed with a checksum: a hand edit is kept and replaced only with `--force`).
/// The holds are the candidate times sent as tentative iMIP requests; the answers come from
/// `rsvp` (replies to the holds) and `poll tally` (CSV and iTIP files).
public struct PollState: Sendable, Equatable {
    /// One candidate time, sent as a hold.
    public struct Hold: Sendable, Equatable {
        /// 1-based, in the order the poll offers them.
        public var option: Int
        public var uid: String
        public var slot: Interval
        /// 0 while the hold stands; the CANCEL of a losing hold carries 1.
        public var sequence: Int
        public var cancelled: Bool

        public init(option: Int, uid: String, slot: Interval, sequence: Int = 0, cancelled: Bool = false) {
            self.option = option
            self.uid = uid
            self.slot = slot
            self.sequence = sequence
            self.cancelled = cancelled
        }
    }

    /// One person's newest answer to one hold.
    public struct Answer: Sendable, Equatable {
        /// Lower-case address of the person asked.
        public var attendee: String
        /// The hold's UID.
        public var uid: String
        /// ACCEPTED = yes, TENTATIVE = if need be, DECLINED = no; nil for a COUNTER without PARTSTAT.
        public var vote: Vote?
        /// The time a COUNTER suggested instead.
        public var suggested: Interval?
        /// The reply's DTSTAMP; for a row of a `poll tally` CSV its `stamp` column, else when the file was saved.
        public var stamp: Instant

        public init(attendee: String, uid: String, vote: Vote?, suggested: Interval? = nil, stamp: Instant) {
            self.attendee = attendee.lowercased()
            self.uid = uid
            self.vote = vote
            self.suggested = suggested
            self.stamp = stamp
        }
    }

    /// DTSTAMP of the holds.
    public var stamp: Instant
    /// The last day to answer.
    public var deadline: LocalDate?
    public var language: Language
    public var holds: [Hold]
    /// Who was asked (lower-case addresses), in the order of the invitees.
    public var asked: [String]
    public var answers: [Answer]
    /// The hold chosen by `poll close`; its UID becomes the invitation's.
    public var chosenUID: String?
    /// When `poll close` chose it: the DTSTAMP of the other holds' CANCELs.
    public var closed: Instant?
    /// The mail templates the messages that went out were written from (`templates:`): the requests' at `poll start
    /// --send`, the cancellations' added at `poll close --send`. Reminders are not recorded (each is written from
    /// the template of its day and leaves nothing in anyone's calendar). nil in a poll recorded before templates were.
    public var templates: TemplateFingerprint?

    public init(stamp: Instant, deadline: LocalDate?, language: Language, holds: [Hold], asked: [String], answers: [Answer] = [],
                chosenUID: String? = nil, closed: Instant? = nil) {
        self.closed = closed
        self.stamp = stamp
        self.deadline = deadline
        self.language = language
        self.holds = holds
        self.asked = asked
        self.answers = answers
        self.chosenUID = chosenUID
    }

    public func hold(uid: String) -> Hold? { holds.first { $0.uid == uid } }

    /// The answer of `attendee` to the hold `uid`.
    public func answer(of attendee: String, to uid: String) -> Answer? {
        answers.first { $0.attendee == attendee.lowercased() && $0.uid == uid }
    }

    /// The open holds (not cancelled): start → option number, for the slot search.
    public var offered: [Instant: Int] {
        Dictionary(holds.filter { !$0.cancelled }.map { ($0.slot.start, $0.option) }, uniquingKeysWith: { first, _ in first })
    }

    /// The votes for the slot search: person id → hold start → vote (COUNTERs without a vote and people no longer
    /// in people.yaml are left out).
    public func votes(in workspace: Workspace) -> [String: [Instant: Vote]] {
        var votes: [String: [Instant: Vote]] = [:]
        for answer in answers {
            guard let vote = answer.vote, let hold = hold(uid: answer.uid), let person = workspace.person(email: answer.attendee) else { continue }
            votes[person.id, default: [:]][hold.slot.start] = vote
        }
        return votes
    }

    /// Records `answer` unless the answer on record stands against it (`supersedes`).
    /// - Returns: whether it was recorded.
    @discardableResult
    public mutating func record(_ answer: Answer) -> Bool {
        if let index = answers.firstIndex(where: { $0.attendee == answer.attendee && $0.uid == answer.uid }) {
            guard Self.supersedes(answer, answers[index]) else { return false }
            answers[index] = answer
        } else {
            answers.append(answer)
        }
        return true
    }

    /// Which of two answers of one person to one hold stands — the same rule for `rsvp` and `poll tally`, so the
    /// result never depends on which command or file came first: the newer DTSTAMP (RFC 5546 §2.1.5); for the same
    /// DTSTAMP the more cautious vote (no, if need be, yes, none), then one with a suggested time, then the earlier
    /// suggestion.
    public static func supersedes(_ new: Answer, _ old: Answer) -> Bool {
        if new.stamp != old.stamp { return new.stamp > old.stamp }
        func caution(_ vote: Vote?) -> Int {
            switch vote {
            case .no?: 3
            case .ifNeedBe?: 2
            case .yes?: 1
            case nil: 0
            }
        }
        if caution(new.vote) != caution(old.vote) { return caution(new.vote) > caution(old.vote) }
        switch (new.suggested, old.suggested) {
        case (let a?, let b?): return a.start != b.start ? a.start < b.start : a.end < b.end
        case (.some, nil): return true
        default: return false
        }
    }

    /// - Returns: nil when no poll was started (sent) for the meeting.
    /// - Throws: `WorkspaceProblem` (file:line) when the file is not a poll file.
    public static func read(_ meeting: Meeting, in workspace: Workspace) throws(WorkspaceProblem) -> PollState? {
        let path = meeting.files.pollFile
        guard let doc = try RecordFile.document(path, in: workspace), let root = doc.root else { return nil }
        let what = "poll"
        let fields = doc.mapping(root, allowed: ["stamp", "deadline", "language", "chosen_uid", "closed", "templates", "holds", "asked", "answers"],
                                 what: what)
        let stamp = RecordFile.instant(doc, fields, "stamp", what: what)
        let closed = fields["closed"] == nil ? nil : RecordFile.instant(doc, fields, "closed", what: what)
        var deadline: LocalDate?
        if let text = doc.string(fields, "deadline", what: what, required: false) {
            deadline = LocalDate(iso: text)
            if deadline == nil { doc.problem(fields["deadline"], "poll: deadline '\(Quoting.short(text))' is not a date like 2027-02-15") }
        }
        let languageText = doc.string(fields, "language", what: what, required: false) ?? Language.de.rawValue
        let language = Language(rawValue: languageText)
        if language == nil { doc.problem(fields["language"], "poll: language must be de or en") }
        var holds: [Hold] = []
        for node in doc.sequence(fields["holds"], what: "holds") {
            let f = doc.mapping(node, allowed: ["option", "uid", "start", "end", "sequence", "status"], what: "hold")
            guard let option = doc.int(f, "option", what: "hold", range: 1...99), let uid = doc.string(f, "uid", what: "hold"),
                  let start = RecordFile.instant(doc, f, "start", what: "hold"), let end = RecordFile.instant(doc, f, "end", what: "hold"),
                  let sequence = doc.int(f, "sequence", what: "hold", range: 0...Int(Int32.max)) else { continue }
            let status = doc.string(f, "status", what: "hold", required: false) ?? "open"
            if !["open", "cancelled"].contains(status) { doc.problem(f["status"], "hold: status must be open or cancelled") }
            holds.append(Hold(option: option, uid: uid, slot: Interval(start: start, end: end), sequence: sequence, cancelled: status == "cancelled"))
        }
        var asked: [String] = []
        for node in doc.sequence(fields["asked"], what: "asked") {
            if let address = node.string { asked.append(address.lowercased()) } else { doc.problem(node, "asked: expected an address") }
        }
        var answers: [Answer] = []
        for node in doc.sequence(fields["answers"], what: "answers") {
            let f = doc.mapping(node, allowed: ["attendee", "uid", "vote", "suggested_start", "suggested_end", "stamp"], what: "answer")
            guard let attendee = doc.string(f, "attendee", what: "answer"), let uid = doc.string(f, "uid", what: "answer"),
                  let stamp = RecordFile.instant(doc, f, "stamp", what: "answer") else { continue }
            var vote: Vote?
            if let text = doc.string(f, "vote", what: "answer", required: false) {
                vote = Vote(rawValue: text)
                if vote == nil { doc.problem(f["vote"], "answer: vote must be yes, if-need-be or no") }
            }
            var suggested: Interval?
            if f["suggested_start"] != nil || f["suggested_end"] != nil,
               let start = RecordFile.instant(doc, f, "suggested_start", what: "answer"),
               let end = RecordFile.instant(doc, f, "suggested_end", what: "answer") {
                suggested = Interval(start: start, end: end)
            }
            answers.append(Answer(attendee: attendee, uid: uid, vote: vote, suggested: suggested, stamp: stamp))
        }
        let templates = fields["templates"].map { RecordFile.templates(doc, $0) }
        if let problem = doc.problems.first { throw problem }
        guard let stamp, let language else { throw WorkspaceProblem(file: path, "not a poll file") }
        var state = PollState(stamp: stamp, deadline: deadline, language: language, holds: holds, asked: asked, answers: answers,
                              chosenUID: doc.string(fields, "chosen_uid", what: what, required: false), closed: closed)
        state.templates = templates
        return state
    }

    /// Writes the poll atomically; a hand-edited file is kept unless `force` (then a .bak copy).
    public func write(_ meeting: Meeting, in workspace: Workspace, force: Bool) throws(WorkspaceProblem) {
        var lines = [
            "# Written by convene (poll start, rsvp, poll tally, poll close): the date poll of this meeting.",
            "# convene keeps this file; a hand edit is kept and replaced only with --force.",
            "stamp: \(stamp.rfc3339)",
            "language: \(language.rawValue)",
        ]
        if let deadline { lines.append("deadline: \(deadline)") }
        if let chosenUID { lines.append("chosen_uid: \(YAMLText.quoted(chosenUID))") }
        if let closed { lines.append("closed: \(closed.rfc3339)") }
        if let templates {
            lines.append("templates:" + (templates.entries.isEmpty ? " []" : ""))
            lines += templates.yamlLines
        }
        lines.append("holds:" + (holds.isEmpty ? " []" : ""))
        for hold in holds {
            lines.append("  - option: \(hold.option)")
            lines.append("    uid: \(YAMLText.quoted(hold.uid))")
            lines.append("    start: \(hold.slot.start.rfc3339)")
            lines.append("    end: \(hold.slot.end.rfc3339)")
            lines.append("    sequence: \(hold.sequence)")
            lines.append("    status: \(hold.cancelled ? "cancelled" : "open")")
        }
        lines.append("asked:" + (asked.isEmpty ? " []" : ""))
        lines += asked.map { "  - \(YAMLText.quoted($0))" }
        lines.append("answers:" + (answers.isEmpty ? " []" : ""))
        for answer in answers.sorted(by: { ($0.attendee, $0.uid) < ($1.attendee, $1.uid) }) {
            lines.append("  - attendee: \(YAMLText.quoted(answer.attendee))")
            lines.append("    uid: \(YAMLText.quoted(answer.uid))")
            if let vote = answer.vote { lines.append("    vote: \(vote.rawValue)") }
            if let suggested = answer.suggested {
                lines.append("    suggested_start: \(suggested.start.rfc3339)")
                lines.append("    suggested_end: \(suggested.end.rfc3339)")
            }
            lines.append("    stamp: \(answer.stamp.rfc3339)")
        }
        let path = meeting.files.pollFile
        try OwnedFile.write(lines.joined(separator: "\n") + "\n", to: workspace.url(path), displayPath: path, force: force)
    }
}
