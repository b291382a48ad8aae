import Foundation
import SampleSupport
import Testing

extension SampleCopy {
    var pollOut: String { path + "/meetings/spring-2027/out/poll/" }
    var pollFile: String { path + "/meetings/spring-2027/poll.yaml" }

    /// A reply to a hold as a calendar client writes it (RFC 5546 §3.2.3), saved as a mail from `sender`.
    @discardableResult
    func holdAnswer(_ name: String, uid: String, attendee: String, partstat: String, stamp: String, sender: String? = nil,
                    method: String = "REPLY", proposed: (String, String)? = nil) throws -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test client//EN", "METHOD:\(method)", "BEGIN:VEVENT", "UID:\(uid)",
                     "SEQUENCE:0", "DTSTAMP:\(stamp)"]
        if let (start, end) = proposed { lines += ["DTSTART:\(start)", "DTEND:\(end)"] }
        lines += ["ORGANIZER:mailto:digital-regional@ettlingen.example", "ATTENDEE;PARTSTAT=\(partstat):mailto:\(attendee)",
                  "END:VEVENT", "END:VCALENDAR"]
        let calendar = lines.joined(separator: "\r\n") + "\r\n"
        let mail = "From: \(sender ?? attendee)\r\nTo: digital-regional@ettlingen.example\r\nSubject: Antwort\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/calendar; charset=UTF-8; method=\(method)\r\n\r\n" + calendar
        return try scratch.write(name, mail)
    }
}

/// The holds of the sample poll (CONVENE_NOW 2027-04-01T09:00:00Z, `--dates`): option 1 on 20 April, option 2 on 28 April.
let holdOne = "hold-spring-2027-20270420T103000Z@ettlingen.example"
let holdTwo = "hold-spring-2027-20270428T063000Z@ettlingen.example"

@Suite(.serialized) struct PollCommandTests {
    @Test func aDryRunWritesTheHoldsAndRecordsNothing() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let dry = try sample.run(["poll", "start", "spring-2027", "--dates", "2027-04-28T08:30", "2027-04-20T12:30", "--deadline", "2027-04-12"])
        #expect(dry.status == 0, "\(dry.stderr)")
        let lines = dry.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Prepared the poll of spring-2027 (2 options, 22 people asked, answers by 2027-04-12)")
        #expect(lines.contains("  1       Di 20.04.2027 12:30  \(holdOne)  open"), "options are numbered by date")
        #expect(lines.contains("Not sent (add --send): 44 messages would go out through /usr/sbin/sendmail -t -i:"))
        #expect(lines.contains("  REQUEST  0    ob@bretten.example                 mail/bretten-ob-1.eml"))
        #expect(lines.last == "Nothing recorded: meetings/spring-2027/poll.yaml is written once the messages go out (--send).")
        #expect(!FileManager.default.fileExists(atPath: sample.pollFile), "a dry run records nothing")
        let mail = try String(contentsOfFile: sample.pollOut + "mail/bretten-ob-1.eml", encoding: .utf8)
        try assertSnapshot(mail, named: "poll-hold-request-bretten-ob-1.eml")
        try assertSnapshot(try String(contentsOfFile: sample.pollOut + "hold-1.ics", encoding: .utf8), named: "poll-hold-1.ics")
        let calendar = try #require(calendarPart(of: mail, method: "REQUEST"))
        for line in ["METHOD:REQUEST", "UID:\(holdOne)", "STATUS:TENTATIVE", "X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE", "BEGIN:VTIMEZONE"] {
            #expect(calendar.contains(line + "\r\n"), "\(line)")
        }
        #expect(calendar.components(separatedBy: "ATTENDEE;").count == 2, "one ATTENDEE per message")
        #expect(calendar.contains("PARTSTAT=NEEDS-ACTION;RSVP=TRUE"))

