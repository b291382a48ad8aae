import ConveneCore
import ICalendar

/// The fixed items around the topics, and the breaks.
public enum FrameRole: String, Sendable, CaseIterable {
    /// *Begrüßung* by the host OB.
    case welcome
    /// *Genehmigung der Niederschrift* of the previous meeting.
    case minutesApproval = "minutes-approval"
    /// *Offene Aufgaben*: the pending action items of earlier meetings, per town.
    case actionReview = "action-review"
    /// *Verschiedenes*.
    case otherBusiness = "other-business"
    /// *Nächster Termin*.
    case nextMeeting = "next-meeting"
    case coffee
    case lunch
}

/// One line of the agenda: a TOP (frame item or topic) or a break.
public struct AgendaItem: Sendable, Equatable {
    /// The TOP number ("1", "2", …); `nil` for breaks.
    public var number: String?
    public var kind: ItemKind
    /// Set for frame items and breaks.
    public var role: FrameRole?
    /// Set for topics.
    public var topic: Topic?
    public var town: String?
    public var presenter: String?
    public var start: Instant
    public var end: Instant

    public var minutes: Int { Int((end - start) / 60) }
    public var isBreak: Bool { kind == .break }
}

/// The previous meeting, whose minutes the item „Genehmigung der Niederschrift" is about.
public struct MeetingReference: Sendable, Equatable {
    /// Where the previous meeting's minutes stand when the agenda is built.
    public enum MinutesState: Sendable, Equatable {
        /// No minutes recorded yet.
        case missing
        /// Recorded, not approved: *Entwurf*.
        case draft
        /// Approved on that day (`minutes approve`).
        case approved(LocalDate)
    }

    public var id: String
    public var title: String
    public var date: LocalDate
    /// Nil when not known (an agenda built without the workspace): the item then names the meeting only.
    public var minutes: MinutesState?
    public init(id: String, title: String, date: LocalDate, minutes: MinutesState? = nil) {
        self.id = id
        self.title = title
        self.date = date
        self.minutes = minutes
    }
}

/// Why a topic is on the agenda or not.
public enum Reason: Sendable, Equatable {
    /// Pinned in meeting.yaml (`agenda.pin`).
    case pinned
    /// Chosen by value among the candidates.
    case selected
    /// Excluded in meeting.yaml (`agenda.exclude`).
    case excluded
    /// Longer than all the time the agenda has for topics.
    case tooLong(minutes: Int, budget: Int)
    /// Its town would take more than the allowed share of the topic time.
    case townShare(town: String, share: Double)
    /// Its deadline lies before the meeting.
    case deadlinePassed(LocalDate)
    /// Did not fit into the minutes left (`free`). `outvalued`: every topic chosen by value has at
    /// least this topic's value; otherwise the chosen ones give more value together in the time.
    case noRoom(free: Int, outvalued: Bool)
}

/// The value of a topic for the selection, by component (documented in `TopicValue`).
public struct ValueBreakdown: Sendable, Equatable {
    public var priority: Int
    public var deadline: Int
    public var aging: Int
    public var fairness: Int
    public var total: Int { priority + deadline + aging + fairness }
}

/// How one candidate topic was judged.
public struct TopicDecision: Sendable, Equatable {
    public var topic: Topic
    public var included: Bool
    public var reason: Reason
    public var value: ValueBreakdown
    /// Times deferred before (deferred_from plus earlier stored agendas).
    public var timesDeferred: Int
    /// Whether the deadline falls on or after the meeting and before the next one.
    public var urgent: Bool
    /// Whether the topic is its town's due project report.
    public var reportDue: Bool
}

/// Something the organizer should know that is not about one topic.
public enum AgendaNote: Sendable, Equatable {
    /// A town is due to report (`report_every`) but has no open report topic.
    case reportDueWithoutTopic(town: String, meetingsSinceReport: Int?)
}

/// A time-boxed agenda for a meeting with a chosen slot.
public struct Agenda: Sendable, Equatable {
    public var meetingID: String
    public var meetingTitle: String
    public var location: String
    public var hostTown: String
    public var slot: Interval
    public var items: [AgendaItem]
    /// Every pending candidate topic with its decision, in backlog (id) order.
    public var decisions: [TopicDecision]
    /// Pending action items of earlier meetings, reviewed in the action-review item.
    public var actionItems: [ActionItem]
    public var previousMeeting: MeetingReference?
    public var nextMeetingDate: LocalDate
    /// Minutes available for topics after frame items and breaks.
    public var topicBudget: Int
    public var notes: [AgendaNote]

    /// The topics left out, with their reasons.
    public var deferred: [TopicDecision] { decisions.filter { !$0.included } }
    /// Minutes the topics take.
    public var topicMinutes: Int { items.compactMap { $0.topic?.minutes }.reduce(0, +) }
    /// When the last item ends (on or before the end of the slot).
    public var end: Instant { items.last?.end ?? slot.start }
}
