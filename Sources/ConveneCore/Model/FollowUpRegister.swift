import CalendarValues
import Foundation
import Yams

/// The follow-up register (*Beschlusskontrolle*, issue 15): where action items and decisions stand now, kept apart
/// from the minutes that record them — an approved Niederschrift is never rewritten to note that a task was done.
///
/// Two convene-owned files at the workspace's top level (paths: `Workspace.actionRegisterFile`,
/// `Workspace.decisionRegisterFile`), written by `actions done|start|drop` and `decisions done|start|drop`
/// under the workspace lock, atomically, sealed like every state file (a hand edit is kept: convene replaces it
/// only with `--force`, keeping a `.bak` copy):
///
/// ```yaml
/// # register/actions.yaml
/// kickoff-bruchsal-leitfaden-e-akte:
///   status: done
///   note: "Leitfaden verschickt"
///   on: 2027-03-02                   # the day of the change
/// ```
/// ```yaml
/// # register/decisions.yaml
/// "2026/01":
///   meeting: kickoff                 # the meeting that took the decision (checked: numbers must not shift)
///   status: in-progress
///   on: 2027-03-02
/// ```
///
/// Readers never consult this type directly: `Workspace.actionItems` and `Workspace.decisions` are the one view
/// of the follow-up status (`FollowUp`), the register's entry winning over what the minutes record.
public struct FollowUpRegister: Sendable, Equatable {
    /// One item's follow-up: its status, the latest remark, the day it was set.
    public struct Entry: Sendable, Equatable {
        public var status: ActionStatus
        public var note: String?
        public var on: LocalDate
        /// Decisions only: the meeting whose minutes hold the decision.
        public var meeting: String?
        /// The entry's line in its file (for messages), nil for an entry not read from a file.
        public var line: Int?

        public init(status: ActionStatus, note: String? = nil, on: LocalDate, meeting: String? = nil, line: Int? = nil) {
            self.status = status
            self.note = note
            self.on = on
            self.meeting = meeting
            self.line = line
        }

        public static func == (a: Entry, b: Entry) -> Bool {
            (a.status, a.note, a.on, a.meeting) == (b.status, b.note, b.on, b.meeting)
        }
    }

    /// Which of the two files.
    public enum Kind: String, Sendable, CaseIterable {
        case actions
        case decisions

        /// `register/actions.yaml`, `register/decisions.yaml`.
        public var file: String {
            switch self {
            case .actions: return Workspace.actionRegisterFile
            case .decisions: return Workspace.decisionRegisterFile
            }
        }

        /// The command that writes the file (its header names it).
        var command: String { "\(rawValue) done|start|drop" }
    }

    /// By action item id.
    public var actions: [String: Entry]
    /// By decision number (`2027/03`).
    public var decisions: [String: Entry]

    public init(actions: [String: Entry] = [:], decisions: [String: Entry] = [:]) {
        self.actions = actions
        self.decisions = decisions
    }

    public subscript(kind: Kind) -> [String: Entry] {
        get { kind == .actions ? actions : decisions }
        set { if kind == .actions { actions = newValue } else { decisions = newValue } }
    }

    // MARK: Reading

    /// Reads both files of the workspace at `root` (a missing file is an empty register).
    /// - Returns: the register and every problem found, each as `file:line`.
    public static func read(root: URL) -> (FollowUpRegister, [WorkspaceProblem]) {
        var register = FollowUpRegister()
        var problems: [WorkspaceProblem] = []
        for kind in Kind.allCases {
            let (entries, found) = read(kind, root: root)
            register[kind] = entries
            problems += found
        }
        return (register, problems)
    }

