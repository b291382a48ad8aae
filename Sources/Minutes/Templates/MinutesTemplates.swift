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

    /// Renders the minutes of `meeting` with the workspace's template, if it has one, else the built-in one:
    /// `MinutesPlanner.niederschrift` → `MinutesBuilder.niederschrift` → `render(_:format:…)`.
    /// - Throws: `WorkspaceProblem` when the meeting has no minutes, or naming the template file
    ///   (and line) when it cannot be used.
    public static func render(meeting: Meeting, workspace: Workspace, format: Format, language: Language,
                              useWorkspaceTemplates: Bool = true) throws(WorkspaceProblem) -> String {
        let input = try MinutesPlanner(workspace: workspace).niederschrift(for: meeting)
        return try render(MinutesBuilder.niederschrift(input, language: language), format: format,
                          workspaceRoot: useWorkspaceTemplates ? workspace.root : nil)
    }

    /// The Niederschrift's data (`MinutesBuilder.niederschrift`) through the template of `format`: the workspace's copy
    /// in `<workspaceRoot>/templates/` if it has one, else the built-in one.
    /// - Throws: `WorkspaceProblem` naming the template file (and line) when it cannot be used.
    public static func render(_ data: [String: Any], format: Format, workspaceRoot: URL?) throws(WorkspaceProblem) -> String {
        let (text, file) = try TemplateRenderer.source(named: format.templateName, defaults: DefaultMinutesTemplates.files,
                                                      workspaceRoot: workspaceRoot)
        return try TemplateRenderer.render(templateText: text, file: file, data: data, known: MinutesData.elementKeys, subject: "the minutes record")
    }
}
