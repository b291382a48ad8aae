import Foundation
import SampleSupport
import Testing

/// The renovation's rules, checked on the sources so a merge cannot quietly undo them
/// (docs/ARCHITECTURE.md, "Module map").
@Suite struct LayeringTests {
    /// Code lines of every .swift file under `Sources/<target>` (comments dropped), by path.
    static func sources(of target: String) throws -> [(path: String, lines: [(number: Int, text: String)])] {
        let folder = packageRoot.appendingPathComponent("Sources/\(target)")
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        return try files.sorted().map { name in
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line -> (Int, String)? in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("//") ? nil : (index + 1, String(line))
            }
            return ("Sources/\(target)/\(name)", lines)
        }
    }

    static let features = ["Scheduling", "Agenda", "Minutes", "Invitations"]

    /// Every command names itself: without `commandName`, argument-parser derives each name at
    /// launch with `String(describing:)`, which scans the static binary's conformance tables —
    /// half of `convene --version`'s instructions (issue 16, process start).
    @Test func everyCommandNamesItself() throws {
        var configurations = 0
        for (path, lines) in try Self.sources(of: "convene") {
            for (index, line) in lines.enumerated() where line.text.contains("CommandConfiguration(") {
                configurations += 1
                let next = index + 1 < lines.count ? lines[index + 1].text : ""
                if !(line.text + next).contains("commandName:") {
                    Issue.record("\(path):\(line.number): CommandConfiguration without commandName")
                }
            }
        }
        #expect(configurations > 30)
    }

    @Test func onlyTheEntryPointEndsTheProcess() throws {
        for (path, lines) in try Self.sources(of: "convene") where !path.hasSuffix("/Convene.swift") {
            for (number, text) in lines where text.contains("exit(") {
                Issue.record("\(path):\(number): only Convene.main() may call exit()")
            }
        }
    }

    @Test func featuresDoNotImportEachOtherAndOnlyICalendarSeesC() throws {
        for target in Self.features + ["ConveneCore", "Holidays", "convene"] {
            for (path, lines) in try Self.sources(of: target) {
                for (number, text) in lines {
                    let imported = text.hasPrefix("import ") ? String(text.dropFirst(7)).trimmingCharacters(in: .whitespaces) : nil
                    if imported == "CLibical" { Issue.record("\(path):\(number): only ICalendar imports CLibical") }
                    if Self.features.contains(target), let imported, imported != target, Self.features.contains(imported) {
                        Issue.record("\(path):\(number): feature \(target) imports feature \(imported)")
                    }
                }
            }
        }
    }

    /// LiveCalendars links no libical (fetched iCalendar is read through BusyTimeReading) and no feature.
    @Test func liveCalendarsSeeNeitherLibicalNorFeatures() throws {
        for (path, lines) in try Self.sources(of: "LiveCalendars") {
            for (number, text) in lines where text.hasPrefix("import ") {
                let imported = String(text.dropFirst(7)).trimmingCharacters(in: .whitespaces)
                if ["CLibical", "ICalendar", "CalendarSources"].contains(imported) || Self.features.contains(imported) {
                    Issue.record("\(path):\(number): LiveCalendars imports \(imported)")
                }
            }
        }
    }

    /// libcurl is loaded at run time through CCurl, and only `LiveCalendars/CurlEasy.swift` (the owner of the
    /// handle) imports it; nothing imports FoundationNetworking, whose static library would link libcurl into
    /// every process (issue 16, process start).
    @Test func onlyCurlEasySeesCurlAndNothingLinksIt() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Sources").path)
            .filter { $0 != "CCurl" && $0 != "CLibical" }
        #expect(targets.contains("LiveCalendars") && targets.contains("convene"))
        var importers: [String] = []
        for target in targets.sorted() {
            for (path, lines) in try Self.sources(of: target) {
                for (number, text) in lines where text.hasPrefix("import ") || text.hasPrefix("@preconcurrency import ") {
                    let imported = text.split(separator: " ").last.map(String.init) ?? ""
                    if imported == "CCurl" { importers.append(path) }
                    if imported == "FoundationNetworking" { Issue.record("\(path):\(number): FoundationNetworking links libcurl into every process; fetch through HTTPTransfer") }
                }
            }
        }
        #expect(importers == ["Sources/LiveCalendars/CurlEasy.swift"])
        let manifest = try String(contentsOf: packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(!manifest.contains("linkedLibrary(\"curl\")") && !manifest.contains("\"-lcurl\""), "no link-time libcurl")
    }

    /// MeetingFolder (ConveneCore) is the only code that knows the files of `meetings/<id>/`.
    @Test func noPathBelowMeetingsIsBuiltOutsideConveneCore() throws {
        let patterns = [#"meeting\.folder\)/"#, #"Workspace\.(slotFile|minutesFile|meetingFile|meetingsFolder)"#,
                        #""(meeting|slot|agenda|minutes|invitation|replies)\.yaml""#, #""sent\.log""#, #"\)/out""#, #""meetings/"#]
        let expressions = try patterns.map { try NSRegularExpression(pattern: $0) }
        for target in Self.features + ["convene"] {
            for (path, lines) in try Self.sources(of: target) {
                for (number, text) in lines {
                    let range = NSRange(text.startIndex..., in: text)
                    if expressions.contains(where: { $0.firstMatch(in: text, range: range) != nil }) {
                        Issue.record("\(path):\(number): builds a meeting-folder path; ask MeetingFolder")
                    }
                }
            }
        }
    }

    /// `CONVENE_NOW` is read by ConveneCore's Clock only; `--format` has one type.
    @Test func oneClockAndOneOutputFormat() throws {
        for target in Self.features + ["convene", "ICalendar", "Holidays"] {
            for (path, lines) in try Self.sources(of: target) {
                for (number, text) in lines where text.contains("[\"CONVENE_NOW\"]") {
                    Issue.record("\(path):\(number): read the time through Clock (ConveneCore)")
                }
            }
        }
        for (path, lines) in try Self.sources(of: "convene") {
            for (number, text) in lines where text.contains("enum ") && text.contains("Format") && !text.contains("enum OutputFormat") {
                Issue.record("\(path):\(number): use OutputFormat for --format")
            }
        }
    }
}
