import ConveneCore
import Foundation
import ICalendar

/// Markdown and HTML minutes from the Mustache templates `Templates/minutes.{md,html}.mustache`,
/// compiled in (`DefaultMinutesTemplates.swift`, checked against the folder by a test) and
/// overridable per workspace in `<workspace>/templates/` — the same engine and rules as the agenda
/// templates (`AgendaTemplates`): HTML escaped by default, Markdown backslash-escaped, template
/// errors and variables the data lacks reported with file and line.
public enum MinutesTemplates {
    public enum Format: String, Sendable, CaseIterable {
        case markdown = "md"
        case html

        /// `minutes.md.mustache`, `minutes.html.mustache`.
        public var templateName: String { "minutes.\(rawValue).mustache" }
    }

    /// Renders the minutes of `meeting` with the workspace's template, if it has one, else the built-in one.
    /// - Throws: `WorkspaceProblem` when the meeting has no minutes, or naming the template file
    ///   (and line) when it cannot be used.
    public static func render(meeting: Meeting, workspace: Workspace, format: Format, language: Language,
                              useWorkspaceTemplates: Bool = true) throws(WorkspaceProblem) -> String {
        guard let record = workspace.minutes[meeting.id] else {
            throw WorkspaceProblem(file: workspace.minutesFile(of: meeting),
                                   "no minutes yet; create the record with: convene minutes init \(meeting.id)")
        }
        let zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
        var data = MinutesData.make(record, meeting: meeting, workspace: workspace, language: language, zone: zone)
        data.merge(MinutesData.approval(try MinutesApproval.read(meeting, in: workspace), meeting: meeting, workspace: workspace,
                                        language: language)) { _, new in new }
        let (text, file) = try TemplateRenderer.source(named: format.templateName, defaults: DefaultMinutesTemplates.files,
                                                      workspaceRoot: useWorkspaceTemplates ? workspace.root : nil)
        return try TemplateRenderer.render(templateText: text, file: file, data: data, known: MinutesData.elementKeys, subject: "the minutes record")
    }
}
