import Foundation
import Testing

/// Checks that a feature's built-in templates (a generated `enum <name> { static let files }`) equal the files
/// `Templates/<prefix>*.mustache`; with `CONVENE_EMBED_TEMPLATES=1` it regenerates the Swift file. Fails while
/// they differ, like a golden file (an installed binary has no resource folder, so the templates are compiled in).
/// - Parameters:
///   - prefix: the file-name prefix of the feature's templates (`agenda.`, `minutes.`, `letter.`).
///   - expected: the names the folder must hold.
///   - embedded: the compiled-in files.
///   - enumName: the generated enum; `swiftFile` its path below the package; `suite` the test to name.
public func checkEmbeddedTemplates(prefix: String, expected: [String], embedded: [String: String], enumName: String,
                                   swiftFile: String, suite: String) throws {
    let folder = packageRoot.appendingPathComponent("Templates")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".mustache") }.sorted()
    #expect(names == expected)
    var files: [String: String] = [:]
    for name in names { files[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }
    guard files != embedded else { return }
    guard ProcessInfo.processInfo.environment["CONVENE_EMBED_TEMPLATES"] == "1" else {
        Issue.record("Templates/ and \(swiftFile) differ: run CONVENE_EMBED_TEMPLATES=1 swift test --filter \(suite)")
        return
    }
    var source = """
        // Generated from Templates/\(prefix)*.mustache: do not edit. After changing a template, run
        // CONVENE_EMBED_TEMPLATES=1 swift test --filter \(suite) (the test fails while they differ).
        enum \(enumName) {
            static let files: [String: String] = [

        """
    for name in names { source += "        \"\(name)\": ##\"\"\"\n\(files[name]!)\n\"\"\"##,\n" }
    source += "    ]\n}\n"
    try Data(source.utf8).write(to: packageRoot.appendingPathComponent(swiftFile))
    Issue.record("Regenerated \(swiftFile); rebuild and run the tests again.")
}
