import Foundation

/// The repository's root folder, found from this file's place in it.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL

/// The sample workspace `samples/digital-regional` (read-only: copy it to change it).
public let sampleRoot = packageRoot.appendingPathComponent("samples/digital-regional")

/// A copy of the sample workspace in a temporary folder, without its cache; the caller removes it
/// with `cleanup()`. Shared by the test targets that work on a workspace.
public struct SampleWorkspace: Sendable {
    public let root: URL

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("convene-sample-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: sampleRoot, to: root)
        try? FileManager.default.removeItem(at: root.appendingPathComponent(".convene"))
    }

    /// Writes `text` to a file of the copy, creating folders as needed.
    public func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    public func read(_ relative: String) throws -> String { try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8) }

    public func cleanup() { try? FileManager.default.removeItem(at: root) }
}
