import ConveneCore
import Foundation
import ICalendar

/// Writes a new minutes record (`convene minutes init`): under the workspace lock, through `MinutesApproval.change`
/// (an approved record is replaced only with `force`, and the change is logged) and `OwnedFile`.
public enum MinutesStore {
    /// Creates `meetings/<id>/minutes.yaml` (with `markdown`, `minutes.md`) from the stored agenda
    /// (`MinutesPlanner.draft` → `MinutesBuilder.draft`/`markdownDraft`). An existing record is never overwritten;
    /// with `force` it is replaced and the old one kept as a new backup (`minutes.yaml.bak`, then `.bak.2`, `.bak.3`
    /// …, never overwritten).
    /// - Returns: the workspace-relative path written.
    /// - Throws: `WorkspaceProblem` when the other form exists, there is no stored agenda, the record exists and
    ///   `force` is false, or the file cannot be written.
    @discardableResult
    public static func create(meeting: Meeting, workspace: Workspace, force: Bool, markdown: Bool = false) throws(WorkspaceProblem) -> String {
        let path = markdown ? meeting.files.minutesMarkdownFile : meeting.files.minutesFile
        let other = markdown ? meeting.files.minutesFile : meeting.files.minutesMarkdownFile
        let url = workspace.url(path)
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            if FileManager.default.fileExists(atPath: workspace.url(other).path) {
                throw WorkspaceProblem(file: other, "the minutes are written here already; not started in the other form (remove this file first to switch)")
            }
            let exists = FileManager.default.fileExists(atPath: url.path)
            if exists && !force {
                throw WorkspaceProblem(file: path, "minutes exist already; not overwritten (use --force to start afresh; a .bak copy is kept)")
            }
            let input = try MinutesPlanner(workspace: workspace).draft(for: meeting)
            let draft = markdown ? MinutesBuilder.markdownDraft(input) : MinutesBuilder.draft(input)
            try MinutesApproval.change(meeting, in: workspace, force: force, what: "minutes init --force: the record started afresh",
                                       today: try Clock.today(in: workspace)) { () throws(WorkspaceProblem) in
                // A new backup each time (minutes.yaml.bak, .bak.2, …): hand-written minutes are never lost.
                if exists { try Backup.keep(url) }
                try OwnedFile.write(draft, to: url, displayPath: path, force: true, keepBackup: false)
            }
        }
        return path
    }
}
