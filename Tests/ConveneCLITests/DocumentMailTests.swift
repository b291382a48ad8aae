import Foundation
import SampleSupport
import Testing

/// Mail that carries documents (issue 15, Build 4 and 8): `invite --attach-agenda`, `minutes send` and
/// `actions remind` — through the send log and lock of the invitations. The end-to-end run through a real SMTP
/// server is Tests/CrossCheck/test_document_mail.py.
@Suite(.serialized) struct DocumentMailTests {
    @Test func anUnapprovedNiederschriftNeverGoesToEveryone() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let refused = try sample.run(["minutes", "send", "kickoff", "--send"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "convene: error: meetings/kickoff/minutes.yaml: not approved yet, so it does not go to everyone; approve it first "
                + "(convene minutes approve kickoff --at NEXT-MEETING), or send the draft to the chair: convene minutes send kickoff --draft\n")
        #expect(!FileManager.default.fileExists(atPath: sample.path + "/meetings/kickoff/out/minutes"))
        #expect(!FileManager.default.fileExists(atPath: sample.path + "/meetings/kickoff/sent.log"))

        #expect(try sample.run(["minutes", "approve", "kickoff", "--at", "spring-2027"]).status == 0)
        let draft = try sample.run(["minutes", "send", "kickoff", "--draft"])
        #expect(draft.status == 1)
        #expect(draft.stderr == "convene: error: meetings/kickoff/minutes.yaml: approved already, so there is no draft to review; "
                + "send the Niederschrift to everyone: convene minutes send kickoff\n")

