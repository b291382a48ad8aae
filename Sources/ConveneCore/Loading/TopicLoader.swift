import CalendarValues
import Foundation
import Yams

/// Reads the topic backlog (`topics/<id>.yaml`), the action items of each meeting's minutes
/// (`meetings/<id>/minutes.yaml`, key `action_items`) and the `agenda:` block of meeting.yaml,
/// collecting every problem as `file:line: message` like the rest of the workspace loader.
struct TopicLoader {
    let root: URL
    private(set) var problems: [WorkspaceProblem] = []

    /// Keys of a topic file.
    static let topicKeys = ["title", "town", "presenter", "kind", "minutes", "priority", "status", "deadline", "created",
                            "deferred_from", "notes"]
    /// Top-level keys of minutes.yaml (`MinutesRecord`); anything else is reported as a likely typo.
    static let minutesKeys = ["chair", "minute_taker", "attendance", "items", "action_items"]
    /// Keys of one section (agenda item) of the minutes.
    static let minutesItemKeys = ["number", "title", "notes", "decisions", "action_items"]
    static let actionItemKeys = ["id", "title", "town", "responsible", "due", "status", "item", "note"]
    static let agendaKeys = ["pin", "exclude", "order", "next_meeting", "report_every", "max_town_share"]

    /// A reference to check once towns, people, meetings and topics are known.
    private enum Reference {
        case town(String)
        case person(String)
        case meeting(String)
        case topic(String)
    }
    private var references: [(Reference, file: String, line: Int?, what: String)] = []

    init(root: URL) { self.root = root }

    // MARK: topics/<id>.yaml

    /// Every topic file, sorted by id. Files not ending in `.yaml`/`.yml` and hidden files are ignored.
    mutating func readTopics() -> [Topic] {
        let folder = root.appendingPathComponent(Topic.folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        var topics: [Topic] = []
        for name in names where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let id = String(name.dropLast(name.hasSuffix(".yaml") ? 5 : 4))
            let relative = "\(Topic.folder)/\(name)"
            guard Slug.isValid(id) else {
                problems.append(WorkspaceProblem(file: relative, "topic file names are ids (lower-case letters, digits, '-') followed by .yaml"))
                continue
            }
            if topics.contains(where: { $0.id == id }) {
                problems.append(WorkspaceProblem(file: relative, "topic '\(id)' is defined twice (.yaml and .yml)"))
                continue
            }
            guard let doc = document(relative), let rootNode = doc.root else { continue }
            if let topic = readTopic(id: id, doc: doc, node: rootNode) { topics.append(topic) }
            problems += doc.problems
        }
        return topics
    }

    private mutating func readTopic(id: String, doc: YAMLDocument, node: Node) -> Topic? {
        let what = "topic \(id)"
        let f = doc.mapping(node, allowed: Self.topicKeys, what: what)
        guard case .mapping = node else { return nil }
        func required(_ key: String) -> String? { Self.required(doc, f, key, what: what, in: node) }
        let title = required("title")
        let town = required("town")
        if let town { references.append((.town(town), doc.file, f["town"]?.mark?.line, what)) }
        let presenter = doc.string(f, "presenter", what: what, required: false)
        if let presenter { references.append((.person(presenter), doc.file, f["presenter"]?.mark?.line, what)) }
        var kind = TopicKind.discussion
        if let text = required("kind") {
            if let value = TopicKind(rawValue: text) { kind = value } else {
                doc.problem(f["kind"], "\(what): kind must be \(TopicKind.allCases.map(\.rawValue).joined(separator: ", ")), not '\(Quoting.short(text))'")
            }
        }
        let minutes = required("minutes") == nil ? nil : doc.int(f, "minutes", what: what, range: Topic.minutesRange)
        let priority = doc.int(f, "priority", what: what, range: Topic.priorityRange, required: false) ?? 3
        var status = TopicStatus.open
        if let text = doc.string(f, "status", what: what, required: false) {
            if let value = TopicStatus(rawValue: text) { status = value } else {
                doc.problem(f["status"], "\(what): status must be \(TopicStatus.allCases.map(\.rawValue).joined(separator: ", ")), not '\(Quoting.short(text))'")
            }
        }
        let deadline = date(doc, f, "deadline", what: what, required: false)
        let created = required("created") == nil ? nil : date(doc, f, "created", what: what, required: true)
        var deferred: [String] = []
        for entry in doc.sequence(f["deferred_from"], what: "\(what).deferred_from") {
            guard let text = entry.string, Slug.isValid(text) else {
                doc.problem(entry, "\(what).deferred_from: '\(entry.string ?? "?")' is not a meeting id")
                continue
            }
            deferred.append(text)
            references.append((.meeting(text), doc.file, entry.mark?.line, "\(what).deferred_from"))
        }
        let notes = doc.string(f, "notes", what: what, required: false)
        guard let title, let town, let created, let minutes else { return nil }
        return Topic(id: id, title: title, town: town, presenter: presenter, kind: kind, minutes: minutes, priority: priority,
                     status: status, deadline: deadline, created: created, deferredFrom: deferred, notes: notes)
    }

