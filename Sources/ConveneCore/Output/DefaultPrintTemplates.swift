// Generated from Templates/print.*.mustache: do not edit. After changing a template, run
// CONVENE_EMBED_TEMPLATES=1 swift test --filter EmbeddedPrintTemplatesTests (the test fails while they differ).
enum DefaultPrintTemplates {
    static let files: [String: String] = [
        "print.css.mustache": ##"""
{{% CONTENT_TYPE: TEXT }}
{{! The print stylesheet every PDF gets (agenda, minutes, poll grid, any HTML document convene prints):
    A4, the network and the document's first heading as running header, „Seite 1 von 3" below. It is added
    after the document's own styles, so its @page rules win. The values are CSS strings, quoted and
    escaped by convene. A workspace overrides this file with its own copy in templates/print.css.mustache. }}
@page {
  size: A4;
  margin: 24mm 18mm 20mm 18mm;
  @top-left { content: {{network}}; font-size: 8.5pt; color: #444; vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: string(convene-document); font-size: 8.5pt; color: #444; vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-right { content: {{page}} " " counter(page) " " {{of}} " " counter(pages); font-size: 8.5pt; color: #444; }
}
h1:first-of-type { string-set: convene-document content(); }
body { margin: 0; max-width: none; padding: 0; }
tr, li { break-inside: avoid; }
h2, h3 { break-after: avoid; }

"""##,
    ]
}
