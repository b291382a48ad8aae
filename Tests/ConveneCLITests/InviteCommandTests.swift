import Foundation
import SampleSupport
import Testing

/// A sample copy with the spring plenum's slot and agenda chosen, ready to invite.
func invitableSample() throws -> SampleCopy {
    let sample = try SampleCopy()
    #expect(try sample.run(["propose", "spring-2027", "--pick", "1"]).status == 0)
    #expect(try sample.run(["agenda", "spring-2027"]).status == 0)
    return sample
}

extension SampleCopy {
    var out: String { path + "/meetings/spring-2027/out/" }
    func file(_ name: String) throws -> String { try String(contentsOfFile: out + name, encoding: .utf8) }
    func meetingFile(_ name: String) throws -> String { try String(contentsOfFile: path + "/meetings/spring-2027/" + name, encoding: .utf8) }

    /// Prepares the invitation (or with `cancel`, the cancellation) and records it as sent by hand, as an
    /// organizer who mails the files from out/ would: returns the dry run's result.
    @discardableResult
    func issue(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        let prepared = try run(arguments, environment: environment)
        #expect(prepared.status == 0, "\(arguments): \(prepared.stderr)")
        let marked = try run(arguments.filter { $0 != "--format" && $0 != "json" } + ["--mark-sent"], environment: environment)
        #expect(marked.status == 0, "\(arguments) --mark-sent: \(marked.stderr)")
        return prepared
    }

    /// Points mail.send_command at a program that reads each message and keeps nothing, for tests that need
    /// versions to leave the organizer (`--send`) without a mail server.
    func useNullMailer() throws {
        let script = try scratch.write("null-mailer", "#!/bin/sh\ncat > /dev/null\n")
        #expect(chmod(script, 0o755) == 0)
        try edit("convene.yaml", "  send_command: /usr/sbin/sendmail -t -i", "  send_command: [\(script), -t]")
    }

    /// Replaces text in a workspace file (as a person editing it would).
    func edit(_ relative: String, _ old: String, _ new: String) throws {
        let url = URL(fileURLWithPath: path + "/" + relative)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "\(relative) lacks \(old)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }
}

/// The .ics inside a rendered mail's calendar part (base64), decoded.
func calendarPart(of eml: String, method: String) -> String? {
    let marker = "Content-Type: text/calendar; charset=UTF-8; method=\(method)"
    guard let start = eml.range(of: marker) else { return nil }
    let rest = eml[start.upperBound...]
    guard let bodyStart = rest.range(of: "\r\n\r\n"), let bodyEnd = rest[bodyStart.upperBound...].range(of: "\r\n--") else { return nil }
    let base64 = rest[bodyStart.upperBound..<bodyEnd.lowerBound].replacingOccurrences(of: "\r\n", with: "")
    return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }
}

