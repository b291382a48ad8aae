import Foundation
import SampleSupport
import Testing

/// Issue 10: one language per output. With `--lang en` (or `language: en` in convene.yaml) the terminal reports
/// print no German date or weekday; German stays the default, byte for byte (propose.txt and the other goldens).
@Suite(.serialized) struct EnglishOutputTests {
    /// A German date (`12.05.2027`) or a German short weekday before one (`Mi 12`).
    static func germanDates(in text: String) -> [String] {
        let pattern = #"\b\d{2}\.\d{2}\.\d{4}\b|\b(Mo|Di|Mi|Do|Fr|Sa|So) \d"#
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    @Test func proposeAndPickInEnglish() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let german = try sample.run(["propose", "spring-2027"])
        let english = try sample.run(["propose", "spring-2027", "--lang", "en"])
        #expect(english.status == 0, "\(english.stderr)")
        try assertSnapshot(english.stdout, named: "propose-en.txt")
        #expect(Self.germanDates(in: english.stdout).isEmpty, "\(Self.germanDates(in: english.stdout))")
        #expect(english.stdout.contains("Mon 19 Apr 2027 – Fri 14 May 2027"), "\(english.stdout)")
        #expect(!Self.germanDates(in: german.stdout).isEmpty)

        // The workspace's language is the default of --lang; --lang wins.
        try sample.edit("convene.yaml", "holiday_region: DE-BW\n", "holiday_region: DE-BW\nlanguage: en\n")
        #expect(try sample.run(["propose", "spring-2027"]).stdout == english.stdout)
        #expect(try sample.run(["propose", "spring-2027", "--lang", "de"]).stdout == german.stdout)

        let picked = try sample.run(["propose", "spring-2027", "--pick", "1"])
        #expect(picked.stdout == "Recorded Wed 12 May 2027 12:30–16:00 for spring-2027 in meetings/spring-2027/slot.yaml.\n")
    }

