import ConveneCore
import Foundation
import ICalendar
import Yams

/// `convene actions done|start|drop ID [--note TEXT]`: changes an action item's `status` (and
/// `note`) in the minutes that record it, editing only those lines — comments and layout stay.
/// The file is written through `OwnedFile`: minutes written or edited by hand are changed only with
/// `force` (a `.bak` copy is kept).
public enum ActionEditor {
    /// Updates the action item `id` in its minutes file.
    /// - Returns: the item as it is now.
    /// - Throws: `WorkspaceProblem` for an unknown id, hand-edited minutes without `force`, or an
    ///   item the editor cannot change safely (flow style).
    @discardableResult
    public static func apply(id: String, status: ActionStatus, note: String?, workspace: Workspace,
                             force: Bool) throws(WorkspaceProblem) -> ActionItem {
        guard var item = workspace.actionItems.first(where: { $0.id == id }) else {
            throw WorkspaceProblem(file: MeetingFolder.parent, "no action item '\(id)' (list them with: convene actions)")
        }
        guard let meeting = workspace.meeting(item.meeting) else {
            throw WorkspaceProblem(file: MeetingFolder.parent, "no meeting '\(item.meeting)'")
        }
        let path = meeting.files.minutesFile
        let url = workspace.url(path)
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw WorkspaceProblem(file: path, "cannot read file")
        }
        if !force && !OwnedFile.isUntouched(url) {
            throw WorkspaceProblem(file: path, "was written or edited by hand; not changed (use --force to change it; a .bak copy is kept)")
        }
        let updated = try update(OwnedFile.body(text), id: id, status: status, note: note, file: path)
        try OwnedFile.write(updated, to: url, displayPath: path, force: force)
        item.status = status
        if let note { item.note = note }
        return item
    }

    /// The minutes text with the item's `status:` (and `note:`) set; other lines are kept as they are.
    /// - Throws: `WorkspaceProblem` naming `file` when the item is not found or not in block style.
    public static func update(_ text: String, id: String, status: ActionStatus, note: String?, file: String) throws(WorkspaceProblem) -> String {
        var text = text
        if let note { text = try set("note", to: JSON.quote(note), id: id, in: text, file: file) }
        return try set("status", to: status.rawValue, id: id, in: text, file: file)
    }

    /// Replaces the line of `key` in the item's mapping (and the continuation lines of a value
    /// spread over several lines), or inserts it after the `id:` line.
    static func set(_ key: String, to value: String, id: String, in text: String, file: String) throws(WorkspaceProblem) -> String {
        let mapping = try find(id, in: text, file: file)
        var lines = text.components(separatedBy: "\n")
        // A flow mapping (`{id: …, …}`) starts at its brace; a block mapping at its first key.
        let isFlow = mapping.mark.map { mark in
            lines.indices.contains(mark.line - 1) && lines[mark.line - 1].unicodeScalars.dropFirst(mark.column - 1).first == "{"
        } ?? true
        guard !isFlow else {
            throw WorkspaceProblem(file: file, line: mapping.mark?.line,
                                   "action item \(id) is written in flow style ({…}); change its \(key) by hand")
        }
        var existing: Node?
        var idKey: Node?
        for (keyNode, _) in mapping {
            if keyNode.string == key { existing = keyNode }
            if keyNode.string == "id" { idKey = keyNode }
        }
        if let existing, let mark = existing.mark {
            let index = mark.line - 1
            // libyaml counts columns in characters (Unicode scalars), from 1.
            var prefix = ""
            prefix.unicodeScalars.append(contentsOf: lines[index].unicodeScalars.prefix(mark.column - 1))
            lines[index] = prefix + "\(key): \(value)"
            // A value continued on more-indented lines goes with it.
            while index + 1 < lines.count, indentation(lines[index + 1]) > mark.column - 1,
                  !lines[index + 1].trimmingCharacters(in: .whitespaces).isEmpty {
                lines.remove(at: index + 1)
            }
        } else if let idKey, let mark = idKey.mark {
            lines.insert(String(repeating: " ", count: mark.column - 1) + "\(key): \(value)", at: mark.line)
        } else {
            throw WorkspaceProblem(file: file, line: mapping.mark?.line, "action item \(id): cannot find its id line")
        }
        let result = lines.joined(separator: "\n")
        // Check the edit: the item must read back with the new value.
        let check = try find(id, in: result, file: file)
        guard check[key]?.string == value || key == "note" else {
            throw WorkspaceProblem(file: file, line: mapping.mark?.line, "action item \(id): could not change its \(key); change it by hand")
        }
        return result
    }

    /// The mapping of the action item `id`, at the top level or in a section.
    static func find(_ id: String, in text: String, file: String) throws(WorkspaceProblem) -> Node.Mapping {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw WorkspaceProblem(file: file, "not valid YAML; run convene check")
        }
        var lists: [Node] = []
        if let top = root?["action_items"] { lists.append(top) }
        if let sections = root?["items"]?.sequence {
            for section in sections {
                if let list = section["action_items"] { lists.append(list) }
            }
        }
        for list in lists {
            guard let entries = list.sequence else { continue }
            for entry in entries {
                if let mapping = entry.mapping, mapping["id"]?.string == id { return mapping }
            }
        }
        throw WorkspaceProblem(file: file, "no action item '\(id)' in the minutes")
    }

    private static func indentation(_ line: String) -> Int {
        line.prefix { $0 == " " }.count
    }
}
