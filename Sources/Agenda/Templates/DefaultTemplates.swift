// Generated from Templates/agenda.*.mustache: do not edit. After changing a template, run
// CONVENE_EMBED_TEMPLATES=1 swift test --filter EmbeddedTemplatesTests (the test fails while they differ).
enum DefaultTemplates {
    static let files: [String: String] = [
        "agenda.html.mustache": ##"""
{{! The agenda as a print-friendly HTML page (A4). Values are HTML-escaped; a workspace overrides
    this file with its own copy in templates/agenda.html.mustache. }}
<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{labels.agenda}}: {{meeting_title}}</title>
<style>
  @page { size: A4; margin: 20mm 18mm; }
  body { font-family: "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; line-height: 1.3;
         color: #111; max-width: 180mm; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 18pt; margin: 0 0 0.2em; }
  h2 { font-size: 13pt; margin: 1.4em 0 0.4em; border-bottom: 1px solid #999; }
  h3 { font-size: 11pt; margin: 0.8em 0 0.2em; }
  .meta { color: #333; margin: 0 0 1.2em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: 0.25em 0.45em; border-bottom: 1px solid #ccc; }
  th { border-bottom: 2px solid #333; font-weight: 600; }
  td.number, td.time { white-space: nowrap; }
  td.number { text-align: right; width: 2.5em; }
  tr.break td { color: #555; font-style: italic; background: #f3f3f3; }
  td.town { color: #333; }
  .organizer { margin-top: 2em; border-top: 3px double #999; }
  ul { margin: 0.2em 0 0.8em; padding-left: 1.2em; }
  .summary { margin-top: 0.8em; color: #333; }
  @media print { body { margin: 0; max-width: none; } tr { break-inside: avoid; } h2 { break-after: avoid; }
                 .organizer { break-before: page; } }
</style>
</head>
<body>
<h1>{{labels.agenda}}: {{meeting_title}}</h1>
<p class="meta">{{network}} · {{date}}, {{start}}–{{end}}{{labels.uhr}} · {{location}}</p>
<table>
<thead><tr><th>{{labels.item}}</th><th>{{labels.time}}</th><th>{{labels.topic}}</th><th>{{labels.town}}</th><th>{{labels.presenter}}</th></tr></thead>
<tbody>
{{#items}}
{{#is_break}}
<tr class="break"><td class="number"></td><td class="time">{{start}}–{{end}}</td><td colspan="3">{{title}}</td></tr>
{{/is_break}}
{{^is_break}}
<tr><td class="number">{{number}}</td><td class="time">{{start}}–{{end}}</td><td>{{title}}</td><td class="town">{{reporting_town}}</td><td>{{presenter}}</td></tr>
{{/is_break}}
{{/items}}
</tbody>
</table>
{{#has_actions}}
<h2>{{labels.open_actions}} ({{labels.item}} {{review_number}})</h2>
{{#action_groups}}
<h3>{{town}}</h3>
<ul>
{{#actions}}
<li>{{text}}</li>
{{/actions}}
</ul>
{{/action_groups}}
{{/has_actions}}
{{#organizer}}
<section class="organizer">
<h2>{{labels.organizer}}</h2>
<p class="summary">{{summary}}</p>
{{#has_deferred}}
<h3>{{labels.deferred}}</h3>
<ul>
{{#deferred}}
<li>{{title}} ({{town}}): {{reason}}</li>
{{/deferred}}
</ul>
{{/has_deferred}}
{{#has_explanation}}
<h3>{{labels.explanation}}</h3>
<ul>
{{#explanation}}
<li>{{mark}} {{topic}}: {{reason}} — {{value}}</li>
{{/explanation}}
</ul>
{{/has_explanation}}
{{#has_notes}}
<h3>{{labels.notes}}</h3>
<ul>
{{#notes}}
<li>{{text}}</li>
{{/notes}}
</ul>
{{/has_notes}}
</section>
{{/organizer}}
</body>
</html>

"""##,
        "agenda.md.mustache": ##"""
{{% CONTENT_TYPE: MARKDOWN }}
{{! The agenda as Markdown. Values are escaped for Markdown; a workspace overrides this file with
    its own copy in templates/agenda.md.mustache (variables: see README, convene agenda). }}
# {{labels.agenda}}: {{meeting_title}}

{{network}} · {{date}}, {{start}}–{{end}}{{labels.uhr}} · {{location}}

| {{labels.item}} | {{labels.time}} | {{labels.topic}} | {{labels.town}} | {{labels.presenter}} |
|---|---|---|---|---|
{{#items}}
{{#is_break}}
| | {{start}}–{{end}} | *{{title}}* | | |
{{/is_break}}
{{^is_break}}
| {{number}} | {{start}}–{{end}} | {{title}} | {{reporting_town}} | {{presenter}} |
{{/is_break}}
{{/items}}
{{#has_actions}}

## {{labels.open_actions}} ({{labels.item}} {{review_number}})
{{#action_groups}}

**{{town}}**

{{#actions}}
- {{text}}
{{/actions}}
{{/action_groups}}
{{/has_actions}}
{{#organizer}}

## {{labels.organizer}}

{{summary}}
{{#has_deferred}}

### {{labels.deferred}}

{{#deferred}}
- {{title}} ({{town}}): {{reason}}
{{/deferred}}
{{/has_deferred}}
{{#has_explanation}}

### {{labels.explanation}}

{{#explanation}}
- {{mark}} {{topic}}: {{reason}} — {{value}}
{{/explanation}}
{{/has_explanation}}
{{#has_notes}}

### {{labels.notes}}

{{#notes}}
- {{text}}
{{/notes}}
{{/has_notes}}
{{/organizer}}

"""##,
    ]
}
