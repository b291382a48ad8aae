import CalendarValues
import Foundation
import Holidays
import Yams

extension Workspace {
    /// Loads and validates a workspace. Every problem — YAML syntax, unknown keys (likely typos),
    /// missing fields, unknown references, impossible windows — is collected and thrown together.
    /// - Throws: `WorkspaceErrors` listing each problem as `file:line: message`.
    public static func load(at root: URL) throws(WorkspaceErrors) -> Workspace {
        try load(at: root, snapshots: true)
    }

    /// `snapshots: false` reads people.yaml the long way and leaves no snapshot (`PeopleSnapshot`; `propose --no-cache`).
    public static func load(at root: URL, snapshots: Bool) throws(WorkspaceErrors) -> Workspace {
        var loader = WorkspaceLoader(root: root, snapshots: snapshots)
        do { return try loader.load() } catch {
            // Every problem as the YAML gives it, with its line: a snapshot has neither.
            guard loader.usedSnapshot else { throw error }
            var fresh = WorkspaceLoader(root: root, snapshots: false)
            return try fresh.load()
        }
    }
}

private struct WorkspaceLoader {
    let root: URL
    var problems: [WorkspaceProblem] = []

    /// `root.path`, once: building a URL per person cost more than the check it was for.
    let rootPath: String

    /// Whether people.yaml may come from, and go to, its snapshot.
    let snapshots: Bool
    /// This load took towns and people from the snapshot.
    private(set) var usedSnapshot = false

    init(root: URL, snapshots: Bool) {
        self.root = root
        rootPath = root.path
        self.snapshots = snapshots
    }

    mutating func load() throws(WorkspaceErrors) -> Workspace {
        let networkDocument = document(Workspace.networkFile, required: true)
        let network = readNetwork(networkDocument)
        let hours = network?.workingHours ?? .standard
        let peopleBytes = contents(Workspace.peopleFile, required: true)
        let snapshotKey = snapshots ? peopleBytes.map { PeopleSnapshot.key(people: $0, hours: hours) } : nil
        var peopleDocument: YAMLDocument?
        let towns: [Town], people: [Person]
        if let snapshotKey, let snapshot = currentSnapshot(key: snapshotKey) {
            (towns, people) = (snapshot.towns, snapshot.people(in: calendarFolder))
            usedSnapshot = true
        } else {
            peopleDocument = peopleBytes.flatMap { document(Workspace.peopleFile, $0, required: true) }
            (towns, people) = readPeople(peopleDocument, networkHours: hours)
        }
        var meetings: [Meeting] = []
        for folder in meetingFolders() {
            if let meeting = readMeeting(folder) { meetings.append(meeting) }
            checkStateFiles(folder)
        }
        // Topics, action items and agenda settings (TopicLoader.swift).
        var topicLoader = TopicLoader(root: root)
        let topics = topicLoader.readTopics()
        var actionItems: [ActionItem] = []
        var agendaSettings: [String: AgendaSettings] = [:]
        var minutes: [String: MinutesRecord] = [:]
        for meeting in meetings {
            let (record, items) = topicLoader.readMinutes(meeting: meeting.id, folder: meeting.folder)
            actionItems += items
            minutes[meeting.id] = record
            if let (doc, fields) = meetingNodes[meeting.id], let node = fields["agenda"] {
                agendaSettings[meeting.id] = topicLoader.readSettings(doc, node, meeting: meeting.id)
            }
        }
        for doc in [networkDocument, peopleDocument].compactMap({ $0 }) { problems += doc.problems }
        // References across files only make sense when every file could be read.
        let unreadable = networkDocument?.root == nil || (!usedSnapshot && peopleDocument?.root == nil)
        if let n = network, !unreadable {
            crossCheck(network: n, towns: towns, people: people, meetings: meetings)
            topicLoader.crossCheck(towns: towns, people: people, meetings: meetings, topics: topics)
        }
        problems += topicLoader.problems
        let (register, registerProblems) = FollowUpRegister.read(root: root)
        problems += registerProblems
        guard problems.isEmpty, let network else {
            let unique = Array(Set(problems)).sorted { ($0.file, $0.line ?? 0, $0.message) < ($1.file, $1.line ?? 0, $1.message) }
            throw WorkspaceErrors(problems: unique)
        }
        var workspace = Workspace(root: root, network: network, towns: towns, people: people, meetings: meetings)
        workspace.topics = topics
        workspace.recordedActionItems = actionItems
        workspace.minutes = minutes
        workspace.register = register
        // The follow-up view (the register over the record): every reader of a status reads these.
        workspace.actionItems = FollowUp.actions(actionItems, register: register)
        if let zone = try? CalendarTimeZone(identifier: network.timeZone) {
            workspace.decisions = FollowUp.decisions(meetings: meetings, minutes: minutes, zone: zone,
                                                     scheme: network.decisionNumbers, register: register)
        }
        workspace.agendaSettings = agendaSettings
        workspace.warnings = unclaimedCalendars(network: network, people: people)
            + FollowUp.strayEntries(register: register, actions: actionItems, decisions: workspace.decisions)
        if let snapshotKey, !usedSnapshot { keepSnapshot(key: snapshotKey, towns: towns, people: people) }
        return workspace
    }

