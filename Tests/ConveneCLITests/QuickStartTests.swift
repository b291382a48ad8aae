import Foundation
import SampleSupport
import Testing

/// The README's Quick start, run as written (on a copy of the sample): it must keep working after the
/// sample's window has passed, so it fixes "now" itself.
@Suite struct QuickStartTests {
    @Test func theQuickStartProposeLineWorksWhateverTodayIs() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md").standardizedFileURL
        let text = try String(contentsOf: readme, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.contains("swift run -c release") && $0.contains(" convene propose ") })
        let words = line.split(separator: " ").map(String.init)
        let environment = Dictionary(words.prefix { $0.contains("=") }.map { word -> (String, String) in
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts[1])
        }, uniquingKeysWith: { $1 })
        let now = try #require(environment["CONVENE_NOW"], "the Quick start must fix now: the sample's window ends 2027-05-14")
        #expect(now < "2027-04-19", "now lies before the sample's window")
        var arguments = Array(try #require(words.split(separator: "convene").last))
        let workspace = try #require(arguments.firstIndex(of: "-w"))
        #expect(arguments[workspace + 1] == "samples/digital-regional")
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        arguments[workspace + 1] = sample.path
        let result = try CLI.run(arguments, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("20 of 228 slots fit the rules; best 5"), "\(result.stdout)")
        // The same line on a day after the window, without CONVENE_NOW, is what the README must not show.
        let later = try CLI.run(arguments, environment: ["CONVENE_NOW": "2027-06-01T09:00:00Z"])
        #expect(later.status == 1 && later.stderr.contains("window"), "\(later.stderr)")
    }

    /// The README's follow-up workflow, line by line as written, in the sample's folder: each line
    /// succeeds, the approved minutes stay byte for byte as they are, and the agenda's review lists
    /// what is still pending but not what was done.
    @Test func theFollowUpWorkflowRunsAsWritten() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### The follow-up workflow"))
        let block = try #require(readme[section.upperBound...].split(separator: "```", maxSplits: 2).dropFirst().first)
        let lines = block.split(separator: "\n").dropFirst().map { line -> [String] in
            // Words, a quoted argument as one; a `#` outside quotes starts the comment.
            var words: [String] = [], word = "", quoted = false
            for character in line {
                if character == "\"" { quoted.toggle(); continue }
                if !quoted, character == "#" { break }
                if !quoted, character == " " {
                    if !word.isEmpty { words.append(word); word = "" }
                } else { word.append(character) }
            }
            if !word.isEmpty { words.append(word) }
            return words
        }.filter { !$0.isEmpty }
        #expect(lines.count == 8 && lines.allSatisfy { $0.first == "convene" }, "\(lines)")
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let root = URL(fileURLWithPath: sample.path)
        let minutes = root.appendingPathComponent("meetings/kickoff/minutes.yaml")
        let filledIn = try Data(contentsOf: minutes)
        try FileManager.default.removeItem(at: minutes)
        let environment = ["CONVENE_NOW": "2027-04-01T09:00:00Z"]
        var approved: Data?
        var outputs: [String] = []
        for words in lines {
            let result = try CLI.run(Array(words.dropFirst()), environment: environment, directory: root)
            #expect(result.status == 0, "\(words.joined(separator: " ")): \(result.stderr)")
            outputs.append(result.stdout)
            // The organizer fills in the record `minutes init` wrote.
            if words.dropFirst().starts(with: ["minutes", "init"]) {
                #expect(FileManager.default.fileExists(atPath: minutes.path))
                try filledIn.write(to: minutes)
            }
            if words.dropFirst().starts(with: ["minutes", "approve"]) { approved = try Data(contentsOf: minutes) }
        }
        let after = try Data(contentsOf: minutes)
        #expect(approved != nil && after == approved, "the follow-up left the approved minutes as they were")
        #expect(outputs[5].contains("2026/01") && !outputs[5].contains("2026/02"), "\(outputs[5])")
        #expect(!outputs[7].contains("Leitfaden"), "a done item is no longer on the review: \(outputs[7])")
    }
}
