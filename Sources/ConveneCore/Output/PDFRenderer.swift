import CalendarValues
import Foundation

/// Turns any HTML document convene writes (the Tagesordnung, the Niederschrift, the poll grid, a register) into an
/// A4 PDF through WeasyPrint, a renderer made for paged media (Debian package `weasyprint`, or PyPI).
///
/// The print stylesheet `Templates/print.css.mustache` (built in; a workspace's `templates/print.css.mustache`
/// wins) is added after the document's own styles: A4, the network and the document's first `<h1>` as running
/// header, „Seite 1 von 3" (English: "Page 1 of 3") below. WeasyPrint runs without a shell, on a copy of the HTML in
/// a private temporary folder, with a timeout (`CONVENE_PDF_TIMEOUT` seconds, default 120; SIGTERM, then SIGKILL
/// 5 s later). The result is reproducible: the same HTML gives the same bytes (a fixed `SOURCE_DATE_EPOCH` for the
/// embedded fonts, a PDF identifier from the HTML's SHA-256), so a rerun rewrites identical files.
///
/// ```swift
/// let pdf = try PDFRenderer().render(html, network: workspace.network.name, language: .de, workspaceRoot: workspace.root)
/// ```
public struct PDFRenderer: Sendable {
    /// The Debian (and PyPI) package that provides the program.
    public static let package = "weasyprint"
    /// The name of the print stylesheet template.
    public static let stylesheet = "print.css.mustache"

    /// The program: a name looked up in PATH, or a path.
    public var program: String
    /// Seconds before WeasyPrint is stopped.
    public var timeoutSeconds: Double

    public init(program: String = "weasyprint", timeoutSeconds: Double? = nil) {
        self.program = program
        self.timeoutSeconds = timeoutSeconds ?? Self.configuredTimeout()
    }

    static func configuredTimeout() -> Double {
        guard let text = ProcessInfo.processInfo.environment["CONVENE_PDF_TIMEOUT"], let seconds = Double(text), seconds.isFinite,
              seconds > 0, seconds <= 3600 else { return 120 }
        return seconds
    }

