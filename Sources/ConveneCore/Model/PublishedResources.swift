import Foundation

/// What convene put into a shared CalDAV collection: one entry per resource (`<name>` below the
/// collection) with the ETag the server gave it, so that the next PUT is `If-Match` on it and a change
/// made on the server is noticed instead of overwritten. Kept in `meetings/<id>/published.yaml` (the
/// meeting's event) and `published-tasks.yaml` (the action items). No URL is stored: the collection comes
/// from convene.yaml, and its URL may hold a secret.
public struct PublishedResources: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// The item's id (the event's UID, an action item's id).
        public var id: String
        /// The resource's name in the collection (`<uid>.ics`).
        public var name: String
        /// The ETag of the last PUT (empty when the server gave none).
        public var etag: String
        /// A hash of what was put (without DTSTAMP): an unchanged item is not put again.
        public var fingerprint: String
        /// The town of an action item (for `actions publish --town`); nil for an event.
        public var town: String?
        /// The event's SEQUENCE, an action item's status.
        public var version: String

        public init(id: String, name: String, etag: String, fingerprint: String, town: String? = nil, version: String) {
            self.id = id
            self.name = name
            self.etag = etag
            self.fingerprint = fingerprint
            self.town = town
            self.version = version
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    public func entry(_ id: String) -> Entry? { entries.first { $0.id == id } }

    /// Adds `entry`, or replaces the one with its id.
    public mutating func record(_ entry: Entry) {
        if let index = entries.firstIndex(where: { $0.id == entry.id }) { entries[index] = entry } else { entries.append(entry) }
    }

    public mutating func remove(_ id: String) { entries.removeAll { $0.id == id } }

    /// Reads the record at `path` (workspace-relative); empty when there is none.
    /// - Throws: `WorkspaceProblem` (file:line) when the file is not such a record.
    public static func read(_ path: String, in workspace: Workspace) throws(WorkspaceProblem) -> PublishedResources {
        guard let doc = try RecordFile.document(path, in: workspace), let root = doc.root else { return PublishedResources() }
        let fields = doc.mapping(root, allowed: ["resources"], what: "publishing record")
        var entries: [Entry] = []
        for node in doc.sequence(fields["resources"], what: "resources") {
            let f = doc.mapping(node, allowed: ["id", "name", "etag", "fingerprint", "town", "version"], what: "resource")
            guard let id = doc.string(f, "id", what: "resource"), let name = doc.string(f, "name", what: "resource"),
                  let fingerprint = doc.string(f, "fingerprint", what: "resource"), let version = doc.string(f, "version", what: "resource")
            else { continue }
            if name.contains("/") || name.hasPrefix(".") { doc.problem(f["name"], "resource: name is a file name in the collection") }
            entries.append(Entry(id: id, name: name, etag: doc.string(f, "etag", what: "resource", required: false) ?? "",
                                 fingerprint: fingerprint, town: doc.string(f, "town", what: "resource", required: false), version: version))
        }
        if let problem = doc.problems.first { throw problem }
        return PublishedResources(entries: entries)
    }

    /// Refuses a record edited by hand (unless `force`) before anything is put on a server: convene would no
    /// longer know what is there.
    /// - Throws: `WorkspaceProblem` naming the file.
    public static func requireUntouched(_ path: String, in workspace: Workspace, force: Bool) throws(WorkspaceProblem) {
        guard !force, !OwnedFile.isUntouched(workspace.url(path)) else { return }
        throw WorkspaceProblem(file: path, "was edited by hand; nothing published (use --force to replace it; a .bak copy is kept)")
    }

    /// Writes the record atomically; a hand-edited file is kept unless `force` (then a .bak copy).
    public func write(_ path: String, in workspace: Workspace, force: Bool) throws(WorkspaceProblem) {
        var lines = [
            "# Written by convene (invite --publish, cancel --publish, actions publish): what is in the shared",
            "# CalDAV collection and its ETag. convene keeps this file.",
            "resources:" + (entries.isEmpty ? " []" : ""),
        ]
        for entry in entries {
            lines.append("  - id: \(YAMLText.quoted(entry.id))")
            lines.append("    name: \(YAMLText.quoted(entry.name))")
            lines.append("    etag: \(YAMLText.quoted(entry.etag))")
            lines.append("    fingerprint: \(entry.fingerprint)")
            if let town = entry.town { lines.append("    town: \(YAMLText.quoted(town))") }
            lines.append("    version: \(YAMLText.quoted(entry.version))")
        }
        try OwnedFile.write(lines.joined(separator: "\n") + "\n", to: workspace.url(path), displayPath: path, force: force)
    }
}