        // Changed by hand after the approval: approve again first.
        try sample.edit("meetings/kickoff/minutes.yaml", "OB Ettlingen begrüßt", "OB Ettlingen begrüßt herzlich")
        let changed = try sample.run(["minutes", "send", "kickoff"])
        #expect(changed.stderr == "convene: error: meetings/kickoff/minutes.yaml: changed since its approval without a logged change; "
                + "approve it again first: convene minutes approve kickoff --force\n")

        let none = try sample.run(["minutes", "send", "spring-2027", "--draft"])
        #expect(none.stderr == "convene: error: meetings/spring-2027/minutes.yaml: no minutes to send; create the record with: convene minutes init spring-2027\n")
    }

    @Test func theDraftGoesToTheChairAndTheApprovedNiederschriftToEveryInvitee() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try sample.useNullMailer()
        let draft = try sample.run(["minutes", "send", "kickoff", "--draft", "--send"])
        #expect(draft.status == 0, "\(draft.stderr)")
        #expect(draft.stdout.hasPrefix("Sent the draft minutes of kickoff for the chair: 1 message.\n"
                                       + "Files in meetings/kickoff/out/minutes: Niederschrift-Entwurf.pdf, mail/\nSent 1 message through "), "\(draft.stdout)")
        let mail = try String(contentsOfFile: sample.path + "/meetings/kickoff/out/minutes/mail/ettlingen-ob-draft.eml", encoding: .utf8)
        #expect(mail.contains("<ob@ettlingen.example>\r\n"))
        #expect(mail.contains("Content-Type: application/pdf; name=Niederschrift-Entwurf.pdf\r\n"))
        #expect(mail.contains("Content-Disposition: attachment; filename=\"Niederschrift-Entwurf.pdf\"\r\n"))
        #expect(mail.contains("Content-Type: multipart/mixed;"))

        #expect(try sample.run(["minutes", "approve", "kickoff", "--at", "spring-2027"]).status == 0)
        let dry = try sample.run(["minutes", "send", "kickoff"])
        #expect(dry.status == 0, "\(dry.stderr)")
        // The null mailer lives in the test's scratch folder.
        try assertSnapshot(dry.stdout.replacingOccurrences(of: sample.scratch.url.path, with: "SCRATCH"), named: "minutes-send.txt")
        let sent = try sample.run(["minutes", "send", "kickoff", "--send", "--format", "json"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(sent.stdout.utf8)) as? [String: Any])
        let messages = try #require(summary["messages"] as? [[String: Any]])
        #expect(messages.count == 22)
        #expect(Set(messages.map { $0["status"] as? String }) == ["sent"])
        #expect(summary["files"] as? [String] == ["Niederschrift.pdf"])
        let log = try String(contentsOfFile: sample.path + "/meetings/kickoff/sent.log", encoding: .utf8)
        #expect(log.split(separator: "\n").filter { $0.contains("\tMINUTES\t0\t") && $0.contains("\tsent\t") }.count == 22)
        #expect(log.split(separator: "\n").filter { $0.contains("\tMINUTES-DRAFT\t0\tob@ettlingen.example\tsent\t") }.count == 1)
        // Nothing changed: nothing new to send.
        let again = try sample.run(["minutes", "send", "kickoff", "--send"])
        #expect(again.stdout.contains("Sent 0 messages through") && again.stdout.contains("22 had gone out before"), "\(again.stdout)")
    }

    @Test func oneReminderPerResponsiblePersonWithTheirItems() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let dry = try sample.run(["actions", "remind"])
        #expect(dry.status == 0, "\(dry.stderr)")
        try assertSnapshot(dry.stdout, named: "actions-remind.txt")
        #expect(!FileManager.default.fileExists(atPath: sample.path + "/meetings/spring-2027/sent.log"), "a dry run records nothing")
        let folder = sample.path + "/meetings/spring-2027/out/reminders/mail/"
        try assertSnapshot(try String(contentsOfFile: folder + "bruchsal-digital-20270401.eml", encoding: .utf8), named: "actions-remind-bruchsal-digital.eml")

        // Every pending item of `convene actions` is in exactly one mail: its responsible person's.
        let list = try sample.run(["actions", "--format", "json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let pending = items.filter { ["open", "in-progress"].contains($0["status"] as? String) }
        #expect(!pending.isEmpty)
        for item in pending {
            let person = try #require(item["responsible"] as? String)
            let mail = try String(contentsOfFile: folder + "\(person)-20270401.eml", encoding: .utf8)
            let title = try #require(item["title"] as? String)
            #expect(plainText(mail).contains(title), "\(person)'s reminder lacks \(title)")
        }
        for item in items where !pending.contains(where: { $0["id"] as? String == item["id"] as? String }) {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            for file in files {
                let title = try #require(item["title"] as? String)
                #expect(!plainText(try String(contentsOfFile: folder + file, encoding: .utf8)).contains(title), "\(file) reminds of a finished item")
            }
        }

        // English, one town only.
        let english = try sample.run(["actions", "remind", "--town", "bruchsal", "--lang", "en"])
        #expect(english.status == 0, "\(english.stderr)")
        #expect(english.stdout.contains("1 message would go out") && english.stdout.contains("digitalisierung@bruchsal.example"), "\(english.stdout)")
        let text = plainText(try String(contentsOfFile: folder + "bruchsal-digital-20270401.eml", encoding: .utf8))
        #expect(text.contains("due 31 Mar 2027 (overdue)") && text.contains("Kind regards"), "\(text)")
        for german in ["Frist", "offen", "Grüßen", "Sitzung"] { #expect(!text.contains(german), "English reminder says \(german)") }

        try sample.useNullMailer()
        let sent = try sample.run(["actions", "remind", "--send"])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("Sent 7 messages through"), "\(sent.stdout)")
        let again = try sample.run(["actions", "remind", "--send"])
        #expect(again.stdout.contains("Sent 0 messages through") && again.stdout.contains("7 had gone out before"), "\(again.stdout)")
        let nextDay = try sample.run(["actions", "remind", "--send"], environment: ["CONVENE_NOW": "2027-04-02T09:00:00Z"])
        #expect(nextDay.stdout.contains("Sent 7 messages through"), "a new day, a new reminder: \(nextDay.stdout)")
    }

    /// Decisions with a due date go to their town's contact (head of main office, else OB) — in the same mail as the
    /// contact's own open items; a decision without a town reaches nobody and the summary names it; done decisions
    /// and decisions without a due date are not reminded of.
    @Test func decisionsDueGoToTheirTownsContactInTheSameMail() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        // The sample: 2026/02 (Ettlingen, due 31.03.2027, in progress) is due; 2026/01 has neither town nor due date,
        // 2026/03 is done. Ettlingen's main office has no open item of its own: a mail with the decision alone.
        let dry = try sample.run(["actions", "remind"])
        #expect(dry.status == 0, "\(dry.stderr)")
        let folder = sample.path + "/meetings/spring-2027/out/reminders/mail/"
        let ettlingen = try String(contentsOfFile: folder + "ettlingen-main-office-20270401.eml", encoding: .utf8)
        try assertSnapshot(ettlingen, named: "actions-remind-ettlingen-main-office.eml")
        let decisionText = "Die Geschäftsordnung wird im Grundsatz angenommen; Ettlingen formuliert sie aus."
        #expect(plainText(ettlingen).contains("Beschluss Nr. 2026/02: \(decisionText)"), "\(plainText(ettlingen))")
        #expect(plainText(ettlingen).contains("an den Beschluss, für dessen Umsetzung Ettlingen verantwortlich ist:"))
        #expect(ettlingen.contains("Subject: =?UTF-8?Q?Erinnerung:_f=C3=A4llige_Beschl=C3=BCsse"), "\(ettlingen.prefix(700))")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file != "ettlingen-main-office-20270401.eml" {
            let text = plainText(try String(contentsOfFile: folder + file, encoding: .utf8))
            #expect(!text.contains("Beschluss"), "\(file) carries a decision")
        }
        #expect(rows(dry.stdout).contains("hauptamt@ettlingen.example 1 decision, 1 overdue mail/ettlingen-main-office-20270401.eml"), "\(dry.stdout)")

        // Baden-Baden's head of main office has an open item of her own: a decision of Baden-Baden joins it in one
        // mail. 2026/01 gets a due date but stays without a town: the network's, reminded to nobody.
        let minutes = "meetings/kickoff/minutes.yaml"
        try sample.edit(minutes, "      - Jede Stadt berichtet in den Plenarsitzungen reihum über ihr Schwerpunktprojekt.\n",
                        "      - text: Jede Stadt berichtet in den Plenarsitzungen reihum über ihr Schwerpunktprojekt.\n        due: 2027-05-31\n")
        try sample.edit(minutes, "        town: ettlingen\n    action_items:\n      - id: kickoff-ettlingen-termin-fruehjahr\n",
                        "        town: ettlingen\n      - text: Baden-Baden legt ein Open-Data-Konzept vor.\n        vote: einstimmig\n"
                        + "        town: baden-baden\n        due: 2027-04-30\n    action_items:\n      - id: kickoff-ettlingen-termin-fruehjahr\n")
        let both = try sample.run(["actions", "remind", "--format", "json"])
        #expect(both.status == 0, "\(both.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [String: Any])
        #expect(summary["unassigned_decisions"] as? [String] == ["2026/01"], "\(both.stdout)")
        let text = try sample.run(["actions", "remind"]).stdout
        #expect(text.contains("Not reminded of decision 2026/01: no responsible town (town: in the minutes); convene decisions lists it as due."), "\(text)")
        #expect(rows(text).contains("hauptamt@baden-baden.example 1 item, 1 decision mail/baden-baden-main-office-20270401.eml"), "\(text)")
        let mail = try String(contentsOfFile: folder + "baden-baden-main-office-20270401.eml", encoding: .utf8)
        try assertSnapshot(mail, named: "actions-remind-baden-baden-main-office.eml")
        let letter = plainText(mail)
        #expect(letter.contains("Lizenzfragen für offene Daten klären"), "\(letter)")
        #expect(letter.contains("Beschluss Nr. 2026/04: Baden-Baden legt ein Open-Data-Konzept vor.\n    Baden-Baden · offen · Frist 30.04.2027\n"), "\(letter)")
        #expect(letter.contains("erinnern wir an die offene Aufgabe,\nfür die Sie verantwortlich sind, und an den Beschluss, für dessen Umsetzung Baden-Baden verantwortlich ist:"), "\(letter)")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let other = plainText(try String(contentsOfFile: folder + file, encoding: .utf8))
            #expect(!other.contains("Jede Stadt berichtet"), "\(file): the network's decision goes to nobody")
            if !file.hasPrefix("baden-baden-main-office") { #expect(!other.contains("Open-Data-Konzept"), "\(file)") }
        }
        // English: the same mail, the decision's words in English.
        #expect(try sample.run(["actions", "remind", "--town", "baden-baden", "--lang", "en"]).status == 0)
        let english = plainText(try String(contentsOfFile: folder + "baden-baden-main-office-20270401.eml", encoding: .utf8))
        #expect(english.contains("Decision no. 2026/04: Baden-Baden legt ein Open-Data-Konzept vor.\n    Baden-Baden · open · due 30 Apr 2027\n"), "\(english)")
        #expect(english.contains("and of the decision Baden-Baden is responsible for carrying out:"), "\(english)")
        #expect(EnglishOutputTests.germanDates(in: english).isEmpty, "\(english)")
    }

    @Test func theInvitationCarriesTheTagesordnungAsPDF() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        #expect(try sample.run(["propose", "spring-2027", "--pick", "1"]).status == 0)
        #expect(try sample.run(["agenda", "spring-2027"]).status == 0)
        let result = try sample.run(["invite", "spring-2027", "--attach-agenda"])
        #expect(result.status == 0, "\(result.stderr)")
        let mail = try String(contentsOfFile: sample.path + "/meetings/spring-2027/out/mail/bretten-ob.eml", encoding: .utf8)
        #expect(mail.contains("Content-Type: text/calendar; charset=UTF-8; method=REQUEST\r\n"))
        #expect(mail.contains("Content-Type: application/pdf; name=Tagesordnung.pdf\r\n"))
        // Without the flag the mail is as before: no PDF.
        #expect(try sample.run(["invite", "spring-2027"]).status == 0)
        let plain = try String(contentsOfFile: sample.path + "/meetings/spring-2027/out/mail/bretten-ob.eml", encoding: .utf8)
        #expect(!plain.contains("application/pdf"))

        // A Tagesordnung that differs from the stored agenda is not attached.
        try sample.edit("meetings/spring-2027/meeting.yaml", "  min_town_share: 1.0\n", "  min_town_share: 1.0\nagenda:\n  exclude: [bericht-e-akte-bauamt]\n")
        let stale = try sample.run(["invite", "spring-2027", "--attach-agenda"])
        #expect(stale.status == 1)
        #expect(stale.stderr.hasPrefix("convene: error: meetings/spring-2027/agenda.yaml: differs from the Tagesordnung convene builds now"), "\(stale.stderr)")
    }
}

/// The letter of a mail, decoded (`letterPart` of LetterTests.swift), for looking for titles.
/// The lines of a summary with their runs of spaces collapsed (a table's column widths left out).
private func rows(_ text: String) -> [String] {
    text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
}

private func plainText(_ mail: String) -> String { letterPart(of: mail, type: "text/plain") ?? "" }
