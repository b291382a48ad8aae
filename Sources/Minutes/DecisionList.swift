import ConveneCore
import Foundation
import ICalendar

/// `convene decisions`: the Beschlusskontrolle — every decision across meetings with its number, meeting, TOP,
/// responsible town, where it stands (the register's status, `Workspace.decisions`) and the note; as text, JSON,
/// Markdown or a printable HTML page (`Templates/decisions.html.mustache`).
public struct DecisionList: Sendable {
    public var decisions: [TrackedDecision]
    /// The day the list is made (today in the network's zone): a pending decision due before it is overdue.
    public var today: LocalDate

    /// The workspace's decisions in the order of their numbers, filtered.
    /// - Parameters:
    ///   - town: only decisions this town is responsible for.
    ///   - status: only decisions with this status.
    public init(workspace: Workspace, town: String? = nil, status: ActionStatus? = nil, today: LocalDate) {
        self.today = today
        decisions = workspace.decisions.filter { decision in
            (town == nil || decision.town == town) && (status == nil || decision.status == status)
        }
    }

    /// As `init(workspace:town:status:today:)`, for a town named by a user.
    /// - Throws: `WorkspaceProblem` naming people.yaml when the workspace has no town `town`.
    public init(checking workspace: Workspace, town: String?, status: ActionStatus?, today: LocalDate) throws(WorkspaceProblem) {
        if let town, workspace.town(town) == nil {
            throw WorkspaceProblem(file: Workspace.peopleFile, "no town '\(Quoting.short(town))' (towns: \(workspace.towns.map(\.id).joined(separator: ", ")))")
        }
        self.init(workspace: workspace, town: town, status: status, today: today)
    }

    /// Pending and due before `today`.
    public func isOverdue(_ decision: TrackedDecision) -> Bool {
        guard decision.status.isPending, let due = decision.due else { return false }
        return due < today
    }

    // MARK: Formats

    /// A table: number, meeting, TOP, town, status, due, note, decision.
    public func text(style: TextStyle) -> String {
        guard !decisions.isEmpty else { return "No decisions.\n" }
        var table = TextTable(header: ["NUMBER", "MEETING", "TOP", "TOWN", "STATUS", "DUE", "NOTE", "DECISION"])
        for decision in decisions {
            let due = decision.due.map { isOverdue(decision) ? "\($0) overdue" : "\($0)" } ?? "-"
            table.rows.append([decision.number, decision.meeting, decision.item ?? "-", decision.town ?? "-", decision.status.rawValue,
                               due, decision.note.map(Self.oneLine) ?? "-", Self.oneLine(decision.text)])
        }
        return table.render(style: style)
    }

    /// An array of objects, one per decision (the contract in the README): lower_snake_case keys, dates `YYYY-MM-DD`,
    /// absent values null.
    public func json(workspace: Workspace) -> JSON {
        .array(decisions.map { decision in
            .object([
                ("number", .string(decision.number)),
                ("meeting", .string(decision.meeting)),
                ("meeting_title", .string(workspace.meeting(decision.meeting)?.title ?? decision.meeting)),
                ("item", decision.item.map(JSON.string) ?? .null),
                ("item_title", .string(decision.itemTitle)),
                ("text", .string(decision.text)),
                // `unanimous` added to the contract's object; a unanimous vote without counts has null counts.
                ("vote", decision.vote.map { vote in
                    .object([("for", vote.counted ? .int(vote.inFavor) : .null), ("against", vote.counted ? .int(vote.against) : .null),
                             ("abstain", vote.counted ? .int(vote.abstain) : .null), ("unanimous", .bool(vote.isUnanimous))])
                } ?? .null),
                ("town", decision.town.map(JSON.string) ?? .null),
                ("due", decision.due.map { .string("\($0)") } ?? .null),
                ("status", .string(decision.status.rawValue)),
                ("overdue", .bool(isOverdue(decision))),
                ("note", decision.note.map(JSON.string) ?? .null),
                ("changed", decision.changedOn.map { .string("\($0)") } ?? .null),
            ])
        })
    }

