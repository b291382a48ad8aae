import ConveneCore
import Foundation
import ICalendar

/// Changes to the topic backlog without hand-editing YAML: one file per topic,
/// `topics/<id>.yaml`, written convene-owned (`OwnedFile`). A file a person wrote or edited is not
/// rewritten without `force` (a `.bak` copy is kept then).
public struct TopicBacklog: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// What `convene topics add` asks for.
    public struct NewTopic: Sendable {
        public var id: String?
        public var title: String
        public var town: String
        public var presenter: String?
        public var kind: TopicKind
        public var minutes: Int
        public var priority: Int
        public var deadline: LocalDate?
        public var notes: String?

        public init(id: String? = nil, title: String, town: String, presenter: String? = nil, kind: TopicKind, minutes: Int,
                    priority: Int = 3, deadline: LocalDate? = nil, notes: String? = nil) {
            self.id = id
            self.title = title
            self.town = town
            self.presenter = presenter
            self.kind = kind
            self.minutes = minutes
            self.priority = priority
            self.deadline = deadline
            self.notes = notes
        }
    }

    /// The topic `add` would write: checked against the workspace, with a free id (the title's slug,
    /// `-2`, `-3`, … when taken) unless one is given.
    /// - Throws: `WorkspaceProblem` for unknown towns or people, or a given id that is taken.
    public func topic(for new: NewTopic, created: LocalDate) throws(WorkspaceProblem) -> Topic {
        let title = new.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw WorkspaceProblem(file: Topic.folder, "a topic needs a title") }
        guard workspace.town(new.town) != nil else {
            throw WorkspaceProblem(file: Workspace.peopleFile, "unknown town '\(new.town)' (towns: \(workspace.towns.map(\.id).joined(separator: ", ")))")
        }
        if let presenter = new.presenter, workspace.person(presenter) == nil {
            throw WorkspaceProblem(file: Workspace.peopleFile, "unknown person '\(presenter)' (see people.yaml)")
        }
        let id: String
        if let given = new.id {
            guard Slug.isValid(given) else {
                throw WorkspaceProblem(file: Topic.folder, "'\(given)' is not a valid id (lower-case letters, digits and '-')")
            }
            guard !exists(given) else { throw WorkspaceProblem(file: Topic.file(for: given), "already exists; choose another --id") }
            id = given
        } else {
            let base = Topic.slug(from: title)
            var candidate = base, counter = 1
            while exists(candidate) {
                counter += 1
                candidate = "\(base)-\(counter)"
            }
            id = candidate
        }
        let notes = new.notes?.trimmingCharacters(in: .whitespacesAndNewlines)
        return Topic(id: id, title: title, town: new.town, presenter: new.presenter, kind: new.kind, minutes: new.minutes,
                     priority: new.priority, status: .open, deadline: new.deadline, created: created,
                     notes: notes?.isEmpty == false ? notes : nil)
    }

    /// Writes a new topic file.
    /// - Throws: `WorkspaceProblem` as `topic(for:created:)`, or when the file cannot be written.
    @discardableResult
    public func add(_ new: NewTopic, created: LocalDate) throws(WorkspaceProblem) -> Topic {
        let topic = try topic(for: new, created: created)
        try OwnedFile.write(topic.yaml, to: workspace.url(topic.file), displayPath: topic.file, force: false)
        return topic
    }

    /// Sets a topic's status (`close`: done, `drop`: dropped) by rewriting its file.
    /// - Throws: `WorkspaceProblem` for an unknown topic, or a hand-edited file without `force`.
    @discardableResult
    public func setStatus(_ status: TopicStatus, of id: String, force: Bool) throws(WorkspaceProblem) -> Topic {
        var topic = try require(id)
        topic.status = status
        try OwnedFile.write(topic.yaml, to: workspace.url(topic.file), displayPath: topic.file, force: force)
        return topic
    }

    /// The topic with `id`, or a problem naming the known ones.
    public func require(_ id: String) throws(WorkspaceProblem) -> Topic {
        guard let topic = workspace.topic(id) else {
            let known = workspace.topics.map(\.id)
            let hint = known.isEmpty ? "none yet; add one with convene topics add" : (known.count <= 12 ? known.joined(separator: ", ") : "see convene topics list")
            throw WorkspaceProblem(file: Topic.folder, "no topic '\(id)' (topics: \(hint))")
        }
        return topic
    }

    private func exists(_ id: String) -> Bool {
        workspace.topic(id) != nil || FileManager.default.fileExists(atPath: workspace.url(Topic.file(for: id)).path)
            || FileManager.default.fileExists(atPath: workspace.url("\(Topic.folder)/\(id).yml").path)
    }
}
