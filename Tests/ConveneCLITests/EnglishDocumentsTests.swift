import Foundation
import SampleSupport
import Testing

/// `--lang en` gives English throughout (issue 15, Build 9): the Tagesordnung and the Niederschrift in English —
/// dates, kinds, headers — never mixed with the German frame; goldens beside the German ones (agenda.md,
/// minutes-kickoff.md). What stays German is the data people wrote (titles, notes, names).
@Suite(.serialized) struct EnglishDocumentsTests {
    /// Words of the German documents' frame that no English document may show.
    static let germanFrame = ["Tagesordnung", "Niederschrift", "Sitzungsleitung", "Schriftführung", "Beschluss Nr", "Abstimmung:",
                              " Uhr", "Frist", "Verantwortlich", "entschuldigt", "anwesend", "Stand", "genehmigt", "Entwurf",
                              "Kaffeepause", "Mittagspause", "Verschiedenes", "Nächster Termin", "Offene Aufgaben", "einstimmig",
                              "Mo ", "Di ", "Mi ", "Do ", "Fr ", ".2027", ".2026"]

    @Test func theAgendaInEnglish() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        #expect(try sample.run(["propose", "spring-2027", "--pick", "1"]).status == 0)
        for (format, golden) in [("md", "agenda-en.md"), ("html", "agenda-en.html")] {
            let result = try sample.run(["agenda", "spring-2027", "--format", format, "--lang", "en", "--no-save"])
            #expect(result.status == 0, "\(result.stderr)")
            try assertSnapshot(result.stdout, named: golden)
            for word in Self.germanFrame { #expect(!result.stdout.contains(word), "the English agenda (\(format)) says \(word)") }
        }
    }

    @Test func theNiederschriftInEnglish() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        #expect(try sample.run(["minutes", "approve", "kickoff", "--at", "spring-2027"]).status == 0)
        for (format, golden) in [("md", "minutes-kickoff-en.md"), ("html", "minutes-kickoff-en.html")] {
            let result = try sample.run(["minutes", "render", "kickoff", "--format", format, "--lang", "en"])
            #expect(result.status == 0, "\(result.stderr)")
            try assertSnapshot(result.stdout, named: golden)
            // The titles and notes of the kickoff were written in German; the frame around them is English.
            let frame = result.stdout.split(separator: "\n").filter { line in
                !["Begrüßung", "Vorstellungsrunde", "OB Ettlingen"].contains { line.contains($0) }
            }.joined(separator: "\n")
            for word in ["Niederschrift", "Sitzungsleitung", "Schriftführung", "Beschluss Nr", "Abstimmung:", " Uhr", "Frist",
                         "entschuldigt", "anwesend", "genehmigt am", "| Stand |", "<th>Stand</th>", "einstimmig", "Unterschriften", "Do 19.11.2026"] {
                #expect(!frame.contains(word), "the English minutes (\(format)) say \(word)")
            }
            #expect(result.stdout.contains("Thu 19 Nov 2026") && result.stdout.contains("approved on 1 Apr 2027"))
        }
    }
}
