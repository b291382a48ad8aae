import ConveneCore
import Foundation
import ICalendar

/// `convene minutes approve MEETING [--at NEXT]` (issue 15): Entwurf → genehmigt. Records the approval in
/// `approval.yaml` with the fingerprint of `minutes.yaml`, which freezes it (see `MinutesApproval`).
public enum MinutesApprove {
    public enum Outcome: Sendable, Equatable {
        case approved
        /// Approved before, and the file is unchanged since.
        case alreadyApproved
        /// Changed after the approval and approved again (`force`).
        case approvedAgain
    }

    /// - Parameter next: the meeting that approves the minutes (its Niederschrift names it).
    /// - Throws: `WorkspaceProblem` when there are no minutes, `next` is the meeting itself, or the minutes changed
    ///   since an earlier approval (approve again with `force`).
    public static func approve(meeting: Meeting, at next: Meeting?, workspace: Workspace, today: LocalDate,
                               force: Bool) throws(WorkspaceProblem) -> Outcome {
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            guard workspace.minutes[meeting.id] != nil, let fingerprint = MinutesApproval.fingerprint(of: meeting, in: workspace) else {
                throw WorkspaceProblem(file: workspace.minutesFile(of: meeting), "no minutes to approve; create the record with: convene minutes init \(meeting.id)")
            }
            if next?.id == meeting.id {
                throw WorkspaceProblem(file: workspace.minutesFile(of: meeting), "minutes are approved at a later meeting, not at \(meeting.id) itself")
            }
            // --at links the two: the later meeting's agenda item „Genehmigung der Niederschrift" names these minutes.
            if let next {
                let zone = try workspace.timeZone()
                if FollowUp.day(of: next, zone: zone) < FollowUp.day(of: meeting, zone: zone) {
                    throw WorkspaceProblem(file: workspace.minutesFile(of: meeting), "minutes are approved at a later meeting; \(next.id) takes place before \(meeting.id)")
                }
            }
            if var earlier = try MinutesApproval.read(meeting, in: workspace) {
                if earlier.fingerprint == fingerprint { return .alreadyApproved }
                guard force else {
                    throw WorkspaceProblem(file: workspace.minutesFile(of: meeting),
                                           "changed since its approval on \(earlier.approvedOn) without a logged change; approve it again with --force")
                }
                earlier.changes.append(.init(on: today, what: "minutes approve --force: approved again as changed"))
                earlier.fingerprint = fingerprint
                try earlier.write(meeting, in: workspace, force: true)
                return .approvedAgain
            }
            try MinutesApproval(approvedOn: today, atMeeting: next?.id, fingerprint: fingerprint).write(meeting, in: workspace, force: force)
            return .approved
        }
    }
}
