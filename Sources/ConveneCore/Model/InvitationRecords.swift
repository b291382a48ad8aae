import CalendarValues
import Foundation
import Yams

/// What has been sent for a meeting: the iTIP state convene keeps in `meetings/<id>/invitation.yaml`
/// (convene-owned, sealed with a checksum). UID and SEQUENCE live here so that updates raise the
/// SEQUENCE of the same UID (RFC 5546 §2.1.4) and a rerun with nothing changed changes nothing.
public struct InvitationState: Sendable, Equatable {
    public var uid: String
    public var sequence: Int
    /// DTSTAMP of this SEQUENCE.
    public var stamp: Instant
    /// SHA-256 of the event without SEQUENCE and DTSTAMP: a change of time, place, attendees or
    /// description changes it.
    public var fingerprint: String
    public var cancelled: Bool
    /// The reason given to `convene cancel`, repeated in every CANCEL.
    public var cancelReason: String?
    /// Who is invited at this SEQUENCE (lower-case addresses), with the SEQUENCE of their first
    /// invitation (an update reads „Aktualisiert", a first invitation „Einladung").
    public var attendees: [InvitedAttendee]
    /// People taken off the list, each with the CANCEL they get.
    public var removed: [RemovedAttendee]
    /// The time the invitation carries (nil in files written before it was recorded).
    public var slot: Interval?
    /// The SEQUENCE that set this time: an answer to an earlier SEQUENCE answered another date or time.
    public var slotSequence: Int
    /// What an update letter compares with to name what changed (nil in files written before issue 15):
    /// SHA-256 of the event without SEQUENCE, DTSTAMP and attendees (equal = only the invitee list changed),
    /// the place as the letter gives it, and SHA-256 of the agenda text.
    public var contentFingerprint: String?
    public var location: String?
    public var agendaFingerprint: String?
    /// The SEQUENCE that last changed the event itself (not only the invitee list): whoever holds a request of
    /// this SEQUENCE or later has the current meeting and gets no update.
    public var contentSequence: Int?
    /// What this SEQUENCE changed against the one before, as update letters name it: `time`, `place`, `agenda`,
    /// `details`; with `time`, the time it had before.
    public var changes: [String] = []
    public var movedFrom: Interval?
    /// The letter templates this SEQUENCE's mails were written from (nil in files written before they were
    /// recorded: such a version is taken as written from the templates in use now, so it is never called stale
    /// for its templates; the next version recorded has them).
    public var templates: TemplateFingerprint?

    public init(uid: String, sequence: Int, stamp: Instant, fingerprint: String, cancelled: Bool = false, cancelReason: String? = nil,
                attendees: [InvitedAttendee], removed: [RemovedAttendee] = [], slot: Interval? = nil, slotSequence: Int = 0) {
        self.slot = slot
        self.slotSequence = slotSequence
        self.uid = uid
        self.sequence = sequence
        self.stamp = stamp
        self.fingerprint = fingerprint
        self.cancelled = cancelled
        self.cancelReason = cancelReason
        self.attendees = attendees
        self.removed = removed
    }

    public func attendee(_ address: String) -> InvitedAttendee? { attendees.first { $0.email == address.lowercased() } }