    /// The PDF of `html`.
    /// - Parameters:
    ///   - network: the left side of the running header (the network's name).
    ///   - language: the words of the page numbers („Seite 1 von 3", "Page 1 of 3").
    ///   - workspaceRoot: where a `templates/print.css.mustache` override may be; nil for the built-in one.
    /// - Throws: `WorkspaceProblem` when WeasyPrint is missing (naming the package), fails, or takes too long, or
    ///   the print stylesheet override does not parse.
    public func render(_ html: String, network: String, language: Language, workspaceRoot: URL?) throws(WorkspaceProblem) -> Data {
        guard let executable = ExternalProgram.resolve(program) else {
            throw WorkspaceProblem(file: program, "not found; PDF output needs WeasyPrint: install the package \(Self.package) "
                                   + "(apt-get install \(Self.package), or pip install \(Self.package))")
        }
        let document = Self.withPrintStyles(html, css: try Self.printCSS(network: network, language: language, workspaceRoot: workspaceRoot))
        let folder = try Self.privateFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("document.html"), output = folder.appendingPathComponent("document.pdf")
        let errors = folder.appendingPathComponent("stderr.txt")
        guard FileManager.default.createFile(atPath: input.path, contents: Data(document.utf8)),
              FileManager.default.createFile(atPath: errors.path, contents: nil),
              let errorHandle = FileHandle(forWritingAtPath: errors.path) else {
            throw WorkspaceProblem(file: folder.path, "cannot write the HTML for \(program) (disk full?)")
        }
        defer { try? errorHandle.close() }
        let process = Process()
        process.executableURL = executable
        // The HTML's own folder as base: a document convene writes refers to nothing outside it.
        process.arguments = ["--quiet", "--pdf-identifier", String(SHA256.hex(Array(document.utf8)).prefix(32)),
                             "--base-url", folder.path + "/", input.path, output.path]
        var environment = ProcessInfo.processInfo.environment
        // fontTools stamps the embedded font subsets with "now" unless told otherwise.
        environment["SOURCE_DATE_EPOCH"] = "946684800"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorHandle
        do { try process.run() } catch {
            throw WorkspaceProblem(file: program, "cannot start \(executable.path) (\(error.localizedDescription))")
        }
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            let grace = Date().addingTimeInterval(5)
            while process.isRunning && Date() < grace { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            throw WorkspaceProblem(file: program, "did not finish within \(Int(timeoutSeconds)) s (CONVENE_PDF_TIMEOUT); no PDF written")
        }
        process.waitUntilExit()
        // WeasyPrint's messages may quote the document (names, titles): only the status is reported.
        guard process.terminationReason == .exit, process.terminationStatus == 0,
              let pdf = FileManager.default.contents(atPath: output.path), pdf.starts(with: Array("%PDF-".utf8)) else {
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)" : "was ended by signal \(process.terminationStatus)"
            throw WorkspaceProblem(file: program, "\(how) without writing a PDF; run it by hand on the --format html output to see why")
        }
        return pdf
    }

    /// Renders `html` and writes the PDF to `url` atomically (`AtomicFile`).
    /// - Throws: `WorkspaceProblem` as `render`, or naming the file that cannot be written.
    public func write(_ html: String, to url: URL, network: String, language: Language, workspaceRoot: URL?) throws(WorkspaceProblem) {
        try AtomicFile.write(try render(html, network: network, language: language, workspaceRoot: workspaceRoot), to: url)
    }

    /// The print stylesheet for this network and language.
    /// - Throws: `WorkspaceProblem` (`file:line`) for an override that does not parse or names an unknown variable.
    public static func printCSS(network: String, language: Language, workspaceRoot: URL?) throws(WorkspaceProblem) -> String {
        let (text, file) = try TemplateRenderer.source(named: stylesheet, defaults: DefaultPrintTemplates.files, workspaceRoot: workspaceRoot)
        let words = language.pageWords
        let data: [String: Any] = ["network": cssString(network), "page": cssString(words.page), "of": cssString(words.of)]
        return try TemplateRenderer.render(templateText: text, file: file, data: data, subject: "the print stylesheet")
    }

    /// `text` as a quoted CSS string (CSS Syntax §4.3.5): quotes, backslashes and line breaks escaped, and `<` too,
    /// so no value can end the `<style>` element it stands in.
    public static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "&": out += "\\" + String(scalar.value, radix: 16) + " "
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { out += "\\" + String(scalar.value, radix: 16) + " " }
                else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// The document with `css` in a `<style>` element at the end of its `<head>` (after its own styles, so the
    /// print rules win), or at its start when it has no head.
    public static func withPrintStyles(_ html: String, css: String) -> String {
        let style = "<style media=\"print\">\n\(css)</style>\n"
        if let head = html.range(of: "</head>", options: .caseInsensitive) {
            return html.replacingCharacters(in: head.lowerBound..<head.lowerBound, with: style)
        }
        return style + html
    }

    /// A folder only this user can read, for the HTML and PDF while WeasyPrint works.
    static func privateFolder() throws(WorkspaceProblem) -> URL {
        var template = Array((FileManager.default.temporaryDirectory.path + "/convene-pdf-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw WorkspaceProblem(file: FileManager.default.temporaryDirectory.path, "cannot create a temporary folder for the PDF (\(String(cString: strerror(errno))))")
        }
        return URL(fileURLWithPath: String(cString: made), isDirectory: true)
    }
}

extension Language {
    /// The words around the page numbers of a printed document: „Seite 1 von 3", "Page 1 of 3".
    public var pageWords: (page: String, of: String) {
        switch self {
        case .de: return ("Seite", "von")
        case .en: return ("Page", "of")
        }
    }
}
