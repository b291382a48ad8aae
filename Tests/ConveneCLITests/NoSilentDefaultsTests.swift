import Foundation
import Testing

/// Issue 10, part 3 ("no silent defaults"): each test reproduces a case that passed silently before.
@Suite(.serialized) struct NoSilentDefaultsTests {
    private func write(_ sample: SampleCopy, _ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: sample.path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func aColonInATitleIsAProblemWithItsLineNotAVanishedMeeting() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try sample.edit("meetings/spring-2027/meeting.yaml", "title: Plenum Digital Regional – Frühjahr 2027", "title: Plenum: Frühjahr 2027")
        let check = try sample.run(["check"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("convene: error: meetings/spring-2027/meeting.yaml:3: not valid YAML"), "\(check.stderr)")
        #expect(!check.stdout.contains("valid"))
        let propose = try sample.run(["propose", "spring-2027"])
        #expect(propose.status == 1)
        #expect(propose.stderr.contains("meetings/spring-2027/meeting.yaml:3: not valid YAML"), "\(propose.stderr)")
        #expect(!propose.stderr.contains("no meeting"))
    }

    /// libyaml's own words ("set with yaml_set_max_nest_level())", with a stray parenthesis) never reach the user.
    @Test func aDeeplyNestedFileIsOnePlainLine() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try write(sample, "meetings/spring-2027/slot.yaml", "start: " + String(repeating: "[", count: 1200) + String(repeating: "]", count: 1200) + "\n")
        let check = try sample.run(["check"])
        #expect(check.status == 1)
        #expect(check.stderr == "convene: error: meetings/spring-2027/slot.yaml:1: nested too deeply (limit 1000)\n", "\(check.stderr)")
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
        try sample.edit("people.yaml", "    email: it-leitung@rastatt.example\n", "    email: it-leitung@rastatt.example\n    working_hours: {friday: off, wednesday: 08:00-12:00}\n")
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
        try sample.edit("people.yaml", "    email: it-leitung@rastatt.example\n", "    email: OB@Gaggenau.example\n")
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

    @Test func aWindowOrSlotInThePastIsRefused() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        // The whole window has passed.
        let late = ["CONVENE_NOW": "2027-06-01T09:00:00Z"]
        let refused = try sample.run(["propose", "spring-2027"], environment: late)
        #expect(refused.status == 1)
        #expect(refused.stderr == "convene: error: meetings/spring-2027/meeting.yaml: meeting spring-2027: the window 2027-04-19..2027-05-14 lies in the past (today is 2027-06-01); move window to dates ahead, or add --past to look at it anyway\n")
        #expect(try sample.run(["propose", "spring-2027", "--past", "--format", "json"], environment: late).status == 0)

        // Half of it has passed: no candidate starts before now.
        let midway = try sample.run(["propose", "spring-2027", "--format", "json", "--limit", "50"], environment: ["CONVENE_NOW": "2027-05-03T12:00:00Z"])
        #expect(midway.status == 0, "\(midway.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(midway.stdout.utf8)) as? [String: Any])
        let starts = (json["candidates"] as? [[String: Any]] ?? []).compactMap { $0["start"] as? String }
        #expect(!starts.isEmpty && starts.allSatisfy { $0 >= "2027-05-03T12:00:00Z" }, "\(starts)")
        let pickPast = try sample.run(["propose", "spring-2027", "--pick", "2027-04-20T09:00"], environment: ["CONVENE_NOW": "2027-05-03T12:00:00Z"])
        #expect(pickPast.status == 1)
        #expect(pickPast.stderr == "convene: error: meetings/spring-2027/slot.yaml: 2027-04-20T09:00 lies in the past; pick a time ahead (or add --past to record a meeting held already)\n")

        // A hand-written slot in 1970 is not invited.
        try write(sample, "meetings/spring-2027/slot.yaml", "start: 1970-01-05T09:00:00Z\nend: 1970-01-05T12:30:00Z\n")
        let invite = try sample.run(["invite", "spring-2027"])
        #expect(invite.status == 1)
        #expect(invite.stderr == "convene: error: meetings/spring-2027/slot.yaml: the chosen slot (1970-01-05T09:00:00Z) lies in the past (now is 2027-04-01T09:00:00Z); pick a new one: convene propose spring-2027 --pick N\n")
        #expect(!FileManager.default.fileExists(atPath: sample.path + "/meetings/spring-2027/out/invite.ics"))
    }

    /// A VFREEBUSY speaks only for its DTSTART–DTEND: outside it the person's time is unknown, not free —
    /// the first run and the cached second run alike.
    @Test func aFreeBusyFileThatEndsBeforeTheWindowIsNoData() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try write(sample, "calendars/bretten-ob.ics", vcalendar("""
            METHOD:PUBLISH
            BEGIN:VFREEBUSY
            DTSTAMP:20270301T080000Z
            DTSTART:20270301T000000Z
            DTEND:20270401T000000Z
            FREEBUSY:20270310T080000Z/20270310T100000Z
            END:VFREEBUSY
            """))
        for run in ["cold", "warm"] {
            let result = try sample.run(["propose", "spring-2027", "--format", "json"])
            #expect(result.status == 0, "\(run): \(result.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let candidates = try #require(json["candidates"] as? [[String: Any]])
            #expect(!candidates.isEmpty)
            for candidate in candidates {
                #expect(!(candidate["attending"] as? [String] ?? []).contains("bretten-ob"), "\(run): counted as free")
                #expect((candidate["unavailable"] as? [[String: String]] ?? []).contains { $0["person"] == "bretten-ob" && $0["reason"] == "no-data" }, "\(run)")
            }
        }
    }

    /// convene's own holds, imported into everybody's calendar and exported back, blocked every candidate of the
    /// next propose (0 of 228 slots). They are that meeting, not busy time for it.
    @Test func ownHoldsInImportedCalendarsAreNotBusyForTheirMeeting() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let before = try sample.run(["propose", "spring-2027", "--format", "json"])
        let holds = try sample.run(["propose", "spring-2027", "--format", "ics", "--limit", "10"])
        #expect(holds.status == 0)
        let events = holds.stdout.components(separatedBy: "BEGIN:VEVENT").dropFirst().map { "BEGIN:VEVENT" + $0.components(separatedBy: "END:VEVENT")[0] + "END:VEVENT\r\n" }
        #expect(events.count == 5)
        let folder = sample.path + "/calendars"
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".ics") {
            let url = URL(fileURLWithPath: folder + "/" + name)
            let text = try String(contentsOf: url, encoding: .utf8)
            guard let end = text.range(of: "END:VCALENDAR", options: .backwards) else { continue }
            try Data((String(text[..<end.lowerBound]) + events.joined() + "END:VCALENDAR\r\n").utf8).write(to: url)
        }
        let after = try sample.run(["propose", "spring-2027", "--format", "json"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout == before.stdout, "the holds changed the ranking")
    }
}
