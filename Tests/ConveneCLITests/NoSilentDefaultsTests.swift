import Foundation
import Testing

/// Issue 10, part 3 ("no silent defaults"): each test reproduces a case that passed silently before.
@Suite(.serialized) struct NoSilentDefaultsTests {
    private func edit(_ sample: SampleCopy, _ relative: String, _ change: (String) -> String) throws {
        let url = URL(fileURLWithPath: sample.path).appendingPathComponent(relative)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(change(text).utf8).write(to: url)
    }

    private func write(_ sample: SampleCopy, _ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: sample.path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func aColonInATitleIsAProblemWithItsLineNotAVanishedMeeting() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try edit(sample, "meetings/spring-2027/meeting.yaml") {
            $0.replacingOccurrences(of: "title: Plenum Digital Regional – Frühjahr 2027", with: "title: Plenum: Frühjahr 2027")
        }
        let check = try sample.run(["check"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("convene: error: meetings/spring-2027/meeting.yaml:3: not valid YAML"), "\(check.stderr)")
        #expect(!check.stdout.contains("valid"))
        let propose = try sample.run(["propose", "spring-2027"])
        #expect(propose.status == 1)
        #expect(propose.stderr.contains("meetings/spring-2027/meeting.yaml:3: not valid YAML"), "\(propose.stderr)")
        #expect(!propose.stderr.contains("no meeting"))
    }

    @Test func brokenStateFilesFailCheckAndEveryCommand() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try write(sample, "meetings/spring-2027/slot.yaml", "start: [2027-05-12T10:30:00Z\nend: 2027-05-12T14:00:00Z\n")
        let check = try sample.run(["check"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("convene: error: meetings/spring-2027/slot.yaml:"), "\(check.stderr)")

        try FileManager.default.removeItem(atPath: sample.path + "/meetings/spring-2027/slot.yaml")
        try write(sample, "meetings/kickoff/agenda.yaml", "{\"meeting\": \"kickoff\", \"items\": [\n")
        for arguments in [["check"], ["agenda", "kickoff"], ["topics", "list"], ["propose", "spring-2027"]] {
            let result = try sample.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("convene: error: meetings/kickoff/agenda.yaml:"), "\(arguments): \(result.stderr)")
        }

        try write(sample, "meetings/kickoff/agenda.yaml", "")
        let empty = try sample.run(["check"])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("convene: error: meetings/kickoff/agenda.yaml:1: the file is empty"), "\(empty.stderr)")
    }

    @Test func anEmptyNetworkFileIsReportedNotSilentlyAccepted() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try write(sample, "convene.yaml", "")
        let check = try sample.run(["check"])
        #expect(check.status == 1)
        #expect(check.stderr == "convene: error: convene.yaml:1: the file is empty (convene init writes a commented example)\n", "\(check.stderr)")
        let json = try sample.run(["check", "--format", "json"])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"ok\":false"))
        let invite = try sample.run(["invite", "kickoff"])
        #expect(invite.status == 1)
        #expect(invite.stderr.contains("convene.yaml:1: the file is empty"), "\(invite.stderr)")
    }

    @Test func personalWorkingHoursAdjustTheNetworksDayByDay() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try edit(sample, "people.yaml") {
            $0.replacingOccurrences(of: "    email: it-leitung@rastatt.example\n", with: "    email: it-leitung@rastatt.example\n    working_hours: {friday: off, wednesday: 08:00-12:00}\n")
        }
        let result = try sample.run(["propose", "spring-2027", "--format", "json", "--limit", "40", "--per-day", "8"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let candidates = try #require(json["candidates"] as? [[String: Any]])
        var weekdays: [Int: (attending: Int, outside: Int)] = [:]
        let calendar = { () -> Calendar in
            var c = Calendar(identifier: .gregorian)
            c.timeZone = TimeZone(identifier: "Europe/Berlin")!
            return c
        }()
        let parser = ISO8601DateFormatter()
        for candidate in candidates {
            let start = try #require(parser.date(from: candidate["start"] as! String))
            let end = try #require(parser.date(from: candidate["end"] as! String))
            let weekday = calendar.component(.weekday, from: start)  // 1 = Sunday
            let attending = (candidate["attending"] as? [String] ?? []).contains("rastatt-it")
            let outside = (candidate["unavailable"] as? [[String: String]] ?? []).contains { $0["person"] == "rastatt-it" && $0["reason"] == "outside-hours" }
            var entry = weekdays[weekday] ?? (0, 0)
            if attending { entry.attending += 1 }
            if outside { entry.outside += 1 }
            weekdays[weekday] = entry
            // Friday off; Wednesday only until 12:00; the other days keep the network's 08:00–17:00.
            if weekday == 6 { #expect(!attending) }
            if weekday == 4, calendar.component(.hour, from: end) > 12 || (calendar.component(.hour, from: end) == 12 && calendar.component(.minute, from: end) > 0) {
                #expect(!attending)
            }
            if ![4, 6].contains(weekday) { #expect(!outside, "outside-hours on weekday \(weekday)") }
        }
        // Before the fix the person was outside their hours on every day.
        let otherDays = weekdays.filter { ![4, 6].contains($0.key) }
        #expect(otherDays.values.contains { $0.attending > 0 }, "\(weekdays)")
    }

    @Test func oneMailboxTwiceIsAProblemWhateverTheCase() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try edit(sample, "people.yaml") {
            $0.replacingOccurrences(of: "    email: it-leitung@rastatt.example\n", with: "    email: OB@Gaggenau.example\n")
        }
        let check = try sample.run(["check"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("people.yaml:105: person gaggenau-ob: the e-mail address is already person rastatt-it"), "\(check.stderr)")
        #expect(!check.stderr.contains("Gaggenau.example"), "a message quotes the address")
    }

    @Test func aCalendarFileNoPersonReadsIsAWarning() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try FileManager.default.moveItem(atPath: sample.path + "/calendars/rastatt-it.ics", toPath: sample.path + "/calendars/rastat-it.ics")
        let check = try sample.run(["check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.contains("convene: warning: calendars/rastat-it.ics: matches no person in people.yaml and is not read"), "\(check.stderr)")
        let propose = try sample.run(["propose", "spring-2027"])
        #expect(propose.stderr.contains("convene: warning: calendars/rastat-it.ics: matches no person"), "\(propose.stderr)")
    }
}
