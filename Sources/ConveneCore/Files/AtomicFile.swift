import CalendarValues
import Foundation

/// Writes that never lose data: a temporary file in the same folder, then `rename(2)`.
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating the folder if needed.
    /// - Throws: `WorkspaceProblem` naming the file.
    public static func write(_ data: Data, to url: URL) throws(WorkspaceProblem) {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
                throw WorkspaceProblem(file: url.path, "cannot write (permission denied or disk full)")
            }
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw WorkspaceProblem(file: url.path, "cannot replace file (\(reason))")
            }
        } catch let problem as WorkspaceProblem {
            throw problem
        } catch {
            throw WorkspaceProblem(file: url.path, "cannot write (\(error.localizedDescription))")
        }
    }
}

/// Files convene writes for itself inside the workspace (state such as a chosen slot). Each ends
/// with a checksum line; a file whose content no longer matches its checksum was edited by a
/// person and is not overwritten without `force` (then a `.bak` copy is kept).
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
        guard let data = FileManager.default.contents(atPath: url.path) else { return true }
        let text = String(decoding: data, as: UTF8.self)
        guard let range = text.range(of: marker, options: .backwards) else { return false }
        let body = String(text[..<range.lowerBound])
        let recorded = text[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return SHA256.hex(Array(body.utf8)) == recorded
    }

    /// Writes convene-owned `text` (sealed) to `url`.
    /// - Throws: `WorkspaceProblem` if a person edited the file and `force` is false.
    public static func write(_ text: String, to url: URL, displayPath: String, force: Bool) throws(WorkspaceProblem) {
        if FileManager.default.fileExists(atPath: url.path), !isUntouched(url) {
            guard force else {
                throw WorkspaceProblem(file: displayPath, "was edited by hand; not overwritten (use --force to replace it; a .bak copy is kept)")
            }
            let backup = url.appendingPathExtension("bak")
            if let data = FileManager.default.contents(atPath: url.path) { try AtomicFile.write(data, to: backup) }
        }
        try AtomicFile.write(Data(seal(text).utf8), to: url)
    }
}
