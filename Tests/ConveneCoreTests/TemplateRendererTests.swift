import Foundation
import Testing
@testable import ConveneCore

/// Rendering is bounded by the data, never by what a template makes of it (issue 11, item 7).
@Suite struct TemplateRendererTests {
    static func list(_ count: Int, _ key: String) -> [[String: Any]] {
        (0..<count).map { [key: "\($0)"] }
    }

    static var data: [String: Any] { ["a": list(100, "x"), "b": list(100, "y"), "c": list(100, "z"), "d": list(100, "w")] }

    @Test func listsMultipliedIntoEachOtherAreRefusedBeforeRendering() throws {
        // 100^3 = 10^6 repetitions of the innermost text: refused, naming the line of the section that tips it.
        let template = "{{#a}}\n{{#b}}\n{{#c}}{{z}}{{/c}}{{/b}}{{/a}}\n"
        do {
            _ = try TemplateRenderer.render(templateText: template, file: "t.mustache", data: Self.data)
            Issue.record("rendered a template that repeats its text a million times")
        } catch {
            #expect(error.description == "t.mustache:3: template error: the nested sections would repeat their text more than 200000 times for this data; not rendered")
        }
    }

    @Test func theBoundCountsListLengthsAndInvertedSectionsOnce() throws {
        let template = "{{#a}}{{#b}}{{^c}}{{/c}}{{/b}}{{/a}}"
        try TemplateRenderer.checkNesting(template, file: "t", data: Self.data, limit: 10_000)
        #expect(throws: WorkspaceProblem.self) { try TemplateRenderer.checkNesting(template, file: "t", data: Self.data, limit: 9_999) }
        // A name that is not a list counts once; separate sections do not multiply.
        try TemplateRenderer.checkNesting("{{#a}}{{#title}}{{/title}}{{/a}}{{#b}}{{/b}}{{#c}}{{/c}}", file: "t", data: Self.data, limit: 100)
        // What is checked is what renders: two lists of 100 give 10^4 repetitions.
        let rendered = try TemplateRenderer.render(templateText: "{{#a}}{{#b}}.{{/b}}{{/a}}", file: "t", data: Self.data)
        #expect(rendered.count == 10_000)
    }

    @Test func otherDelimitersAreRefused() {
        do {
            _ = try TemplateRenderer.render(templateText: "ok\n{{=<% %>=}}<%#a%><%#b%><%#c%>.<%/c%><%/b%><%/a%>", file: "t", data: Self.data)
            Issue.record("rendered a template with other delimiters")
        } catch {
            #expect(error.description == "t:2: template error: changing the delimiters ({{=…=}}) is not supported; not rendered")
        }
    }

    @Test func listLengthsAreTheLongestUnderEachKeyAtAnyDepth() {
        let data: [String: Any] = ["items": Self.list(3, "x"), "towns": [["items": Self.list(7, "y")]]]
        let lengths = TemplateRenderer.listLengths(data)
        #expect(lengths["items"] == 7)
        #expect(lengths["towns"] == 1)
    }
}