    // MARK: The snapshot of people.yaml

    /// The snapshot for `key` when there is one and every file its people name exists now.
    private mutating func currentSnapshot(key: [UInt8]) -> PeopleSnapshot? {
        guard let bytes = CacheFile.contents(of: rootPath + "/" + PeopleSnapshot.path),
              let snapshot = PeopleSnapshot(bytes, key: key) else { return nil }
        for path in snapshot.namedFiles where !FileManager.default.fileExists(atPath: rootPath + "/" + path) { return nil }
        return snapshot
    }

    /// Stores what a load without any problem made of people.yaml (a snapshot that cannot be written is skipped:
    /// it is only a shortcut).
    private func keepSnapshot(key: [UInt8], towns: [Town], people: [Person]) {
        guard PeopleSnapshot.mayKeep(people), readsDefaultCalendar.count == people.count else { return }
        var named = people
        for index in named.indices where readsDefaultCalendar[index] { named[index].sources = [] }
        let snapshot = PeopleSnapshot(towns: towns, people: named, readsDefaultCalendar: readsDefaultCalendar)
        // No more readable than people.yaml itself (a `chmod 600` people.yaml gives a 600 snapshot).
        var info = stat()
        let mode: mode_t = stat(rootPath + "/" + Workspace.peopleFile, &info) == 0 ? info.st_mode & 0o666 : 0o600
        let url = root.appendingPathComponent(PeopleSnapshot.path)
        guard (try? AtomicFile.write(Data(snapshot.encoded(key: key)), to: url, newMode: mode)) != nil else { return }
        chmod(url.path, mode)  // also when people.yaml's mode changed since the snapshot was made
    }

    /// Calendar exports in `calendars/` that no person and no blackout list reads: most likely a file named
    /// after a person id that is spelt differently, whose busy time would silently be missing.
    private mutating func unclaimedCalendars(network: Network, people: [Person]) -> [WorkspaceProblem] {
        let folder = "calendars"
        let names = calendarFolder.names
        var claimed = Set(network.blackoutCalendars)
        for person in people {
            for source in person.sources { if let path = source.path { claimed.insert(path) } }
            claimed.formUnion(person.blackoutCalendars)
        }
        // Filtered before sorting: a warm run lists a calendar per person, and nearly every one is claimed.
        return names.filter { !$0.hasPrefix(".") && $0.lowercased().hasSuffix(".ics") && !claimed.contains("\(folder)/\($0)") }
            .sorted()
            .map { "\(folder)/\($0)" }
            .map { WorkspaceProblem(file: $0, "matches no person in people.yaml and is not read (name it <person-id>.ics or list it under a person's calendars)") }
    }

    // MARK: Files

    private mutating func document(_ relative: String, required: Bool) -> YAMLDocument? {
        contents(relative, required: required).flatMap { document(relative, $0, required: required) }
    }

