import ConveneCore
import ICalendar

extension ActionList {
    /// The filtered list, as `init(workspace:town:status:overdue:today:)`, for a town named by a user.
    /// - Throws: `WorkspaceProblem` naming people.yaml when the workspace has no town `town`.
    public init(checking workspace: Workspace, town: String?, status: ActionStatus?, overdue: Bool, today: LocalDate) throws(WorkspaceProblem) {
        if let town, workspace.town(town) == nil {
            throw WorkspaceProblem(file: Workspace.peopleFile, "no town '\(town)' (towns: \(workspace.towns.map(\.id).joined(separator: ", ")))")
        }
        self.init(workspace: workspace, town: town, status: status, overdue: overdue, today: today)
    }
}
