import CalendarValues
import Foundation

/// A workspace folder: `convene.yaml` (network), `people.yaml` (towns, people),
/// `calendars/` (exports), `topics/`, and one folder per meeting under `meetings/` (its layout is
/// `MeetingFolder`'s).
public struct Workspace: Sendable {
    public static let networkFile = "convene.yaml"
    public static let peopleFile = "people.yaml"
    /// convene's record of each live calendar source's last fetch (LiveCalendars' `FetchRecords`): no URL,
    /// no credentials, no calendar data.
    public static let fetchRecordsFile = ".convene/sources.json"
    /// convene's record of the action items in the shared CalDAV task list (`actions publish`, `PublishedResources`).
    public static let publishedTasksFile = "published-tasks.yaml"
    /// The folder of the follow-up register (`FollowUpRegister`): where action items and decisions stand now.
    public static let registerFolder = "register"
    /// `register/actions.yaml`: the follow-up status of action items (`actions done|start|drop`).
    public static let actionRegisterFile = "\(registerFolder)/actions.yaml"
    /// `register/decisions.yaml`: the follow-up status of decisions (`decisions done|start|drop`).
    public static let decisionRegisterFile = "\(registerFolder)/decisions.yaml"

    /// The folder holding `convene.yaml`.
    public var root: URL
    public var network: Network
    public var towns: [Town]
    public var people: [Person]
    public var meetings: [Meeting]
    /// The topic backlog (`topics/<id>.yaml`), sorted by id.
    public var topics: [Topic] = []
    /// Action items of every meeting's minutes, in meeting-folder order, **as they stand now**: the status and note
    /// of the follow-up register where it has an entry (`FollowUp.actions`), else the minutes'. The one view every
    /// reader of action status uses (agenda backlog, `actions`, `status`, publishing, reminders).
    public var actionItems: [ActionItem] = []
    /// The action items exactly as the minutes record them (the Niederschrift shows these).
    public var recordedActionItems: [ActionItem] = []
    /// Every decision of every meeting's minutes with its number and where it stands now (`FollowUp.decisions`),
    /// in the order of the numbers.
    public var decisions: [TrackedDecision] = []
    /// The follow-up register as read (`register/`).
    public var register = FollowUpRegister()
    /// The minutes record of each meeting that has one, by meeting id.
    public var minutes: [String: MinutesRecord] = [:]
    /// The `agenda:` block of each meeting that has one, by meeting id.
    public var agendaSettings: [String: AgendaSettings] = [:]
    /// What loading noticed that does not stop the work (a calendar export no person reads), as `file: message`.
    public var warnings: [WorkspaceProblem] = []

    public func person(_ id: String) -> Person? { people.first { $0.id == id } }
    /// The person with this e-mail address (compared case-insensitively).
    public func person(email: String) -> Person? {
        let address = email.lowercased()
        return people.first { $0.email.lowercased() == address }
    }
    public func topic(_ id: String) -> Topic? { topics.first { $0.id == id } }
    public func town(_ id: String) -> Town? { towns.first { $0.id == id } }
    public func meeting(_ id: String) -> Meeting? { meetings.first { $0.id == id } }

    /// The meeting a user named.
    /// - Throws: `WorkspaceProblem` naming `meetings` and the known meetings.
    public func requireMeeting(_ id: String) throws(WorkspaceProblem) -> Meeting {
        guard let meeting = meeting(id) else {
            let known = meetings.map(\.id).joined(separator: ", ")
            throw WorkspaceProblem(file: MeetingFolder.parent, "no meeting '\(id)' (meetings: \(known.isEmpty ? "none yet" : known))")
        }
        return meeting
    }

    /// A path inside the workspace, from a relative path written in a workspace file.
    public func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The file holding a meeting's minutes: `minutes.md` when the Markdown form exists, else `minutes.yaml`
    /// (whether or not it exists yet).
    public func minutesFile(of meeting: Meeting) -> String {
        let markdown = meeting.files.minutesMarkdownFile
        return FileManager.default.fileExists(atPath: url(markdown).path) ? markdown : meeting.files.minutesFile
    }

