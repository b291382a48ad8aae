import ConveneCore
import Foundation
import ICalendar

/// Writes the agenda stored with its meeting (`agenda.yaml` in its folder, see `StoredAgenda` in
/// ConveneCore), convene-owned (`OwnedFile`: a hand edit is kept, convene refuses to overwrite it
/// without `--force`).
///
/// The content is the JSON contract of `convene agenda --format json` (pretty-printed), plus the
/// language it was written in. JSON is YAML, so the checksum comment `OwnedFile` appends keeps the
/// file valid — a `.json` file with that line would not be. Later agendas read it back for their
/// history (which towns reported, which topics were deferred); the invitation uses its items.
public enum AgendaStore {
    /// The text stored for a report (before sealing).
    public static func text(_ report: AgendaReport) -> String {
        var json = report.json()
        if case .object(var pairs) = json {
            pairs.insert(("lang", .string(report.language.rawValue)), at: 1)
            // The slot the times were laid out for: a re-pick makes them stale (`isTimed(for:)`).
            pairs.insert(("slot", .object([("start", .string(report.agenda.slot.start.rfc3339)),
                                           ("end", .string(report.agenda.slot.end.rfc3339))])), at: 2)
            json = .object(pairs)
        }
        return """
            # The agenda of \(report.agenda.meetingID), written by `convene agenda \(report.agenda.meetingID)`: the JSON of
            # `--format json` (JSON is YAML). A hand edit is kept: convene refuses to overwrite it without --force.
            \(json.rendered(pretty: true))

            """
    }

    /// Stores the agenda with its meeting (`StoredAgenda.write`).
    /// - Throws: `WorkspaceProblem` if the file was edited by hand and `force` is false, or cannot be written.
    public static func write(_ report: AgendaReport, meeting: Meeting, in workspace: Workspace, force: Bool) throws(WorkspaceProblem) {
        try StoredAgenda.write(text(report), for: meeting, in: workspace, force: force)
    }

    /// Lays the stored agenda out again for the meeting's slot when it was timed for another one and convene may
    /// rewrite it (no hand edit): the same builder and language as `convene agenda`.
    /// - Returns: the path rewritten, or nil when nothing had to change.
    /// - Throws: `WorkspaceProblem` when the agenda is stale and was edited by hand (the message names the
    ///   command that resolves it), or it cannot be rebuilt or written.
    @discardableResult
    public static func retimeIfStale(_ meeting: Meeting, in workspace: Workspace) throws(WorkspaceProblem) -> String? {
        guard let problem = try StoredAgenda.staleness(meeting, in: workspace) else { return nil }
        guard StoredAgenda.isUntouched(meeting, in: workspace), let stored = try StoredAgenda.read(meeting, in: workspace) else { throw problem }
        let planner = try AgendaPlanner(workspace: workspace)
        let report = AgendaReport(agenda: try planner.build(for: meeting), names: AgendaNames(workspace: workspace, meeting: meeting),
                                  language: stored.language, zone: planner.zone)
        try write(report, meeting: meeting, in: workspace, force: false)
        return meeting.files.agendaFile
    }
}
