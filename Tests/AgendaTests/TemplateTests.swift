import ConveneCore
import Foundation
import ICalendar
import SampleSupport
import Testing
@testable import Agenda

#if canImport(FoundationXML)
import FoundationXML
#endif


/// The built-in templates are the files in `Templates/`, compiled in (an installed binary has no
/// resource folder to look for). Regenerate with `CONVENE_EMBED_TEMPLATES=1`; the test fails while
/// they differ, like a golden file.
@Suite struct EmbeddedTemplatesTests {
    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        try checkEmbeddedTemplates(prefix: "agenda.", expected: ["agenda.html.mustache", "agenda.md.mustache"], embedded: DefaultTemplates.files,
                                   enumName: "DefaultTemplates", swiftFile: "Sources/Agenda/Templates/DefaultTemplates.swift", suite: "EmbeddedTemplatesTests")
    }
}

@Suite struct TemplateTests {
    func report(title: String = "Förderantrag", language: Language = .de) throws -> AgendaReport {
        var decision = topic("antrag", "bretten", kind: .decision, minutes: 20, priority: 1, deadline: "2027-06-30")
        decision.title = title
        let agenda = try AgendaBuilder.build(input([decision, topic("gross", "rastatt", minutes: 400)],
                                                   actions: [ActionItem(id: "a1", title: "Skizze <b>fertig</b>", town: "bretten", meeting: "kickoff")]))
        return AgendaReport(agenda: agenda, names: AgendaNames(network: "Digital Regional", location: "Schloss", towns: ["bretten": "Bretten"],
                                                               people: ["bretten-ob": "OB Bretten"]), language: language, zone: berlin)
    }

    @Test func htmlEscapesEveryValueAndIsWellFormed() throws {
        let html = try AgendaTemplates.render(report(title: "Antrag <script>alert(1)</script> & \"Co\""), format: .html, explain: true,
                                              workspaceRoot: nil)
        #expect(!html.contains("<script>"))
        #expect(html.contains("Antrag &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"))
        #expect(html.contains("Skizze &lt;b&gt;fertig&lt;/b&gt;"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"de\">"))
        // Well-formed as XML once the doctype is dropped (every tag closed, every entity valid).
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "").replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "<meta charset=\"utf-8\"/>")
            .replacingOccurrences(of: "initial-scale=1\">", with: "initial-scale=1\"/>")
        let parser = XMLParser(data: Data(body.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }

    @Test func markdownEscapesMarkup() throws {
        let md = try AgendaTemplates.render(report(title: "e-Akte *neu* | Stufe_2 <b>"), format: .markdown, explain: false, workspaceRoot: nil)
        #expect(md.contains(#"| e-Akte \*neu\* \| Stufe\_2 \<b\> | Bretten | OB Bretten |"#))
        #expect(md.hasPrefix("# Tagesordnung: Plenum\n"))
        // The public Tagesordnung gives no reasons (issue 15): those are for the organizer (--explain).
        #expect(!md.contains("Zurückgestellt") && !md.contains("braucht 400 min") && !md.contains("Geschäftsstelle"), "\(md)")
        let organizer = try AgendaTemplates.render(report(title: "e-Akte"), format: .markdown, explain: true, workspaceRoot: nil)
        #expect(organizer.contains("\n## Für die Geschäftsstelle (nicht zur Versendung)\n"), "\(organizer)")
        #expect(organizer.contains("braucht 400 min"), "\(organizer)")
        let english = try AgendaTemplates.render(report(language: .en), format: .markdown, explain: true, workspaceRoot: nil)
        #expect(english.contains("## For the organizer (not for circulation)\n"))
        #expect(english.contains("### Explanation\n\n- in antrag: chosen (value 550) — value 550 = priority 1: 50 + deadline 30 Jun 2027"))
    }

    @Test func aWorkspaceOverridesATemplate() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convene-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try Data("{{% CONTENT_TYPE: TEXT }}\n{{#items}}{{number}}. {{title}}\n{{/items}}".utf8)
            .write(to: root.appendingPathComponent("templates/agenda.md.mustache"))
        let md = try AgendaTemplates.render(report(), format: .markdown, explain: false, workspaceRoot: root)
        #expect(md.hasPrefix("1. Begrüßung\n2. Genehmigung der Niederschrift"))
        // The HTML template is not overridden.
        #expect(try AgendaTemplates.render(report(), format: .html, explain: false, workspaceRoot: root).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func templateErrorsNameTheFileAndLine() throws {
        #expect(throws: WorkspaceProblem(file: "templates/agenda.md.mustache", line: 3,
                                         "template error: a section is closed with a different name than it was opened")) {
            try TemplateRenderer.render(templateText: "a\n{{#items}}\n{{/itmes}}\n", file: "templates/agenda.md.mustache", data: ["items": [Any]()])
        }
        #expect(throws: WorkspaceProblem(file: "templates/agenda.html.mustache", line: 2, "template uses 'titel', which the agenda does not provide")) {
            try TemplateRenderer.render(templateText: "<h1>{{title}}</h1>\n<p>{{titel}}</p>", file: "templates/agenda.html.mustache",
                                       data: ["title": "x"])
        }
        // Keys of list elements are known even when the list is empty; transforms and sequence context are fine.
        let text = try TemplateRenderer.render(templateText: "{{#items}}{{reason}}{{index()}}{{/items}}{{uppercased(title)}}", file: "t",
                                              data: ["items": [Any](), "title": "x"], known: TemplateData.elementKeys)
        #expect(text == "X")
    }
}
