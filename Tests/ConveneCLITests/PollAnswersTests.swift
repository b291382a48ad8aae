import Foundation
import SampleSupport
import Testing

extension SampleCopy {
    /// Starts the sample poll of two options (20 April 12:30, 28 April 08:30) and records it (`--send` to a null mailer).
    func startPoll() throws {
        try useNullMailer()
        let start = try run(["poll", "start", "spring-2027", "--dates", "2027-04-20T12:30", "2027-04-28T08:30", "--deadline", "2027-04-12", "--send"])
        #expect(start.status == 0, "\(start.stderr)")
    }

    /// A mail as it lands in a Maildir: no calendar part at all.
    @discardableResult
    func plainMail(_ name: String) throws -> String {
        try scratch.write(name, "From: newsletter@example.org\r\nTo: digital-regional@ettlingen.example\r\nSubject: Newsletter\r\n"
                          + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nNeues aus der Region.\r\n")
    }

    func pollJSON() throws -> [String: Any] {
        let status = try run(["poll", "status", "spring-2027", "--format", "json"])
        #expect(status.status == 0, "\(status.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
    }

    /// person id → option → vote ("" for none) in `poll status --format json`.
    func votes() throws -> [String: [Int: String]] {
        var votes: [String: [Int: String]] = [:]
        for person in try pollJSON()["people"] as? [[String: Any]] ?? [] {
            guard let id = person["person"] as? String else { continue }
            for answer in person["answers"] as? [[String: Any]] ?? [] {
                votes[id, default: [:]][answer["option"] as? Int ?? 0] = answer["vote"] as? String ?? ""
            }
        }
        return votes
    }
}

@Suite(.serialized) struct PollAnswersTests {
    /// A real Maildir: `cur/` and `new/` with Maildir names (no extension, `:2,S` flags), `tmp/` never read; what is
    /// not an answer to the meeting is skipped and counted, a broken calendar part is one warning naming the file.
    @Test func rsvpReadsAMaildirAndSkipsWhatIsNotAnAnswer() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try sample.startPoll()
        let box = "Maildir"
        try sample.holdAnswer("\(box)/new/1775030400.M101P7.mx", uid: holdOne, attendee: "ob@ettlingen.example", partstat: "ACCEPTED",
                              stamp: "20270401T080000Z")
        try sample.holdAnswer("\(box)/cur/1775030460.M102P7.mx:2,S", uid: holdTwo, attendee: "ob@rastatt.example", partstat: "TENTATIVE",
                              stamp: "20270401T080100Z", method: "COUNTER", proposed: ("20270421T080000Z", "20270421T113000Z"))
        // A forged COUNTER: someone else's mailbox suggests a time for Bühl's OB. Held, like any forged answer.
        try sample.holdAnswer("\(box)/cur/1775030520.M103P7.mx:2,RS", uid: holdOne, attendee: "ob@buehl.example", partstat: "TENTATIVE",
                              stamp: "20270401T080200Z", sender: "mallory@example.org", method: "COUNTER",
                              proposed: ("20270422T080000Z", "20270422T113000Z"))
        try sample.plainMail("\(box)/new/1775030580.M104P7.mx")
        // A hold someone forwarded (METHOD:REQUEST), and an answer to another meeting's invitation.
        try sample.holdAnswer("\(box)/cur/1775030640.M105P7.mx:2,S", uid: holdOne, attendee: "ob@bretten.example", partstat: "NEEDS-ACTION",
                              stamp: "20270401T080400Z", method: "REQUEST")
        try sample.holdAnswer("\(box)/new/1775030700.M106P7.mx", uid: "other-meeting@example.org", attendee: "ob@bretten.example",
                              partstat: "DECLINED", stamp: "20270401T080500Z")
        let broken = try sample.scratch.write("\(box)/new/1775030760.M107P7.mx",
                                              "From: ob@bruchsal.example\r\nSubject: Antwort\r\nMIME-Version: 1.0\r\n"
                                              + "Content-Type: text/calendar; method=REPLY\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:\(holdOne)\r\n")
        // Still being delivered: a newer "no" of Ettlingen's OB that must not count yet.
        try sample.holdAnswer("\(box)/tmp/1775030820.M108P7.mx", uid: holdOne, attendee: "ob@ettlingen.example", partstat: "DECLINED",
                              stamp: "20270401T090000Z")
        try sample.plainMail("\(box)/cur/.hidden-note")
        let maildir = sample.scratch.url.appendingPathComponent(box).path