    /// Reads one file of the register.
    static func read(_ kind: Kind, root: URL) -> ([String: Entry], [WorkspaceProblem]) {
        let path = kind.file
        let url = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { return ([:], []) }
        let data: Data
        do { data = try SafeRead.contents(of: url, display: path) } catch { return ([:], [error]) }
        guard let text = String(data: data, encoding: .utf8) else { return ([:], [WorkspaceProblem(file: path, "not UTF-8 text")]) }
        let doc = YAMLDocument(file: path, text: text)
        guard let rootNode = doc.root else { return ([:], doc.problems) }
        var entries: [String: Entry] = [:]
        if case .scalar(let scalar) = rootNode, ["", "~", "null", "{}"].contains(scalar.string) { return ([:], doc.problems) }
        guard case .mapping(let mapping) = rootNode else {
            doc.problem(rootNode, "the register must be a mapping of \(kind == .actions ? "action item id" : "decision number"): {status, note, on}")
            return ([:], doc.problems)
        }
        let allowed = kind == .actions ? ["status", "note", "on"] : ["meeting", "status", "note", "on"]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string, !key.isEmpty else {
                doc.problem(keyNode, "keys are \(kind == .actions ? "action item ids" : "decision numbers")")
                continue
            }
            if kind == .actions && !Slug.isValid(key) {
                doc.problem(keyNode, "a key is not an action item id (lower-case letters, digits and '-')")
                continue
            }
            if kind == .decisions && !DecisionNumberScheme.isPlausibleNumber(key) {
                doc.problem(keyNode, "a key is not a decision number (letters, digits and / . - _)")
                continue
            }
            if entries[key] != nil {
                doc.problem(keyNode, "\(key) appears twice")
                continue
            }
            let what = kind == .actions ? "action item \(key)" : "decision \(key)"
            let fields = doc.mapping(value, allowed: allowed, what: what)
            guard case .mapping = value else { continue }
            guard let statusText = doc.string(fields, "status", what: what) else {
                if fields["status"] == nil { doc.problem(value, "\(what): 'status' is missing") }
                continue
            }
            guard let status = ActionStatus(rawValue: statusText) else {
                doc.problem(fields["status"], "\(what): status must be \(ActionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            guard let dayText = doc.string(fields, "on", what: what) else {
                if fields["on"] == nil { doc.problem(value, "\(what): 'on' (the day of the change) is missing") }
                continue
            }
            guard let day = LocalDate(iso: dayText) else {
                doc.problem(fields["on"], "\(what): on must be a date like 2027-03-02")
                continue
            }
            var meeting: String?
            if kind == .decisions {
                guard let id = doc.id(fields, "meeting", what: what) else { continue }
                meeting = id
            }
            // A note keeps its spaces: read the scalar itself, not the trimmed value.
            let note = fields["note"].flatMap { node -> String? in
                guard case .scalar(let scalar) = node else {
                    doc.problem(node, "\(what): 'note' must be a single value")
                    return nil
                }
                return scalar.string.isEmpty ? nil : scalar.string
            }
            entries[key] = Entry(status: status, note: note, on: day, meeting: meeting, line: keyNode.mark?.line)
        }
        return (entries, doc.problems)
    }

    // MARK: Writing

    /// Sets the entry `key` of one file, reading it afresh under the workspace lock (two changes at once both land)
    /// and writing it atomically (a run killed half-way leaves the old file or the new one).
    /// - Parameter force: replace a register edited by hand (a `.bak` copy is kept).
    /// - Throws: `WorkspaceProblem` naming the file (and line) when it cannot be read, was edited by hand without
    ///   `force`, or cannot be written.
    public static func set(_ kind: Kind, key: String, to entry: Entry, in workspace: Workspace,
                           force: Bool) throws(WorkspaceProblem) {
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            let (current, problems) = read(kind, root: workspace.root)
            if let problem = problems.first { throw problem }
            var entries = current
            entries[key] = entry
            let url = workspace.url(kind.file)
            try OwnedFile.write(try text(kind, entries), to: url, displayPath: kind.file, force: force)
        }
    }

    /// The file's text (before `OwnedFile` seals it): a header, then the entries in key order, through Yams.
    static func text(_ kind: Kind, _ entries: [String: Entry]) throws(WorkspaceProblem) -> String {
        let header = """
            # Written by convene (\(kind.command)): where each \(kind == .actions ? "action item" : "decision") stands now.
            # The minutes stay as they were recorded; this register wins over their status. A hand edit is kept:
            # convene changes this file only with --force (a .bak copy is kept).

            """
        guard !entries.isEmpty else { return header + "{}\n" }
        var pairs: [(Node, Node)] = []
        for key in entries.keys.sorted() {
            guard let entry = entries[key] else { continue }
            var fields: [(Node, Node)] = []
            if let meeting = entry.meeting { fields.append((Node("meeting"), Node(meeting))) }
            fields.append((Node("status"), Node(entry.status.rawValue)))
            if let note = entry.note { fields.append((Node("note"), Node(note, .implicit, .doubleQuoted))) }
            fields.append((Node("on"), Node(entry.on.description)))
            pairs.append((Node(key, .implicit, kind == .decisions ? .doubleQuoted : .any), .mapping(Node.Mapping(fields))))
        }
        do {
            return header + (try Yams.serialize(node: .mapping(Node.Mapping(pairs)), indent: 2, width: -1, allowUnicode: true))
        } catch {
            throw WorkspaceProblem(file: kind.file, "cannot be written as YAML; nothing was changed")
        }
    }
}
