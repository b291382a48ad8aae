// Generated from Templates/decisions.*.mustache: do not edit. After changing a template, run
// CONVENE_EMBED_TEMPLATES=1 swift test --filter EmbeddedDecisionTemplatesTests (the test fails while they differ).
enum DefaultDecisionTemplates {
    static let files: [String: String] = [
        "decisions.html.mustache": ##"""
{{! The Beschlusskontrolle (decisions register) as a print-friendly HTML page (A4, landscape). Values are
    HTML-escaped; a workspace overrides this file with its own copy in templates/decisions.html.mustache. }}
<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{labels.title}}: {{network}}</title>
<style>
  @page { size: A4 landscape; margin: 15mm 15mm; }
  body { font-family: "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; font-size: 10pt; line-height: 1.35;
         color: #111; max-width: 267mm; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 16pt; margin: 0 0 0.2em; }
  p.stand { margin: 0 0 1em; }
  table { border-collapse: collapse; width: 100%; }
  thead { display: table-header-group; }
  th, td { text-align: left; vertical-align: top; padding: 0.3em 0.45em; border-bottom: 1px solid #ccc; }
  th { border-bottom: 2px solid #333; font-weight: 600; }
  tr { break-inside: avoid; }
  .number, .due, .status { white-space: nowrap; }
  .overdue { font-weight: 600; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; }
  }
</style>
</head>
<body>
<h1>{{labels.title}}: {{network}}</h1>
<p class="stand">{{labels.as_of}}: {{today}}</p>
{{#has_decisions}}
<table>
<thead><tr><th>{{labels.number}}</th><th>{{labels.meeting}}</th><th>{{labels.item}}</th><th>{{labels.decision}}</th><th>{{labels.responsible}}</th><th>{{labels.due}}</th><th>{{labels.status}}</th><th>{{labels.note}}</th></tr></thead>
<tbody>
{{#decisions}}
<tr><td class="number">{{number}}</td><td>{{meeting}}</td><td>{{item}}</td><td>{{text}}</td><td>{{town}}</td><td class="due{{#overdue}} overdue{{/overdue}}">{{due}}{{#overdue}} ({{labels.overdue}}){{/overdue}}</td><td class="status">{{status}}</td><td>{{note}}</td></tr>
{{/decisions}}
</tbody>
</table>
{{/has_decisions}}
{{^has_decisions}}
<p>{{labels.none}}</p>
{{/has_decisions}}
</body>
</html>

"""##,
    ]
}
