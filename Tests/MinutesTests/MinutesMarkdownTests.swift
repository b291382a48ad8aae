import ICalendar
import ConveneCore
import Foundation
import SampleSupport
import Testing
@testable import Minutes

/// minutes.md (issue 15, build 7): read by the same reader as minutes.yaml into the same record.
@Suite struct MinutesMarkdownTests {
    static let twin = packageRoot.appendingPathComponent("Tests/MinutesTests/Fixtures/minutes-kickoff.md")

    /// A copy of the sample whose kickoff minutes are `markdown` (minutes.yaml removed).
    static func sample(markdown: String) throws -> SampleWorkspace {
        let sample = try SampleWorkspace()
        try FileManager.default.removeItem(at: sample.root.appendingPathComponent("meetings/kickoff/minutes.yaml"))
        try sample.write("meetings/kickoff/minutes.md", markdown)
        return sample
    }

    static func problems(_ sample: SampleWorkspace) -> [String] {
        do {
            _ = try Workspace.load(at: sample.root)
            Issue.record("loaded a broken workspace")
            return []
        } catch { return error.problems.map(\.description) }
    }

    @Test func theKickoffTwinIsTheSameRecordAndRendersTheSame() throws {
        let fromYAML = try Workspace.load(at: sampleRoot)
        let sample = try Self.sample(markdown: try String(contentsOf: Self.twin, encoding: .utf8))
        defer { sample.cleanup() }
        let fromMarkdown = try Workspace.load(at: sample.root)
        #expect(fromMarkdown.minutes["kickoff"] == fromYAML.minutes["kickoff"])
        #expect(fromMarkdown.actionItems == fromYAML.actionItems)
        let meeting = try #require(fromYAML.meeting("kickoff"))
        for format in [MinutesTemplates.Format.markdown, .html] {
            for language in [Language.de, .en] {
                let yaml = try MinutesTemplates.render(meeting: meeting, workspace: fromYAML, format: format, language: language)
                let markdown = try MinutesTemplates.render(meeting: meeting, workspace: fromMarkdown, format: format, language: language)
                #expect(yaml == markdown, "\(format) \(language)")
            }
        }
    }

    @Test func aNoteWithColonsStaysANoteInBothForms() throws {
        let yaml = try SampleWorkspace()
        defer { yaml.cleanup() }
        try yaml.write("meetings/kickoff/minutes.yaml", """
            chair: ettlingen-ob
            items:
              - number: "1"
                title: "Haushalt: Stand"
                notes: "Ergebnis: Zustimmung. Frage: wer zahlt? Beschluss: folgt im Herbst."
                decisions:
                  - "Ergebnis: angenommen"
            action_items: []
            """)
        let markdown = try Self.sample(markdown: """
            ---
            chair: ettlingen-ob
            ---
            ## TOP 1: Haushalt: Stand
            Ergebnis: Zustimmung. Frage:
            wer zahlt? Beschluss: folgt im Herbst.
            Beschluss: Ergebnis: angenommen
            """)
        defer { markdown.cleanup() }
        let fromYAML = try #require(try Workspace.load(at: yaml.root).minutes["kickoff"])
        let fromMarkdown = try #require(try Workspace.load(at: markdown.root).minutes["kickoff"])
        #expect(fromMarkdown == fromYAML)
        #expect(fromMarkdown.sections[0].title == "Haushalt: Stand")
        #expect(fromMarkdown.sections[0].notes == "Ergebnis: Zustimmung. Frage: wer zahlt? Beschluss: folgt im Herbst.")
        #expect(fromMarkdown.sections[0].decisions == [Decision(text: "Ergebnis: angenommen")])
    }

