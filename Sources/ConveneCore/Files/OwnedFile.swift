import Foundation
import CalendarValues

/// Files convene writes for itself inside the workspace (state such as a chosen slot). Each ends
/// with a checksum line; a file whose content no longer matches its checksum was edited by a
/// person and is not overwritten without `force` (then a backup is kept, see `Backup`).
public enum OwnedFile {
    static let marker = "# convene-checksum: "

    /// Text with the checksum line appended.
    public static func seal(_ text: String) -> String {
        let body = text.hasSuffix("\n") ? text : text + "\n"
        return body + marker + SHA256.hex(Array(body.utf8)) + "\n"
    }

    /// The text without its checksum line (unchanged when it has none): what to edit and seal again.
    public static func body(_ text: String) -> String {
        guard let range = text.range(of: marker, options: .backwards),
              range.lowerBound == text.startIndex || text[text.index(before: range.lowerBound)] == "\n" else { return text }
        return String(text[..<range.lowerBound])
    }

    /// Whether the text at `url` is as convene wrote it (true for a missing file).
    public static func isUntouched(_ url: URL) -> Bool {
        guard FileManager.default.fileExists(atPath: url.path) else { return true }
        guard let data = try? SafeRead.contents(of: url, display: url.lastPathComponent) else { return false }
        let text = String(decoding: data, as: UTF8.self)
        guard let range = text.range(of: marker, options: .backwards) else { return false }
        let body = String(text[..<range.lowerBound])
        let recorded = text[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return SHA256.hex(Array(body.utf8)) == recorded
    }

    /// Writes convene-owned `text` (sealed) to `url`, holding the workspace lock (see
    /// `WorkspaceLock`) when `url` lies in a workspace.
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
        try AtomicFile.write(Data(seal(text).utf8), to: url, durable: true)
    }
}