    /// The heatmap follows --lang as a whole; German stays the default (propose.svg).
    @Test func theHeatmapInEnglish() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let svgPath = sample.scratch.url.appendingPathComponent("heat.svg").path
        let htmlPath = sample.scratch.url.appendingPathComponent("heat.html").path
        #expect(try sample.run(["propose", "spring-2027", "--heatmap", svgPath, "--lang", "en"]).status == 0)
        #expect(try sample.run(["propose", "spring-2027", "--heatmap", htmlPath, "--lang", "en"]).status == 0)
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
        let html = try String(contentsOfFile: htmlPath, encoding: .utf8)
        #expect(svg.contains(">Fri 7 May 2027 (bridge day)<") && svg.contains("% free") && svg.contains(">breaks a hard rule<"), "\(svg.prefix(1500))")
        for german in ["frei", "Brückentag", "Wochenende", "verletzt", "Verfügbarkeit", "Anteil"] {
            #expect(!svg.contains(german), "\(german)")
        }
        #expect(Self.germanDates(in: svg).isEmpty && Self.germanDates(in: html).isEmpty)
        #expect(html.contains("<html lang=\"en\">") && html.contains("<th>Cannot come</th>") && !html.contains("belegt"))
    }

    /// `actions` in English (`--lang en`, or convene.yaml's `language: en`): the Markdown list and the task feed's
    /// descriptions in English with English dates; the terminal table keeps ISO dates in both; German stays the
    /// default byte for byte (actions.md, actions.ics, actions.txt in MinutesCommandTests).
    @Test func actionsInEnglish() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let german = try sample.run(["actions", "--format", "md"])
        let english = try sample.run(["actions", "--format", "md", "--lang", "en"])
        #expect(english.status == 0, "\(english.stderr)")
        try assertSnapshot(english.stdout, named: "actions-en.md")
        #expect(Self.germanDates(in: english.stdout).isEmpty, "\(Self.germanDates(in: english.stdout))")
        #expect(english.stdout.contains("| Wed 31 Mar 2027 (overdue) | open | kickoff, item 2 |"), "\(english.stdout)")
        for word in ["Aufgabe", "Frist", "überfällig", "erledigt", "TOP "] { #expect(!english.stdout.contains(word), "\(word)") }
        let ics = try sample.run(["actions", "--format", "ics", "--lang", "en"]).stdout.replacingOccurrences(of: "\r\n ", with: "")
        #expect(ics.contains("DESCRIPTION:Responsible: ") && ics.contains("From: Auftakttreffen Digital Regional\\, item 2"), "\(ics.prefix(1200))")
        #expect(!ics.contains("Verantwortlich") && !ics.contains("TOP "))
        let table = try sample.run(["actions", "--lang", "en"])
        #expect(Self.germanDates(in: table.stdout).isEmpty && table.stdout.contains("2027-03-31 overdue"))
        // The workspace's language is the default; --lang de wins over it.
        try sample.edit("convene.yaml", "holiday_region: DE-BW\n", "holiday_region: DE-BW\nlanguage: en\n")
        #expect(try sample.run(["actions", "--format", "md"]).stdout == english.stdout)
        #expect(try sample.run(["actions", "--format", "md", "--lang", "de"]).stdout == german.stdout)
        // The other terminal outputs of the follow-up print no German date in English either.
        for command in [["decisions"], ["decisions", "--format", "md"], ["actions", "remind"], ["minutes", "approve", "kickoff"],
                        ["actions", "done", "kickoff-bruchsal-leitfaden-e-akte"], ["decisions", "start", "2026/01"]] {
            let result = try sample.run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(Self.germanDates(in: result.stdout).isEmpty, "\(command): \(Self.germanDates(in: result.stdout))")
        }
    }

    /// `minutes init` in an English workspace: the record's comments, the answers' notes and the Markdown form's
    /// headings and help are English (the keys are the same); both forms read back, and `check` stays clean.
    @Test func theMinutesRecordInEnglish() throws {
        for format in ["yaml", "md"] {
            let sample = try SampleCopy()
            defer { sample.cleanup() }
            try sample.edit("convene.yaml", "holiday_region: DE-BW\n", "holiday_region: DE-BW\nlanguage: en\n")
            #expect(try sample.run(["propose", "spring-2027", "--pick", "1"]).status == 0)
            #expect(try sample.run(["agenda", "spring-2027"]).status == 0)
            let created = try sample.run(["minutes", "init", "spring-2027", "--format", format])
            #expect(created.status == 0, "\(format): \(created.stderr)")
            let record = try String(contentsOfFile: sample.path + "/meetings/spring-2027/minutes.\(format)", encoding: .utf8)
            #expect(record.contains("# Minutes: ") && record.contains("no answer to the invitation"), "\(record.prefix(600))")
            for word in ["Protokoll", "Bitte", "angelegt", "Antwort", "anwesend", "Aufgaben", "Text, oder", "TOP ", "Beschluss", " am "] {
                #expect(!record.contains(word), "\(format): \(word)")
            }
            #expect(Self.germanDates(in: record).isEmpty, "\(format): \(Self.germanDates(in: record))")
            if format == "md" { #expect(record.contains("\n## Item 1: "), "\(record)") }
            let check = try sample.run(["check"])
            #expect(check.status == 0, "\(format): \(check.stderr)")
            let rendered = try sample.run(["minutes", "render", "spring-2027"])
            #expect(rendered.status == 0, "\(format): \(rendered.stderr)")
        }
    }

    @Test func aLanguageConveneDoesNotWriteIsAProblemWithItsLine() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try sample.edit("convene.yaml", "holiday_region: DE-BW\n", "holiday_region: DE-BW\nlanguage: fr\n")
        let check = try sample.run(["check"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("convene.yaml:"), "\(check.stderr)")
        #expect(check.stderr.contains(": language: 'fr' is not a language convene writes (de, en)"), "\(check.stderr)")
    }

    @Test func statusAndInviteSummaryInEnglish() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        let invite = try sample.run(["invite", "spring-2027", "--lang", "en", "--format", "json"])
        #expect(invite.status == 0, "\(invite.stderr)")
        #expect(invite.stdout.contains(#""subject": "Invitation: Plenum Digital Regional – Frühjahr 2027 – Wed 12 May 2027""#), "\(invite.stdout.prefix(2000))")
        #expect(Self.germanDates(in: invite.stdout).isEmpty)
        try sample.issue(["invite", "spring-2027", "--lang", "en"])
        let status = try sample.run(["status", "spring-2027", "--lang", "en"])
        #expect(status.status == 0, "\(status.stderr)")
        try assertSnapshot(status.stdout, named: "status-en.txt")
        #expect(Self.germanDates(in: status.stdout).isEmpty, "\(Self.germanDates(in: status.stdout))")
        #expect(status.stdout.contains("Wednesday, 12 May 2027, 12:30–16:00 · UID spring-2027@ettlingen.example"), "\(status.stdout)")
        let german = try sample.run(["status", "spring-2027"])
        #expect(german.stdout.contains("Mittwoch, 12.05.2027, 12:30–16:00 Uhr · UID"))
        let json = try sample.run(["status", "spring-2027", "--lang", "en", "--format", "json"])
        #expect(json.stdout.contains(#""detail": "12 May 2027 12:30–16:00""#), "\(json.stdout.prefix(1500))")
    }

    /// The poll in English: the mails of `poll start --lang en`, its summary, `poll status` (text, HTML) with
    /// `--lang en` or convene.yaml's `language: en`, the reminders and the close — no German date anywhere.
    @Test func thePollInEnglish() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try sample.useNullMailer()
        let start = try sample.run(["poll", "start", "spring-2027", "--dates", "2027-04-20T12:30", "2027-04-28T08:30", "--deadline", "2027-04-12",
                                    "--lang", "en", "--send"])
        #expect(start.status == 0, "\(start.stderr)")
        #expect(start.stdout.contains("  1       Tue 20 Apr 2027 12:30  \(holdOne)  open"), "\(start.stdout)")
        #expect(Self.germanDates(in: start.stdout).isEmpty, "\(Self.germanDates(in: start.stdout))")
        let mail = try String(contentsOfFile: sample.pollOut + "mail/bretten-ob-1.eml", encoding: .utf8)
        try assertSnapshot(mail, named: "poll-hold-request-bretten-ob-1-en.eml")
        #expect(Self.germanDates(in: mail).isEmpty && !mail.contains(" Uhr"), "\(Self.germanDates(in: mail))")
        let answers = [
            try sample.holdAnswer("a.eml", uid: holdOne, attendee: "ob@ettlingen.example", partstat: "ACCEPTED", stamp: "20270402T080000Z"),
            try sample.holdAnswer("d.eml", uid: holdTwo, attendee: "ob@rastatt.example", partstat: "TENTATIVE", stamp: "20270402T080300Z",
                                  method: "COUNTER", proposed: ("20270421T080000Z", "20270421T113000Z")),
        ]
        #expect(try sample.run(["rsvp", "spring-2027"] + answers).status == 0)

        let german = try sample.run(["poll", "status", "spring-2027"])
        #expect(!Self.germanDates(in: german.stdout).isEmpty, "German stays the default of the grid")
        let text = try sample.run(["poll", "status", "spring-2027", "--lang", "en"])
        #expect(text.status == 0, "\(text.stderr)")
        try assertSnapshot(text.stdout, named: "poll-status-en.txt")
        #expect(Self.germanDates(in: text.stdout).isEmpty, "\(Self.germanDates(in: text.stdout))")
        let html = try sample.run(["poll", "status", "spring-2027", "--format", "html", "--lang", "en"])
        try assertSnapshot(html.stdout, named: "poll-status-en.html")
        #expect(Self.germanDates(in: html.stdout).isEmpty, "\(Self.germanDates(in: html.stdout))")
        try sample.edit("convene.yaml", "holiday_region: DE-BW\n", "holiday_region: DE-BW\nlanguage: en\n")
        #expect(try sample.run(["poll", "status", "spring-2027"]).stdout == text.stdout, "convene.yaml's language is the default")

        let remind = try sample.run(["poll", "remind", "spring-2027"])
        #expect(remind.status == 0, "\(remind.stderr)")
        #expect(Self.germanDates(in: remind.stdout).isEmpty, "\(Self.germanDates(in: remind.stdout))")
        let reminder = try String(contentsOfFile: sample.pollOut + "mail/bretten-ob-reminder-20270401.eml", encoding: .utf8)
        #expect(Self.germanDates(in: reminder).isEmpty && reminder.contains("12 Apr 2027"), "\(Self.germanDates(in: reminder))")
        let close = try sample.run(["poll", "close", "spring-2027", "--pick", "1"])
        #expect(close.status == 0, "\(close.stderr)")
        #expect(Self.germanDates(in: close.stdout).isEmpty, "\(Self.germanDates(in: close.stdout))")
        let cancel = try String(contentsOfFile: sample.pollOut + "mail/bretten-ob-2.eml", encoding: .utf8)
        #expect(Self.germanDates(in: cancel).isEmpty && !cancel.contains(" Uhr"), "\(Self.germanDates(in: cancel))")
    }

    @Test func holidaysInEnglishKeepTheirNamesAndTheirJSON() throws {
        let german = try CLI.run(["holidays", "--year", "2027", "--region", "DE-BW"])
        let english = try CLI.run(["holidays", "--year", "2027", "--region", "DE-BW", "--lang", "en"])
        #expect(english.status == 0, "\(english.stderr)")
        try assertSnapshot(english.stdout, named: "holidays-en.txt")
        #expect(english.stdout.contains("06 May 2027  Thu  Christi Himmelfahrt\n"))
        #expect(german.stdout.contains("06.05.2027  Do  Christi Himmelfahrt\n"))
        #expect(Self.germanDates(in: english.stdout).isEmpty)
        let jsonGerman = try CLI.run(["holidays", "--year", "2027", "--region", "DE-BW", "--format", "json"])
        let jsonEnglish = try CLI.run(["holidays", "--year", "2027", "--region", "DE-BW", "--format", "json", "--lang", "en"])
        #expect(jsonGerman.stdout == jsonEnglish.stdout)
    }
}
