import Foundation
import CalendarValues
import Yams

/// The kind of an agenda item, as the JSON contract names it.
public enum ItemKind: String, Sendable, CaseIterable {
    case frame
    case `break`
    case report
    case discussion
    case decision
    case info

    /// The item kind of a topic of this kind.
    public init(_ kind: TopicKind) {
        switch kind {
        case .report: self = .report
        case .discussion: self = .discussion
        case .decision: self = .decision
        case .info: self = .info
        }
    }
}

/// An agenda as stored with its meeting.
public struct StoredAgenda: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var number: String?
        public var title: String
        public var start: Instant
        public var end: Instant
        public var kind: ItemKind
        public var town: String?
        public var presenter: String?
        public var topic: String?
    }

    public var meeting: String
    public var items: [Item]
    /// Topic ids of the deferred list.
    public var deferredTopics: Set<String>
    /// The slot the agenda was timed for (nil in agendas stored before it was recorded).
    public var slot: Interval?
    /// The language it was written in (`lang`; German when missing).
    public var language: Language = .de

    /// Whether the items' times belong to `slot`: the recorded slot is that slot, or — for an agenda stored
    /// without one — the first item starts at its start and the last ends inside it.
    public func isTimed(for slot: Interval) -> Bool {
        if let recorded = self.slot { return recorded == slot }
        guard let first = items.first, let last = items.last else { return true }
        return first.start == slot.start && last.end <= slot.end
    }

    /// Towns that gave a project report.
    public var reportingTowns: Set<String> { Set(items.filter { $0.kind == .report }.compactMap(\.town)) }

    /// Parses the stored text.
    /// - Throws: `WorkspaceProblem` naming `file` when it is not a stored agenda.
    public init(text: String, file: String) throws(WorkspaceProblem) {
        let object: Any?
        do { object = try Yams.load(yaml: text) } catch {
            throw WorkspaceProblem(file: file, "not a stored agenda (not valid JSON/YAML); run convene agenda again (with --force to replace it)")
        }
        func bad(_ what: String) -> WorkspaceProblem {
            WorkspaceProblem(file: file, "not a stored agenda (\(what)); run convene agenda again (with --force to replace it)")
        }
        guard let root = object as? [String: Any], let meeting = root["meeting"] as? String, let items = root["items"] as? [Any] else {
            throw bad("'meeting' and 'items' expected")
        }
        self.meeting = meeting
        self.items = []
        for (index, entry) in items.enumerated() {
            guard let item = entry as? [String: Any], let title = item["title"] as? String,
                  let start = (item["start"] as? String).flatMap(Instant.init(rfc3339:)),
                  let end = (item["end"] as? String).flatMap(Instant.init(rfc3339:)),
                  let kind = (item["kind"] as? String).flatMap(ItemKind.init(rawValue:)) else {
                throw bad("item \(index + 1) lacks title, start, end or kind")
            }
            self.items.append(Item(number: item["number"] as? String, title: title, start: start, end: end, kind: kind,
                                   town: item["town"] as? String, presenter: item["presenter"] as? String, topic: item["topic"] as? String))
        }
        if let lang = root["lang"] as? String {
            guard let language = Language(rawValue: lang) else { throw bad("'lang' must be de or en") }
            self.language = language
        }
        if let recorded = root["slot"] as? [String: Any] {
            guard let start = (recorded["start"] as? String).flatMap(Instant.init(rfc3339:)),
                  let end = (recorded["end"] as? String).flatMap(Instant.init(rfc3339:)), start < end else {
                throw bad("'slot' needs start and end times")
            }
            slot = Interval(start: start, end: end)
        }
        let deferred = root["deferred"] as? [Any] ?? []
        deferredTopics = Set(deferred.compactMap { ($0 as? [String: Any])?["topic"] as? String })
    }
}

extension StoredAgenda {
    /// The agenda stored with `meeting` (`agenda.yaml` in its folder), if any.
    /// - Throws: `WorkspaceProblem` naming the file if it is not a stored agenda.
    public static func read(_ meeting: Meeting, in workspace: Workspace) throws(WorkspaceProblem) -> StoredAgenda? {
        let path = meeting.files.agendaFile
        guard let data = FileManager.default.contents(atPath: workspace.url(path).path) else { return nil }
        guard let text = String(data: data, encoding: .utf8) else { throw WorkspaceProblem(file: path, "not UTF-8 text") }
        return try StoredAgenda(text: text, file: path)
    }

    /// Whether the stored file is as convene wrote it (no hand edit), so convene may rewrite it.
    public static func isUntouched(_ meeting: Meeting, in workspace: Workspace) -> Bool {
        OwnedFile.isUntouched(workspace.url(meeting.files.agendaFile))
    }

    /// The problem of an agenda timed for another slot than the meeting's, or nil when it fits (or there is none).
    /// - Throws: `WorkspaceProblem` when the stored agenda cannot be read.
    public static func staleness(_ meeting: Meeting, in workspace: Workspace) throws(WorkspaceProblem) -> WorkspaceProblem? {
        guard let slot = meeting.chosen, let agenda = try read(meeting, in: workspace), !agenda.isTimed(for: slot) else { return nil }
        return WorkspaceProblem(file: meeting.files.agendaFile, "timed for another slot than slot.yaml's"
            + (isUntouched(meeting, in: workspace) ? "; rebuild it: convene agenda \(meeting.id)"
                : " and edited by hand; rebuild it with convene agenda \(meeting.id) --force (a backup is kept), or correct its times by hand"))
    }

    /// Stores `text` (the agenda as `convene agenda --format json` writes it) with `meeting`,
    /// convene-owned (`OwnedFile`: a hand edit is kept, and replaced only with `force`).
    /// - Throws: `WorkspaceProblem` if the file was edited by hand and `force` is false, or cannot be written.
    public static func write(_ text: String, for meeting: Meeting, in workspace: Workspace, force: Bool) throws(WorkspaceProblem) {
        let path = meeting.files.agendaFile
        try OwnedFile.write(text, to: workspace.url(path), displayPath: path, force: force)
    }
}
