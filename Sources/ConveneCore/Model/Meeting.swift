import CalendarValues

public enum MeetingKind: String, Sendable, CaseIterable {
    case plenary
    case workshop
}

/// Who is selected by a policy entry: a person id, `role:<role>`, `town:<town>` or `everyone`.
public enum Selector: Sendable, Equatable, CustomStringConvertible {
    case person(String)
    case role(Role)
    case town(String)
    case host
    case everyone

    public var description: String {
        switch self {
        case .person(let id): return id
        case .role(let role): return "role:\(role.rawValue)"
        case .town(let id): return "town:\(id)"
        case .host: return "host-ob"
        case .everyone: return "everyone"
        }
    }

    public func matches(_ person: Person, hostTown: String) -> Bool {
        switch self {
        case .person(let id): return person.id == id
        case .role(let role): return person.role == role
        case .town(let id): return person.town == id
        case .host: return person.town == hostTown && person.role == .ob
        case .everyone: return true
        }
    }
}

/// How towns must be represented.
public enum Representation: String, Sendable, CaseIterable {
    /// No rule.
    case none
    /// At least one person of the town attends.
    case anyone
    /// The town's OB or the OB's deputy attends.
    case obOrDeputy = "ob-or-deputy"
}

/// Hard rules filter slots; everything else ranks.
public struct AttendancePolicy: Sendable, Equatable {
    /// Must all attend.
    public var required: [Selector]
    /// Invited; their attendance ranks slots.
    public var optional: [Selector]
    public var representation: Representation
    /// Share of towns (0…1) that must be represented under `representation`.
    public var minimumTownShare: Double

    public init(required: [Selector], optional: [Selector], representation: Representation, minimumTownShare: Double) {
        self.required = required
        self.optional = optional
        self.representation = representation
        self.minimumTownShare = minimumTownShare
    }
}

public struct Meeting: Sendable, Equatable {
    public var id: String
    public var kind: MeetingKind
    public var title: String
    /// Candidate days, inclusive.
    public var window: DateRange
    public var durationMinutes: Int
    public var location: String
    public var hostTown: String
    public var attendance: AttendancePolicy
    /// Start times are multiples of this many minutes after midnight.
    public var gridMinutes: Int
    /// Folder of the meeting, relative to the workspace (`meetings/<id>`).
    public var folder: String
    /// The chosen slot, once `convene propose --pick` recorded one.
    public var chosen: Interval?
    /// The online-meeting link letters give besides the place (`online_url`, http or https).
    public var onlineURL: String?

    public init(id: String, kind: MeetingKind, title: String, window: DateRange, durationMinutes: Int, location: String,
                hostTown: String, attendance: AttendancePolicy, gridMinutes: Int, folder: String, chosen: Interval? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.window = window
        self.durationMinutes = durationMinutes
        self.location = location
        self.hostTown = hostTown
        self.attendance = attendance
        self.gridMinutes = gridMinutes
        self.folder = folder
        self.chosen = chosen
    }
}

extension Meeting {
    /// Refuses a date search whose whole window lies before `today` (the network's local date): there is no
    /// time left to meet in it.
    /// - Throws: `WorkspaceProblem` naming meeting.yaml, with what to change.
    public func requireFutureWindow(today: LocalDate) throws(WorkspaceProblem) {
        guard window.last < today else { return }
        throw WorkspaceProblem(file: files.meetingFile,
                               "meeting \(id): the window \(window) lies in the past (today is \(today)); move window to dates ahead, or add --past to look at it anyway")
    }

    /// Refuses to invite to a slot that has begun: an invitation dated in the past reaches nobody in time.
    /// - Throws: `WorkspaceProblem` naming slot.yaml, with the command that picks a new slot.
    public func requireFutureSlot(now: Instant) throws(WorkspaceProblem) {
        guard let chosen, chosen.start < now else { return }
        throw WorkspaceProblem(file: files.slotFile,
                               "the chosen slot (\(chosen.start.rfc3339)) lies in the past (now is \(now.rfc3339)); pick a new one: convene propose \(id) --pick N")
    }
}
