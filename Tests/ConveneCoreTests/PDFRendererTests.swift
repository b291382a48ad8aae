import Foundation
import SampleSupport
import Testing
@testable import ConveneCore

/// The print stylesheet every PDF gets, and how it goes into a document (the renderer itself is tested on the
/// command line, with WeasyPrint, in ConveneCLITests/PDFTests).
@Suite struct PDFRendererTests {
    @Test func embeddedPrintStylesheetMatchesTheTemplatesFolder() throws {
        try checkEmbeddedTemplates(prefix: "print.", expected: ["print.css.mustache"], embedded: DefaultPrintTemplates.files,
                                   enumName: "DefaultPrintTemplates", swiftFile: "Sources/ConveneCore/Output/DefaultPrintTemplates.swift",
                                   suite: "EmbeddedPrintTemplatesTests")
    }

    @Test func valuesBecomeCSSStringsThatCannotEndTheStyleElement() {
        #expect(PDFRenderer.cssString("Digital Regional") == "\"Digital Regional\"")
        #expect(PDFRenderer.cssString("A \"B\" \\ </style><b>\nC") == "\"A \\22 B\\22  \\5c  \\3c /style\\3e \\3c b\\3e \\a C\"")
    }

    @Test func thePrintStylesheetHasA4HeaderAndPageNumbersInTheDocumentsLanguage() throws {
        let german = try PDFRenderer.printCSS(network: "Digital Regional", language: .de, workspaceRoot: nil)
        #expect(german.contains("size: A4;"))
        #expect(german.contains("@top-left { content: \"Digital Regional\";"))
        #expect(german.contains("content: \"Seite\" \" \" counter(page) \" \" \"von\" \" \" counter(pages);"))
        let english = try PDFRenderer.printCSS(network: "Digital Regional", language: .en, workspaceRoot: nil)
        #expect(english.contains("content: \"Page\" \" \" counter(page) \" \" \"of\" \" \" counter(pages);"))
    }

    @Test func aWorkspaceOverridesThePrintStylesheet() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convene-print-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try Data("{{% CONTENT_TYPE: TEXT }}\n@page { size: A5; @top-center { content: {{network}} } }\n".utf8)
            .write(to: root.appendingPathComponent("templates/print.css.mustache"))
        #expect(try PDFRenderer.printCSS(network: "Netz", language: .de, workspaceRoot: root) == "@page { size: A5; @top-center { content: \"Netz\" } }\n")
        try Data("{{nework}}\n".utf8).write(to: root.appendingPathComponent("templates/print.css.mustache"))
        #expect(throws: WorkspaceProblem(file: "templates/print.css.mustache", line: 1, "template uses 'nework', which the print stylesheet does not provide")) {
            try PDFRenderer.printCSS(network: "Netz", language: .de, workspaceRoot: root)
        }
    }

    @Test func thePrintStylesGoLastIntoTheHead() {
        let html = "<!DOCTYPE html><html><head><style>@page { size: letter }</style></HEAD><body><h1>T</h1></body></html>"
        #expect(PDFRenderer.withPrintStyles(html, css: "X\n")
                == "<!DOCTYPE html><html><head><style>@page { size: letter }</style><style media=\"print\">\nX\n</style>\n</HEAD><body><h1>T</h1></body></html>")
        #expect(PDFRenderer.withPrintStyles("<p>no head</p>", css: "X\n") == "<style media=\"print\">\nX\n</style>\n<p>no head</p>")
    }
}