    /// The words of the printed register (Markdown, HTML, PDF) in `language`.
    struct Words {
        let language: Language
        var title: String { language == .de ? "Beschlusskontrolle" : "Decisions register" }
        var asOf: String { language == .de ? "Stand" : "As of" }
        var none: String { language == .de ? "Keine Beschlüsse." : "No decisions." }
        var overdue: String { language == .de ? "überfällig" : "overdue" }
        var headers: [String] {
            language == .de
                ? ["Nr.", "Sitzung", "TOP", "Beschluss", "Verantwortlich", "Frist", "Status", "Vermerk"]
                : ["No.", "Meeting", "Item", "Decision", "Responsible", "Due", "Status", "Note"]
        }
        var labels: [String: Any] {
            let keys = ["number", "meeting", "item", "decision", "responsible", "due", "status", "note"]
            var labels: [String: Any] = Dictionary(uniqueKeysWithValues: zip(keys, headers))
            labels["title"] = title
            labels["as_of"] = asOf
            labels["none"] = none
            labels["overdue"] = overdue
            return labels
        }
    }

    /// One table, in the order of the numbers.
    public func markdown(workspace: Workspace, language: Language = .de) -> String {
        let words = Words(language: language)
        var out = "# \(words.title): \(ActionList.escape(workspace.network.name))\n\n\(words.asOf): \(language.day(today))\n\n"
        guard !decisions.isEmpty else { return out + words.none + "\n" }
        out += "| " + words.headers.joined(separator: " | ") + " |\n|---|---|---|---|---|---|---|---|\n"
        for decision in decisions {
            let meeting = workspace.meeting(decision.meeting)?.title ?? decision.meeting
            let town = decision.town.map { workspace.town($0)?.name ?? $0 } ?? "–"
            let due = decision.due.map { language.day($0) + (isOverdue(decision) ? " (\(words.overdue))" : "") } ?? "–"
            out += "| \(decision.number) | \(ActionList.escape(meeting)) | \(ActionList.escape(decision.item ?? "–")) "
                + "| \(ActionList.escape(decision.text)) | \(ActionList.escape(town)) | \(due) | \(language.label(of: decision.status)) "
                + "| \(decision.note.map(ActionList.escape) ?? "–") |\n"
        }
        return out
    }

    /// A complete printable page (A4) from `Templates/decisions.html.mustache` (a workspace may override it in
    /// `templates/`).
    /// - Throws: `WorkspaceProblem` naming the template file (and line) when it cannot be used.
    public func html(workspace: Workspace, language: Language = .de, useWorkspaceTemplates: Bool = true) throws(WorkspaceProblem) -> String {
        let rows: [[String: Any]] = decisions.map { decision in
            [
                "number": decision.number,
                "meeting": workspace.meeting(decision.meeting)?.title ?? decision.meeting,
                "item": decision.item ?? "",
                "item_title": decision.itemTitle,
                "text": decision.text,
                "town": decision.town.map { workspace.town($0)?.name ?? $0 } ?? "–",
                "due": decision.due.map(language.day) ?? "–",
                "overdue": isOverdue(decision),
                "status": language.label(of: decision.status),
                "status_id": decision.status.rawValue,
                "note": decision.note ?? "",
                "has_note": decision.note != nil,
            ]
        }
        let data: [String: Any] = [
            "lang": language.rawValue,
            "labels": Words(language: language).labels,
            "network": workspace.network.name,
            "today": language.day(today),
            "decisions": rows,
            "has_decisions": !rows.isEmpty,
        ]
        let (text, file) = try TemplateRenderer.source(named: "decisions.html.mustache", defaults: DefaultDecisionTemplates.files,
                                                      workspaceRoot: useWorkspaceTemplates ? workspace.root : nil)
        return try TemplateRenderer.render(templateText: text, file: file, data: data, known: Self.elementKeys,
                                           subject: "the decisions register")
    }

    /// Keys of the list elements, which an empty list does not show.
    static let elementKeys: Set<String> = ["number", "meeting", "item", "item_title", "text", "town", "due", "overdue", "status",
                                           "status_id", "note", "has_note"]

    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