@Suite(.serialized) struct InviteCommandTests {
    @Test func requestEventAndMailWithStableUIDAndSequence() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let noSlot = try sample.run(["invite", "spring-2027"])
        #expect(noSlot.status == 1)
        #expect(noSlot.stderr == "convene: error: meetings/spring-2027/slot.yaml: no slot chosen for spring-2027 yet; pick one first: convene propose spring-2027 --pick N\n")
        #expect(try sample.run(["propose", "spring-2027", "--pick", "1"]).status == 0)
        #expect(try sample.run(["agenda", "spring-2027"]).status == 0)
        let first = try sample.run(["invite", "spring-2027"])
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n").map(String.init)
        #expect(lines.prefix(3) == ["Prepared invitation for spring-2027 (UID spring-2027@ettlingen.example, SEQUENCE 0, 22 attendees).",
                                    "Files in meetings/spring-2027/out: invite.ics, event.ics, mail/ (22 messages)",
                                    "Not sent (add --send): 22 messages would go out through /usr/sbin/sendmail -t -i:"])
        #expect(lines.contains("  REQUEST  0    ob@bretten.example                 mail/bretten-ob.eml"))
        #expect(lines.last == "Nothing recorded: SEQUENCE 0 counts once the messages go out (--send), or after you sent the files yourself (--mark-sent).")
        #expect(!FileManager.default.fileExists(atPath: sample.path + "/meetings/spring-2027/invitation.yaml"), "a dry run records nothing")
        let invite = try sample.file("invite.ics"), event = try sample.file("event.ics"), mail = try sample.file("mail/bretten-ob.eml")
        try assertSnapshot(invite, named: "invite.ics")
        try assertSnapshot(event, named: "event.ics")
        try assertSnapshot(mail, named: "invite-bretten-ob.eml")
        #expect(invite.contains("METHOD:REQUEST\r\n"))
        #expect(!event.contains("METHOD"))
        for text in [invite, event] {
            #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            #expect(text.contains("X-ALT-DESC;FMTTYPE=text/html:"))
        }
        // The mail: 7-bit, CRLF, short lines; its calendar part is invite.ics with the same method.
        #expect(mail.utf8.allSatisfy { $0 < 0x80 })
        #expect(mail.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 && !$0.contains("\n") && !$0.contains("\r") })
        #expect(mail.contains("Subject: =?UTF-8?Q?Einladung:_Plenum_Digital_Regional"))
        #expect(calendarPart(of: mail, method: "REQUEST") == invite)

        // Sent by hand, days later: recorded with the DTSTAMP of the files that went out.
        let marked = try sample.run(["invite", "spring-2027", "--mark-sent"], environment: ["CONVENE_NOW": "2027-04-04T09:00:00Z"])
        #expect(marked.status == 0, "\(marked.stderr)")
        #expect(marked.stdout.hasPrefix("Wrote invitation for spring-2027 (UID spring-2027@ettlingen.example, SEQUENCE 0, 22 attendees)."))
        #expect(marked.stdout.contains("Recorded 22 messages as sent by hand in meetings/spring-2027/sent.log."))
        #expect(try sample.meetingFile("sent.log").contains("\tREQUEST\t0\tob@bretten.example\tsent by hand\t<spring-2027.0.request.bretten-ob@ettlingen.example>\n"))
        #expect(try sample.meetingFile("invitation.yaml").contains("stamp: 2027-04-01T09:00:00Z\n"))

        // Nothing changed: nothing is rewritten, nothing would be sent twice.
        let again = try sample.run(["invite", "spring-2027"], environment: ["CONVENE_NOW": "2027-04-05T09:00:00Z"])
        #expect(again.stdout.hasPrefix("Unchanged: invitation for spring-2027"))
        #expect(try sample.file("invite.ics") == invite)
        #expect(try sample.file("mail/bretten-ob.eml") == mail)

        // A new time raises SEQUENCE, keeps the UID, and the subject says „Aktualisiert".
        #expect(try sample.run(["propose", "spring-2027", "--pick", "2"]).status == 0)
        let moved = try sample.run(["invite", "spring-2027", "--format", "json"], environment: ["CONVENE_NOW": "2027-04-06T09:00:00Z"])
        #expect(moved.status == 0)
        #expect(moved.stdout.contains(#""sequence": 1,"#) && moved.stdout.contains(#""changed": true,"#))
        #expect(moved.stdout.contains(#""status": "pending","#) && moved.stdout.contains(#""recorded": false,"#))
        let updated = try sample.file("invite.ics")
        #expect(updated.contains("UID:spring-2027@ettlingen.example\r\nSEQUENCE:1\r\nDTSTAMP:20270406T090000Z\r\n"))
        #expect(try sample.file("mail/bretten-ob.eml").contains("Subject: =?UTF-8?Q?Aktualisiert:_Plenum"))

        // --mark-sent only records what is in out/: a changed meeting is not what was sent.
        #expect(try sample.run(["propose", "spring-2027", "--pick", "3"]).status == 0)
        let stale = try sample.run(["invite", "spring-2027", "--mark-sent"])
        #expect(stale.status == 1)
        #expect(stale.stderr.hasSuffix("convene: error: meetings/spring-2027/out/invite.ics: is not the current version, so it cannot have been sent; run convene invite spring-2027 without --mark-sent, send those files, then --mark-sent\n"), "\(stale.stderr)")
        #expect(try sample.meetingFile("invitation.yaml").contains("sequence: 0\n"))
    }

    /// Issue 10: dry runs raised SEQUENCE, so the first mail anyone received said „Aktualisiert" at SEQUENCE 5.
    @Test func dryRunsNeverRaiseSequenceAndTheFirstMailIsAnInvitation() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        for pick in ["2", "3", "1"] {
            #expect(try sample.run(["invite", "spring-2027"]).status == 0)
            #expect(try sample.run(["propose", "spring-2027", "--pick", pick]).status == 0)
            #expect(try sample.run(["agenda", "spring-2027", "--force"]).status == 0)
        }
        let spool = sample.scratch.url.appendingPathComponent("spool").path
        let script = try sample.scratch.write("fake-sendmail", "#!/bin/sh\nmkdir -p \"\(spool)\"\ncat > \"\(spool)/$(date +%s%N).eml\"\n")
        #expect(chmod(script, 0o755) == 0)
        try sample.edit("convene.yaml", "  send_command: /usr/sbin/sendmail -t -i", "  send_command: [\(script), -t]")
        let sent = try sample.run(["invite", "spring-2027", "--send", "--format", "json"])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains(#""sequence": 0,"#))
        let mails = try FileManager.default.contentsOfDirectory(atPath: spool).map { try String(contentsOfFile: spool + "/" + $0, encoding: .utf8) }
        #expect(mails.count == 22)
        #expect(mails.allSatisfy { $0.contains("Subject: =?UTF-8?Q?Einladung:_Plenum") && $0.contains("X-Convene-Sequence: 0\r\n") })
        #expect(try sample.meetingFile("invitation.yaml").contains("sequence: 0\n"))
    }

    @Test func removedAttendeesGetACancelOfTheirOwnAndAddedOnesAnInvitation() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        try sample.issue(["invite", "spring-2027"])
        // The IT heads leave the list (five people).
        try sample.edit("meetings/spring-2027/meeting.yaml", "optional: [role:main-office, role:it, role:digital]", "optional: [role:main-office, role:digital]")
        let result = try sample.issue(["invite", "spring-2027", "--format", "json"], environment: ["CONVENE_NOW": "2027-04-07T09:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""attendees": 17,"#))
        #expect(result.stdout.contains(#""it-leitung@bretten.example""#))
        let cancel = try sample.file("mail/bretten-it.eml")
        #expect(cancel.contains("Subject: =?UTF-8?Q?Einladung_zur=C3=BCckgezogen:"))
        let ics = try #require(calendarPart(of: cancel, method: "CANCEL"))
        #expect(ics.contains("METHOD:CANCEL\r\n") && ics.contains("SEQUENCE:1\r\n"))
        #expect(ics.components(separatedBy: "\r\nATTENDEE").count == 2, "only the removed attendee")
        #expect(!ics.contains("STATUS:"), "removing one attendee does not cancel the event (RFC 5546 §3.2.5)")
        // Only the list changed: those still invited get nothing (issue 15), and their mail of the earlier version
        // leaves out/mail/, so that nobody sends it by hand as if it were new.
        #expect(!FileManager.default.fileExists(atPath: sample.out + "mail/bretten-ob.eml"))
        #expect(result.stdout.contains(#""removed_mails": ["#) && result.stdout.contains(#""mail/bretten-ob.eml""#), "\(result.stdout)")
        #expect(!result.stdout.contains(#""to": "ob@bretten.example""#), "\(result.stdout)")
        let request = try sample.file("invite.ics")
        #expect(request.contains("SEQUENCE:1\r\n") && !request.contains("it-leitung@bretten.example"))
        #expect(try sample.meetingFile("invitation.yaml").contains("  - email: \"it-leitung@bretten.example\"\n    name: \"IT-Leitung Bretten\"\n    sequence: 1\n"))

        // Back on the list: they get a first invitation („Einladung") at the new SEQUENCE.
        try sample.edit("meetings/spring-2027/meeting.yaml", "optional: [role:main-office, role:digital]", "optional: [role:main-office, role:it, role:digital]")
        try sample.issue(["invite", "spring-2027"], environment: ["CONVENE_NOW": "2027-04-08T09:00:00Z"])
        let back = try sample.file("mail/bretten-it.eml")
        #expect(back.contains("Subject: =?UTF-8?Q?Einladung:_Plenum") && calendarPart(of: back, method: "REQUEST")?.contains("SEQUENCE:2\r\n") == true)
        #expect(!FileManager.default.fileExists(atPath: sample.out + "mail/bretten-ob.eml"))
        #expect(!(try sample.meetingFile("invitation.yaml")).contains("removed:\n  -"))
    }

    @Test func cancelAndReinstate() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        let never = try sample.run(["cancel", "spring-2027"])
        #expect(never.status == 1)
        #expect(never.stderr.contains("spring-2027 was never invited, so there is nothing to cancel"))
        // A prepared invitation that never went out cannot be cancelled either.
        #expect(try sample.run(["invite", "spring-2027"]).status == 0)
        #expect(try sample.run(["cancel", "spring-2027"]).stderr.contains("spring-2027 was never invited"))
        try sample.issue(["invite", "spring-2027"])
        let cancelled = try sample.issue(["cancel", "spring-2027", "--reason", "Verschoben; neuer Termin folgt."],
                                         environment: ["CONVENE_NOW": "2027-04-08T09:00:00Z"])
        #expect(cancelled.stdout.hasPrefix("Prepared the cancellation of spring-2027 (UID spring-2027@ettlingen.example, SEQUENCE 1, 22 attendees)."))
        let cancel = try sample.file("cancel.ics")
        for expected in ["METHOD:CANCEL\r\n", "SEQUENCE:1\r\n", "STATUS:CANCELLED\r\n", "COMMENT:Verschoben\\; neuer Termin folgt.\r\n",
                         "UID:spring-2027@ettlingen.example\r\n"] {
            #expect(cancel.contains(expected), "\(expected)")
        }
        #expect(cancel.components(separatedBy: "\r\nATTENDEE").count == 23)
        #expect(try sample.file("event.ics").contains("STATUS:CANCELLED\r\n"))
        let mail = try sample.file("mail/bretten-ob.eml")
        #expect(mail.contains("Subject: =?UTF-8?Q?Abgesagt:_Plenum"))
        #expect(calendarPart(of: mail, method: "CANCEL") == cancel)
        // Again: nothing changes.
        let again = try sample.run(["cancel", "spring-2027"], environment: ["CONVENE_NOW": "2027-04-09T09:00:00Z"])
        #expect(again.stdout.hasPrefix("Already cancelled: spring-2027 (UID spring-2027@ettlingen.example, SEQUENCE 1"))
        #expect(try sample.file("cancel.ics") == cancel)
        // Inviting again needs --reinstate and raises SEQUENCE once more.
        let refused = try sample.run(["invite", "spring-2027"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("spring-2027 was cancelled (SEQUENCE 1); to invite again: convene invite spring-2027 --reinstate"))
        let reinstated = try sample.issue(["invite", "spring-2027", "--reinstate"], environment: ["CONVENE_NOW": "2027-04-10T09:00:00Z"])
        #expect(reinstated.status == 0)
        #expect(try sample.file("invite.ics").contains("SEQUENCE:2\r\n"))
        #expect(try sample.file("invite.ics").contains("STATUS:CONFIRMED\r\n"))
    }

    @Test func sendingGoesThroughTheConfiguredCommandAndIsLogged() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        // A sendmail stand-in: keeps each message; refuses Rastatt's OB while the flag file exists.
        let spool = sample.scratch.url.appendingPathComponent("spool").path
        let flag = sample.scratch.url.appendingPathComponent("refuse-rastatt").path
        let script = try sample.scratch.write("fake-sendmail", """
            #!/bin/sh
            message=$(cat)
            if [ -e "\(flag)" ] && printf '%s' "$message" | grep -q '^To: .*<ob@rastatt.example>'; then
              echo "fake-sendmail: recipient refused" >&2
              exit 75
            fi
            mkdir -p "\(spool)"
            printf '%s' "$message" > "\(spool)/$(date +%s%N).eml"
            """)
        #expect(chmod(script, 0o755) == 0)
        #expect(FileManager.default.createFile(atPath: flag, contents: Data()))
        try sample.edit("convene.yaml", "  send_command: /usr/sbin/sendmail -t -i", "  send_command: [\(script), -t]")
        let first = try sample.run(["invite", "spring-2027", "--send"])
        #expect(first.status == 1)
        #expect(first.stdout.contains("Sent 21 messages through \(script) -t."))
        #expect(first.stdout.contains("1 failed (they stay pending; rerun with --send to retry):\n  ob@rastatt.example: \(script) exited with status 75: fake-sendmail: recipient refused\n"))
        #expect(first.stderr == "convene: error: 1 of 22 messages could not be sent (see above and meetings/spring-2027/sent.log)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).count == 21)
        let log = try sample.meetingFile("sent.log")
        #expect(log.contains("\tREQUEST\t0\tob@bretten.example\tsent\t<spring-2027.0.request.bretten-ob@ettlingen.example>\n"))
        #expect(log.contains("\tREQUEST\t0\tob@rastatt.example\tfailed: \(script) exited with status 75: fake-sendmail: recipient refused\t"))

        // The retry sends only the failed message; a third run sends nothing.
        try FileManager.default.removeItem(atPath: flag)
        let retry = try sample.run(["invite", "spring-2027", "--send"])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(retry.stdout.contains("Sent 1 message through \(script) -t; 21 had gone out before (meetings/spring-2027/sent.log)."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).count == 22)
        let third = try sample.run(["invite", "spring-2027"])
        #expect(third.stdout.contains("Nothing new to send: every message went out before"))
        let quiet = try sample.run(["invite", "spring-2027", "--send"])
        #expect(quiet.stdout.contains("Sent 0 messages"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).count == 22)

        // A missing mail program is a failure per message, reported, not a crash.
        try sample.edit("convene.yaml", "  send_command: [\(script), -t]", "  send_command: /nonexistent/sendmail -t")
        #expect(try sample.run(["propose", "spring-2027", "--pick", "2"]).status == 0)
        let missing = try sample.run(["invite", "spring-2027", "--send"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasSuffix("\nconvene: error: convene.yaml: mail.send_command: '/nonexistent/sendmail' not found; install a mail transfer agent that provides sendmail (e.g. msmtp-mta) or set mail.send_command (e.g. msmtp -t); nothing was sent\n"), "\(missing.stderr)")
        #expect(!(try sample.meetingFile("invitation.yaml")).contains("sequence: 1\n"), "nothing went out, so nothing is recorded")
        #expect(!(try sample.meetingFile("sent.log")).contains("SEQUENCE\t1"))
    }

    @Test func aLineBreakInANameCannotInjectHeaders() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        try sample.edit("people.yaml", "name: IT-Leitung Bretten", "name: \"IT-Leitung Bretten\\r\\nBcc: spy@example.org\"")
        let result = try sample.run(["invite", "spring-2027"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("convene: error: people.yaml: cannot write the mail to it-leitung@bretten.example: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: sample.out + "mail/bretten-it.eml"))
    }

    /// A client's answer to invite.ics: METHOD:REPLY, only the answering ATTENDEE, a new DTSTAMP.
    static func reply(to invite: String, from address: String, _ partstat: String, stamp: String) -> String {
        let lines = invite.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").compactMap { line -> String? in
            if line.hasPrefix("METHOD:") { return "METHOD:REPLY" }
            if line.hasPrefix("DTSTAMP:") { return "DTSTAMP:" + stamp }
            if line.hasPrefix("ATTENDEE") {
                guard line.hasSuffix("mailto:" + address) else { return nil }
                return line.replacingOccurrences(of: "PARTSTAT=NEEDS-ACTION", with: "PARTSTAT=" + partstat)
            }
            return line
        }
        return lines.joined(separator: "\r\n")
    }

    @Test func answersAreRecordedAndShownPerTown() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        try sample.issue(["invite", "spring-2027"])
        let invite = try sample.file("invite.ics")
        let accepted = try sample.scratch.write("accepted.ics", Self.reply(to: invite, from: "ob@bretten.example", "ACCEPTED", stamp: "20270402T081500Z"))
        let older = try sample.scratch.write("older.ics", Self.reply(to: invite, from: "ob@bretten.example", "DECLINED", stamp: "20270401T181500Z"))
        // Read on 3 April: a reply stamped more than a day after "now" would be rejected.
        let result = try sample.run(["rsvp", "spring-2027", accepted, older, sample.out + "invite.ics", "-"],
                                    stdin: Data(Self.reply(to: invite, from: "hauptamt@rastatt.example", "TENTATIVE", stamp: "20270403T081500Z").utf8),
                                    environment: ["CONVENE_NOW": "2027-04-03T12:00:00Z"])
        #expect(result.status == 1)
        #expect(result.stdout == """
            recorded  \(accepted): Oberbürgermeister/in Bretten (Bretten): accepted
            older  \(older): Oberbürgermeister/in Bretten (Bretten): declined is older than the answer on record (accepted of 2027-04-02T08:15:00Z); ignored
            recorded  <stdin>: Hauptamtsleitung Rastatt (Rastatt): tentative
            2 answers recorded in meetings/spring-2027/replies.yaml.

            """)
        #expect(result.stderr == "convene: error: \(sample.out)invite.ics: METHOD:REQUEST is not a reply; convene rsvp reads answers (METHOD:REPLY) from attendees\n")
        let status = try sample.run(["status", "spring-2027"])
        #expect(status.status == 0)
        let lines = status.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Bretten ") && $0.contains("Oberbürgermeister/in Bretten") && $0.contains("accepted   02.04.2027 10:15") })
        #expect(lines.contains { $0.contains("Hauptamtsleitung Rastatt") && $0.contains("tentative  03.04.2027 10:15") })
        #expect(lines.last == "22 on the list: 1 accepted, 0 declined, 1 tentative, 0 delegated, 20 no answer")
        let json = try sample.run(["status", "spring-2027", "--format", "json"])
        #expect(json.stdout.contains(#""counts": {"#) && json.stdout.contains(#""no_answer": 20"#))
        let none = try SampleCopy()
        defer { none.cleanup() }
        // Before any invitation, status shows where the meeting stands and what to do next.
        let notInvited = try none.run(["status", "spring-2027"])
        #expect(notInvited.status == 0, "\(notInvited.stderr)")
        #expect(notInvited.stdout.hasPrefix("spring-2027 · Plenum Digital Regional – Frühjahr 2027 — proposed\n"))
        #expect(notInvited.stdout.hasSuffix("Next: convene propose spring-2027 --pick N\n"))
        let notInvitedJSON = try none.run(["status", "spring-2027", "--format", "json"])
        #expect(notInvitedJSON.stdout.contains(#""status": "not-invited""#) && notInvitedJSON.stdout.contains(#""state": "proposed""#))
    }
}

/// Issue 10, part 2: a re-pick after the agenda and the invitation.
@Suite(.serialized) struct RepickTests {
    @Test func aRepickRetimesTheAgendaAndOldAcceptancesNoLongerCount() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        try sample.issue(["invite", "spring-2027"])
        let invite = try sample.file("invite.ics")
        let accepted = try sample.scratch.write("accepted.ics", InviteCommandTests.reply(to: invite, from: "ob@bretten.example", "ACCEPTED", stamp: "20270402T081500Z"))
        #expect(try sample.run(["rsvp", "spring-2027", accepted]).status == 0)

        // Another date: the invitation must carry the agenda timed for it.
        #expect(try sample.run(["propose", "spring-2027", "--pick", "3"]).status == 0)
        let slot = try sample.meetingFile("slot.yaml")
        let start = try #require(slot.split(separator: "\n").first { $0.hasPrefix("start: ") }).dropFirst(7)
        let end = try #require(slot.split(separator: "\n").first { $0.hasPrefix("end: ") }).dropFirst(5)
        let before = try sample.run(["status", "spring-2027"])
        #expect(before.stdout.contains("the invitation still carries the time above: convene invite spring-2027"), "\(before.stdout)")
        // The lifecycle leads: which steps went stale, and what to run.
        let lines = before.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "spring-2027 · Plenum Digital Regional – Frühjahr 2027 — invited")
        #expect(lines.contains { $0.hasPrefix("agenda ") && $0.contains("stale: timed for another slot (convene invite rebuilds it)") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("invited ") && $0.contains("stale: the invitation carries 12.05.2027 12:30–16:00") }, "\(lines)")
        #expect(lines.contains("Next: convene invite spring-2027 --send"))
        let lifecycle = try sample.run(["status", "spring-2027", "--format", "json"])
        #expect(lifecycle.stdout.contains(#""state": "invited""#) && lifecycle.stdout.contains(#""next": "convene invite spring-2027 --send""#))

        let moved = try sample.issue(["invite", "spring-2027"], environment: ["CONVENE_NOW": "2027-04-03T09:00:00Z"])
        #expect(moved.stderr.contains("convene: note: the agenda was timed for another slot; rebuilt it for slot.yaml's (meetings/spring-2027/agenda.yaml)"))
        let agenda = try sample.meetingFile("agenda.yaml")
        #expect(agenda.contains("\"start\": \"\(start)\""), "the agenda starts at the new slot")
        let json = try sample.run(["agenda", "spring-2027", "--format", "json", "--no-save"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.first?["start"] as? String == String(start))
        #expect(items.allSatisfy { ($0["end"] as? String ?? "") <= String(end) }, "no TOP ends after the meeting")
        let event = try sample.file("event.ics")
        let html = event.replacingOccurrences(of: "\r\n ", with: "")
        for item in items where item["kind"] as? String != "break" {
            // The DESCRIPTION's clock times are those of the new agenda (Berlin is UTC+2 in May).
            let startText = try #require(item["start"] as? String)
            let hour = Int(startText.dropFirst(11).prefix(2))! + 2
            #expect(html.contains(String(format: "%02d:%@", hour, String(startText.dropFirst(14).prefix(2)))), "\(startText)")
        }

        // The acceptance was for the old date: shown as such, not counted, and nobody is marked present by it.
        let status = try sample.run(["status", "spring-2027", "--format", "json"])
        #expect(status.stdout.contains(#""accepted": 0"#) && status.stdout.contains(#""earlier_time": 1"#), "\(status.stdout)")
        #expect(status.stdout.contains(#""for_earlier_time": true"#))
        let text = try sample.run(["status", "spring-2027"])
        #expect(text.stdout.contains("accepted for an earlier time"))
        #expect(text.stdout.split(separator: "\n").last == "22 on the list: 0 accepted, 0 declined, 0 tentative, 0 delegated, 21 no answer, 1 answered an earlier time")
        #expect(try sample.run(["minutes", "init", "spring-2027"]).status == 0)
        let minutes = try sample.meetingFile("minutes.yaml")
        #expect(!minutes.contains("\n  bretten-ob: present"))
        #expect(minutes.contains("\n  # bretten-ob: ?"))
    }

    @Test func aHandEditedAgendaForTheOldSlotStopsTheInvitationWithTheCommandThatResolvesIt() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        try sample.edit("meetings/spring-2027/agenda.yaml", "\"title\": \"Begrüßung\"", "\"title\": \"Begrüßung durch den OB\"")
        #expect(try sample.run(["propose", "spring-2027", "--pick", "3"]).status == 0)
        let refused = try sample.run(["invite", "spring-2027"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "convene: error: meetings/spring-2027/agenda.yaml: timed for another slot than slot.yaml's and edited by hand; rebuild it with convene agenda spring-2027 --force (a backup is kept), or correct its times by hand\n")
        #expect(try sample.meetingFile("agenda.yaml").contains("Begrüßung durch den OB"), "a hand edit is never overwritten")
        #expect(!FileManager.default.fileExists(atPath: sample.out + "invite.ics"))
    }
}
