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
            throw WorkspaceProblem(file: MeetingFolder.parent, "no action item '\(Quoting.short(id))' (list them with: convene actions)")
        }
        guard let meeting = workspace.meeting(item.meeting) else {
            throw WorkspaceProblem(file: MeetingFolder.parent, "no meeting '\(item.meeting)'")
        }
        let path = meeting.files.minutesFile
        let url = workspace.url(path)
        // Read, change and write under the workspace lock: two changes at once both land.
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            let data = try SafeRead.contents(of: url, display: path)
            guard let text = String(data: data, encoding: .utf8) else { throw WorkspaceProblem(file: path, "is not valid UTF-8") }
            if !force && !OwnedFile.isUntouched(url) {
                throw WorkspaceProblem(file: path, "was written or edited by hand; not changed (use --force to change it; a .bak copy is kept)")
            }
            let body = OwnedFile.body(text)
            let updated = try update(body, id: id, status: status, note: note, file: path)
            try verify(updated, against: body, id: id, status: status, note: note, file: path)
            // Approved minutes are frozen (issue 15): changed only with --force, and the change is logged.
            try MinutesApproval.change(meeting, in: workspace, force: force, what: "actions: \(id) → \(status.rawValue)",
                                       today: try Clock.today(in: workspace)) { () throws(WorkspaceProblem) in
                try OwnedFile.write(updated, to: url, displayPath: path, force: force)
                // Read back what is on disk now: it must say what was meant.
                let written = String(decoding: try SafeRead.contents(of: url, display: path), as: UTF8.self)
                try verify(OwnedFile.body(written), against: body, id: id, status: status, note: note, file: path)
            }
        }
        item.status = status
        if let note { item.note = note }
        return item
    }

    /// Checks that `updated` reads (as YAML) exactly as `original` with the item's status (and note)
    /// changed, and nothing else.
    /// - Throws: `WorkspaceProblem` saying the file was kept as it was.
    static func verify(_ updated: String, against original: String, id: String, status: ActionStatus, note: String?,
                       file: String) throws(WorkspaceProblem) {
        let kept = "the change would alter other lines; \(file) is unchanged — change action item \(id) by hand"
        let before: Node?, after: Node?
        do {
            before = try Yams.compose(yaml: original)
            after = try Yams.compose(yaml: updated)
        } catch { throw WorkspaceProblem(file: file, kept) }
        guard let before, let after else { throw WorkspaceProblem(file: file, kept) }
        let mapping = try find(id, in: updated, file: file)
        guard mapping["status"]?.string == status.rawValue, note == nil || mapping["note"]?.string == note else {
            throw WorkspaceProblem(file: file, kept)
        }
        guard strip(before, id: id) == strip(after, id: id) else { throw WorkspaceProblem(file: file, kept) }
    }

    /// The tree without the item's `status` and `note`: what an edit must leave alone.
    static func strip(_ node: Node, id: String) -> Node {
        switch node {
        case .mapping(let mapping):
            let isItem = mapping["id"]?.string == id
            var pairs: [(Node, Node)] = []
            for (key, value) in mapping where !(isItem && (key.string == "status" || key.string == "note")) {
                pairs.append((key, strip(value, id: id)))
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map { strip($0, id: id) }, sequence.tag, sequence.style))
        default:
            return node
        }
    }

    /// The minutes text with the item's `status:` (and `note:`) set; other lines are kept as they are.
    /// - Throws: `WorkspaceProblem` naming `file` when the item is not found or not in block style.
    public static func update(_ text: String, id: String, status: ActionStatus, note: String?, file: String) throws(WorkspaceProblem) -> String {
        var text = text
        if let note { text = try set("note", to: quote(note), id: id, in: text, file: file) }
        return try set("status", to: status.rawValue, id: id, in: text, file: file)
    }

    /// Replaces the line of `key` in the item's mapping (and the continuation lines of a value
    /// spread over several lines), or inserts it after the `id:` line.
    static func set(_ key: String, to value: String, id: String, in text: String, file: String) throws(WorkspaceProblem) -> String {
        let mapping = try find(id, in: text, file: file)
        // Lines as the YAML parser counts them, so its marks point at the right line.
        var (lines, breaks) = yamlLines(text)
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
            // A value continued on further lines goes with it: up to the mapping's next key, or
            // (for its last key) over the lines indented deeper than the key.
            let nextKey = mapping.compactMap { $0.key.mark?.line }.filter { $0 > mark.line }.min()
            if let nextKey {
                let end = min(nextKey - 1, lines.count)
                if end > index + 1 {
                    lines.removeSubrange((index + 1)..<end)
                    breaks.removeSubrange((index + 1)..<end)
                }
            } else {
                while index + 1 < lines.count, indentation(lines[index + 1]) > mark.column - 1,
                      !lines[index + 1].trimmingCharacters(in: .whitespaces).isEmpty {
                    lines.remove(at: index + 1)
                    breaks.remove(at: index + 1)
                }
            }
        } else if let idKey, let mark = idKey.mark, lines.indices.contains(mark.line - 1) {
            if breaks[mark.line - 1].isEmpty { breaks[mark.line - 1] = "\n" }
            lines.insert(String(repeating: " ", count: mark.column - 1) + "\(key): \(value)", at: mark.line)
            breaks.insert("\n", at: mark.line)
        } else {
            throw WorkspaceProblem(file: file, line: mapping.mark?.line, "action item \(id): cannot find its id line")
        }
        let result = zip(lines, breaks).map { $0 + $1 }.joined()
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

    /// A YAML double-quoted scalar: JSON's escapes, plus every character YAML reads as a line break
    /// (NEL U+0085, LS U+2028, PS U+2029) or does not allow unescaped (C1 controls, U+FFFE/FFFF, BOM).
    static func quote(_ value: String) -> String {
        var out = ""
        for scalar in JSON.quote(value).unicodeScalars {
            let v = scalar.value
            if v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF {
                let hex = String(v, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Splits `text` at every line break YAML 1.1 knows (LF, CR LF, CR, NEL U+0085, LS U+2028,
    /// PS U+2029), keeping each break so the text can be put together byte for byte.
    static func yamlLines(_ text: String) -> (lines: [String], breaks: [String]) {
        var lines: [String] = [], breaks: [String] = []
        var current = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar.value {
            case 0x0A, 0x85, 0x2028, 0x2029:
                lines.append(String(current)); breaks.append(String(scalar)); current = String.UnicodeScalarView()
            case 0x0D:
                let pair = index + 1 < scalars.count && scalars[index + 1] == "\n"
                lines.append(String(current)); breaks.append(pair ? "\r\n" : "\r"); current = String.UnicodeScalarView()
                if pair { index += 1 }
            default:
                current.append(scalar)
            }
            index += 1
        }
        lines.append(String(current)); breaks.append("")
        return (lines, breaks)
    }

    private static func indentation(_ line: String) -> Int {
        line.prefix { $0 == " " }.count
    }
}