    // MARK: meetings/<id>/minutes.yaml

    /// The minutes record of a meeting and the action items it records (nil and none when there
    /// are no minutes yet). Action items come from the top-level `action_items` and from each
    /// section's `action_items` (whose `item` defaults to the section's number).
    /// The Markdown form (`minutes.md`, `MinutesMarkdown`) is read through the same YAML reader; both forms at once
    /// are an error.
    mutating func readMinutes(meeting: String, folder: String) -> (MinutesRecord?, [ActionItem]) {
        let files = MeetingFolder(path: folder)
        let yamlExists = FileManager.default.fileExists(atPath: root.appendingPathComponent(files.minutesFile).path)
        let markdownExists = FileManager.default.fileExists(atPath: root.appendingPathComponent(files.minutesMarkdownFile).path)
        if yamlExists && markdownExists {
            problems.append(WorkspaceProblem(file: files.minutesMarkdownFile, line: 1,
                                             "the minutes are written twice, here and in \(files.minutesFile); keep one of the two files"))
            return (nil, [])
        }
        guard yamlExists || markdownExists,
              let doc = document(markdownExists ? files.minutesMarkdownFile : files.minutesFile, markdown: markdownExists),
              let rootNode = doc.root else { return (nil, []) }
        defer { problems += doc.problems }
        let what = "minutes of \(meeting)"
        let fields = doc.mapping(rootNode, allowed: Self.minutesKeys, what: what)
        var record = MinutesRecord(meeting: meeting)
        for key in ["chair", "minute_taker"] {
            guard let person = doc.string(fields, key, what: what, required: false) else { continue }
            references.append((.person(person), doc.file, doc.line(of: fields[key]), "\(what).\(key)"))
            if key == "chair" { record.chair = person } else { record.minuteTaker = person }
        }
        if let node = fields["attendance"], !Self.isEmpty(node) {
            if case .mapping(let mapping) = node {
                for (keyNode, value) in mapping {
                    guard let person = keyNode.string, Slug.isValid(person) else {
                        doc.problem(keyNode, "\(what).attendance: keys are person ids")
                        continue
                    }
                    if record.attendance.contains(where: { $0.person == person }) {
                        doc.problem(keyNode, "\(what).attendance: '\(person)' appears twice")
                        continue
                    }
                    references.append((.person(person), doc.file, doc.line(of: keyNode), "\(what).attendance"))
                    guard let text = value.string, let status = AttendanceStatus(rawValue: text) else {
                        let allowed = AttendanceStatus.allCases.map(\.rawValue).joined(separator: ", ")
                        doc.problem(value, "\(what).attendance: \(person) must be \(allowed)")
                        continue
                    }
                    record.attendance.append(AttendanceEntry(person: person, status: status))
                }
            } else {
                doc.problem(node, "\(what).attendance must be a mapping of person id: present, excused or absent")
            }
        }
        var items: [ActionItem] = []
        for node in doc.sequence(fields["items"], what: "\(what).items") {
            let f = doc.mapping(node, allowed: Self.minutesItemKeys, what: "\(what): item")
            guard case .mapping = node else { continue }
            let number = doc.string(f, "number", what: "\(what): item", required: false)
            let sectionWhat = "\(what): item \(number ?? "?")"
            guard let title = Self.required(doc, f, "title", what: sectionWhat, in: node) else { continue }
            var section = MinutesSection(number: number, title: title, notes: doc.string(f, "notes", what: sectionWhat, required: false))
            for entry in doc.sequence(f["decisions"], what: "\(sectionWhat).decisions") {
                if let decision = readDecision(doc, entry, what: "\(sectionWhat).decisions") { section.decisions.append(decision) }
            }
            for entry in doc.sequence(f["action_items"], what: "\(sectionWhat).action_items") {
                if let action = readActionItem(doc, entry, meeting: meeting, defaultItem: number, sameFile: items) {
                    items.append(action)
                    section.actionItems.append(action.id)
                }
            }
            record.sections.append(section)
        }
        for node in doc.sequence(fields["action_items"], what: "action_items") {
            if let action = readActionItem(doc, node, meeting: meeting, defaultItem: nil, sameFile: items) { items.append(action) }
        }
        return (record, items)
    }

