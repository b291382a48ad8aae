import ConveneCore
import Foundation

extension MinutesTemplates {
    /// The Niederschrift as A4 PDF: the HTML of `render(… format: .html …)` through `PDFRenderer` (page numbers, the
    /// network and the Niederschrift's heading as running header), as `minutes render --format pdf` prints it and
    /// `minutes send` attaches it.
    /// - Throws: `WorkspaceProblem` from `render` or the renderer (WeasyPrint missing, failing, too slow).
    public static func pdf(meeting: Meeting, workspace: Workspace, language: Language) throws(WorkspaceProblem) -> Data {
        let html = try render(meeting: meeting, workspace: workspace, format: .html, language: language)
        return try PDFRenderer().render(html, network: workspace.network.name, language: language, workspaceRoot: workspace.root)
    }
}
