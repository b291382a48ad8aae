import ConveneCore
import Foundation

/// Where a printed document goes: `--format pdf` renders the command's HTML through `PDFRenderer` and writes it
/// to `--out` (atomically) or to standard output — never to a terminal, which cannot show it.
enum DocumentOutput {
    /// - Parameter what: the document in the confirmation line („the agenda of spring-2027").
    /// - Throws: `UsageError` without `--out` on a terminal; `WorkspaceProblem` from the renderer or the write.
    static func pdf(_ html: String, workspace: Workspace, language: Language, out: String?, what: String) throws {
        if out == nil && isatty(STDOUT_FILENO) != 0 {
            throw UsageError("--format pdf writes a binary file: add --out FILE.pdf (or redirect standard output).")
        }
        let pdf = try PDFRenderer().render(html, network: workspace.network.name, language: language, workspaceRoot: workspace.root)
        if let out {
            try AtomicFile.write(pdf, to: URL(fileURLWithPath: out))
            Console.write("Wrote \(what) to \(out).\n")
        } else {
            Descriptor.writeAll(pdf, to: STDOUT_FILENO)
        }
    }
}