    /// - Returns: nil when the meeting was never invited.
    /// - Throws: `WorkspaceProblem` (file:line) when the file is not a state file.
    public static func read(_ meeting: Meeting, in workspace: Workspace) throws(WorkspaceProblem) -> InvitationState? {
        let path = meeting.files.invitationFile
        guard let doc = try RecordFile.document(path, in: workspace), let root = doc.root else { return nil }
        let fields = doc.mapping(root, allowed: ["uid", "sequence", "stamp", "fingerprint", "status", "cancel_reason", "start", "end",
                                                 "slot_sequence", "attendees", "removed", "content_fingerprint", "location",
                                                 "agenda_fingerprint", "content_sequence", "changes", "moved_from_start",
                                                 "moved_from_end", "templates"],
                                 what: "invitation state")
        let uid = doc.string(fields, "uid", what: "invitation state")
        let sequence = doc.int(fields, "sequence", what: "invitation state", range: 0...Int(Int32.max))
        let stamp = RecordFile.instant(doc, fields, "stamp", what: "invitation state")
        let fingerprint = doc.string(fields, "fingerprint", what: "invitation state")
        let status = doc.string(fields, "status", what: "invitation state", required: false) ?? "confirmed"
        if !["confirmed", "cancelled"].contains(status) { doc.problem(fields["status"], "status must be confirmed or cancelled") }
        var attendees: [InvitedAttendee] = []
        for node in doc.sequence(fields["attendees"], what: "attendees") {
            let f = doc.mapping(node, allowed: ["email", "since"], what: "attendee")
            guard let email = doc.string(f, "email", what: "attendee"),
                  let since = doc.int(f, "since", what: "attendee", range: 0...Int(Int32.max)) else { continue }
            attendees.append(InvitedAttendee(email: email.lowercased(), since: since))
        }
        var removed: [RemovedAttendee] = []
        for node in doc.sequence(fields["removed"], what: "removed") {
            let f = doc.mapping(node, allowed: ["email", "name", "sequence", "stamp"], what: "removed attendee")
            guard let email = doc.string(f, "email", what: "removed attendee"),
                  let sequence = doc.int(f, "sequence", what: "removed attendee", range: 0...Int(Int32.max)),
                  let stamp = RecordFile.instant(doc, f, "stamp", what: "removed attendee") else { continue }
            removed.append(RemovedAttendee(email: email, name: doc.string(f, "name", what: "removed attendee", required: false),
                                           sequence: sequence, stamp: stamp))
        }
        var slot: Interval?
        if fields["start"] != nil || fields["end"] != nil {
            let start = RecordFile.instant(doc, fields, "start", what: "invitation state")
            let end = RecordFile.instant(doc, fields, "end", what: "invitation state")
            if let start, let end { slot = Interval(start: start, end: end) }
        }
        let slotSequence = doc.int(fields, "slot_sequence", what: "invitation state", range: 0...Int(Int32.max), required: false) ?? 0
        let contentFingerprint = doc.string(fields, "content_fingerprint", what: "invitation state", required: false)
        let location = doc.string(fields, "location", what: "invitation state", required: false)
        let agendaFingerprint = doc.string(fields, "agenda_fingerprint", what: "invitation state", required: false)
        let contentSequence = doc.int(fields, "content_sequence", what: "invitation state", range: 0...Int(Int32.max), required: false)
        let changes = doc.sequence(fields["changes"], what: "changes").compactMap { node -> String? in
            guard let text = node.string, ["time", "place", "agenda", "details"].contains(text) else {
                doc.problem(node, "changes are time, place, agenda or details")
                return nil
            }
            return text
        }
        var movedFrom: Interval?
        if fields["moved_from_start"] != nil || fields["moved_from_end"] != nil {
            let start = RecordFile.instant(doc, fields, "moved_from_start", what: "invitation state")
            let end = RecordFile.instant(doc, fields, "moved_from_end", what: "invitation state")
            if let start, let end { movedFrom = Interval(start: start, end: end) }
        }
        let templates = fields["templates"].map { RecordFile.templates(doc, $0) }
        if let problem = doc.problems.first { throw problem }
        guard let uid, let sequence, let stamp, let fingerprint else { throw WorkspaceProblem(file: path, "not an invitation state file") }
        var state = InvitationState(uid: uid, sequence: sequence, stamp: stamp, fingerprint: fingerprint, cancelled: status == "cancelled",
                               cancelReason: doc.string(fields, "cancel_reason", what: "invitation state", required: false),
                                    attendees: attendees, removed: removed, slot: slot, slotSequence: slotSequence)
        state.contentFingerprint = contentFingerprint
        state.location = location
        state.agendaFingerprint = agendaFingerprint
        state.contentSequence = contentSequence
        state.changes = changes
        state.movedFrom = movedFrom
        state.templates = templates
        return state
    }

