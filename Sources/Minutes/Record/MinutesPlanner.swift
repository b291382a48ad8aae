import ConveneCore
import Foundation
import ICalendar

/// Reads what the minutes are made of from the workspace — the record (minutes.yaml or minutes.md, loaded with the
/// workspace), the stored agenda, the answers to the invitation, the approval, the register's decision numbers — into
/// the values `MinutesBuilder` works on. The one type of the Minutes feature that reads the minutes' files.
public struct MinutesPlanner: Sendable {
    public let workspace: Workspace
    public let zone: CalendarTimeZone

    /// - Throws: `WorkspaceProblem` if the network's zone is unknown.
    public init(workspace: Workspace) throws(WorkspaceProblem) {
        self.workspace = workspace
        zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
    }

    /// The Niederschrift's input for `meeting`.
    /// - Throws: `WorkspaceProblem` when the meeting has no minutes yet, or its approval record cannot be read.
    public func niederschrift(for meeting: Meeting) throws(WorkspaceProblem) -> NiederschriftInput {
        guard let record = workspace.minutes[meeting.id] else {
            throw WorkspaceProblem(file: workspace.minutesFile(of: meeting),
                                   "no minutes yet; create the record with: convene minutes init \(meeting.id)")
        }
        let approval = try MinutesApproval.read(meeting, in: workspace)
        let place = workspace.network.location(meeting.location).map { "\($0.name), \($0.address)" } ?? meeting.location
        return NiederschriftInput(
            record: record, meeting: meeting, network: workspace.network.name, place: place, towns: workspace.towns,
            people: workspace.people,
            // The record as written (its status at the meeting), not today's follow-up: the Niederschrift is the record.
            actions: workspace.recordedActionItems.filter { $0.meeting == meeting.id },
            decisionNumbers: DecisionNumbers.assign(in: workspace, zone: zone)[meeting.id] ?? [],
            quorum: Quorum(record: record, meeting: meeting, workspace: workspace), approval: approval,
            approvalMatches: approval?.matches(meeting, in: workspace) ?? true,
            approvingMeetingTitle: approval?.atMeeting.map { workspace.meeting($0)?.title ?? $0 }, zone: zone)
    }

    /// The input of a new record for `meeting`: its stored agenda, the answers to its invitation (`replies.yaml`) and
    /// the SEQUENCE that set its time (`invitation.yaml`).
    /// - Throws: `WorkspaceProblem` when there is no stored agenda or a state file cannot be read.
    public func draft(for meeting: Meeting) throws(WorkspaceProblem) -> MinutesDraftInput {
        guard let agenda = try StoredAgenda.read(meeting, in: workspace) else {
            throw WorkspaceProblem(file: meeting.files.agendaFile, "no stored agenda; build it first: convene agenda \(meeting.id)")
        }
        let replies = try ReplyBook.read(meeting, in: workspace)
        let answersFrom = try InvitationState.read(meeting, in: workspace)?.slotSequence ?? 0
        return MinutesDraftInput(meeting: meeting, agenda: agenda, workspace: workspace, replies: replies, answersFrom: answersFrom, zone: zone)
    }
}
