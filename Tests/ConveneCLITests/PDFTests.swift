import Foundation
import SampleSupport
import Testing

/// `--format pdf` (issue 15, Build 4): the Tagesordnung, the Niederschrift and the poll grid as A4 PDF through
/// WeasyPrint, checked with poppler's `pdftotext` and `pdfinfo` (Debian poppler-utils, installed by scripts/test.sh).
@Suite(.serialized) struct PDFTests {
    /// The text of a PDF (`pdftotext -layout`) and what `pdfinfo` says of it.
    static func inspect(_ path: String) throws -> (text: String, pages: Int, a4: Bool) {
        func run(_ program: String, _ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = readToEnd(out.fileHandleForReading)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(program) failed on \(path)")
            return String(decoding: data, as: UTF8.self)
        }
        let info = try run("/usr/bin/pdfinfo", [path])
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? 0
        return (try run("/usr/bin/pdftotext", ["-layout", path, "-"]), pages, info.contains("(A4)"))
    }

    @Test func theSampleTagesordnungIsAtMostTwoA4PagesWithHeaderAndPageNumbers() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        #expect(try sample.run(["propose", "spring-2027", "--pick", "1"]).status == 0)
        let file = sample.scratch.url.appendingPathComponent("tagesordnung.pdf").path
        let result = try sample.run(["agenda", "spring-2027", "--format", "pdf", "--out", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Wrote the agenda of spring-2027 to \(file).\n")
        let pdf = try Self.inspect(file)
        #expect(pdf.a4)
        #expect((1...2).contains(pdf.pages), "the sample's Tagesordnung takes \(pdf.pages) pages")
        #expect(pdf.text.contains("Tagesordnung: Plenum Digital Regional – Frühjahr 2027"))
        #expect(pdf.text.contains("Digital Regional"))
        #expect(pdf.text.contains("Seite 1 von \(pdf.pages)"))
        #expect(pdf.text.contains("Begrüßung") && pdf.text.contains("Verschiedenes"))
        // Reproducible: the same agenda gives the same bytes.
        let again = sample.scratch.url.appendingPathComponent("again.pdf").path
        #expect(try sample.run(["agenda", "spring-2027", "--format", "pdf", "--out", again, "--no-save"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data(contentsOf: URL(fileURLWithPath: again)))
        // In English, page numbers and header too.
        let english = sample.scratch.url.appendingPathComponent("agenda.pdf").path
        #expect(try sample.run(["agenda", "spring-2027", "--format", "pdf", "--lang", "en", "--out", english, "--no-save"]).status == 0)
        let en = try Self.inspect(english)
        #expect(en.text.contains("Agenda: Plenum Digital Regional – Frühjahr 2027") && en.text.contains("Page 1 of \(en.pages)"))
        #expect(!en.text.contains("Seite") && !en.text.contains("Tagesordnung") && !en.text.contains("Begrüßung"))
    }

    @Test func theNiederschriftInGermanAndEnglish() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let german = sample.scratch.url.appendingPathComponent("niederschrift.pdf").path
        let result = try sample.run(["minutes", "render", "kickoff", "--format", "pdf", "--out", german])
        #expect(result.status == 0, "\(result.stderr)")
        let de = try Self.inspect(german)
        #expect(de.a4)
        #expect(de.text.contains("Niederschrift:"))
        #expect(de.text.contains("Beschluss Nr. 2026/01:") && de.text.contains("Beschluss Nr. 2026/02:"), "\(de.text)")
        #expect(de.text.contains("Beschlussfähigkeit"))
        #expect(de.text.contains("Seite 1 von \(de.pages)") && de.text.contains("Seite \(de.pages) von \(de.pages)"))

        let english = sample.scratch.url.appendingPathComponent("minutes.pdf").path
        #expect(try sample.run(["minutes", "render", "kickoff", "--format", "pdf", "--lang", "en", "--out", english]).status == 0)
        let en = try Self.inspect(english)
        #expect(en.text.contains("Minutes:"))
        #expect(en.text.contains("Decision no. 2026/01:"), "\(en.text)")
        #expect(en.text.contains("Page 1 of \(en.pages)"))
        for german in ["Seite", "Niederschrift", "Beschluss", "Sitzungsleitung", "Abstimmung"] {
            #expect(!en.text.contains(german), "English minutes say \(german)")
        }
    }

    @Test func thePollGrid() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try sample.useNullMailer()
        let start = try sample.run(["poll", "start", "spring-2027", "--dates", "2027-04-20T12:30", "2027-04-28T08:30", "--deadline", "2027-04-12", "--send"])
        #expect(start.status == 0, "\(start.stderr)")
        let file = sample.scratch.url.appendingPathComponent("poll.pdf").path
        let result = try sample.run(["poll", "status", "spring-2027", "--format", "pdf", "--out", file])
        #expect(result.status == 0, "\(result.stderr)")
        let pdf = try Self.inspect(file)
        #expect(pdf.a4)
        #expect(pdf.text.contains("Poll: Plenum Digital Regional – Frühjahr 2027"))
        #expect(pdf.text.contains("Page 1 of \(pdf.pages)"))
    }

    @Test func theDecisionsRegister() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let file = sample.scratch.url.appendingPathComponent("beschlusskontrolle.pdf").path
        let result = try sample.run(["decisions", "--format", "pdf", "--out", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Wrote the decisions register to \(file).\n")
        let pdf = try Self.inspect(file)
        #expect(pdf.a4)
        #expect(pdf.text.contains("Beschlusskontrolle: Digital Regional"))
        for number in ["2026/01", "2026/02", "2026/03"] {
            #expect(pdf.text.contains(number), "the register's PDF lacks \(number)")
        }
        #expect(pdf.text.contains("Seite 1 von \(pdf.pages)"))
        let english = sample.scratch.url.appendingPathComponent("decisions.pdf").path
        #expect(try sample.run(["decisions", "--format", "pdf", "--lang", "en", "--out", english]).status == 0)
        let en = try Self.inspect(english)
        #expect(en.text.contains("Decisions register: Digital Regional") && en.text.contains("Page 1 of \(en.pages)"))
        #expect(!en.text.contains("Seite") && !en.text.contains("Beschlusskontrolle"))
        // --out works for the text forms as well, and the terminal gets one confirmation line.
        let markdown = sample.scratch.url.appendingPathComponent("beschlusskontrolle.md").path
        let md = try sample.run(["decisions", "--format", "md", "--out", markdown])
        #expect(md.status == 0 && md.stdout == "Wrote the decisions register to \(markdown).\n")
        #expect(try String(contentsOfFile: markdown, encoding: .utf8) == sample.run(["decisions", "--format", "md"]).stdout)
    }

    @Test func withoutWeasyPrintOneLineNamesThePackage() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let file = sample.scratch.url.appendingPathComponent("none.pdf").path
        let result = try sample.run(["minutes", "render", "kickoff", "--format", "pdf", "--out", file], environment: ["PATH": "/nonexistent"])
        #expect(result.status == 1)
        #expect(result.stderr == "convene: error: weasyprint: not found; PDF output needs WeasyPrint: install the package weasyprint "
                + "(apt-get install weasyprint, or pip install weasyprint)\n")
        #expect(!FileManager.default.fileExists(atPath: file))
    }
}
