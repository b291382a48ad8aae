import ConveneCore
import Foundation
import ICalendar

/// `convene actions`: the action items of every meeting's minutes, filtered, as text, JSON,
/// Markdown or a VTODO feed.
public struct ActionList: Sendable {
    public var items: [ActionItem]
    /// The day "overdue" is measured against (today in the network's zone).
    public var today: LocalDate

    /// Filters the workspace's action items, in the towns' order of people.yaml, then by due date
    /// (none last) and id — the order of the agenda's review item.
    /// - Parameters:
    ///   - town: only this town's items.
    ///   - status: only items with this status.
    ///   - overdue: only pending items whose due date is before `today`.
    public init(workspace: Workspace, town: String? = nil, status: ActionStatus? = nil, overdue: Bool = false, today: LocalDate) {
        self.today = today
        let townIndex = Dictionary(workspace.towns.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        items = workspace.actionItems.filter { item in
            (town == nil || item.town == town) && (status == nil || item.status == status)
                && (!overdue || Self.isOverdue(item, today: today))
        }.sorted { a, b in
            (townIndex[a.town] ?? Int.max, a.due?.daysSinceEpoch ?? Int.max, a.id) < (townIndex[b.town] ?? Int.max, b.due?.daysSinceEpoch ?? Int.max, b.id)
        }
    }

    /// Pending and due before `today`.
    public static func isOverdue(_ item: ActionItem, today: LocalDate) -> Bool {
        guard item.status.isPending, let due = item.due else { return false }
        return due < today
    }

    // MARK: Formats

    /// A table: id, town, status, due (with "overdue"), responsible, title.
    public func text(style: TextStyle) -> String {
        guard !items.isEmpty else { return "No action items.\n" }
        var table = TextTable(header: ["ID", "TOWN", "STATUS", "DUE", "RESPONSIBLE", "TITLE"])
        for item in items {
            let due = item.due.map { Self.isOverdue(item, today: today) ? "\($0) overdue" : "\($0)" } ?? "-"
            table.rows.append([item.id, item.town, item.status.rawValue, due, item.responsible ?? "-", item.title])
        }
        return table.render(style: style)
    }

    /// An array of objects (lower_snake_case keys, dates `YYYY-MM-DD`, absent values null).
    public func json() -> JSON {
        .array(items.map { item in
            .object([
                ("id", .string(item.id)),
                ("title", .string(item.title)),
                ("town", .string(item.town)),
                ("responsible", item.responsible.map(JSON.string) ?? .null),
                ("due", item.due.map { .string("\($0)") } ?? .null),
                ("status", .string(item.status.rawValue)),
                ("overdue", .bool(Self.isOverdue(item, today: today))),
                ("meeting", .string(item.meeting)),
                ("item", item.item.map(JSON.string) ?? .null),
                ("note", item.note.map(JSON.string) ?? .null),
            ])
        })
    }

    /// One table per town, in the order of people.yaml, in `language` (headers, dates, status words).
    public func markdown(workspace: Workspace, language: Language = .de) -> String {
        let words = Words(language: language)
        guard !items.isEmpty else { return words.none + "\n" }
        var out = "# \(words.title)\n"
        let order = workspace.towns.map(\.id) + items.map(\.town).filter { id in !workspace.towns.contains { $0.id == id } }
        for town in order {
            let rows = items.filter { $0.town == town }
            guard !rows.isEmpty else { continue }
            out += "\n## \(Self.escape(workspace.town(town)?.name ?? town))\n\n"
            out += "| " + words.headers.joined(separator: " | ") + " |\n|---|---|---|---|---|\n"
            for item in rows {
                let responsible = item.responsible.map { workspace.person($0)?.name ?? $0 } ?? "–"
                let due = item.due.map { language.day($0) + (Self.isOverdue(item, today: today) ? " (\(words.overdue))" : "") } ?? "–"
                let meeting = item.meeting + (item.item.map { ", \(words.item) \($0)" } ?? "")
                out += "| \(Self.escape(item.title)) | \(Self.escape(responsible)) | \(due) | \(language.label(of: item.status)) | \(Self.escape(meeting)) |\n"
            }
        }
        return out
    }

    /// The words of the Markdown list and the feed's descriptions in `language`.
    struct Words {
        let language: Language
        var title: String { language == .de ? "Aufgaben" : "Action items" }
        var none: String { language == .de ? "Keine Aufgaben." : "No action items." }
        var overdue: String { language == .de ? "überfällig" : "overdue" }
        var item: String { language == .de ? "TOP" : "item" }
        var headers: [String] {
            language == .de ? ["Aufgabe", "Verantwortlich", "Frist", "Status", "Sitzung"] : ["Action", "Responsible", "Due", "Status", "Meeting"]
        }
        var responsible: String { language == .de ? "Verantwortlich" : "Responsible" }
        var from: String { language == .de ? "Aus" : "From" }
        var note: String { language == .de ? "Notiz" : "Note" }
    }

    /// One VTODO per item, built through libical (`TodoWriter`): UID `action-<id>@<organizer
    /// domain>`, DUE as a DATE, STATUS mapped from the item's status, `CATEGORIES:<town-id>`,
    /// RELATED-TO the meeting's UID `<meeting-id>@<organizer domain>`; the DESCRIPTION in `language`.
    public func ics(workspace: Workspace, stamp: Instant, language: Language = .de) -> String {
        let domain = workspace.organizerDomain
        let words = Words(language: language)
        let todos = items.map { item in
            var description: [String] = []
            if let responsible = item.responsible { description.append("\(words.responsible): \(workspace.person(responsible)?.name ?? responsible)") }
            let meetingTitle = workspace.meeting(item.meeting)?.title ?? item.meeting
            description.append("\(words.from): \(meetingTitle)\(item.item.map { ", \(words.item) \($0)" } ?? "")")
            if let note = item.note { description.append("\(words.note): \(note)") }
            return TodoDescription(uid: "action-\(item.id)@\(domain)", stamp: stamp, summary: item.title, due: item.due,
                                   status: item.status.todoStatus, categories: [item.town], relatedTo: Self.meetingUID(item.meeting, domain: domain),
                                   description: description.joined(separator: "\n"))
        }
        return TodoWriter.document(todos: todos)
    }

    /// The UID of a meeting's invitation: `<meeting-id>@<organizer domain>`.
    public static func meetingUID(_ meeting: String, domain: String) -> String { "\(meeting)@\(domain)" }



    /// Escapes the characters that would break a Markdown table cell or start markup.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { out.append("\\") }
            out.append(character == "\n" ? " " : character)
        }
        return out
    }
}
