import Foundation

/// The Markdown form of the minutes, `meetings/<id>/minutes.md`, turned into the YAML form so that one reader
/// (`TopicLoader.readMinutes`) makes the same `MinutesRecord` of either.
///
/// ```markdown
/// ---
/// chair: ettlingen-ob
/// minute_taker: ettlingen-main-office
/// attendance:
///   ettlingen-ob: present
/// action_items: []          # items not tied to a TOP, as in minutes.yaml
/// ---
/// ## TOP 3: Geschäftsordnung
/// Der Entwurf wird besprochen. Ergebnis: Zustimmung im Grundsatz.
///
/// Beschluss [ettlingen, due 2027-03-31]: Die Geschäftsordnung wird angenommen.
/// Abstimmung: ja 9, nein 0, Enthaltung 0
/// Aufgabe [ettlingen, ettlingen-main-office, due 2027-01-31, id kickoff-ettlingen-go]: Geschäftsordnung ausformulieren
/// ```
///
/// The front matter is YAML with the top-level keys of minutes.yaml except `items`. Each `## TOP n: Titel`
/// (or `## Titel` without a number; `## Item n: Title` in English) starts an item; below it, lines starting with
/// `Beschluss:`/`Decision:`, `Abstimmung:`/`Vote:` (the vote on the decision above: `ja 9, nein 0, Enthaltung 1`,
/// `for 9, against 0, abstain 1`, or `einstimmig`/`unanimous` without counts) and `Aufgabe:`/`Action:` are decisions, votes and action items; every other line
/// is the item's notes (lines of a paragraph joined by a space, paragraphs by a line break, as YAML's `>-` folds
/// them), so a note with „Ergebnis: …" or any other colon stays a note. The bracket after `Beschluss` and
/// `Aufgabe` holds comma-separated attributes: `due DATE` (`fällig`), `id ID`, `status S`, `responsible PERSON`
/// (`verantwortlich`), `town TOWN` (`stadt`), `item N` (`top`); a bare first word is the town, a bare second the
/// responsible person. `# ` headings and `<!-- … -->` comments are ignored.
struct MinutesMarkdown {
    /// The YAML text equivalent to the Markdown file.
    private(set) var yaml: [String] = []
    /// For each YAML line, the Markdown line it came from.
    private(set) var sourceLines: [Int] = []
    /// Problems of the Markdown structure (the YAML reader reports the rest).
    private(set) var problems: [WorkspaceProblem] = []

    private let file: String

    private struct Decision {
        var line: Int
        var text: String
        var attributes: [(key: String, value: String)]
        /// The line of the vote and its YAML value.
        var vote: (line: Int, yaml: String)?
    }
    private struct Action {
        var line: Int
        var title: String
        var attributes: [(key: String, value: String)]
    }
    private struct Section {
        var line: Int
        var number: String?
        var title: String
        var paragraphs: [[String]] = [[]]
        var notesLine: Int?
        var decisions: [Decision] = []
        var actions: [Action] = []
    }

    private static let decisionWords = ["beschluss", "decision"]
    private static let voteWords = ["abstimmung", "vote"]
    private static let actionWords = ["aufgabe", "action"]
    private static let voteKeys: [String: String] = ["ja": "for", "for": "for", "yes": "for", "dafür": "for",
                                                     "nein": "against", "against": "against", "no": "against", "dagegen": "against",
                                                     "enthaltung": "abstain", "enthaltungen": "abstain", "abstain": "abstain",
                                                     "abstentions": "abstain"]
    private static let attributeKeys: [String: String] = ["due": "due", "fällig": "due", "id": "id", "status": "status",
                                                          "responsible": "responsible", "verantwortlich": "responsible",
                                                          "town": "town", "stadt": "town", "item": "item", "top": "item"]