        let english = try sample.run(["poll", "start", "spring-2027", "--dates", "2027-04-20T12:30", "--lang", "en", "--deadline", "2027-04-12"])
        #expect(english.status == 0, "\(english.stderr)")
        let englishMail = try String(contentsOfFile: sample.pollOut + "mail/bretten-ob-1.eml", encoding: .utf8)
        #expect(englishMail.contains("Subject: =?UTF-8?Q?Date_poll_(option_1_of_1):_Plenum_Digital_Regional"), "\(englishMail.prefix(600))")

        let late = try sample.run(["poll", "start", "spring-2027", "--dates", "2027-04-20T12:30", "--deadline", "2027-04-20"])
        #expect(late.status == 1)
        #expect(late.stderr == "convene: error: meetings/spring-2027/meeting.yaml: the deadline 2027-04-20 must lie between today (2027-04-01) and the day before the first option (2027-04-20)\n")
    }

    @Test func answersTheGridAndTheCloseThatMakesTheWinnerTheInvitation() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try sample.useNullMailer()
        let start = try sample.run(["poll", "start", "spring-2027", "--dates", "2027-04-20T12:30", "2027-04-28T08:30", "--deadline", "2027-04-12", "--send"])
        #expect(start.status == 0, "\(start.stderr)")
        #expect(start.stdout.contains("Sent 44 messages through"))
        #expect(FileManager.default.fileExists(atPath: sample.pollFile))
        let rerun = try sample.run(["poll", "start", "spring-2027", "--send"])
        #expect(rerun.stdout.contains("Sent 0 messages through") && rerun.stdout.contains("44 had gone out before"), "\(rerun.stdout)")
        let other = try sample.run(["poll", "start", "spring-2027", "--dates", "2027-05-03T12:00"])
        #expect(other.status == 1)
        #expect(other.stderr.hasPrefix("convene: error: meetings/spring-2027/poll.yaml: a poll with other times was started already"))

        let before = try sample.run(["propose", "spring-2027", "--format", "json"])
        #expect(before.stdout.contains("\"start\":\"2027-04-28T06:30:00Z\""), "option 2 is a candidate before the answers")
        let answers = [
            try sample.holdAnswer("a.eml", uid: holdOne, attendee: "ob@ettlingen.example", partstat: "ACCEPTED", stamp: "20270402T080000Z"),
            try sample.holdAnswer("b.eml", uid: holdOne, attendee: "ob@bruchsal.example", partstat: "TENTATIVE", stamp: "20270402T080100Z"),
            try sample.holdAnswer("c.eml", uid: holdTwo, attendee: "ob@bretten.example", partstat: "DECLINED", stamp: "20270402T080200Z"),
            try sample.holdAnswer("d.eml", uid: holdTwo, attendee: "ob@rastatt.example", partstat: "TENTATIVE", stamp: "20270402T080300Z",
                                  method: "COUNTER", proposed: ("20270421T080000Z", "20270421T113000Z")),
            try sample.holdAnswer("e.eml", uid: holdOne, attendee: "ob@buehl.example", partstat: "DECLINED", stamp: "20270402T080400Z",
                                  sender: "mallory@example.org"),
            // An older answer of Ettlingen's OB arrives late: the newer one stands.
            try sample.holdAnswer("f.eml", uid: holdOne, attendee: "ob@ettlingen.example", partstat: "DECLINED", stamp: "20270401T080000Z"),
        ]
        let rsvp = try sample.run(["rsvp", "spring-2027"] + answers)
        #expect(rsvp.status == 0, "\(rsvp.stderr)")
        #expect(rsvp.stdout.contains("4 poll answers recorded in meetings/spring-2027/poll.yaml."), "\(rsvp.stdout)")
        #expect(rsvp.stdout.contains("older than the answer on record"))

        // propose ranks with the recorded votes: Bretten's OB declined option 2 and Bretten has no deputy.
        let after = try sample.run(["propose", "spring-2027", "--format", "json", "--limit", "40", "--per-day", "12"])
        #expect(!after.stdout.contains("\"start\":\"2027-04-28T06:30:00Z\""), "a town's only representative declined it")

        let text = try sample.run(["poll", "status", "spring-2027"])
        #expect(text.status == 0, "\(text.stderr)")
        // The held reply's id is its text's SHA-256, the same on every run.
        try assertSnapshot(text.stdout, named: "poll-status.txt")
        #expect(text.stdout.contains("Held for review, not counted (sender not the attendee): "))
        #expect(text.stdout.contains("Not represented at option 2: Bretten (every representative said no)"))
        let json = try sample.run(["poll", "status", "spring-2027", "--format", "json"])
        try assertSnapshot(json.stdout, named: "poll-status.json")
        let html = try sample.run(["poll", "status", "spring-2027", "--format", "html"])
        try assertSnapshot(html.stdout, named: "poll-status.html")
        #expect(!html.stdout.contains("<script") && !html.stdout.contains("<style"), "inline styles only, no script")

        let remind = try sample.run(["poll", "remind", "spring-2027", "--send"])
        #expect(remind.status == 0, "\(remind.stderr)")
        #expect(remind.stdout.hasPrefix("Reminders for the poll of spring-2027: 22 people have not answered every option\n"))
        #expect(remind.stdout.contains("Sent 22 messages through"))
        let reminder = try String(contentsOfFile: sample.pollOut + "mail/bretten-ob-reminder-20270401.eml", encoding: .utf8)
        #expect(!reminder.contains("text/calendar") && reminder.contains("12.04.2027"), "names the deadline, carries no calendar")
        #expect(try sample.run(["poll", "remind", "spring-2027", "--send"]).stdout.contains("22 had gone out before"))

        // Status flags the town the second option loses.
        let status = try sample.run(["status", "spring-2027"])
        #expect(status.stdout.contains("polling    done   2 options, 4 of 22 answered; option 2 not represented: bretten"), "\(status.stdout)")

        let refused = try sample.run(["poll", "close", "spring-2027", "--pick", "2", "--send"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "convene: error: meetings/spring-2027/poll.yaml: option 2 loses town bretten (every representative said no); pick another, or add --force to pick it anyway\n")
        let dryClose = try sample.run(["poll", "close", "spring-2027", "--pick", "2027-04-20T12:30"])
        #expect(dryClose.status == 0, "\(dryClose.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sample.path + "/meetings/spring-2027/slot.yaml"), "a dry run records nothing")
        let close = try sample.run(["poll", "close", "spring-2027", "--pick", "1", "--send"])
        #expect(close.status == 0, "\(close.stderr)")
        #expect(close.stdout.contains("Sent 22 messages through"))
        let cancel = try String(contentsOfFile: sample.pollOut + "mail/bretten-ob-2.eml", encoding: .utf8)
        try assertSnapshot(cancel, named: "poll-hold-cancel-bretten-ob-2.eml")
        let cancelCalendar = try #require(calendarPart(of: cancel, method: "CANCEL"))
        for line in ["METHOD:CANCEL", "UID:\(holdTwo)", "SEQUENCE:1", "STATUS:CANCELLED"] { #expect(cancelCalendar.contains(line + "\r\n"), "\(line)") }
        let slot = try String(contentsOfFile: sample.path + "/meetings/spring-2027/slot.yaml", encoding: .utf8)
        #expect(slot.contains("start: 2027-04-20T10:30:00Z"))

        #expect(try sample.run(["agenda", "spring-2027"]).status == 0)
        let invite = try sample.run(["invite", "spring-2027", "--format", "json"])
        #expect(invite.status == 0, "\(invite.stderr)")
        #expect(invite.stdout.contains("\"uid\": \"\(holdOne)\"") && invite.stdout.contains("\"sequence\": 1,"), "\(invite.stdout)")
        #expect(try sample.file("invite.ics").contains("UID:\(holdOne)\r\nSEQUENCE:1\r\n"))
    }
}
