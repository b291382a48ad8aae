import CalendarValues
import Foundation

/// The approval of a meeting's minutes (*genehmigt*, issue 15): `meetings/<id>/approval.yaml`, convene-owned,
/// written by `convene minutes approve`. It freezes `minutes.yaml`: a convene command that would change approved
/// minutes needs `--force`, and every such change is logged here (when, and what); an approved Niederschrift
/// shows the log. The fingerprint is the SHA-256 of `minutes.yaml` — or `minutes.md`, whichever form the meeting's
/// minutes are in (`Workspace.minutesFile(of:)`) — as approved (or after the last logged change), so a change by
/// hand after the approval shows too.
public struct MinutesApproval: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var on: LocalDate
        public var what: String
        public init(on: LocalDate, what: String) {
            self.on = on
            self.what = what
        }
    }

    public var approvedOn: LocalDate
    /// The meeting that approved the minutes (`--at`), e.g. the next plenary.
    public var atMeeting: String?
    public var fingerprint: String
    public var changes: [Change]

    public init(approvedOn: LocalDate, atMeeting: String?, fingerprint: String, changes: [Change] = []) {
        self.approvedOn = approvedOn
        self.atMeeting = atMeeting
        self.fingerprint = fingerprint
        self.changes = changes
    }

    /// SHA-256 of the minutes file as it is now (nil when there is none).
    public static func fingerprint(of meeting: Meeting, in workspace: Workspace) -> String? {
        FileManager.default.contents(atPath: workspace.url(workspace.minutesFile(of: meeting)).path).map { SHA256.hex(Array($0)) }
    }

    /// True when `minutes.yaml` is byte for byte what was approved (or last changed with a log entry).
    public func matches(_ meeting: Meeting, in workspace: Workspace) -> Bool {
        Self.fingerprint(of: meeting, in: workspace) == fingerprint
    }

    /// - Returns: nil when the minutes were never approved.
    /// - Throws: `WorkspaceProblem` (file:line) when the file is not an approval record.
    public static func read(_ meeting: Meeting, in workspace: Workspace) throws(WorkspaceProblem) -> MinutesApproval? {
        let path = meeting.files.approvalFile
        guard let doc = try RecordFile.document(path, in: workspace), let root = doc.root else { return nil }
        let what = "minutes approval"
        let fields = doc.mapping(root, allowed: ["approved", "at", "fingerprint", "changes"], what: what)
        let approved = doc.string(fields, "approved", what: what).flatMap { text -> LocalDate? in
            guard let date = LocalDate(iso: text) else {
                doc.problem(fields["approved"], "\(what): approved must be a date like 2027-05-12")
                return nil
            }
            return date
        }
        let fingerprint = doc.string(fields, "fingerprint", what: what)
        var changes: [Change] = []
        for node in doc.sequence(fields["changes"], what: "changes") {
            let f = doc.mapping(node, allowed: ["on", "what"], what: "change")
            guard let on = doc.string(f, "on", what: "change").flatMap(LocalDate.init(iso:)),
                  let text = doc.string(f, "what", what: "change") else {
                doc.problem(node, "change: needs on (a date) and what")
                continue
            }
            changes.append(Change(on: on, what: text))
        }
        if let problem = doc.problems.first { throw problem }
        guard let approved, let fingerprint else { throw WorkspaceProblem(file: path, "not a minutes approval record") }
        return MinutesApproval(approvedOn: approved, atMeeting: doc.string(fields, "at", what: what, required: false),
                               fingerprint: fingerprint, changes: changes)
    }

    /// Writes the record atomically; a hand-edited one is kept unless `force` (then a .bak copy).
    public func write(_ meeting: Meeting, in workspace: Workspace, force: Bool) throws(WorkspaceProblem) {
        var lines = [
            "# Written by convene (minutes approve): the minutes are approved and frozen; convene changes",
            "# minutes.yaml only with --force and logs every such change below.",
            "approved: \(approvedOn)",
        ]
        if let atMeeting { lines.append("at: \(YAMLText.quoted(atMeeting))") }
        lines.append("fingerprint: \(fingerprint)")
        lines.append("changes:" + (changes.isEmpty ? " []" : ""))
        for change in changes {
            lines.append("  - on: \(change.on)")
            lines.append("    what: \(YAMLText.quoted(change.what))")
        }
        let path = meeting.files.approvalFile
        try OwnedFile.write(lines.joined(separator: "\n") + "\n", to: workspace.url(path), displayPath: path, force: force)
    }

    /// For a command about to change `minutes.yaml`: nothing when the minutes are not approved; for approved
    /// minutes a refusal without `force`, and with it the approval to record (with `perform`'s change logged and the
    /// new fingerprint) once the change is written.
    /// - Parameters:
    ///   - what: the change, for the log (`actions done kickoff-x`); convene's words and ids only.
    ///   - perform: writes the change.
    /// - Throws: `WorkspaceProblem` naming minutes.yaml when approved minutes would change without `force`.
    public static func change<T>(_ meeting: Meeting, in workspace: Workspace, force: Bool, what: String, today: LocalDate,
                                 perform: () throws(WorkspaceProblem) -> T) throws(WorkspaceProblem) -> T {
        guard var approval = try read(meeting, in: workspace) else { return try perform() }
        guard force else {
            throw WorkspaceProblem(file: workspace.minutesFile(of: meeting),
                                   "was approved on \(approval.approvedOn) and is frozen; not changed (use --force to change it anyway; the change is logged in \(meeting.files.approvalFile))")
        }
        let result = try perform()
        approval.changes.append(Change(on: today, what: what))
        approval.fingerprint = fingerprint(of: meeting, in: workspace) ?? approval.fingerprint
        try approval.write(meeting, in: workspace, force: true)
        return result
    }
}
