import ConveneCore
import Foundation
import ICalendar

/// Markdown and HTML agendas from the templates `agenda.md.mustache` and `agenda.html.mustache`:
/// the defaults compiled in (`DefaultTemplates.swift`, generated from the package's `Templates/`
/// folder and checked by a test), a workspace's copy in `templates/` overriding them. Loading,
/// checking and rendering is ConveneCore's `TemplateRenderer`.
public enum AgendaTemplates {
    public enum Format: String, Sendable, CaseIterable {
        case markdown = "md"
        case html

        /// `agenda.md.mustache`, `agenda.html.mustache`.
        public var templateName: String { "agenda.\(rawValue).mustache" }
    }

    /// Renders the agenda with the workspace's template, if it has one, else the built-in default.
    /// - Throws: `WorkspaceProblem` naming the template file (and line) when it cannot be used.
    public static func render(_ report: AgendaReport, format: Format, explain: Bool, workspaceRoot: URL?) throws(WorkspaceProblem) -> String {
        let (text, file) = try source(format, workspaceRoot: workspaceRoot)
        return try TemplateRenderer.render(templateText: text, file: file, data: TemplateData.make(report, explain: explain), known: TemplateData.elementKeys)
    }

    /// The template text and the path to name in messages.
    static func source(_ format: Format, workspaceRoot: URL?) throws(WorkspaceProblem) -> (String, String) {
        try TemplateRenderer.source(named: format.templateName, defaults: DefaultTemplates.files, workspaceRoot: workspaceRoot)
    }
}
