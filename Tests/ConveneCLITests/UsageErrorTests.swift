import Foundation
import SampleSupport
import Testing

/// Usage errors in one form — `convene: error: …`, the usage line of the subcommand that was run,
/// where its help is — with exit status 64; and help whose examples can be copied.
@Suite(.serialized) struct UsageErrorTests {
    /// Before: a ValidationError thrown by run() showed the top-level usage (`convene <subcommand>`).
    @Test func pickOutOfRangeShowsTheUsageOfPropose() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let result = try sample.run(["propose", "spring-2027", "--pick", "99"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("convene: error: --pick 99: the listing has ") == true, "\(result.stderr)")
        #expect(lines.dropFirst().first?.hasPrefix("Usage: convene propose ") == true, "\(result.stderr)")
        #expect(lines.dropFirst(2).first == "  See 'convene propose --help' for more information.")
        #expect(!FileManager.default.fileExists(atPath: sample.path + "/meetings/spring-2027/slot.yaml"))

        let malformed = try sample.run(["propose", "spring-2027", "--pick", "next-tuesday"])
        #expect(malformed.status == 64)
        #expect(malformed.stderr.hasPrefix("convene: error: --pick takes a candidate number or a local start like 2027-04-20T13:30.\nUsage: convene propose "))
    }

    @Test func parseAndValidateErrorsHaveTheSameForm() throws {
        let year = try CLI.run(["holidays", "--year", "1800"])
        #expect(year.status == 64)
        #expect(year.stderr == """
            convene: error: --year 1800 is outside the supported years; give a year from 1995 to 2100.
            Usage: convene holidays --year <YYYY> [--region <DE-XX>] [--workspace <dir>] [--format <format>] [--lang <lang>]
              See 'convene holidays --help' for more information.

            """)
        let unknown = try CLI.run(["actions", "list", "--colour"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("convene: error: Unknown option '--colour'\nUsage: convene actions list "), "\(unknown.stderr)")
    }

    /// One output-format type: each command names the formats it writes.
    @Test func aFormatTheCommandDoesNotWriteIsAUsageError() throws {
        let holidays = try CLI.run(["holidays", "--year", "2027", "--format", "md"])
        #expect(holidays.status == 64)
        #expect(holidays.stderr.hasPrefix("convene: error: --format md is not available for this command; use text or json.\nUsage: convene holidays "))
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let actions = try sample.run(["actions", "--format", "html"])
        #expect(actions.status == 64)
        #expect(actions.stderr.hasPrefix("convene: error: --format html is not available for this command; use text, json, ics or md.\n"))
        let minutes = try sample.run(["minutes", "render", "kickoff", "--format", "json"])
        #expect(minutes.status == 64)
        #expect(minutes.stderr.hasPrefix("convene: error: --format json is not available for this command; use md, html or pdf.\n"))
        let freebusy = try CLI.run(["freebusy", "x.ics", "--from", "2027-04-19", "--to", "2027-04-20", "--format", "xml"])
        #expect(freebusy.status == 64)
        #expect(freebusy.stderr.hasPrefix("convene: error: The value 'xml' is invalid for '--format <format>'\n"))
    }

    /// A partial failure is a typed error: the report on stdout, one error line per failure, exit 1.
    @Test func rejectedRepliesEndWithExitStatusOne() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        #expect(try sample.run(["propose", "spring-2027", "--pick", "1"]).status == 0)
        #expect(try sample.run(["invite", "spring-2027"]).status == 0)
        #expect(try sample.run(["invite", "spring-2027", "--mark-sent"]).status == 0)
        let stray = try sample.scratch.write("stray.ics", vcalendar("METHOD:PUBLISH\nBEGIN:VEVENT\nUID:x@example.org\nDTSTAMP:20270401T090000Z\nDTSTART:20270420T100000Z\nEND:VEVENT"))
        let result = try sample.run(["rsvp", "spring-2027", stray])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("convene: error: \(stray): "), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    static let commands: [[String]] = [
        [], ["init"], ["check"], ["freebusy"], ["holidays"], ["propose"], ["poll", "tally"], ["topics"], ["topics", "add"],
        ["topics", "list"], ["topics", "show"], ["topics", "close"], ["topics", "drop"], ["agenda"], ["minutes"],
        ["minutes", "init"], ["minutes", "render"], ["actions"], ["actions", "list"], ["actions", "done"], ["actions", "start"],
        ["actions", "drop"], ["invite"], ["cancel"], ["rsvp"], ["status"], ["minutes", "send"], ["actions", "remind"],
    ]

    /// Examples at 80 columns: no example wraps inside an argument (a long one continues with
    /// `\` on an indented line), and those that need a workspace say to run them inside one.
    @Test func helpExamplesCanBeCopied() throws {
        let workspaceFree: Set<[String]> = [[], ["init"], ["freebusy"], ["holidays"]]
        for command in Self.commands {
            let help = try CLI.run(command + ["--help"])
            #expect(help.status == 0)
            let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let start = lines.firstIndex { $0.hasPrefix("Example") || $0.hasPrefix("A meeting from start to finish") }
            guard let start = start else { Issue.record("\(command): no examples"); continue }
            var header = lines[start], index = start + 1
            while !header.hasSuffix(":") && index < lines.count { header += " " + lines[index]; index += 1 }
            if !workspaceFree.contains(command) || command.isEmpty {
                #expect(header.contains("inside a workspace"), "\(command): \(header)")
            }
            var previous = ""
            for line in lines[index...].prefix(while: { !$0.isEmpty }) {
                let example = line.hasPrefix("  ") && !line.hasPrefix("   ") && line.contains("convene ")
                let continued = line.hasPrefix("      ") && previous.hasSuffix("\\")
                #expect(example || continued, "\(command): '\(line)' wraps inside an example")
                #expect(line.count <= 80, "\(command): '\(line)'")
                previous = line
            }
        }
    }
}
