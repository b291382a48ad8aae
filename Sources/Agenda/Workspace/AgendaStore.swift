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
}
