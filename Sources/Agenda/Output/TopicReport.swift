import ConveneCore
import ICalendar

/// Topics in words: JSON and text.
public enum TopicReport {
    public static func json(_ topic: Topic) -> JSON {
        .object([
            ("id", .string(topic.id)),
            ("title", .string(topic.title)),
            ("town", .string(topic.town)),
            ("presenter", topic.presenter.map(JSON.string) ?? .null),
            ("kind", .string(topic.kind.rawValue)),
            ("minutes", .int(topic.minutes)),
            ("priority", .int(topic.priority)),
            ("status", .string(topic.status.rawValue)),
            ("deadline", topic.deadline.map { .string($0.description) } ?? .null),
            ("created", .string(topic.created.description)),
            ("deferred_from", .array(topic.deferredFrom.map(JSON.string))),
            ("notes", topic.notes.map(JSON.string) ?? .null),
            ("file", .string(topic.file)),
        ])
    }

    public static func json(_ topics: [Topic]) -> JSON { .object([("topics", .array(topics.map(json)))]) }

    /// A table: id, town, kind, minutes, priority, status, deadline, times deferred, title.
    public static func table(_ topics: [Topic], workspace: Workspace, style: TextStyle) -> String {
        guard !topics.isEmpty else { return "No topics.\n" }
        var table = TextTable(header: ["ID", "Town", "Kind", "Min", "Prio", "Status", "Deadline", "Deferred", "Title"])
        for topic in topics {
            table.rows.append([topic.id, workspace.town(topic.town)?.name ?? topic.town, topic.kind.rawValue, String(topic.minutes),
                               String(topic.priority), topic.status.rawValue, topic.deadline?.description ?? "",
                               topic.deferredFrom.isEmpty ? "" : String(topic.deferredFrom.count), topic.title])
        }
        let minutes = topics.map(\.minutes).reduce(0, +)
        return table.render(style: style) + "\n\(topics.count) topic(s), \(minutes) min together.\n"
    }

    /// One topic, field by field.
    public static func details(_ topic: Topic, workspace: Workspace) -> String {
        var lines: [(String, String)] = [
            ("id", topic.id),
            ("title", topic.title),
            ("town", "\(workspace.town(topic.town)?.name ?? topic.town) (\(topic.town))"),
        ]
        if let presenter = topic.presenter { lines.append(("presenter", "\(workspace.person(presenter)?.name ?? presenter) (\(presenter))")) }
        lines += [
            ("kind", topic.kind.rawValue),
            ("minutes", String(topic.minutes)),
            ("priority", "\(topic.priority) (1 highest … 5 lowest)"),
            ("status", topic.status.rawValue),
        ]
        if let deadline = topic.deadline { lines.append(("deadline", "\(GermanDate.short(deadline)) (\(deadline))")) }
        lines.append(("created", topic.created.description))
        if !topic.deferredFrom.isEmpty { lines.append(("deferred from", topic.deferredFrom.joined(separator: ", "))) }
        if let notes = topic.notes { lines.append(("notes", notes)) }
        lines.append(("file", topic.file + (OwnedFile.isUntouched(workspace.url(topic.file)) ? " (convene keeps it)" : " (written by hand)")))
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { "\($0.0):" + String(repeating: " ", count: width - $0.0.count + 1) + $0.1 }.joined(separator: "\n") + "\n"
    }
}
