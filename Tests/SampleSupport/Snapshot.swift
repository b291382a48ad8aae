import Foundation
import Testing

/// Compares `actual` with the golden file `Snapshots/<name>` beside the calling test file, byte
/// for byte (CRLF and folding included). On a difference the test fails with a unified diff of the
/// two. A missing golden file — or any golden file with `RECORD_SNAPSHOTS=1` — is written and the
/// test fails, so recording never passes silently. The one snapshot helper of every test target.
public func assertSnapshot(_ actual: String, named name: String, filePath: String = #filePath,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" || !FileManager.default.fileExists(atPath: url.path) {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        Issue.record("Recorded snapshot \(name); check it and run the tests again.", sourceLocation: sourceLocation)
        return
    }
    let expected = try Data(contentsOf: url)
    guard expected != Data(actual.utf8) else { return }
    let diff = UnifiedDiff.render(expected: String(decoding: expected, as: UTF8.self), actual: actual, name: name)
    Issue.record("snapshot \(name) differs (RECORD_SNAPSHOTS=1 records it anew):\n\(diff)", sourceLocation: sourceLocation)
}

/// A unified diff (`diff -u` style, three lines of context) by the longest common subsequence of
/// lines. Line ends are shown: a line that differs only by its CR reads `…\r`.
public enum UnifiedDiff {
    public static func render(expected: String, actual: String, name: String, context: Int = 3) -> String {
        let old = lines(expected), new = lines(actual)
        // lcs[i][j]: length of the longest common subsequence of old[i...] and new[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lcs[i][j] = old[i] == new[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        enum Edit { case same(Int, Int), removed(Int), added(Int) }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                edits.append(.same(i, j)); i += 1; j += 1
            } else if i < old.count, j == new.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                edits.append(.removed(i)); i += 1
            } else {
                edits.append(.added(j)); j += 1
            }
        }
        let changed = edits.indices.filter { if case .same = edits[$0] { return false } else { return true } }
        var out = "--- Snapshots/\(name) (expected)\n+++ \(name) (actual)\n"
        var index = 0
        while index < changed.count {
            var last = index
            while last + 1 < changed.count, changed[last + 1] - changed[last] <= 2 * context { last += 1 }
            let from = max(0, changed[index] - context), to = min(edits.count - 1, changed[last] + context)
            var oldStart = 0, newStart = 0
            // Where the hunk starts in each file: the position of its first edit.
            for edit in edits[..<from] {
                switch edit {
                case .same: oldStart += 1; newStart += 1
                case .removed: oldStart += 1
                case .added: newStart += 1
                }
            }
            var body = "", oldCount = 0, newCount = 0
            for edit in edits[from...to] {
                switch edit {
                case .same(let o, _): body += " \(old[o])\n"; oldCount += 1; newCount += 1
                case .removed(let o): body += "-\(old[o])\n"; oldCount += 1
                case .added(let n): body += "+\(new[n])\n"; newCount += 1
                }
            }
            out += "@@ -\(oldStart + 1),\(oldCount) +\(newStart + 1),\(newCount) @@\n" + body
            index = last + 1
        }
        return out
    }

    /// The lines of `text`, a CR before the LF shown as `\r`, a missing final line end marked.
    static func lines(_ text: String) -> [String] {
        // By bytes: in a Swift String "\r\n" is one Character, which "\n" does not match.
        var result = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? String(decoding: line.dropLast(), as: UTF8.self) + "\\r" : String(decoding: line, as: UTF8.self)
        }
        if result.last == "" { result.removeLast() } else if !result.isEmpty { result[result.count - 1] += "  (no line end)" }
        return result
    }
}
