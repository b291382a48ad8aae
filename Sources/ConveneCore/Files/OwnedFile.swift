import Foundation
import CalendarValues

/// Files convene writes for itself inside the workspace (state such as a chosen slot). Each ends
/// with a checksum line; a file whose content no longer matches its checksum was edited by a
/// person and is not overwritten without `force` (then a backup is kept, see `Backup`).
///
/// The line has two forms: `# convene-checksum: …` in YAML files (a comment there), and
/// `<!-- convene-checksum: … -->` in Markdown files (`minutes.md`), where a `#` line would show as a heading in every
/// editor and renderer while an HTML comment renders invisibly. Both forms are read in every file, so a Markdown file
/// written before the second form existed is still recognised as convene's.
public enum OwnedFile {
    static let marker = "# convene-checksum: "
    static let markdownMarker = "<!-- convene-checksum: "
    static let markdownEnd = " -->"

    /// Text with the checksum line appended (the `#` form).
    public static func seal(_ text: String) -> String { seal(text, markdown: false) }

    /// Text with the checksum line appended: `<!-- convene-checksum: … -->` when `markdown`, else `# convene-checksum: …`.
    public static func seal(_ text: String, markdown: Bool) -> String {
        let body = text.hasSuffix("\n") ? text : text + "\n"
        let sum = SHA256.hex(Array(body.utf8))
        return body + (markdown ? markdownMarker + sum + markdownEnd : marker + sum) + "\n"
    }

    /// Whether the file at `url` takes the Markdown form of the checksum line (`.md`).
    public static func isMarkdown(_ url: URL) -> Bool { url.pathExtension.lowercased() == "md" }

    /// The last checksum line of `text`, in either form: where it starts and the checksum it records.
    private static func checksumLine(in text: String) -> (start: String.Index, recorded: String)? {
        func line(_ prefix: String) -> (start: String.Index, rest: Substring)? {
            guard let range = text.range(of: prefix, options: .backwards),
                  range.lowerBound == text.startIndex || text[text.index(before: range.lowerBound)] == "\n" else { return nil }
            return (range.lowerBound, text[range.upperBound...])
        }
        let hash = line(marker)
        let comment = line(markdownMarker)
        if let comment, hash.map({ comment.start > $0.start }) ?? true {
            let rest = comment.rest.trimmingCharacters(in: .whitespacesAndNewlines)
            guard rest.hasSuffix("-->") else { return nil }
            return (comment.start, String(rest.dropLast(3)).trimmingCharacters(in: .whitespaces))
        }
        return hash.map { ($0.start, $0.rest.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The text without its checksum line (unchanged when it has none): what to edit and seal again.
    public static func body(_ text: String) -> String {
        guard let line = checksumLine(in: text) else { return text }
        return String(text[..<line.start])
    }

    /// Whether the text at `url` is as convene wrote it (true for a missing file).
    public static func isUntouched(_ url: URL) -> Bool {
        guard FileManager.default.fileExists(atPath: url.path) else { return true }
        guard let data = try? SafeRead.contents(of: url, display: url.lastPathComponent) else { return false }
        return isUntouched(text: String(decoding: data, as: UTF8.self))
    }

    /// Whether `text` ends in a checksum line (either form) that matches what stands before it.
    public static func isUntouched(text: String) -> Bool {
        guard let line = checksumLine(in: text) else { return false }
        return SHA256.hex(Array(text[..<line.start].utf8)) == line.recorded
    }

    /// Writes convene-owned `text` (sealed; the Markdown form for a `.md` file) to `url`, holding the workspace lock
    /// (see `WorkspaceLock`) when `url` lies in a workspace.
    /// - Throws: `WorkspaceProblem` if a person edited the file and `force` is false, or the
    ///   backup or the file cannot be written.
    /// - Parameter keepBackup: false when the caller kept a backup itself already.
    public static func write(_ text: String, to url: URL, displayPath: String, force: Bool, keepBackup: Bool = true) throws(WorkspaceProblem) {
        guard let root = Containment.workspace(of: url.deletingLastPathComponent()) else {
            return try unlockedWrite(text, to: url, displayPath: displayPath, force: force, keepBackup: keepBackup)
        }
        try WorkspaceLock.withLock(root) { () throws(WorkspaceProblem) in
            try unlockedWrite(text, to: url, displayPath: displayPath, force: force, keepBackup: keepBackup)
        }
    }

    private static func unlockedWrite(_ text: String, to url: URL, displayPath: String, force: Bool, keepBackup: Bool) throws(WorkspaceProblem) {
        if FileManager.default.fileExists(atPath: url.path), !isUntouched(url) {
            guard force else {
                throw WorkspaceProblem(file: displayPath, "was edited by hand; not overwritten (use --force to replace it; a .bak copy is kept)")
            }
            if keepBackup { try Backup.keep(url) }
        }
        try AtomicFile.write(Data(seal(text, markdown: isMarkdown(url)).utf8), to: url, durable: true)
    }
}
