import ConveneCore
import Foundation

/// The workspace loader on hostile files: the input is split at NUL bytes into convene.yaml,
/// people.yaml, a meeting.yaml, its minutes.yaml and slot.yaml, a topic, and a second meeting's minutes.md (the
/// Markdown form, `MinutesMarkdown`); every input must end in a workspace or `WorkspaceErrors` — never a crash, trap
/// or hang. (Tests/ConveneCoreTests/FuzzWorkspaceMinutesTests.swift runs hostile minutes.md on every `swift test`.)
let root: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("convene-fuzz-workspace-\(getpid())")
    try? FileManager.default.createDirectory(at: url.appendingPathComponent("meetings/m"), withIntermediateDirectories: true)
    try? FileManager.default.createDirectory(at: url.appendingPathComponent("meetings/md"), withIntermediateDirectories: true)
    try? FileManager.default.createDirectory(at: url.appendingPathComponent("topics"), withIntermediateDirectories: true)
    return url
}()
let files = ["convene.yaml", "people.yaml", "meetings/m/meeting.yaml", "meetings/m/minutes.yaml", "meetings/m/slot.yaml", "topics/t.yaml",
             "meetings/md/meeting.yaml", "meetings/md/minutes.md"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = UnsafeBufferPointer(start: data, count: size).split(separator: 0, omittingEmptySubsequences: false)
    for (index, name) in files.enumerated() {
        let url = root.appendingPathComponent(name)
        if index < parts.count {
            FileManager.default.createFile(atPath: url.path, contents: Data(parts[index]))
        } else {
            unlink(url.path)
        }
    }
    if let workspace = try? Workspace.load(at: root) {
        // Invariants: what loaded is in range.
        for meeting in workspace.meetings where !(1...24 * 60).contains(meeting.durationMinutes) { fatalError("duration out of range") }
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzWorkspace_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