    /// Writes the state atomically; a hand-edited file is kept unless `force` (then a .bak copy).
    public func write(_ meeting: Meeting, in workspace: Workspace, force: Bool) throws(WorkspaceProblem) {
        var lines = [
            "# Written by convene (invite, cancel): UID and SEQUENCE of the invitation and who has it.",
            "# Edit meeting.yaml or people.yaml instead; convene keeps this file.",
            "uid: \(YAMLText.quoted(uid))",
            "sequence: \(sequence)",
            "stamp: \(stamp.rfc3339)",
            "fingerprint: \(fingerprint)",
            "status: \(cancelled ? "cancelled" : "confirmed")",
        ]
        if let cancelReason { lines.append("cancel_reason: \(YAMLText.quoted(cancelReason))") }
        if let slot {
            lines.append("start: \(slot.start.rfc3339)")
            lines.append("end: \(slot.end.rfc3339)")
            lines.append("slot_sequence: \(slotSequence)")
        }
        if let contentFingerprint { lines.append("content_fingerprint: \(contentFingerprint)") }
        if let location { lines.append("location: \(YAMLText.quoted(location))") }
        if let agendaFingerprint { lines.append("agenda_fingerprint: \(agendaFingerprint)") }
        if let contentSequence { lines.append("content_sequence: \(contentSequence)") }
        if !changes.isEmpty { lines.append("changes: [\(changes.joined(separator: ", "))]") }
        if let movedFrom {
            lines.append("moved_from_start: \(movedFrom.start.rfc3339)")
            lines.append("moved_from_end: \(movedFrom.end.rfc3339)")
        }
        if let templates {
            lines.append("templates:" + (templates.entries.isEmpty ? " []" : ""))
            lines += templates.yamlLines
        }
        lines.append("attendees:" + (attendees.isEmpty ? " []" : ""))
        lines += attendees.map { "  - {email: \(YAMLText.quoted($0.email)), since: \($0.since)}" }
        lines.append("removed:" + (removed.isEmpty ? " []" : ""))
        for person in removed {
            lines.append("  - email: \(YAMLText.quoted(person.email))")
            if let name = person.name { lines.append("    name: \(YAMLText.quoted(name))") }
            lines.append("    sequence: \(person.sequence)")
            lines.append("    stamp: \(person.stamp.rfc3339)")
        }
        let path = meeting.files.invitationFile
        try OwnedFile.write(lines.joined(separator: "\n") + "\n", to: workspace.url(path), displayPath: path, force: force)
    }
}

/// An invited address and the SEQUENCE of the first invitation it got.
public struct InvitedAttendee: Sendable, Equatable {
    public var email: String
    public var since: Int

    public init(email: String, since: Int) {
        self.email = email
        self.since = since
    }
}

/// Someone invited earlier and taken off the list: they get a CANCEL at `sequence` (RFC 5546 §3.2.5).
public struct RemovedAttendee: Sendable, Equatable {
    public var email: String
    public var name: String?
    public var sequence: Int
    public var stamp: Instant

    public init(email: String, name: String?, sequence: Int, stamp: Instant) {
        self.email = email
        self.name = name
        self.sequence = sequence
        self.stamp = stamp
    }
}

/// An attendee's answer as recorded by `convene rsvp`.
public struct RecordedReply: Sendable, Equatable {
    public enum Answer: String, Sendable, CaseIterable {
        case accepted = "ACCEPTED", declined = "DECLINED", tentative = "TENTATIVE", delegated = "DELEGATED"
    }

    /// Lower-case address.
    public var attendee: String
    public var answer: Answer
    /// The reply's DTSTAMP: a newer reply replaces an older one, never the other way round.
    public var stamp: Instant
    /// The SEQUENCE the attendee answered.
    public var sequence: Int
    public var delegatedTo: String?
    /// Set when the attendee answers as someone's delegate.
    public var delegatedFrom: String?

    public init(attendee: String, answer: Answer, stamp: Instant, sequence: Int, delegatedTo: String? = nil, delegatedFrom: String? = nil) {
        self.attendee = attendee
        self.answer = answer
        self.stamp = stamp
        self.sequence = sequence
        self.delegatedTo = delegatedTo
        self.delegatedFrom = delegatedFrom
    }
}

/// The replies of a meeting, one per attendee: `meetings/<id>/replies.yaml` (convene-owned).
public struct ReplyBook: Sendable, Equatable {
    public var replies: [RecordedReply]

    public init(replies: [RecordedReply] = []) { self.replies = replies }

    public func reply(of address: String) -> RecordedReply? { replies.first { $0.attendee == address.lowercased() } }

