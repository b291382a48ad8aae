import ConveneCore
import ICalendar

/// Everything the builder needs, already read from the workspace: the builder itself touches no
/// files, so it can be tested (and simulated over a series of meetings) without one.
public struct AgendaInput: Sendable {
    public var meetingID: String
    public var meetingTitle: String
    public var location: String
    public var hostTown: String
    /// The chosen slot.
    public var slot: Interval
    /// Zone of the network: breaks and lunch are placed on its wall clock.
    public var zone: CalendarTimeZone
    /// Towns in the workspace's order (reports are grouped in this order).
    public var towns: [Town]
    /// The whole backlog; the builder picks the pending topics created on or before the meeting.
    public var topics: [Topic]
    /// Pending action items of earlier meetings.
    public var actionItems: [ActionItem]
    public var previousMeeting: MeetingReference?
    /// Deadlines before this date are urgent now.
    public var nextMeetingDate: LocalDate
    public var settings: AgendaSettings
    /// Earlier meetings (oldest first) the fairness rule counts.
    public var history: AgendaHistory
    /// Who chairs (the host town's OB) and who presents the review of open action items.
    public var chair: String?
    public var reviewPresenter: String?

    public init(meetingID: String, meetingTitle: String, location: String = "", hostTown: String, slot: Interval,
                zone: CalendarTimeZone, towns: [Town], topics: [Topic], actionItems: [ActionItem] = [],
                previousMeeting: MeetingReference? = nil, nextMeetingDate: LocalDate, settings: AgendaSettings = AgendaSettings(),
                history: AgendaHistory = AgendaHistory(), chair: String? = nil, reviewPresenter: String? = nil) {
        self.meetingID = meetingID
        self.meetingTitle = meetingTitle
        self.location = location
        self.hostTown = hostTown
        self.slot = slot
        self.zone = zone
        self.towns = towns
        self.topics = topics
        self.actionItems = actionItems
        self.previousMeeting = previousMeeting
        self.nextMeetingDate = nextMeetingDate
        self.settings = settings
        self.history = history
        self.chair = chair
        self.reviewPresenter = reviewPresenter
    }

    /// The local date of the meeting.
    public var meetingDate: LocalDate { zone.localTime(of: slot.start).date }
}

/// What earlier meetings did, as far as the selection cares: which towns reported, which topics
/// were deferred. Built from the agendas stored with earlier meetings.
public struct AgendaHistory: Sendable, Equatable {
    public struct Meeting: Sendable, Equatable {
        public var id: String
        /// Towns that gave a project report.
        public var reportingTowns: Set<String>
        /// Topics the agenda deferred.
        public var deferredTopics: Set<String>
        public init(id: String, reportingTowns: Set<String> = [], deferredTopics: Set<String> = []) {
            self.id = id
            self.reportingTowns = reportingTowns
            self.deferredTopics = deferredTopics
        }
    }

    /// Oldest first.
    public var meetings: [Meeting]
    public init(meetings: [Meeting] = []) { self.meetings = meetings }

    /// Meetings since the town's last report (0: reported at the previous meeting); `nil` if it
    /// never reported.
    public func meetingsSinceReport(of town: String) -> Int? {
        guard let last = meetings.lastIndex(where: { $0.reportingTowns.contains(town) }) else { return nil }
        return meetings.count - 1 - last
    }

    /// Earlier meetings whose agendas deferred the topic.
    public func deferrals(of topic: String) -> [String] {
        meetings.filter { $0.deferredTopics.contains(topic) }.map(\.id)
    }
}

/// Why no agenda can be built.
public enum AgendaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The meeting has no chosen slot yet.
    case noSlot(meeting: String, folder: String)
    /// The slot cannot even hold the frame items and breaks.
    case slotTooShort(slotMinutes: Int, frameMinutes: Int)
    /// A pinned topic is longer than all the time for topics.
    case pinnedTooLong(topic: String, minutes: Int, budget: Int)
    /// The pinned topics together are longer than the time for topics.
    case pinnedTooMuch(topics: [String], minutes: Int, budget: Int)
    /// A pinned topic is done or dropped.
    case pinnedNotPending(topic: String, status: TopicStatus)

    public var description: String {
        switch self {
        case let .noSlot(meeting, _):
            return "no slot chosen for \(meeting) yet; pick one first: convene propose \(meeting) --pick N"
        case let .slotTooShort(slot, frame):
            return "the slot (\(slot) min) is too short for the frame items and breaks (\(frame) min); choose a longer slot"
        case let .pinnedTooLong(topic, minutes, budget):
            return "pinned topic '\(topic)' needs \(minutes) min, but the agenda has only \(budget) min for topics; "
                + "shorten it (minutes in topics/\(topic).yaml), unpin it or choose a longer slot"
        case let .pinnedTooMuch(topics, minutes, budget):
            return "the pinned topics (\(topics.joined(separator: ", "))) need \(minutes) min together, but the agenda has only "
                + "\(budget) min for topics; unpin some or choose a longer slot"
        case let .pinnedNotPending(topic, status):
            return "pinned topic '\(topic)' is \(status.rawValue); pin only open topics"
        }
    }

    /// The problem as `file[:line]: message`, naming the file the user should look at (and the
    /// line of the pin, when known).
    public func problem(in folder: MeetingFolder, settings: AgendaSettings) -> WorkspaceProblem {
        switch self {
        case .noSlot(_, let path):
            return WorkspaceProblem(file: MeetingFolder(path: path).slotFile, description)
        case .slotTooShort:
            return WorkspaceProblem(file: folder.slotFile, description)
        case .pinnedTooLong(let topic, _, _), .pinnedNotPending(let topic, _):
            return WorkspaceProblem(file: folder.meetingFile, line: settings.pinLines[topic], description)
        case .pinnedTooMuch(let topics, _, _):
            return WorkspaceProblem(file: folder.meetingFile, line: topics.first.flatMap { settings.pinLines[$0] }, description)
        }
    }
}