    /// A decision: plain text, or `{text, vote: {for, against, abstain}}`.
    private mutating func readDecision(_ doc: YAMLDocument, _ node: Node, what: String) -> Decision? {
        if case .scalar(let scalar) = node {
            let text = scalar.string.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { doc.problem(node, "\(what): a decision is empty") }
            return text.isEmpty ? nil : Decision(text: text)
        }
        let f = doc.mapping(node, allowed: ["text", "vote", "town", "due"], what: "\(what): decision")
        guard case .mapping = node, let text = Self.required(doc, f, "text", what: "\(what): decision", in: node) else { return nil }
        var decision = Decision(text: text)
        if let town = doc.string(f, "town", what: "\(what): decision", required: false) {
            references.append((.town(town), doc.file, doc.line(of: f["town"]), "\(what): decision"))
            decision.town = town
        }
        decision.due = date(doc, f, "due", what: "\(what): decision", required: false)
        if let voteNode = f["vote"], case .scalar(let scalar) = voteNode {
            // `vote: einstimmig`: unanimous, the counts not recorded.
            if VoteResult.unanimousWords.contains(scalar.string.trimmingCharacters(in: .whitespaces).lowercased()) {
                decision.vote = .unanimousWithoutCounts
            } else {
                doc.problem(voteNode, "\(what): vote is {for: N, against: N, abstain: N} or einstimmig (unanimous, counts not recorded)")
            }
        } else if let voteNode = f["vote"] {
            let v = doc.mapping(voteNode, allowed: ["for", "against", "abstain"], what: "\(what): vote")
            let range = 0...10_000
            let inFavor = doc.int(v, "for", what: "\(what): vote", range: range, required: false)
            let against = doc.int(v, "against", what: "\(what): vote", range: range, required: false)
            let abstain = doc.int(v, "abstain", what: "\(what): vote", range: range, required: false)
            if case .mapping = voteNode {
                decision.vote = VoteResult(inFavor: inFavor ?? 0, against: against ?? 0, abstain: abstain ?? 0)
            }
        }
        return decision
    }