    /// The people a meeting invites under its policy: everyone matched by `required` or `optional`,
    /// plus, when towns must be represented, each town's OB and deputy.
    public func invitees(of meeting: Meeting) -> [Person] {
        let policy = meeting.attendance
        let representatives = policy.representation == .obOrDeputy ? townRepresentatives() : []
        return people.filter { person in
            policy.required.contains { $0.matches(person, hostTown: meeting.hostTown) }
                || policy.optional.contains { $0.matches(person, hostTown: meeting.hostTown) }
                || representatives.contains(person.id)
        }
    }

    /// Whether `person` is an OB or an OB's deputy.
    public func representsTown(_ person: Person) -> Bool {
        person.role == .ob || people.contains { $0.role == .ob && $0.deputy == person.id && $0.town == person.town }
    }

    /// The ids of everyone who represents their town — the OBs and each OB's deputy of the same town — found in
    /// one pass, for callers that ask about every person (`representsTown` for each would be quadratic).
    public func townRepresentatives() -> Set<String> {
        var towns: [String: String] = [:]
        for person in people { towns[person.id] = towns[person.id] ?? person.town }
        var result: Set<String> = []
        for person in people where person.role == .ob {
            result.insert(person.id)
            if let deputy = person.deputy, towns[deputy] == person.town { result.insert(deputy) }
        }
        return result
    }

    /// Finds the workspace: `explicit` if given, else the nearest folder upwards from `directory`
    /// holding `convene.yaml`, else `$CONVENE_WORKSPACE`.
    /// - Throws: `WorkspaceProblem` telling how to point convene at a workspace.
    public static func locate(explicit: String?, from directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws(WorkspaceProblem) -> URL {
        let fileManager = FileManager.default
        if let explicit {
            let url = URL(fileURLWithPath: explicit, relativeTo: directory).standardizedFileURL
            guard fileManager.fileExists(atPath: url.appendingPathComponent(networkFile).path) else {
                throw WorkspaceProblem(file: explicit, "not a convene workspace (no \(networkFile)); create one with: convene init \(explicit)")
            }
            return url
        }
        var current = directory.standardizedFileURL
        while true {
            if fileManager.fileExists(atPath: current.appendingPathComponent(networkFile).path) { return current }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
        }
        if let fromEnvironment = environment["CONVENE_WORKSPACE"], !fromEnvironment.isEmpty {
            let url = URL(fileURLWithPath: fromEnvironment).standardizedFileURL
            guard fileManager.fileExists(atPath: url.appendingPathComponent(networkFile).path) else {
                throw WorkspaceProblem(file: fromEnvironment, "CONVENE_WORKSPACE is not a convene workspace (no \(networkFile))")
            }
            return url
        }
        throw WorkspaceProblem(file: directory.path,
                               "no workspace here: run inside a folder with \(networkFile), pass -w DIR, or set CONVENE_WORKSPACE (convene init DIR creates one)")
    }
}

/// Everything wrong with a workspace, reported together.
public struct WorkspaceErrors: Error, Sendable, CustomStringConvertible {
    public var problems: [WorkspaceProblem]
    public init(problems: [WorkspaceProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

extension Workspace {
    /// The domain of the organizer's address: the right-hand side of every UID convene writes.
    public var organizerDomain: String {
        network.organizer.email.split(separator: "@").last.map(String.init) ?? "convene.invalid"
    }

    /// convene's own events of `meeting` as people's calendars hold them once they accepted or imported them:
    /// the invitation (`<meeting>@<domain>`) and the tentative holds (`hold-<meeting>-…@<domain>`). They are
    /// not busy time for that meeting — they are that meeting — but they are for every other one.
    public func ownEvents(of meeting: Meeting) -> UIDFilter {
        UIDFilter(exact: ["\(meeting.id)@\(organizerDomain)"],
                  patterns: [UIDFilter.Pattern(prefix: "hold-\(meeting.id)-", suffix: "@\(organizerDomain)")])
    }
}
