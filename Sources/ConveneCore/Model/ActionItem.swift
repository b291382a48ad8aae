import CalendarValues

/// Where an action item stands (RFC 5545 VTODO STATUS maps: open → NEEDS-ACTION,
/// in-progress → IN-PROCESS, done → COMPLETED, dropped → CANCELLED).
public enum ActionStatus: String, Sendable, CaseIterable {
    case open
    case inProgress = "in-progress"
    case done
    case dropped

    /// Still to be followed up: reviewed at the next meeting.
    public var isPending: Bool { self == .open || self == .inProgress }
}

/// An action item (*Aufgabe*) agreed in a meeting, owned by a town. Recorded in
/// `meetings/<id>/minutes.yaml` under `action_items:`:
///
/// ```yaml
/// action_items:
///   - id: kickoff-bretten-foerderaufruf   # unique in the workspace
///     title: Förderaufruf sichten und Eckdaten vorstellen
///     town: bretten                       # required
///     responsible: bretten-it             # a person id (optional)
///     due: 2027-02-28                     # optional
///     status: open                        # open | in-progress | done | dropped (default open)
///     item: "4"                           # the agenda item (TOP) it came from (optional)
///     note: Entwurf liegt vor              # the latest remark (`convene actions done ID --note`)
/// ```
///
/// The agenda of a later meeting reviews the pending (`open`, `in-progress`) items of every
/// earlier meeting, grouped by town.
public struct ActionItem: Sendable, Equatable {
    public var id: String
    public var title: String
    public var town: String
    public var responsible: String?
    public var due: LocalDate?
    public var status: ActionStatus
    /// The number of the agenda item (TOP) it came from.
    public var item: String?
    /// The meeting whose minutes record it.
    public var meeting: String
    /// The latest remark on it (optional).
    public var note: String?

    public init(id: String, title: String, town: String, responsible: String? = nil, due: LocalDate? = nil,
                status: ActionStatus = .open, item: String? = nil, meeting: String, note: String? = nil) {
        self.id = id
        self.title = title
        self.town = town
        self.responsible = responsible
        self.due = due
        self.status = status
        self.item = item
        self.meeting = meeting
        self.note = note
    }
}

extension ActionStatus {
    /// The VTODO STATUS of an action item (RFC 5545 §3.8.1.11).
    public var todoStatus: TodoStatus {
        switch self {
        case .open: return .needsAction
        case .inProgress: return .inProcess
        case .done: return .completed
        case .dropped: return .cancelled
        }
    }

    /// The action status of a VTODO STATUS (the other way round).
    public init(todoStatus: TodoStatus) {
        switch todoStatus {
        case .needsAction: self = .open
        case .inProcess: self = .inProgress
        case .completed: self = .done
        case .cancelled: self = .dropped
        }
    }
}