    init(file: String, text: String) {
        self.file = file
        var lines = text.components(separatedBy: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        if lines.last == "" { lines.removeLast() }
        var index = 0
        // Front matter: copied line for line (the `---` lines blanked), so YAML lines are Markdown lines.
        if lines.first?.trimmingCharacters(in: .whitespaces) == "---" {
            guard let end = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" }) else {
                problems.append(WorkspaceProblem(file: file, line: 1, "the front matter opened by '---' is never closed by a line '---'"))
                return
            }
            for number in 0...end {
                let line = lines[number]
                if number > 0 && number < end, line.hasPrefix("items:") || line.hasPrefix("items :") {
                    problems.append(WorkspaceProblem(file: file, line: number + 1,
                                                     "the Markdown form has no items: key; each agenda item is a heading '## TOP n: Titel'"))
                }
                emit(number == 0 || number == end ? "" : line, from: number + 1)
            }
            index = end + 1
        }
        var sections: [Section] = []
        var inComment = false
        while index < lines.count {
            let number = index + 1
            var line = lines[index].trimmingCharacters(in: .whitespaces)
            index += 1
            if inComment || line.hasPrefix("<!--") {
                if let close = line.range(of: "-->") {
                    inComment = false
                    line = String(line[close.upperBound...]).trimmingCharacters(in: .whitespaces)
                    if line.isEmpty { continue }
                } else {
                    inComment = true
                    continue
                }
            }
            if line.hasPrefix("## ") {
                sections.append(Self.heading(String(line.dropFirst(3)), line: number))
                continue
            }
            if line.hasPrefix("# ") || (line.isEmpty && sections.isEmpty) { continue }
            guard !sections.isEmpty else {
                problems.append(WorkspaceProblem(file: file, line: number, "text before the first agenda item; start each item with a heading '## TOP n: Titel'"))
                continue
            }
            let last = sections.count - 1
            if line.isEmpty {
                if sections[last].paragraphs.last?.isEmpty == false { sections[last].paragraphs.append([]) }
                continue
            }
            if let (word, attributes, rest) = keywordLine(line, line: number) {
                switch word {
                case let w where Self.decisionWords.contains(w):
                    sections[last].decisions.append(Decision(line: number, text: rest, attributes: attributes))
                case let w where Self.voteWords.contains(w):
                    guard !sections[last].decisions.isEmpty else {
                        problems.append(WorkspaceProblem(file: file, line: number, "a vote ('Abstimmung:') belongs below the decision ('Beschluss:') it was taken on"))
                        continue
                    }
                    if !attributes.isEmpty {
                        problems.append(WorkspaceProblem(file: file, line: number, "a vote takes no attributes in brackets"))
                    }
                    if sections[last].decisions[sections[last].decisions.count - 1].vote != nil {
                        problems.append(WorkspaceProblem(file: file, line: number, "the decision above has a vote already"))
                    } else if let vote = vote(rest, line: number) {
                        sections[last].decisions[sections[last].decisions.count - 1].vote = (number, vote)
                    }
                default:
                    sections[last].actions.append(Action(line: number, title: rest, attributes: attributes))
                }
                continue
            }
            if sections[last].notesLine == nil { sections[last].notesLine = number }
            sections[last].paragraphs[sections[last].paragraphs.count - 1].append(line)
        }
        if inComment { problems.append(WorkspaceProblem(file: file, line: lines.count, "a comment '<!--' is never closed by '-->'")) }
        emit("items:" + (sections.isEmpty ? " []" : ""), from: sections.first?.line ?? max(lines.count, 1))
        for section in sections { emit(section) }
    }

    // MARK: Lines

    /// `TOP 3: Titel`, `Item 3: Title` or just `Titel`.
    private static func heading(_ text: String, line: Int) -> Section {
        let text = text.trimmingCharacters(in: .whitespaces)
        for word in ["TOP ", "Item "] where text.hasPrefix(word) {
            let rest = text.dropFirst(word.count)
            guard let colon = rest.firstIndex(of: ":") else { continue }
            let number = rest[..<colon].trimmingCharacters(in: .whitespaces)
            guard !number.isEmpty, !number.contains(" ") else { continue }
            let title = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return Section(line: line, number: number, title: title)
        }
        return Section(line: line, number: nil, title: text)
    }