    /// `Abstimmung: einstimmig` / `vote: einstimmig` (and `unanimous`): a unanimous vote whose counts were not
    /// recorded — accepted in both forms, the same record, rendered „einstimmig" / "unanimous", and the decisions JSON
    /// says so with null counts (keys only added).
    @Test func aUnanimousVoteWithoutCountsInBothForms() throws {
        let yaml = try SampleWorkspace()
        defer { yaml.cleanup() }
        try yaml.write("meetings/kickoff/minutes.yaml", """
            chair: ettlingen-ob
            items:
              - number: "1"
                title: Haushalt
                decisions:
                  - text: Der Haushalt wird angenommen.
                    vote: einstimmig
                  - text: Der Bericht wird zur Kenntnis genommen.
                    vote: unanimous
                  - text: Gezählt.
                    vote: {for: 7, against: 1, abstain: 0}
            action_items: []
            """)
        let markdown = try Self.sample(markdown: """
            ---
            chair: ettlingen-ob
            ---
            ## TOP 1: Haushalt
            Beschluss: Der Haushalt wird angenommen.
            Abstimmung: einstimmig
            Beschluss: Der Bericht wird zur Kenntnis genommen.
            Abstimmung: Unanimous.
            Beschluss: Gezählt.
            Abstimmung: ja 7, nein 1
            """)
        defer { markdown.cleanup() }
        let fromYAML = try Workspace.load(at: yaml.root)
        let fromMarkdown = try Workspace.load(at: markdown.root)
        let record = try #require(fromMarkdown.minutes["kickoff"])
        #expect(record == fromYAML.minutes["kickoff"])
        #expect(record.sections[0].decisions.map(\.vote) == [.unanimousWithoutCounts, .unanimousWithoutCounts,
                                                               VoteResult(inFavor: 7, against: 1, abstain: 0)])
        let meeting = try #require(fromYAML.meeting("kickoff"))
        for (language, word, counted) in [(Language.de, "einstimmig", "7 Ja, 1 Nein, 0 Enthaltungen"), (.en, "unanimous", "7 in favour, 1 against, 0 abstentions")] {
            for format in [MinutesTemplates.Format.markdown, .html] {
                let text = try MinutesTemplates.render(meeting: meeting, workspace: fromYAML, format: format, language: language)
                #expect(text == (try MinutesTemplates.render(meeting: meeting, workspace: fromMarkdown, format: format, language: language)))
                #expect(text.components(separatedBy: word).count - 1 == 2, "\(language) \(format): \(text)")
                #expect(text.contains(counted) && !text.contains("0 Ja") && !text.contains("0 in favour"), "\(language) \(format)")
            }
        }
        let json = DecisionList(workspace: fromMarkdown, today: LocalDate(iso: "2027-04-01")!).json(workspace: fromMarkdown).rendered()
        #expect(json.contains(#""vote":{"for":null,"against":null,"abstain":null,"unanimous":true}"#), "\(json)")
        #expect(json.contains(#""vote":{"for":7,"against":1,"abstain":0,"unanimous":false}"#), "\(json)")
        #expect(json == DecisionList(workspace: fromYAML, today: LocalDate(iso: "2027-04-01")!).json(workspace: fromYAML).rendered())
    }

    /// Anything else as a scalar vote is an error with its line, in both forms, never quoting it.
    @Test func aVoteThatIsNeitherCountsNorUnanimousIsAnError() throws {
        let yaml = try SampleWorkspace()
        defer { yaml.cleanup() }
        try yaml.write("meetings/kickoff/minutes.yaml", "chair: ettlingen-ob\nitems:\n  - title: A\n    decisions:\n      - text: B\n        vote: mehrheitlich\naction_items: []\n")
        let markdown = try Self.sample(markdown: "---\n---\n## TOP 1: A\nBeschluss: B\nAbstimmung: mehrheitlich\n")
        defer { markdown.cleanup() }
        let yamlProblems = Self.problems(yaml), markdownProblems = Self.problems(markdown)
        #expect(yamlProblems.count == 1 && yamlProblems[0].hasPrefix("meetings/kickoff/minutes.yaml:6: "), "\(yamlProblems)")
        #expect(markdownProblems.count == 1 && markdownProblems[0].hasPrefix("meetings/kickoff/minutes.md:5: "), "\(markdownProblems)")
        for problem in yamlProblems + markdownProblems { #expect(!problem.contains("mehrheitlich") && problem.contains("einstimmig"), "\(problem)") }
    }

    @Test func paragraphsAndCommentsFoldAsYAMLDoes() throws {
        let sample = try Self.sample(markdown: """
            ---
            ---
            # Niederschrift
            <!-- Hinweis
                 über zwei Zeilen -->
            ## Ohne Nummer
            Erster Absatz,
            weiter.

            Zweiter Absatz.
            ## Item 2: English
            Decision [ettlingen, due 2027-03-31]: Done
            Vote: yes 5, no 1
            Action [bretten, bretten-it, id md-a1, status in-progress, item 9]: Do it
            """)
        defer { sample.cleanup() }
        let workspace = try Workspace.load(at: sample.root)
        let record = try #require(workspace.minutes["kickoff"])
        #expect(record.sections.map(\.number) == [nil, "2"])
        #expect(record.sections[0].title == "Ohne Nummer")
        #expect(record.sections[0].notes == "Erster Absatz, weiter.\nZweiter Absatz.")
        #expect(record.sections[1].decisions == [Decision(text: "Done", vote: VoteResult(inFavor: 5, against: 1, abstain: 0), town: "ettlingen",
                                                          due: LocalDate(iso: "2027-03-31"))])
        let action = try #require(workspace.actionItems.first { $0.id == "md-a1" })
        #expect(action == ActionItem(id: "md-a1", title: "Do it", town: "bretten", responsible: "bretten-it", status: .inProgress, item: "9",
                                     meeting: "kickoff"))
    }

    @Test func problemsNameTheMarkdownLineAndNeverQuoteTheText() throws {
        let sample = try Self.sample(markdown: """
            ---
            chair: niemand
            ---
            Geheimer Vorspann
            ## TOP 1: Vertraulich
            Abstimmung: ja 3
            Beschluss: Geheimer Beschluss
            Abstimmung: ja viele
            Aufgabe [bretten, due 2027-13-01]: Geheime Aufgabe ohne Kennung
            Aufgabe [gibtsnicht, id md-x]: Geheime Aufgabe
            Beschluss [bretten, farbe rot]: Geheim
            Aufgabe:
            Aufgabe [bretten, id md-y] Geheim ohne Doppelpunkt
            Aufgabe der Stadt ist es, Geheimes zu klären.
            """)
        defer { sample.cleanup() }
        let expected = [
            "meetings/kickoff/minutes.md:4: text before the first agenda item; start each item with a heading '## TOP n: Titel'",
            "meetings/kickoff/minutes.md:6: a vote ('Abstimmung:') belongs below the decision ('Beschluss:') it was taken on",
            "meetings/kickoff/minutes.md:8: a vote is written 'ja 9, nein 0, Enthaltung 1' (or 'for 9, against 0, abstain 1'), whole numbers up to 10000, or 'einstimmig'",
            "meetings/kickoff/minutes.md:11: an attribute in brackets is 'KEY VALUE' with KEY one of due, id, item, responsible, status, town",
            "meetings/kickoff/minutes.md:12: nothing follows 'Aufgabe:'",
            "meetings/kickoff/minutes.md:13: write 'Aufgabe [attributes]: text' (the ']' or the ':' after it is missing)",
        ]
        let problems = Self.problems(sample)
        #expect(problems == expected)
        #expect(!problems.joined().contains("Geheim"))

        // Structure right, values wrong: the YAML reader's messages, at the Markdown line.
        let values = try Self.sample(markdown: """
            ---
            chair: niemand
            ---
            ## TOP 1: Vertraulich
            Beschluss [bretten, due 2027-13-01]: Geheim
            Aufgabe [bretten, due 2027-02-01]: Geheime Aufgabe ohne Kennung
            Aufgabe [gibtsnicht, id md-x]: Geheime Aufgabe
            """)
        defer { values.cleanup() }
        let valueProblems = Self.problems(values)
        #expect(valueProblems == [
            "meetings/kickoff/minutes.md:2: minutes of kickoff.chair: unknown person 'niemand'",
            "meetings/kickoff/minutes.md:5: minutes of kickoff: item 1.decisions: decision: due '2027-13-01' is not a date like 2027-04-28",
            "meetings/kickoff/minutes.md:6: action item: 'id' is missing",
            "meetings/kickoff/minutes.md:7: action item md-x: unknown town 'gibtsnicht' (towns: \(try Workspace.load(at: sampleRoot).towns.map(\.id).joined(separator: ", ")))",
        ], "\(valueProblems)")
        #expect(!valueProblems.joined().contains("Geheim"))

        let unclosed = try Self.sample(markdown: "---\nchair: ettlingen-ob\n## TOP 1: Offen\n")
        defer { unclosed.cleanup() }
        #expect(Self.problems(unclosed) == ["meetings/kickoff/minutes.md:1: the front matter opened by '---' is never closed by a line '---'"])
        let items = try Self.sample(markdown: "---\nchair: ettlingen-ob\nitems: []\n---\n## TOP 1: Offen\n")
        defer { items.cleanup() }
        #expect(Self.problems(items) == ["meetings/kickoff/minutes.md:3: the Markdown form has no items: key; each agenda item is a heading '## TOP n: Titel'"])
    }

    @Test func bothFormsAtOnceIsAnError() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        try sample.write("meetings/kickoff/minutes.md", try String(contentsOf: Self.twin, encoding: .utf8))
        #expect(Self.problems(sample).contains(
            "meetings/kickoff/minutes.md:1: the minutes are written twice, here and in meetings/kickoff/minutes.yaml; keep one of the two files"))
    }
}