    /// One action item; ids are unique across the workspace.
    private mutating func readActionItem(_ doc: YAMLDocument, _ node: Node, meeting: String, defaultItem: String?,
                                         sameFile items: [ActionItem]) -> ActionItem? {
        let f = doc.mapping(node, allowed: Self.actionItemKeys, what: "action item")
        guard case .mapping = node else { return nil }
        guard f["id"] != nil else {
            doc.problem(node, "action item: 'id' is missing")
            return nil
        }
        guard let id = doc.id(f, what: "action item") else { return nil }
        let what = "action item \(id)"
        if items.contains(where: { $0.id == id }) || actionItemLines[id] != nil {
            doc.problem(node, "action item '\(id)' is defined twice (ids are unique in the workspace)")
            return nil
        }
        actionItemLines[id] = doc.line(of: node)
        let title = Self.required(doc, f, "title", what: what, in: node)
        let town = Self.required(doc, f, "town", what: what, in: node)
        if let town { references.append((.town(town), doc.file, doc.line(of: f["town"]), what)) }
        let responsible = doc.string(f, "responsible", what: what, required: false)
        if let responsible { references.append((.person(responsible), doc.file, doc.line(of: f["responsible"]), what)) }
        var status = ActionStatus.open
        if let text = doc.string(f, "status", what: what, required: false) {
            if let value = ActionStatus(rawValue: text) { status = value } else {
                doc.problem(f["status"], "\(what): status must be \(ActionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        let due = date(doc, f, "due", what: what, required: false)
        let item = doc.string(f, "item", what: what, required: false) ?? defaultItem
        let note = doc.string(f, "note", what: what, required: false)
        guard let title, let town else { return nil }
        return ActionItem(id: id, title: title, town: town, responsible: responsible, due: due, status: status,
                          item: item, meeting: meeting, note: note)
    }

    private static func isEmpty(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node { return scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" }
        return false
    }

    private var actionItemLines: [String: Int?] = [:]

    // MARK: meeting.yaml `agenda:`

    /// The `agenda:` block of a meeting file.
    mutating func readSettings(_ doc: YAMLDocument, _ node: Node, meeting: String) -> AgendaSettings {
        let before = doc.problems.count
        defer { problems += doc.problems[before...] }
        let what = "meeting \(meeting).agenda"
        let f = doc.mapping(node, allowed: Self.agendaKeys, what: what)
        var settings = AgendaSettings()
        var pinLines: [String: Int] = [:]
        func topics(_ key: String) -> [String] {
            var ids: [String] = []
            for entry in doc.sequence(f[key], what: "\(what).\(key)") {
                guard let text = entry.string, Slug.isValid(text) else {
                    doc.problem(entry, "\(what).\(key): '\(entry.string ?? "?")' is not a topic id")
                    continue
                }
                if ids.contains(text) { doc.problem(entry, "\(what).\(key): '\(text)' appears twice") }
                ids.append(text)
                if key == "pin", let line = entry.mark?.line { pinLines[text] = line }
                references.append((.topic(text), doc.file, entry.mark?.line, "\(what).\(key)"))
            }
            return ids
        }
        let pin = topics("pin"), exclude = topics("exclude"), order = topics("order")
        settings.pin = pin
        settings.exclude = exclude
        settings.order = order
        settings.pinLines = pinLines
        for id in settings.pin where settings.exclude.contains(id) {
            doc.problem(f["exclude"], "\(what): '\(id)' is both pinned and excluded")
        }
        settings.nextMeeting = date(doc, f, "next_meeting", what: what, required: false)
        settings.reportEvery = doc.int(f, "report_every", what: what, range: 1...50, required: false) ?? AgendaSettings.defaultReportEvery
        if let text = doc.string(f, "max_town_share", what: what, required: false) {
            if let value = Double(text), value > 0, value <= 1 { settings.maxTownShare = value } else {
                doc.problem(f["max_town_share"], "\(what).max_town_share must be a number above 0 and at most 1, not '\(Quoting.short(text))'")
            }
        }
        return settings
    }

    // MARK: References

    /// Reports references to towns, people, meetings and topics that do not exist.
    mutating func crossCheck(towns: [Town], people: [Person], meetings: [Meeting], topics: [Topic]) {
        let townIDs = Set(towns.map(\.id)), personIDs = Set(people.map(\.id))
        let meetingIDs = Set(meetings.map(\.id)), topicIDs = Set(topics.map(\.id))
        for (reference, file, line, what) in references {
            switch reference {
            case .town(let id) where !townIDs.contains(id):
                problems.append(WorkspaceProblem(file: file, line: line, "\(what): unknown town '\(id)' (towns: \(towns.map(\.id).joined(separator: ", ")))"))
            case .person(let id) where !personIDs.contains(id):
                problems.append(WorkspaceProblem(file: file, line: line, "\(what): unknown person '\(id)'"))
            case .meeting(let id) where !meetingIDs.contains(id):
                problems.append(WorkspaceProblem(file: file, line: line, "\(what): unknown meeting '\(id)' (meetings: \(meetings.map(\.id).joined(separator: ", ")))"))
            case .topic(let id) where !topicIDs.contains(id):
                problems.append(WorkspaceProblem(file: file, line: line, "\(what): unknown topic '\(id)' (see \(Topic.folder)/)"))
            default:
                break
            }
        }
    }

    // MARK: Helpers

    private mutating func document(_ relative: String, markdown: Bool = false) -> YAMLDocument? {
        let url = root.appendingPathComponent(relative)
        // Regular files of at most 256 MiB only (a FIFO here would hang every command).
        let data: Data
        do { data = try SafeRead.contents(of: url, display: relative) } catch {
            problems.append(error)
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            problems.append(WorkspaceProblem(file: relative, "not UTF-8 text"))
            return nil
        }
        let doc: YAMLDocument
        if markdown {
            let form = MinutesMarkdown(file: relative, text: text)
            guard form.problems.isEmpty else {
                problems += form.problems
                return nil
            }
            doc = YAMLDocument(file: relative, text: form.yaml.joined(separator: "\n") + "\n", sourceLines: form.sourceLines)
        } else {
            doc = YAMLDocument(file: relative, text: text)
        }
        if doc.root == nil {
            problems += doc.problems
            if doc.problems.isEmpty { problems.append(WorkspaceProblem(file: relative, "is empty")) }
        }
        return doc
    }

    /// A required value; a missing key is reported at the line of the mapping that lacks it.
    private static func required(_ doc: YAMLDocument, _ fields: [String: Node], _ key: String, what: String, in node: Node) -> String? {
        guard fields[key] != nil else {
            doc.problem(node, "\(what): '\(key)' is missing")
            return nil
        }
        return doc.string(fields, key, what: what)
    }

    private func date(_ doc: YAMLDocument, _ fields: [String: Node], _ key: String, what: String, required: Bool) -> LocalDate? {
        guard let text = doc.string(fields, key, what: what, required: required) else { return nil }
        guard let date = LocalDate(iso: text) else {
            doc.problem(fields[key], "\(what): \(key) '\(text)' is not a date like 2027-04-28")
            return nil
        }
        return date
    }
}
