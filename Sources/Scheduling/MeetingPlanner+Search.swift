import ConveneCore
import CalendarValues

extension MeetingPlanner {
    /// Loads the search input for `meeting` and ranks its candidates.
    /// - Returns: the result and the warnings met while reading calendars.
    /// - Throws: `WorkspaceErrors` naming every calendar that cannot be read.
    public func search(_ meeting: Meeting, options: SearchOptions) throws(WorkspaceErrors) -> (SearchResult, [Diagnostic]) {
        let (input, warnings) = try input(for: meeting)
        return (SlotSearch.run(input, options: options), warnings)
    }
}
