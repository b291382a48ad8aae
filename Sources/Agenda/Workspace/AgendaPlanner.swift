import ConveneCore
import Foundation
import ICalendar

/// Gathers an agenda's input from a workspace: the chosen slot, the topics, the pending action
/// items of earlier meetings, the previous and next meeting, and the history of earlier agendas
/// (stored with their meetings) for fairness and aging.
public struct AgendaPlanner: Sendable {
    public let workspace: Workspace
    public let zone: CalendarTimeZone
    /// When no later meeting is known: the next meeting is assumed this many days later.
    public static let assumedInterval = 182

    /// - Throws: `WorkspaceProblem` if the network's zone is unknown.
    public init(workspace: Workspace) throws(WorkspaceProblem) {
        self.workspace = workspace
        self.zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
    }

    /// When a meeting takes place: its chosen slot, else the start of its window (local midnight).
    public func start(of meeting: Meeting) -> Instant {
        meeting.chosen?.start ?? zone.instant(for: LocalDateTime(date: meeting.window.first))
    }

    /// The meeting's local date (chosen slot, else the first day of its window).
    public func date(of meeting: Meeting) -> LocalDate { zone.localTime(of: start(of: meeting)).date }

    /// Where a meeting's minutes stand: none yet, Entwurf, or approved on a day.
    func minutesState(of meeting: Meeting) throws(WorkspaceProblem) -> MeetingReference.MinutesState {
        guard workspace.minutes[meeting.id] != nil else { return .missing }
        return try MinutesApproval.read(meeting, in: workspace).map { .approved($0.approvedOn) } ?? .draft
    }

    /// Meetings before `meeting` (by `start(of:)`), oldest first.
    public func earlier(than meeting: Meeting, sameKind: Bool) -> [Meeting] {
        let start = start(of: meeting)
        return workspace.meetings.filter { $0.id != meeting.id && self.start(of: $0) < start && (!sameKind || $0.kind == meeting.kind) }
            .sorted { (self.start(of: $0), $0.id) < (self.start(of: $1), $1.id) }
    }

    /// The agenda input for `meeting`.
    /// - Throws: `WorkspaceProblem` when the meeting has no slot or an earlier stored agenda
    ///   cannot be read.
    public func input(for meeting: Meeting) throws(WorkspaceProblem) -> AgendaInput {
        guard let slot = meeting.chosen else {
            throw AgendaError.noSlot(meeting: meeting.id, folder: meeting.folder).problem(in: meeting.files, settings: settings(meeting))
        }
        let meetingStart = start(of: meeting)
        let earlierSameKind = earlier(than: meeting, sameKind: true)
        let earlierAll = Set(earlier(than: meeting, sameKind: false).map(\.id))

        var history = AgendaHistory()
        for previous in earlierSameKind {
            let stored = try StoredAgenda.read(previous, in: workspace)
            history.meetings.append(AgendaHistory.Meeting(id: previous.id, reportingTowns: stored?.reportingTowns ?? [],
                                                          deferredTopics: stored?.deferredTopics ?? []))
        }
        // The minutes to approve: those whose approval names this meeting (`minutes approve --at`), else the previous
        // meeting's of the same kind.
        var approvedHere: Meeting?
        for other in workspace.meetings where other.id != meeting.id {
            if try MinutesApproval.read(other, in: workspace)?.atMeeting == meeting.id { approvedHere = other }
        }
        let previous = try (approvedHere ?? earlierSameKind.last).map { other throws(WorkspaceProblem) in
            MeetingReference(id: other.id, title: other.title, date: date(of: other), minutes: try minutesState(of: other))
        }
        let later = workspace.meetings.filter { $0.id != meeting.id && $0.kind == meeting.kind && start(of: $0) > meetingStart }
            .min { (start(of: $0), $0.id) < (start(of: $1), $1.id) }
        let settings = settings(meeting)
        let meetingDate = date(of: meeting)
        let next = settings.nextMeeting ?? later.map(date(of:)) ?? meetingDate.adding(days: Self.assumedInterval)

        let townIndex = Dictionary(workspace.towns.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let actions = workspace.actionItems.filter { $0.status.isPending && earlierAll.contains($0.meeting) }
            .sorted { a, b in
                (townIndex[a.town] ?? Int.max, a.due?.daysSinceEpoch ?? Int.max, a.id) < (townIndex[b.town] ?? Int.max, b.due?.daysSinceEpoch ?? Int.max, b.id)
            }
        let chair = workspace.people.first { $0.town == meeting.hostTown && $0.role == .ob }?.id
        let office = workspace.people.first { $0.town == meeting.hostTown && $0.role == .mainOffice }?.id
        return AgendaInput(meetingID: meeting.id, meetingTitle: meeting.title, location: meeting.location, hostTown: meeting.hostTown,
                           slot: slot, zone: zone, towns: workspace.towns, topics: workspace.topics.map(Self.onGrid), actionItems: actions,
                           previousMeeting: previous, nextMeetingDate: next, settings: settings, history: history, chair: chair,
                           reviewPresenter: office ?? chair)
    }

    /// Builds the agenda of `meeting`.
    /// - Throws: `WorkspaceProblem` (`file[:line]: message`) for everything that stops it.
    public func build(for meeting: Meeting) throws(WorkspaceProblem) -> Agenda {
        let input = try input(for: meeting)
        do {
            return try AgendaBuilder.build(input)
        } catch {
            throw error.problem(in: meeting.files, settings: input.settings)
        }
    }

    /// The topic with its estimate rounded up to the 5-minute grid of TOP times (`FrameMinutes.grid`), so that
    /// the selection budgets the minutes the timetable gives it.
    static func onGrid(_ topic: Topic) -> Topic {
        var topic = topic
        topic.minutes = FrameMinutes.onGrid(topic.minutes)
        return topic
    }

    public func settings(_ meeting: Meeting) -> AgendaSettings { workspace.agendaSettings[meeting.id] ?? AgendaSettings() }
}
