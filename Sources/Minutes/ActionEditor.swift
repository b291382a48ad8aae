import ConveneCore
import Foundation
import ICalendar

/// `convene actions done|start|drop ID [--note TEXT]` and `convene decisions done|start|drop NUMBER [--note TEXT]`:
/// records where an action item or a decision stands in the follow-up register (`register/actions.yaml`,
/// `register/decisions.yaml`, see `FollowUpRegister`). The minutes are not touched — hand-edited or approved, they
/// stay byte for byte as they were; the register wins over the status they record.
public enum ActionEditor {
    /// Records the status (and note) of the action item `id`.
    /// - Parameters:
    ///   - note: replaces an earlier note; nil keeps it.
    ///   - force: replace a register edited by hand (a `.bak` copy is kept).
    /// - Returns: the item as it stands now.
    /// - Throws: `WorkspaceProblem` for an unknown id, a hand-edited register without `force`, or a failed write.
    @discardableResult
    public static func apply(id: String, status: ActionStatus, note: String?, workspace: Workspace,
                             force: Bool) throws(WorkspaceProblem) -> ActionItem {
        guard var item = workspace.actionItems.first(where: { $0.id == id }) else {
            throw WorkspaceProblem(file: MeetingFolder.parent, "no action item '\(Quoting.short(id))' (list them with: convene actions)")
        }
        let today = try Clock.today(in: workspace)
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            // The note as the register holds it now (another run may have changed it since this one loaded).
            let (current, problems) = FollowUpRegister.read(root: workspace.root)
            if let problem = problems.first { throw problem }
            let kept = note ?? current.actions[id]?.note
            try FollowUpRegister.set(.actions, key: id, to: .init(status: status, note: kept, on: today), in: workspace, force: force)
            if let kept { item.note = kept }
        }
        item.status = status
        return item
    }

    /// Records the status (and note) of the decision `number`.
    /// - Returns: the decision as it stands now.
    /// - Throws: `WorkspaceProblem` for an unknown number, a hand-edited register without `force`, or a failed write.
    @discardableResult
    public static func apply(decision number: String, status: ActionStatus, note: String?, workspace: Workspace,
                             force: Bool) throws(WorkspaceProblem) -> TrackedDecision {
        guard var decision = workspace.decisions.first(where: { $0.number == number }) else {
            let known = workspace.decisions.isEmpty ? "none yet" : "list them with: convene decisions"
            throw WorkspaceProblem(file: Workspace.decisionRegisterFile, "no decision '\(Quoting.short(number))' (\(known))")
        }
        let today = try Clock.today(in: workspace)
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            let (current, problems) = FollowUpRegister.read(root: workspace.root)
            if let problem = problems.first { throw problem }
            let earlier = current.decisions[number].flatMap { $0.meeting == decision.meeting ? $0 : nil }
            let kept = note ?? earlier?.note
            try FollowUpRegister.set(.decisions, key: number,
                                     to: .init(status: status, note: kept, on: today, meeting: decision.meeting),
                                     in: workspace, force: force)
            decision.note = kept
        }
        decision.status = status
        decision.changedOn = today
        return decision
    }
}
