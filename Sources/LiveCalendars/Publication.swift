import CalendarValues
import ConveneCore
import Foundation

/// Keeps the network's shared CalDAV collections in step with the workspace: a meeting's event in the
/// calendar (`invite --publish`, `cancel --publish`) and the action items in the task list
/// (`actions publish`). What was put and its ETag is recorded in `PublishedResources`
/// (`meetings/<id>/published.yaml`, `published-tasks.yaml`); each change holds the workspace lock from
/// reading that record to writing it, so two runs never PUT over each other.
public enum Publication {
    /// What happened to one resource.
    public enum Change: String, Sendable, CaseIterable {
        case created, updated, unchanged, removed
    }

    /// The publisher for `publish.caldav` (`tasks: false`) or `publish.tasks`.
    /// - Throws: `WorkspaceProblem` naming convene.yaml when that collection is not configured.
    public static func publisher(for workspace: Workspace, tasks: Bool, netrc: Netrc = .standard()) throws(WorkspaceProblem) -> CalDAVPublisher {
        let setting = tasks ? "publish.tasks" : "publish.caldav"
        guard let url = tasks ? workspace.network.publish?.tasks : workspace.network.publish?.calendar else {
            throw WorkspaceProblem(file: Workspace.networkFile,
                                   "\(setting) is not set: add publish: {\(tasks ? "tasks" : "caldav"): URL of the CalDAV \(tasks ? "task list" : "calendar")} (see the README)")
        }
        return CalDAVPublisher(collection: url, setting: setting, netrc: netrc)
    }

    /// Puts the meeting's event (`event.ics`: no METHOD, the invitation's UID and SEQUENCE; STATUS:CANCELLED
    /// once cancelled) as `<uid>.ics` into the shared calendar, or changes nothing when it is already there.
    /// - Throws: `WorkspaceProblem` for a failed exchange (host and status), a hand-edited record (without `force`).
    public static func publishEvent(_ event: String, uid: String, sequence: Int, meeting: Meeting, workspace: Workspace,
                                    publisher: CalDAVPublisher, force: Bool) throws(WorkspaceProblem) -> Change {
        try workspace.withWriteLock { () throws(WorkspaceProblem) -> Change in
            let path = meeting.files.publishedFile
            try PublishedResources.requireUntouched(path, in: workspace, force: force)
            var record = try PublishedResources.read(path, in: workspace)
            let fingerprint = CalDAVPublisher.fingerprint(event)
            let previous = record.entry(uid)
            if let previous, previous.fingerprint == fingerprint { return .unchanged }
            let name = previous?.name ?? CalDAVPublisher.resourceName(uid)
            let etag = try publisher.put(event, as: name, replacing: previous?.etag, what: "the event of \(meeting.id)", record: path)
            record.record(.init(id: uid, name: name, etag: etag, fingerprint: fingerprint, version: String(sequence)))
            try record.write(path, in: workspace, force: force)
            return previous == nil ? .created : .updated
        }
    }

    /// One action item as a task-list resource.
    public struct Task: Sendable {
        public var id: String
        public var uid: String
        public var town: String
        /// The item's status (recorded, for the summary).
        public var status: String
        /// A VCALENDAR holding this one VTODO.
        public var calendar: String

        /// - Parameter calendar: the item's VTODO feed; a COMPLETED one gets PERCENT-COMPLETE:100 (RFC 5545
        ///   §3.8.1.8), which task apps show as done.
        public init(id: String, uid: String, town: String, status: String, calendar: String) {
            self.id = id
            self.uid = uid
            self.town = town
            self.status = status
            self.calendar = calendar.replacingOccurrences(of: "\r\nSTATUS:COMPLETED\r\n", with: "\r\nSTATUS:COMPLETED\r\nPERCENT-COMPLETE:100\r\n")
        }
    }

    /// Puts every task that is new or changed into the task list and deletes the ones convene put there
    /// whose item is gone from the minutes (only `town`'s when given). What succeeded is recorded even
    /// when a later exchange fails.
    /// - Returns: per task id what happened, in the order of `tasks`, then the removed ones.
    /// - Throws: `WorkspaceProblem` for the first failed exchange or a hand-edited record (without `force`).
    public static func publishTasks(_ tasks: [Task], town: String?, workspace: Workspace, publisher: CalDAVPublisher,
                                    force: Bool) throws(WorkspaceProblem) -> [(id: String, change: Change)] {
        try workspace.withWriteLock { () throws(WorkspaceProblem) -> [(id: String, change: Change)] in
            let path = Workspace.publishedTasksFile
            var record = try PublishedResources.read(path, in: workspace)
            try PublishedResources.requireUntouched(path, in: workspace, force: force)
            var changes: [(id: String, change: Change)] = []
            var failure: WorkspaceProblem?
            do throws(WorkspaceProblem) {
                for task in tasks {
                    let fingerprint = CalDAVPublisher.fingerprint(task.calendar)
                    let previous = record.entry(task.id)
                    if let previous, previous.fingerprint == fingerprint {
                        changes.append((task.id, .unchanged))
                        continue
                    }
                    let name = previous?.name ?? CalDAVPublisher.resourceName(task.uid)
                    let etag = try publisher.put(task.calendar, as: name, replacing: previous?.etag, what: "action item \(task.id)", record: path)
                    record.record(.init(id: task.id, name: name, etag: etag, fingerprint: fingerprint, town: task.town, version: task.status))
                    changes.append((task.id, previous == nil ? .created : .updated))
                }
                let current = Set(tasks.map(\.id))
                for entry in record.entries where !current.contains(entry.id) && (town == nil || entry.town == town) {
                    try publisher.delete(entry.name, etag: entry.etag, what: "action item \(entry.id)", record: path)
                    record.remove(entry.id)
                    changes.append((entry.id, .removed))
                }
            } catch {
                failure = error
            }
            if changes.contains(where: { $0.change != .unchanged }) { try record.write(path, in: workspace, force: force) }
            if let failure { throw failure }
            return changes
        }
    }
}