    /// An empty book when no reply was recorded yet.
    public static func read(_ meeting: Meeting, in workspace: Workspace) throws(WorkspaceProblem) -> ReplyBook {
        guard let doc = try RecordFile.document(meeting.files.repliesFile, in: workspace), let root = doc.root else { return ReplyBook() }
        let fields = doc.mapping(root, allowed: ["replies"], what: "replies file")
        var replies: [RecordedReply] = []
        for node in doc.sequence(fields["replies"], what: "replies") {
            let what = "reply"
            let f = doc.mapping(node, allowed: ["attendee", "answer", "stamp", "sequence", "delegated_to", "delegated_from"], what: what)
            guard let attendee = doc.string(f, "attendee", what: what), let answerText = doc.string(f, "answer", what: what),
                  let stamp = RecordFile.instant(doc, f, "stamp", what: what),
                  let sequence = doc.int(f, "sequence", what: what, range: 0...Int(Int32.max)) else { continue }
            guard let answer = RecordedReply.Answer(rawValue: answerText) else {
                doc.problem(f["answer"], "answer must be one of \(RecordedReply.Answer.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            replies.append(RecordedReply(attendee: attendee.lowercased(), answer: answer, stamp: stamp, sequence: sequence,
                                         delegatedTo: doc.string(f, "delegated_to", what: what, required: false),
                                         delegatedFrom: doc.string(f, "delegated_from", what: what, required: false)))
        }
        if let problem = doc.problems.first { throw problem }
        return ReplyBook(replies: replies)
    }

    public func write(_ meeting: Meeting, in workspace: Workspace, force: Bool) throws(WorkspaceProblem) {
        var lines = ["# Written by `convene rsvp`: the newest answer of each attendee (by the reply's DTSTAMP).",
                     "replies:" + (replies.isEmpty ? " []" : "")]
        for reply in replies.sorted(by: { $0.attendee < $1.attendee }) {
            lines.append("  - attendee: \(YAMLText.quoted(reply.attendee))")
            lines.append("    answer: \(reply.answer.rawValue)")
            lines.append("    stamp: \(reply.stamp.rfc3339)")
            lines.append("    sequence: \(reply.sequence)")
            if let to = reply.delegatedTo { lines.append("    delegated_to: \(YAMLText.quoted(to))") }
            if let from = reply.delegatedFrom { lines.append("    delegated_from: \(YAMLText.quoted(from))") }
        }
        let path = meeting.files.repliesFile
        try OwnedFile.write(lines.joined(separator: "\n") + "\n", to: workspace.url(path), displayPath: path, force: force)
    }
}

/// Reading convene's own record files with file:line problems.
enum RecordFile {
    static func document(_ path: String, in workspace: Workspace) throws(WorkspaceProblem) -> YAMLDocument? {
        guard let data = FileManager.default.contents(atPath: workspace.url(path).path) else { return nil }
        guard let text = String(data: data, encoding: .utf8) else { throw WorkspaceProblem(file: path, "not UTF-8 text") }
        let doc = YAMLDocument(file: path, text: text)
        if let problem = doc.problems.first { throw problem }
        return doc
    }

    /// A `templates:` list (`TemplateFingerprint.yamlLines`); names are template file names, never paths.
    static func templates(_ doc: YAMLDocument, _ node: Node) -> TemplateFingerprint {
        TemplateFingerprint(entries: doc.sequence(node, what: "templates").compactMap { item in
            let f = doc.mapping(item, allowed: ["name", "from", "sha256"], what: "template")
            guard let name = doc.string(f, "name", what: "template"), let from = doc.string(f, "from", what: "template"),
                  let digest = doc.string(f, "sha256", what: "template") else { return nil }
            guard name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-") }), !name.hasPrefix(".") else {
                doc.problem(f["name"], "template: name must be a template's file name (a-z, 0-9, '.', '-'), not a path")
                return nil
            }
            guard let origin = TemplateFingerprint.Origin(rawValue: from) else {
                doc.problem(f["from"], "template: from is workspace or built-in")
                return nil
            }
            guard digest.count == 64, digest.allSatisfy(\.isHexDigit) else {
                doc.problem(f["sha256"], "template: sha256 must be 64 hex digits")
                return nil
            }
            return TemplateFingerprint.Entry(name: name, origin: origin, digest: digest)
        })
    }

    static func instant(_ doc: YAMLDocument, _ fields: [String: Node], _ key: String, what: String) -> Instant? {
        guard let text = doc.string(fields, key, what: what) else { return nil }
        guard let instant = Instant(rfc3339: text) else {
            doc.problem(fields[key], "\(what): \(key) '\(text)' is not a UTC time like 2027-04-01T09:00:00Z")
            return nil
        }
        return instant
    }
}
