import Foundation
import SampleSupport
import Testing

/// The decoded text of a mail's first part of `type` (quoted-printable, as InvitationMail writes the letter).
func letterPart(of eml: String, type: String) -> String? {
    guard let start = eml.range(of: "Content-Type: \(type); charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n") else { return nil }
    let rest = eml[start.upperBound...]
    guard let end = rest.range(of: "\r\n--") else { return nil }
    var bytes: [UInt8] = []
    let encoded = Array(rest[..<end.lowerBound].replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "\r\n", with: "\n").utf8)
    var index = 0
    while index < encoded.count {
        if encoded[index] == UInt8(ascii: "="), index + 2 < encoded.count,
           let byte = UInt8(String(decoding: encoded[index + 1...index + 2], as: UTF8.self), radix: 16) {
            bytes.append(byte)
            index += 3
        } else {
            bytes.append(encoded[index])
            index += 1
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

extension SampleCopy {
    /// The sample with forms of address (issue 15): Bretten's OB with title and office, Bruchsal's OB and her
    /// deputy, Bretten's IT as a function mailbox, and an online link for the spring plenum.
    func addressForms() throws {
        try edit("people.yaml", "    name: Oberbürgermeister/in Bretten\n",
                 "    name: Martin Keller\n    salutation: Herr\n    title: Dr.\n    office: Oberbürgermeister\n")
        try edit("people.yaml", "    name: Oberbürgermeister/in Bruchsal\n",
                 "    name: Anna Vogt\n    salutation: Frau\n    office: Oberbürgermeisterin\n")
        try edit("people.yaml", "    name: Hauptamtsleitung Bruchsal\n",
                 "    name: Sabine Roth\n    salutation: Frau\n    office: Hauptamtsleiterin\n")
        try edit("people.yaml", "    name: IT-Leitung Bretten\n", "    name: IT-Leitung Bretten\n    salutation: none\n")
        try edit("meetings/spring-2027/meeting.yaml", "location: ettlingen-schloss\n",
                 "location: ettlingen-schloss\nonline_url: https://meet.example/digital-regional/fruehjahr-2027\n")
    }
}

@Suite(.serialized) struct LetterTests {
    @Test func lettersAddressPeopleAsATownHallWould() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        try sample.addressForms()
        let first = try sample.run(["invite", "spring-2027"])
        #expect(first.status == 0, "\(first.stderr)")
        let ob = try sample.file("mail/bretten-ob.eml")
        try assertSnapshot(ob, named: "letter-ob-title-office.eml")
        let obText = try #require(letterPart(of: ob, type: "text/plain"))
        try assertSnapshot(obText, named: "letter-ob-title-office.txt")
        try assertSnapshot(try #require(letterPart(of: ob, type: "text/html")), named: "letter-ob-title-office.html")
        #expect(obText.hasPrefix("Sehr geehrter Herr Oberbürgermeister Dr. Keller,\n"))
        #expect(obText.contains("  Online: https://meet.example/digital-regional/fruehjahr-2027\n"))
        #expect(obText.contains("Eine Vertretung ist willkommen. Bitte teilen Sie uns mit, wer kommt."), "Bretten's OB names no deputy")

        let bruchsalOB = try #require(letterPart(of: try sample.file("mail/bruchsal-ob.eml"), type: "text/plain"))
        #expect(bruchsalOB.hasPrefix("Sehr geehrte Frau Oberbürgermeisterin Vogt,\n"))
        #expect(bruchsalOB.contains("Eine Vertretung ist willkommen, etwa Sabine Roth. Bitte teilen Sie uns mit, wer kommt."))
        let deputy = try sample.file("mail/bruchsal-main-office.eml")
        try assertSnapshot(deputy, named: "letter-deputy.eml")
        let deputyText = try #require(letterPart(of: deputy, type: "text/plain"))
        #expect(deputyText.hasPrefix("Sehr geehrte Frau Hauptamtsleiterin Roth,\n"))
        #expect(deputyText.contains("Sie können Anna Vogt vertreten. Bitte teilen Sie uns mit, wer kommt."))
        let mailbox = try sample.file("mail/bretten-it.eml")
        try assertSnapshot(mailbox, named: "letter-function-mailbox.eml")
        #expect(letterPart(of: mailbox, type: "text/plain")?.hasPrefix("Sehr geehrte Damen und Herren,\n") == true)
        // Nothing given: a neutral greeting with the name.
        #expect(letterPart(of: try sample.file("mail/rastatt-ob.eml"), type: "text/plain")?.hasPrefix("Guten Tag Oberbürgermeister/in Rastatt,\n") == true)

        // English throughout: subject, greeting, dates, labels.
        let english = try sample.run(["invite", "spring-2027", "--lang", "en"])
        #expect(english.status == 0, "\(english.stderr)")
        let en = try sample.file("mail/bretten-ob.eml")
        #expect(en.contains("Subject: Invitation: Plenum Digital Regional =?UTF-8?Q?=E2=80=93_Fr=C3=BChjahr?=")
                || en.contains("Subject: =?UTF-8?Q?Invitation:_Plenum"), "\(en.prefix(600))")
        let enText = try #require(letterPart(of: en, type: "text/plain"))
        try assertSnapshot(enText, named: "letter-ob-en.txt")
        #expect(enText.hasPrefix("Dear Dr. Keller,\n"))
        #expect(enText.contains("  When:   Wednesday, 12 May 2027, 12:30–16:00\n"))
        for german in ["Uhr", "Tagesordnung", "Mittwoch", "Sehr geehrte", "Grüßen", "Vertretung"] { #expect(!enText.contains(german), "\(german)") }
    }

    @Test func anUpdateNamesWhatChangedAndAListChangeTellsTheOthersNothing() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        try sample.addressForms()
        try sample.issue(["invite", "spring-2027"])

        // Another time: the update gives the old and the new time, and nothing about place or agenda (retimed only).
        #expect(try sample.run(["propose", "spring-2027", "--pick", "2"]).status == 0)
        try sample.issue(["invite", "spring-2027"], environment: ["CONVENE_NOW": "2027-04-02T09:00:00Z"])
        let update = try sample.file("mail/bretten-ob.eml")
        try assertSnapshot(update, named: "letter-update-ob.eml")
        let text = try #require(letterPart(of: update, type: "text/plain"))
        try assertSnapshot(text, named: "letter-update-ob.txt")
        try assertSnapshot(try #require(letterPart(of: update, type: "text/html")), named: "letter-update-ob.html")
        #expect(text.contains("Der Termin wurde verlegt: statt Mittwoch, 12.05.2027, 12:30 Uhr nun "))
        #expect(!text.contains("Neuer Ort") && !text.contains("Tagesordnung wurde geändert") && !text.contains("Einzelheiten"))

        // Another place: named, and only that.
        try sample.edit("convene.yaml", "    name: Schloss Ettlingen, Asamsaal\n", "    name: Schloss Ettlingen, Epernaysaal\n")
        try sample.issue(["invite", "spring-2027"], environment: ["CONVENE_NOW": "2027-04-03T09:00:00Z"])
        let moved = try #require(letterPart(of: try sample.file("mail/bretten-ob.eml"), type: "text/plain"))
        #expect(moved.contains("Neuer Ort: Schloss Ettlingen, Epernaysaal, Schlossplatz 3, 76275 Ettlingen.\n"))
        #expect(!moved.contains("verlegt") && !moved.contains("Tagesordnung wurde geändert"))

        // One more invitee, nothing else: only the newcomer hears of it.
        try sample.edit("people.yaml", "  - id: bretten-it\n", """
              - id: bretten-digital
                name: Digitalisierung Bretten
                email: digitalisierung@bretten.example
                town: bretten
                role: digital
              - id: bretten-it

            """)
        // A mail convene did not write stays whatever happens.
        try Data("From: someone\r\n\r\nnot convene's\r\n".utf8).write(to: URL(fileURLWithPath: sample.out + "mail/notes.eml"))
        let added = try sample.run(["invite", "spring-2027"], environment: ["CONVENE_NOW": "2027-04-04T09:00:00Z"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Not sent (add --send): 1 message would go out"), "\(added.stdout)")
        #expect(added.stdout.contains("digitalisierung@bretten.example"))
        #expect(!added.stdout.contains("ob@bretten.example"))
        // No mail for those whose meeting did not change; the earlier version's mail leaves mail/, so that nobody
        // sends it again by hand.
        #expect(!FileManager.default.fileExists(atPath: sample.out + "mail/bretten-ob.eml"))
        #expect(added.stdout.contains("of an earlier version for people who get nothing now: ") && added.stdout.contains("mail/bretten-ob.eml"),
                "\(added.stdout)")
        #expect(FileManager.default.fileExists(atPath: sample.out + "mail/notes.eml"))
        #expect(try sample.file("mail/bretten-digital.eml").contains("Subject: =?UTF-8?Q?Einladung:_Plenum"))
        // Recorded as sent, a rerun has nothing to send either.
        #expect(try sample.run(["invite", "spring-2027", "--mark-sent"], environment: ["CONVENE_NOW": "2027-04-04T09:00:00Z"]).status == 0)
        let again = try sample.run(["invite", "spring-2027"], environment: ["CONVENE_NOW": "2027-04-05T09:00:00Z"])
        #expect(again.stdout.hasPrefix("Unchanged: invitation for spring-2027"), "\(again.stdout)")
        #expect(!again.stdout.contains("would go out"), "\(again.stdout)")
    }

    @Test func aBadSalutationIsAProblemWithItsLine() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try sample.edit("people.yaml", "    name: Oberbürgermeister/in Bretten\n", "    name: Oberbürgermeister/in Bretten\n    salutation: Mr\n")
        let check = try sample.run(["check"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("people.yaml:"), "\(check.stderr)")
        #expect(check.stderr.contains("person bretten-ob: salutation must be Herr, Frau or none (a function mailbox), not 'Mr'"), "\(check.stderr)")
    }
}