        let rsvp = try sample.run(["rsvp", "spring-2027", maildir])
        #expect(rsvp.status == 0, "\(rsvp.stderr)")
        #expect(rsvp.stdout.contains("2 poll answers recorded in meetings/spring-2027/poll.yaml.\n"), "\(rsvp.stdout)")
        #expect(rsvp.stdout.hasSuffix("Skipped 4 mails of the Maildir that are not answers to spring-2027 "
                                      + "(1 no calendar part, 1 not a reply, 1 for another event, 1 unreadable).\n"), "\(rsvp.stdout)")
        #expect(rsvp.stdout.contains("1775030520.M103P7.mx:2,RS: the mail's sender is not ob@buehl.example"), "the forged COUNTER is held")
        let warnings = rsvp.stderr.split(separator: "\n")
        #expect(warnings.count == 1, "\(rsvp.stderr)")
        #expect(rsvp.stderr.hasPrefix("convene: warning: \(broken): a calendar part cannot be read (") && rsvp.stderr.hasSuffix("; the mail was skipped\n"))
        #expect(!rsvp.stderr.contains(holdOne) && !rsvp.stderr.contains("ob@bruchsal"), "no calendar text in the warning: \(rsvp.stderr)")

        let votes = try sample.votes()
        #expect(votes["ettlingen-ob"]?[1] == "yes", "tmp/ is never read")
        #expect(votes["rastatt-ob"]?[2] == "if-need-be")
        #expect(votes["buehl-ob"] == [1: "", 2: ""], "the forged COUNTER is not counted")
        #expect(votes["bretten-ob"] == [1: "", 2: ""], "a forwarded REQUEST and another meeting's answer are no votes")
        let json = try sample.pollJSON()
        #expect((json["held"] as? [String])?.count == 1)
        let rastatt = try #require((json["people"] as? [[String: Any]])?.first { $0["person"] as? String == "rastatt-ob" })
        let counter = try #require((rastatt["answers"] as? [[String: Any]])?.first { $0["option"] as? Int == 2 })
        #expect(counter["suggested_start"] as? String == "2027-04-21T08:00:00Z", "the suggested time per person and option")

        // The suggestion in the grid: text names person and option, the HTML cell carries the time; the held one is flagged.
        let text = try sample.run(["poll", "status", "spring-2027"]).stdout
        #expect(text.contains("Suggested instead of option 2: Mi 21.04.2027 10:00 (Oberbürgermeister/in Rastatt)\n"), "\(text)")
        #expect(text.contains("Held for review, not counted (sender not the attendee): "))
        #expect(!text.contains("22.04.2027"), "the forged suggestion is not shown")
        let html = try sample.run(["poll", "status", "spring-2027", "--format", "html"]).stdout
        let row = try #require(html.split(separator: "\n").first { $0.contains("Oberbürgermeister/in Rastatt (ob)") })
        #expect(row.contains("~ maybe*<br><small>suggests Mi 21.04.2027 10:00</small>"), "\(row)")
        #expect(html.contains("<p>Held for review, not counted (sender not the attendee): "))

        // A Maildir's cur/ alone reads the same way; its tmp/ is refused.
        let again = try sample.run(["rsvp", "spring-2027", maildir + "/cur"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasSuffix("Skipped 1 mail of the Maildir that is not an answer to spring-2027 (1 not a reply).\n"), "\(again.stdout)")
        let tmp = try sample.run(["rsvp", "spring-2027", maildir + "/tmp"])
        #expect(tmp.status == 1)
        #expect(tmp.stderr == "convene: error: \(maildir)/tmp: is a Maildir's tmp/, which holds mail still being delivered and is never read; "
                + "name the Maildir itself (its cur/ and new/ are read)\n")
    }

    /// `poll tally` orders answers by when they were given, as `rsvp` does: a reply by its DTSTAMP, a CSV row by its
    /// `stamp` column or else the file's modification time — never by when the tally ran.
    @Test func tallyKeepsTheNewestAnswerByItsStamp() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try sample.startPoll()
        let rsvp = try sample.run(["rsvp", "spring-2027",
                                   try sample.holdAnswer("bretten.eml", uid: holdOne, attendee: "ob@bretten.example", partstat: "DECLINED",
                                                         stamp: "20270401T080000Z"),
                                   try sample.holdAnswer("ettlingen.eml", uid: holdOne, attendee: "ob@ettlingen.example", partstat: "ACCEPTED",
                                                         stamp: "20270401T070000Z")])
        #expect(rsvp.status == 0, "\(rsvp.stderr)")
        // An older "yes" of Bretten's OB, saved as .ics: the newer "no" stands.
        let older = try sample.scratch.write("older.ics", vcalendar("""
            METHOD:REPLY
            BEGIN:VEVENT
            UID:\(holdOne)
            DTSTAMP:20270331T080000Z
            ORGANIZER:mailto:digital-regional@ettlingen.example
            ATTENDEE;PARTSTAT=ACCEPTED:mailto:ob@bretten.example
            END:VEVENT
            """))
        // A table without a stamp column, saved on 31 March: older than Ettlingen's reply, newer than nothing of Bruchsal's.
        let table = try sample.scratch.write("votes/doodle.csv", "person,start,vote\nettlingen-ob,2027-04-20T12:30,no\nbruchsal-ob,2027-04-20T12:30,if-need-be\n")
        try FileManager.default.setAttributes([.modificationDate: ISO8601DateFormatter().date(from: "2027-03-31T12:00:00Z")!], ofItemAtPath: table)
        let tally = try sample.run(["poll", "tally", "spring-2027", older, table])
        #expect(tally.status == 0, "\(tally.stderr)")
        var votes = try sample.votes()
        #expect(votes["bretten-ob"]?[1] == "no", "an older reply read later does not overwrite a newer one")
        #expect(votes["ettlingen-ob"]?[1] == "yes", "a table saved before the reply does not overwrite it")
        #expect(votes["bruchsal-ob"]?[1] == "if-need-be")
        let poll = try String(contentsOfFile: sample.pollFile, encoding: .utf8)
        #expect(poll.contains("attendee: \"ob@bruchsal.example\"\n    uid: \"\(holdOne)\"\n    vote: if-need-be\n    stamp: 2027-03-31T12:00:00Z\n"), "\(poll)")

        // A stamp column (local time or RFC 3339) orders each row: Bretten's OB changed their mind after the reply.
        let stamped = try sample.scratch.write("stamped.csv",
                                               "person,start,vote,stamp\nbretten-ob,2027-04-20T12:30,if-need-be,2027-04-01T10:30\n"
                                               + "ettlingen-ob,2027-04-20T12:30,no,2027-04-01T06:00:00Z\n")
        #expect(try sample.run(["poll", "tally", "spring-2027", stamped]).status == 0)
        votes = try sample.votes()
        #expect(votes["bretten-ob"]?[1] == "if-need-be", "08:30Z is newer than the reply of 08:00Z")
        #expect(votes["ettlingen-ob"]?[1] == "yes", "06:00Z is older than the reply of 07:00Z")
        // And rsvp judges against what the tally recorded by the same rule.
        let late = try sample.run(["rsvp", "spring-2027", try sample.holdAnswer("late.eml", uid: holdOne, attendee: "ob@bretten.example",
                                                                                partstat: "ACCEPTED", stamp: "20270401T082000Z")])
        #expect(late.stdout.contains("is older than the answer on record"), "\(late.stdout)")
        #expect(try sample.votes()["bretten-ob"]?[1] == "if-need-be")

        let bad = try sample.run(["poll", "tally", "spring-2027", try sample.scratch.write("bad.csv", "bretten-ob,2027-04-20T12:30,yes,yesterday\n")])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasSuffix("bad.csv:1: stamp 'yesterday' is not like 2026-12-02T10:15 or 2026-12-02T09:15:00Z\n"), "\(bad.stderr)")
    }

    /// `propose` after a poll: the times it offered rank first, with their votes beside them, so an overlapping time the
    /// poll did not ask about (same score, no "if need be" against it) no longer pushes the polled one out of the list.
    @Test func proposeAfterAPollRanksThePolledTimesFirst() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try sample.useNullMailer()
        // 12 May 13:00 overlaps 12:30, which scores as well and starts earlier: before polls ranked first, 12:30 won.
        let start = try sample.run(["poll", "start", "spring-2027", "--dates", "2027-05-12T13:00", "2027-04-20T12:30", "--send"])
        #expect(start.status == 0, "\(start.stderr)")
        let polled = "hold-spring-2027-20270512T110000Z@ettlingen.example"
        let rsvp = try sample.run(["rsvp", "spring-2027",
                                   try sample.holdAnswer("a.eml", uid: polled, attendee: "ob@ettlingen.example", partstat: "ACCEPTED", stamp: "20270401T080000Z"),
                                   try sample.holdAnswer("b.eml", uid: polled, attendee: "ob@bruchsal.example", partstat: "TENTATIVE", stamp: "20270401T080000Z"),
                                   try sample.holdAnswer("c.eml", uid: polled, attendee: "ob@rastatt.example", partstat: "TENTATIVE", stamp: "20270401T080000Z"),
                                   // Bretten has no deputy: its OB's "no" takes option 1 out (declined).
                                   try sample.holdAnswer("d.eml", uid: holdOne, attendee: "ob@bretten.example", partstat: "DECLINED", stamp: "20270401T080000Z")])
        #expect(rsvp.status == 0, "\(rsvp.stderr)")

        let json = try sample.run(["propose", "spring-2027", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let candidates = try #require(object["candidates"] as? [[String: Any]])
        let first = try #require(candidates.first)
        #expect(first["start"] as? String == "2027-05-12T11:00:00Z", "the polled time first: \(candidates.map { $0["start"] ?? "" })")
        #expect(first["poll_option"] as? Int == 2)
        #expect(first["votes"] as? [String: String] == ["ettlingen-ob": "yes", "bruchsal-ob": "if-need-be", "rastatt-ob": "if-need-be"])
        #expect(!candidates.contains { $0["start"] as? String == "2027-05-12T10:30:00Z" }, "the overlapping unpolled time gives way")
        #expect(!candidates.contains { $0["start"] as? String == "2027-04-20T10:30:00Z" }, "option 1 lost Bretten")
        for candidate in candidates.dropFirst() {
            #expect(candidate["poll_option"] is NSNull && (candidate["votes"] as? [String: String]) == [:], "the rest were not polled")
        }
        let unavailable = candidates.compactMap { $0["unavailable"] as? [[String: String]] }.joined()
        #expect(!unavailable.contains { $0["reason"] == "declined" }, "no candidate is one Bretten declined")

        let text = try sample.run(["propose", "spring-2027"])
        let lines = text.stdout.split(separator: "\n").map(String.init)
        let row = try #require(lines.first { $0.hasPrefix("1  ") })
        #expect(row.contains("Mi 12.05.2027  13:00–16:30") && row.contains("option 2: 1 yes, 2 maybe, 0 no"), "\(text.stdout)")
        #expect(lines.contains { $0.hasPrefix("2  ") && $0.contains("not polled") })
        #expect(text.stdout.contains("After the poll: the times it offered rank first"))
    }
}
