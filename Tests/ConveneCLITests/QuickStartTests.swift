import Foundation
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
}