    /// The bytes of a workspace file; nil (with the problem, when it is `required`) when there are none.
    private mutating func contents(_ relative: String, required: Bool) -> Data? {
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            if required { problems.append(WorkspaceProblem(file: relative, "missing (convene init creates a commented template)")) }
            return nil
        }
        do { return try SafeRead.contents(of: url, display: relative) } catch {
            problems.append(error)
            return nil
        }
    }

    private mutating func document(_ relative: String, _ data: Data, required: Bool) -> YAMLDocument? {
        guard let text = String(data: data, encoding: .utf8) else {
            problems.append(WorkspaceProblem(file: relative, "not UTF-8 text"))
            return nil
        }
        let doc = YAMLDocument(file: relative, text: text)
        if doc.root == nil && doc.problems.isEmpty && required {
            problems.append(WorkspaceProblem(file: relative, line: 1, "the file is empty (convene init writes a commented example)"))
        }
        return doc
    }

    private func meetingFolders() -> [String] {
        let folder = root.appendingPathComponent(MeetingFolder.parent)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
    }

    /// convene's other state files of a meeting (`agenda.yaml`, `invitation.yaml`, `replies.yaml`, …) are read by
    /// the step that needs them; their YAML syntax is checked here so that every command, `check` included,
    /// reports a broken one before anything runs.
    private mutating func checkStateFiles(_ id: String) {
        guard Slug.isValid(id) else { return }
        let folder = MeetingFolder(id: id)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder.path).path)) ?? []
        let readElsewhere: Set<String> = [folder.meetingFile, folder.slotFile, folder.minutesFile]
        for name in names.sorted() where name.hasSuffix(".yaml") && !name.hasPrefix(".") && !readElsewhere.contains("\(folder.path)/\(name)") {
            guard let doc = document("\(folder.path)/\(name)", required: false) else { continue }
            problems += doc.problems
            if doc.root == nil && doc.problems.isEmpty {
                problems.append(WorkspaceProblem(file: doc.file, line: 1, "the file is empty (delete it, or rerun the command that writes it)"))
            }
        }
    }

    // MARK: convene.yaml

    private static let networkKeys = ["name", "organizer", "time_zone", "holiday_region", "working_hours", "locations",
                                      "travel_minutes", "blackout_calendars", "mail", "publish",
                                      "decision_numbers", "language"]

    private mutating func readNetwork(_ doc: YAMLDocument?) -> Network? {
        guard let doc, let root = doc.root else { return nil }
        let what = "top level"
        let fields = doc.mapping(root, allowed: Self.networkKeys, what: what)
        let name = doc.string(fields, "name", what: what) ?? ""
        let organizerFields = doc.mapping(fields["organizer"], allowed: ["name", "email"], what: "organizer")
        if fields["organizer"] == nil { doc.problem(root, "'organizer' (name, email) is missing") }
        let organizer = Organizer(name: doc.string(organizerFields, "name", what: "organizer") ?? "",
                                  email: email(doc, organizerFields, what: "organizer") ?? "")
        let timeZone = doc.string(fields, "time_zone", what: what, required: false) ?? "Europe/Berlin"
        if (try? CalendarTimeZone(identifier: timeZone)) == nil {
            doc.problem(fields["time_zone"], "time_zone: unknown time zone '\(timeZone)' (use an IANA name such as Europe/Berlin)")
        }
        var region = GermanState.bw
        if let text = doc.string(fields, "holiday_region", what: what, required: false) {
            if let state = GermanState(rawValue: text) { region = state } else {
                doc.problem(fields["holiday_region"], "holiday_region: '\(Quoting.short(text))' is not a German state code (\(GermanState.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        let hours = fields["working_hours"].map { workingHours(doc, $0, what: "working_hours") } ?? .standard
        var locations: [Location] = []
        for node in doc.sequence(fields["locations"], what: "locations") {
            let f = doc.mapping(node, allowed: ["id", "name", "address", "town"], what: "location")
            guard let id = doc.id(f, what: "location") else { continue }
            if locations.contains(where: { $0.id == id }) { doc.problem(node, "location '\(id)' is defined twice") }
            locations.append(Location(id: id, name: doc.string(f, "name", what: "location \(id)") ?? id,
                                      address: doc.string(f, "address", what: "location \(id)") ?? "",
                                      town: doc.string(f, "town", what: "location \(id)", required: false)))
        }
        var travel: [String: [String: Int]] = [:]
        let travelFields = doc.mapping(fields["travel_minutes"], allowed: locations.map(\.id), what: "travel_minutes (by location id)")
        for (location, node) in travelFields {
            var perTown: [String: Int] = [:]
            guard case .mapping(let mapping) = node else {
                doc.problem(node, "travel_minutes.\(location) must map town ids to minutes")
                continue
            }
            for (townNode, minutesNode) in mapping {
                guard let town = townNode.string else { continue }
                guard let minutes = minutesNode.string.flatMap(Int.init), (0...600).contains(minutes) else {
                    doc.problem(minutesNode, "travel_minutes.\(location).\(town) must be minutes in 0…600")
                    continue
                }
                perTown[town] = minutes
                travelLines[location + "/" + town] = townNode.mark?.line
            }
            travel[location] = perTown
        }
        let blackout = doc.sequence(fields["blackout_calendars"], what: "blackout_calendars").compactMap { $0.string }
        for path in blackout { checkRelativePath(path, doc: doc, node: fields["blackout_calendars"]) }
        var language = Language.de
        if let text = doc.string(fields, "language", what: what, required: false) {
            if let known = Language(rawValue: text) { language = known } else {
                doc.problem(fields["language"], "language: '\(Quoting.short(text, limit: 20))' is not a language convene writes (\(Language.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        networkDocument = doc
        var network = Network(name: name, organizer: organizer, timeZone: timeZone, holidayRegion: region, workingHours: hours,
                              locations: locations, travelMinutes: travel, blackoutCalendars: blackout,
                              mail: mailSettings(doc, fields["mail"]), publish: publishSettings(doc, fields["publish"]))
        if let pattern = doc.string(fields, "decision_numbers", what: what, required: false) {
            do { network.decisionNumbers = try DecisionNumberScheme(pattern: pattern) } catch {
                doc.problem(fields["decision_numbers"], "decision_numbers: \(error.message) (default: \"{year}/{n:02}\")")
            }
        }
        network.language = language
        return network
    }

    /// `mail: {send_command: "msmtp -t"}`; the command as one string (split at spaces) or a list
    /// of arguments (for arguments with spaces).
    private func mailSettings(_ doc: YAMLDocument, _ node: Node?) -> MailSettings {
        guard let node else { return .standard }
        let fields = doc.mapping(node, allowed: ["send_command"], what: "mail")
        guard let command = fields["send_command"] else { return .standard }
        let arguments: [String]
        if case .sequence = command {
            arguments = doc.sequence(command, what: "mail.send_command").compactMap(\.string)
        } else {
            arguments = (command.string ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        }
        guard let program = arguments.first, !program.isEmpty else {
            doc.problem(command, "mail.send_command is empty (default: /usr/sbin/sendmail -t -i)")
            return .standard
        }
        return MailSettings(sendCommand: arguments)
    }

    /// `publish: {caldav: URL, tasks: URL, insecure: true}`: the shared calendar and task list collections; the
    /// URLs follow the rules of CalDAV sources (https, or plain http to loopback or with `insecure: true`).
    /// Problems never quote a URL.
    private func publishSettings(_ doc: YAMLDocument, _ node: Node?) -> PublishSettings? {
        guard let node else { return nil }
        guard case .mapping = node else {
            doc.problem(node, "publish: a mapping with caldav: URL (the shared calendar) and/or tasks: URL (the task list)")
            return nil
        }
        let fields = doc.mapping(node, allowed: ["caldav", "tasks", "insecure"], what: "publish")
        guard let insecure = insecureFlag(fields, doc: doc, what: "publish") else { return nil }
        func collection(_ key: String) -> URL? {
            guard let entry = fields[key] else { return nil }
            guard let text = entry.string, case .scalar = entry else {
                doc.problem(entry, "publish.\(key) takes the URL of a CalDAV collection")
                return nil
            }
            do {
                return try CalendarLocation.validatedURL(text, insecure: insecure, caldav: true)
            } catch {
                doc.problem(entry, "publish.\(key): the CalDAV URL \(error.message)")
                return nil
            }
        }
        let settings = PublishSettings(calendar: collection("caldav"), tasks: collection("tasks"))
        if fields["caldav"] == nil && fields["tasks"] == nil {
            doc.problem(node, "publish: needs caldav: URL (the shared calendar) and/or tasks: URL (the task list)")
        }
        return settings
    }

    private var travelLines: [String: Int?] = [:]
    private var networkDocument: YAMLDocument?

    private func email(_ doc: YAMLDocument, _ fields: [String: Node], what: String) -> String? {
        guard let text = doc.string(fields, "email", what: what) else { return nil }
        guard EmailSyntax.plausible(text) else {
            doc.problem(fields["email"], "\(what): email is not an e-mail address")
            return nil
        }
        return text
    }

    /// Working hours per weekday. The network's list every working day (a missing day is off); a person's
    /// adjust `base` (the network's) day by day: a listed weekday replaces that day's span or takes it off
    /// (`friday: off`), the other days stay as the network has them.
    private func workingHours(_ doc: YAMLDocument, _ node: Node, what: String, base: WorkingHours? = nil) -> WorkingHours {
        let fields = doc.mapping(node, allowed: WorkingHours.weekdayNames, what: what)
        var days: [Int: ClosedRange<ClockTime>] = base?.days ?? [:]
        for (index, name) in WorkingHours.weekdayNames.enumerated() {
            guard let text = doc.string(fields, name, what: what, required: false) else { continue }
            if ["off", "closed", "-", "none"].contains(text.lowercased()) {
                days[index + 1] = nil
                continue
            }
            let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let start = ClockTime(parts[0]), let end = ClockTime(parts[1]), start < end else {
                doc.problem(fields[name], "\(what).\(name): '\(Quoting.short(text))' is not a span like 08:00-17:00 (or 'off')")
                continue
            }
            days[index + 1] = start...end
        }
        return WorkingHours(days: days)
    }

    private func checkRelativePath(_ path: String, doc: YAMLDocument, node: Node?) {
        if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
            doc.problem(node, "'\(path)': paths are relative to the workspace and stay inside it")
        } else if !FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) {
            doc.problem(node, "'\(path)' does not exist")
        }
    }

    /// One `calendars:` entry: a workspace file (`calendars/x.ics`), a feed URL (`https://…`,
    /// `webcal://…`), or a mapping `{caldav: URL}` / `{url: URL}` with optional `insecure: true`
    /// (plain http to a host that is not loopback). Problems never quote a URL: it may hold a secret.
    private func calendarLocation(_ node: Node, doc: YAMLDocument, what: String) -> CalendarLocation? {
        if let text = node.string, case .scalar = node {
            guard CalendarLocation.looksLikeURL(text) else {
                checkRelativePath(text, doc: doc, node: node)
                return .file(text)
            }
            return liveLocation(text, caldav: false, insecure: false, doc: doc, node: node, what: what)
        }
        guard case .mapping = node else {
            doc.problem(node, "\(what): each entry is a file path, an https:// or webcal:// URL, or {caldav: URL}")
            return nil
        }
        let fields = doc.mapping(node, allowed: ["caldav", "url", "insecure", "read"], what: what)
        guard let insecure = insecureFlag(fields, doc: doc, what: what) else { return nil }
        var read = CalDAVReading.freeBusy
        if let node = fields["read"] {
            guard let text = node.string, let value = CalDAVReading(rawValue: text), fields["caldav"] != nil else {
                doc.problem(node, "\(what): read is for caldav: entries, one of \(CalDAVReading.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            read = value
        }
        switch (fields["caldav"], fields["url"]) {
        case (let caldav?, nil):
            guard let text = caldav.string, case .scalar = caldav else { doc.problem(caldav, "\(what): caldav takes a URL"); return nil }
            guard case .caldav(let url, _)? = liveLocation(text, caldav: true, insecure: insecure, doc: doc, node: caldav, what: what) else { return nil }
            return .caldav(url, read: read)
        case (nil, let url?):
            guard let text = url.string, case .scalar = url else { doc.problem(url, "\(what): url takes a URL"); return nil }
            return liveLocation(text, caldav: false, insecure: insecure, doc: doc, node: url, what: what)
        case (.some, .some):
            doc.problem(node, "\(what): an entry has either caldav: or url:, not both")
        case (nil, nil):
            doc.problem(node, "\(what): a mapping entry needs caldav: URL (a CalDAV calendar) or url: URL (an iCalendar feed)")
        }
        return nil
    }

    /// `insecure: true|false` of a URL entry (false when missing); nil after a problem.
    private func insecureFlag(_ fields: [String: Node], doc: YAMLDocument, what: String) -> Bool? {
        guard let flag = fields["insecure"] else { return false }
        guard let value = flag.bool else {
            doc.problem(flag, "\(what): insecure is true or false")
            return nil
        }
        return value
    }

    private func liveLocation(_ text: String, caldav: Bool, insecure: Bool, doc: YAMLDocument, node: Node, what: String) -> CalendarLocation? {
        do {
            let url = try CalendarLocation.validatedURL(text, insecure: insecure, caldav: caldav)
            return caldav ? .caldav(url) : .feed(url)
        } catch {
            doc.problem(node, "\(what): the \(caldav ? "CalDAV" : "calendar") URL \(error.message)")
            return nil
        }
    }

    // MARK: people.yaml

    private static let personKeys = ["id", "name", "email", "town", "role", "deputy", "aliases", "calendars", "working_hours", "away",
                                     "blackout_calendars", "salutation", "title", "office", "surname"]

    private var personNodes: [String: Node] = [:]
    /// Per person read (in order): people.yaml has no `calendars:` for them.
    private var readsDefaultCalendar: [Bool] = []

    /// `calendars/`, listed once (not a stat per person): every name in it, and the names that exist as
    /// `FileManager.fileExists` says — a symbolic link only when its target does.
    private lazy var calendarFolder: DirectoryListing = DirectoryListing(path: rootPath + "/calendars")
    private var peopleDocument: YAMLDocument?

    private mutating func readPeople(_ doc: YAMLDocument?, networkHours: WorkingHours) -> ([Town], [Person]) {
        guard let doc, let root = doc.root else { return ([], []) }
        peopleDocument = doc
        let fields = doc.mapping(root, allowed: ["towns", "people"], what: "top level")
        // Every check below is a set or dictionary lookup: loading stays linear in the number of people and towns.
        var towns: [Town] = []
        var townIDs: Set<String> = []
        for node in doc.sequence(fields["towns"], what: "towns") {
            let f = doc.mapping(node, allowed: ["id", "name"], what: "town")
            guard let id = doc.id(f, what: "town") else { continue }
            if !townIDs.insert(id).inserted { doc.problem(node, "town '\(id)' is defined twice") }
            towns.append(Town(id: id, name: doc.string(f, "name", what: "town \(id)") ?? id))
        }
        var people: [Person] = []
        var personIDs: Set<String> = []
        var emailOwners: [String: String] = [:]
        for node in doc.sequence(fields["people"], what: "people") {
            let f = doc.mapping(node, allowed: Self.personKeys, what: "person")
            guard let id = doc.id(f, what: "person") else { continue }
            let what = "person \(id)"
            if !personIDs.insert(id).inserted { doc.problem(node, "person '\(id)' is defined twice") }
            let town = doc.string(f, "town", what: what) ?? ""
            if !town.isEmpty && !townIDs.contains(town) {
                doc.problem(f["town"], "\(what): unknown town '\(town)' (towns: \(towns.map(\.id).joined(separator: ", ")))")
            }
            var role = Role.other
            if let text = doc.string(f, "role", what: what) {
                if let r = Role(rawValue: text) { role = r } else {
                    doc.problem(f["role"], "\(what): unknown role '\(Quoting.short(text))' (\(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            var sources = doc.sequence(f["calendars"], what: "\(what).calendars").compactMap {
                calendarLocation($0, doc: doc, what: "\(what).calendars")
            }
            readsDefaultCalendar.append(f["calendars"] == nil)
            if f["calendars"] == nil, calendarFolder.contains("\(id).ics") {
                sources = [.file("calendars/\(id).ics")]
            }
            var away: [DateRange] = []
            for entry in doc.sequence(f["away"], what: "\(what).away") {
                guard let text = entry.string, let range = DateRange(text) else {
                    doc.problem(entry, "\(what).away: '\(entry.string ?? "?")' is not a date or range like 2027-05-03..2027-05-07")
                    continue
                }
                away.append(range)
            }
            let blackout = doc.sequence(f["blackout_calendars"], what: "\(what).blackout_calendars").compactMap { $0.string }
            for path in blackout { checkRelativePath(path, doc: doc, node: f["blackout_calendars"]) }
            personNodes[id] = node
            let aliases = doc.sequence(f["aliases"], what: "\(what).aliases").compactMap { node -> String? in
                guard let text = node.string, text.contains("@"), !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) else {
                    doc.problem(node, "\(what).aliases: each alias is an e-mail address")
                    return nil
                }
                return text.lowercased()
            }
            let address = email(doc, f, what: what) ?? ""
            // Mail systems compare addresses case-insensitively: two entries for one mailbox would be invited twice.
            if !address.isEmpty {
                if let owner = emailOwners[address.lowercased()], owner != id {
                    doc.problem(f["email"], "\(what): the e-mail address is already person \(owner)'s (addresses compare without case)")
                } else {
                    emailOwners[address.lowercased()] = id
                }
            }
            people.append(Person(id: id, name: doc.string(f, "name", what: what) ?? id, email: address,
                                 town: town, role: role, deputy: doc.string(f, "deputy", what: what, required: false),
                                 calendars: [],
                                 workingHours: f["working_hours"].map { workingHours(doc, $0, what: "\(what).working_hours", base: networkHours) },
                                 away: away, blackoutCalendars: blackout))
            people[people.count - 1].aliases = aliases
            people[people.count - 1].sources = sources
            people[people.count - 1].address = formOfAddress(doc, f, what: what)
        }
        for person in people {
            guard let deputy = person.deputy else { continue }
            let node = personNodes[person.id]
            if deputy == person.id { doc.problem(node, "person \(person.id): cannot be their own deputy") }
            else if !personIDs.contains(deputy) { doc.problem(node, "person \(person.id): unknown deputy '\(deputy)'") }
        }
        return (towns, people)
    }

    /// `salutation` (Herr, Frau, none), `title`, `office`, `surname` of a person (issue 15: letters).
    private func formOfAddress(_ doc: YAMLDocument, _ f: [String: Node], what: String) -> FormOfAddress {
        var address = FormOfAddress(title: doc.string(f, "title", what: what, required: false),
                                    office: doc.string(f, "office", what: what, required: false),
                                    surname: doc.string(f, "surname", what: what, required: false))
        if let text = doc.string(f, "salutation", what: what, required: false) {
            if let salutation = FormOfAddress.Salutation(rawValue: text) { address.salutation = salutation } else {
                doc.problem(f["salutation"], "\(what): salutation must be Herr, Frau or none (a function mailbox), not '\(Quoting.short(text))'")
            }
        }
        return address
    }

    // MARK: meetings/<id>/meeting.yaml

    private static let meetingKeys = ["kind", "title", "window", "duration", "location", "host", "grid_minutes", "attendance",
                                      "agenda", "online_url"]

    private mutating func readMeeting(_ id: String) -> Meeting? {
        let folder = MeetingFolder(id: id).path
        let file = MeetingFolder(id: id).meetingFile
        guard Slug.isValid(id) else {
            problems.append(WorkspaceProblem(file: folder, "meeting folder names are ids (lower-case letters, digits, '-')"))
            return nil
        }
        guard let doc = document(file, required: true) else { return nil }
        defer { problems += doc.problems }
        guard let root = doc.root else { return nil }
        let what = "meeting \(id)"
        let f = doc.mapping(root, allowed: Self.meetingKeys, what: what)
        var kind = MeetingKind.plenary
        if let text = doc.string(f, "kind", what: what) {
            if let k = MeetingKind(rawValue: text) { kind = k } else {
                doc.problem(f["kind"], "\(what): kind must be plenary or workshop, not '\(Quoting.short(text))'")
            }
        }
        var window = DateRange(first: LocalDate(year: 2000, month: 1, day: 1)!, last: LocalDate(year: 2000, month: 1, day: 1)!)
        if let text = doc.string(f, "window", what: what) {
            if let range = DateRange(text), range.dayCount <= 366 { window = range } else {
                doc.problem(f["window"], "\(what): window '\(Quoting.short(text))' is not a span like 2027-04-19..2027-05-14 (first ≤ last, at most a year)")
            }
        }
        var duration = 60
        if let text = doc.string(f, "duration", what: what) {
            if let minutes = Self.minutes(text), (1...24 * 60).contains(minutes) { duration = minutes } else {
                doc.problem(f["duration"], "\(what): duration '\(Quoting.short(text))' is not like 3h30m, 90m or 2h (at most 24h)")
            }
        }
        let grid = doc.int(f, "grid_minutes", what: what, range: 5...240, required: false) ?? 30
        let policyFields = doc.mapping(f["attendance"], allowed: ["required", "optional", "towns", "min_town_share"], what: "\(what).attendance")
        func selectors(_ key: String) -> [Selector] {
            doc.sequence(policyFields[key], what: "\(what).attendance.\(key)").compactMap { node in
                guard let text = node.string else { return nil }
                guard let selector = Self.selector(text) else {
                    doc.problem(node, "\(what).attendance.\(key): '\(Quoting.short(text))' is not a person id, role:<role>, town:<town>, host-ob or everyone")
                    return nil
                }
                selectorNodes.append((selector, node, doc))
                return selector
            }
        }
        var representation = Representation.none
        if let text = doc.string(policyFields, "towns", what: "\(what).attendance", required: false) {
            if let r = Representation(rawValue: text) { representation = r } else {
                doc.problem(policyFields["towns"], "\(what).attendance.towns must be none, anyone or ob-or-deputy, not '\(Quoting.short(text))'")
            }
        }
        var share = representation == .none ? 0.0 : 1.0
        if let text = doc.string(policyFields, "min_town_share", what: "\(what).attendance", required: false) {
            if let value = Double(text), (0...1).contains(value) { share = value } else {
                doc.problem(policyFields["min_town_share"], "\(what).attendance.min_town_share must be a number from 0 to 1")
            }
        }
        let policy = AttendancePolicy(required: selectors("required"), optional: selectors("optional"),
                                      representation: representation, minimumTownShare: share)
        let location = doc.string(f, "location", what: what) ?? ""
        let host = doc.string(f, "host", what: what) ?? ""
        meetingNodes[id] = (doc, f)
        let chosen = readSlot(folder)
        var meeting = Meeting(id: id, kind: kind, title: doc.string(f, "title", what: what) ?? id, window: window,
                              durationMinutes: duration, location: location, hostTown: host, attendance: policy, gridMinutes: grid,
                              folder: folder, chosen: chosen)
        if let url = doc.string(f, "online_url", what: what, required: false) {
            let lower = url.lowercased()
            if (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !url.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }) {
                meeting.onlineURL = url
            } else {
                doc.problem(f["online_url"], "\(what): online_url must be an http or https link without spaces")
            }
        }
        return meeting
    }

    private var selectorNodes: [(Selector, Node, YAMLDocument)] = []
    private var meetingNodes: [String: (YAMLDocument, [String: Node])] = [:]

    /// `3h30m`, `3h`, `90m`, `210`.
    static func minutes(_ text: String) -> Int? {
        // Every number is bounded before any arithmetic (a 20-digit duration must not trap).
        let limit = 1_000_000
        if let plain = Int(text) { return plain }
        var total = 0, number = 0, sawDigit = false, sawUnit = false
        for c in text.lowercased() where c != " " {
            if let d = c.wholeNumberValue, c.isASCII {
                guard number < limit else { return nil }
                number = number * 10 + d; sawDigit = true
            }
            else if c == "h", sawDigit { total += number * 60; number = 0; sawDigit = false; sawUnit = true }
            else if c == "m", sawDigit { total += number; number = 0; sawDigit = false; sawUnit = true }
            else { return nil }
            guard total < limit * 60 else { return nil }
        }
        return sawUnit && !sawDigit ? total : nil
    }

    static func selector(_ text: String) -> Selector? {
        if text == "everyone" { return .everyone }
        if text == "host-ob" { return .host }
        if text.hasPrefix("role:") { return Role(rawValue: String(text.dropFirst(5))).map(Selector.role) }
        if text.hasPrefix("town:") { return Slug.isValid(String(text.dropFirst(5))) ? .town(String(text.dropFirst(5))) : nil }
        return Slug.isValid(text) ? .person(text) : nil
    }

    private mutating func readSlot(_ folder: String) -> Interval? {
        let relative = MeetingFolder(path: folder).slotFile
        guard let doc = document(relative, required: false) else { return nil }
        defer { problems += doc.problems }
        guard let root = doc.root else {
            // A file that is not YAML has its problem already; only a file without content is empty.
            if doc.problems.isEmpty { doc.problem(line: 1, "\(relative) is empty (convene propose MEETING --pick N writes it)") }
            return nil
        }
        let f = doc.mapping(root, allowed: ["start", "end", "picked"], what: relative)
        guard let startText = doc.string(f, "start", what: relative), let endText = doc.string(f, "end", what: relative) else { return nil }
        guard let start = Instant(rfc3339: startText), let end = Instant(rfc3339: endText), start < end else {
            doc.problem(root, "\(relative): start and end must be RFC 3339 times with start before end")
            return nil
        }
        return Interval(start: start, end: end)
    }

    // MARK: References across files

    private mutating func crossCheck(network: Network, towns: [Town], people: [Person], meetings: [Meeting]) {
        let townIDs = Set(towns.map(\.id))
        if let doc = networkDocument {
            for location in network.locations where location.town.map({ !townIDs.contains($0) }) ?? false {
                doc.problem(line: nil, "location \(location.id): unknown town '\(location.town!)'")
            }
            for (location, perTown) in network.travelMinutes {
                for town in perTown.keys where !townIDs.contains(town) {
                    doc.problem(line: travelLines[location + "/" + town] ?? nil, "travel_minutes.\(location): unknown town '\(town)'")
                }
            }
            let known = Set(problems)
            problems += doc.problems.filter { !known.contains($0) }
        }
        let personIDs = Set(people.map(\.id))
        for (selector, node, doc) in selectorNodes {
            switch selector {
            case .person(let id) where !personIDs.contains(id):
                problems.append(WorkspaceProblem(file: doc.file, line: node.mark?.line, "unknown person '\(id)'"))
            case .town(let id) where !townIDs.contains(id):
                problems.append(WorkspaceProblem(file: doc.file, line: node.mark?.line, "unknown town '\(id)'"))
            default:
                break
            }
        }
        for meeting in meetings {
            guard let (doc, f) = meetingNodes[meeting.id] else { continue }
            if !meeting.location.isEmpty && network.location(meeting.location) == nil {
                problems.append(WorkspaceProblem(file: doc.file, line: f["location"]?.mark?.line,
                                                 "meeting \(meeting.id): unknown location '\(meeting.location)' (locations: \(network.locations.map(\.id).joined(separator: ", ")))"))
            }
            if !meeting.hostTown.isEmpty && !townIDs.contains(meeting.hostTown) {
                problems.append(WorkspaceProblem(file: doc.file, line: f["host"]?.mark?.line, "meeting \(meeting.id): unknown host town '\(meeting.hostTown)'"))
            }
        }
    }
}

/// The entries of a folder from one readdir(3) pass: `names` as `FileManager.contentsOfDirectory` gives them (no `.`
/// and `..`; empty for a missing folder), `existing` those for which `FileManager.fileExists` is true — every entry
/// but a symbolic link whose target is missing (links, and entries of unknown type, are stat'ed). A folder that can
/// be searched but not listed (`chmod 711`) lists nothing, yet its files can be opened: `contains` then asks stat(2)
/// per name, as `fileExists` did.
struct DirectoryListing {
    var names: [String] = []
    var existing: Set<String> = []
    private let path: String
    /// readdir(3) gave the folder's entries (or there is no folder): `existing` is the whole answer.
    private var listed = true

    init(path: String) {
        self.path = path
        guard let folder = opendir(path) else {
            listed = errno == ENOENT || errno == ENOTDIR
            return
        }
        defer { closedir(folder) }
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard name != ".", name != ".." else { continue }
            names.append(name)
            let type = Int32(entry.pointee.d_type)
            if type == Int32(DT_LNK) || type == Int32(DT_UNKNOWN) {
                var info = stat()
                guard stat(path + "/" + name, &info) == 0 else { continue }
            }
            existing.insert(name)
        }
    }

    /// Whether `name` exists in the folder as `FileManager.fileExists` says.
    func contains(_ name: String) -> Bool {
        listed ? existing.contains(name) : FileManager.default.fileExists(atPath: path + "/" + name)
    }
}

/// What the loader accepts as an e-mail address.
enum EmailSyntax {
    /// One `@` between non-empty parts, a dot after it, no white space or angle bracket. ASCII addresses are
    /// checked byte by byte (a warm `propose` loads every person's); the same rules as for any other text.
    static func plausible(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let parts = text.utf8.split(separator: UInt8(ascii: "@"))
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(UInt8(ascii: "."))
                && !text.utf8.contains(where: { (0x09...0x0D).contains($0) || $0 == 0x20 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
        }
        let parts = text.split(separator: "@")
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }
}
