import ArgumentParser
import CalendarSources
import ConveneCore
import LiveCalendars

/// `--offline` for the commands that read people's calendars, and the fetcher of live sources they pass on.
struct LiveOptions: ParsableArguments {
    @Flag(help: "Ask no calendar server: use what was fetched last (its age is shown); never fetched counts as unknown.")
    var offline = false

    /// The fetcher of feed and CalDAV sources, answers read through libical's reader.
    /// - Throws: `WorkspaceProblem` for a bad zone or CONVENE_NOW.
    func fetcher(for workspace: Workspace) throws -> LiveCalendarFetcher {
        LiveCalendarFetcher(root: workspace.root, reader: CalendarFileReader(), zone: try workspace.timeZone(), now: try Clock.now(),
                            offline: offline)
    }
}
