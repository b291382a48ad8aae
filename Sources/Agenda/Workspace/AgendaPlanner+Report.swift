import ConveneCore

extension AgendaPlanner {
    /// Plans and builds the agenda of `meeting` and wraps it for output in `language`.
    /// - Throws: `WorkspaceProblem` naming the file to look at (no slot, a pin that cannot be kept, …).
    public func report(for meeting: Meeting, language: Language) throws(WorkspaceProblem) -> AgendaReport {
        AgendaReport(agenda: try build(for: meeting), names: AgendaNames(workspace: workspace, meeting: meeting), language: language, zone: zone)
    }
}