    /// A line `Beschluss: …`, `Aufgabe [attributes]: …`, `Abstimmung: …` (case-insensitive keyword); nil for a note.
    private mutating func keywordLine(_ text: String, line: Int) -> (String, [(key: String, value: String)], String)? {
        let wordEnd = text.firstIndex { !$0.isLetter } ?? text.endIndex
        let word = text[..<wordEnd].lowercased()
        guard Self.decisionWords.contains(word) || Self.voteWords.contains(word) || Self.actionWords.contains(word) else { return nil }
        var rest = text[wordEnd...].drop { $0 == " " }
        var attributes: [(key: String, value: String)] = []
        if rest.first == "[" {
            // A keyword with a bracket is meant as a decision or action item: a broken one is an error, not a note.
            guard let close = rest.firstIndex(of: "]"),
                  rest[rest.index(after: close)...].drop(while: { $0 == " " }).first == ":" else {
                problems.append(WorkspaceProblem(file: file, line: line, "write '\(text[..<wordEnd]) [attributes]: text' (the ']' or the ':' after it is missing)"))
                return nil
            }
            let inside = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...].drop { $0 == " " }
            var bare = 0
            for part in inside.split(separator: ",") {
                let words = part.split(separator: " ").map(String.init)
                if words.count == 1 {
                    bare += 1
                    guard bare <= 2 else {
                        problems.append(WorkspaceProblem(file: file, line: line, "in brackets only the town and the responsible person may stand alone; write 'due DATE', 'id ID', 'status S'"))
                        continue
                    }
                    attributes.append((bare == 1 ? "town" : "responsible", words[0]))
                } else if words.count == 2, let key = Self.attributeKeys[words[0].lowercased()] {
                    attributes.append((key, words[1]))
                } else {
                    let known = Set(Self.attributeKeys.values).sorted().joined(separator: ", ")
                    problems.append(WorkspaceProblem(file: file, line: line, "an attribute in brackets is 'KEY VALUE' with KEY one of \(known)"))
                }
            }
        }
        guard rest.first == ":" else { return nil }
        let body = rest.dropFirst().trimmingCharacters(in: .whitespaces)
        if body.isEmpty { problems.append(WorkspaceProblem(file: file, line: line, "nothing follows '\(text[..<wordEnd]):'")) }
        return (word, attributes, body)
    }

    /// `ja 9, nein 0, Enthaltung 1` (or `for 9, against 0, abstain 1`; a count left out is 0), or `einstimmig`
    /// (`unanimous`: the counts not recorded) — as the YAML value of `vote:`.
    private mutating func vote(_ text: String, line: Int) -> String? {
        let word = text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: ".")).lowercased()
        if VoteResult.unanimousWords.contains(word) { return "einstimmig" }
        var counts: [String: Int] = [:]
        for part in text.split(separator: ",") {
            let words = part.split(separator: " ")
            guard words.count == 2, let key = Self.voteKeys[words[0].lowercased()], let count = Int(words[1]),
                  (0...10_000).contains(count) else {
                problems.append(WorkspaceProblem(file: file, line: line, "a vote is written 'ja 9, nein 0, Enthaltung 1' (or 'for 9, against 0, abstain 1'), whole numbers up to 10000, or 'einstimmig'"))
                return nil
            }
            if counts[key] != nil {
                problems.append(WorkspaceProblem(file: file, line: line, "the vote names '\(key)' twice"))
                return nil
            }
            counts[key] = count
        }
        return "{for: \(counts["for"] ?? 0), against: \(counts["against"] ?? 0), abstain: \(counts["abstain"] ?? 0)}"
    }

    // MARK: YAML

    private mutating func emit(_ text: String, from line: Int) {
        yaml.append(text)
        sourceLines.append(line)
    }

    private mutating func emit(_ section: Section) {
        emit("  - title: \(JSON.quote(section.title))", from: section.line)
        if let number = section.number { emit("    number: \(JSON.quote(number))", from: section.line) }
        let notes = section.paragraphs.filter { !$0.isEmpty }.map { $0.joined(separator: " ") }.joined(separator: "\n")
        if let notesLine = section.notesLine { emit("    notes: \(JSON.quote(notes))", from: notesLine) }
        if !section.decisions.isEmpty { emit("    decisions:", from: section.decisions[0].line) }
        for decision in section.decisions {
            emit("      - text: \(JSON.quote(decision.text))", from: decision.line)
            for (key, value) in decision.attributes { emit("        \(key): \(JSON.quote(value))", from: decision.line) }
            if let vote = decision.vote {
                emit("        vote: \(vote.yaml)", from: vote.line)
            }
        }
        if !section.actions.isEmpty { emit("    action_items:", from: section.actions[0].line) }
        for action in section.actions {
            emit("      - title: \(JSON.quote(action.title))", from: action.line)
            for (key, value) in action.attributes { emit("        \(key): \(JSON.quote(value))", from: action.line) }
        }
    }
}
