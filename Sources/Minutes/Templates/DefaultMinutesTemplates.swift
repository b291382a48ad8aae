// Generated from Templates/minutes.*.mustache: do not edit. After changing a template, run
// CONVENE_EMBED_TEMPLATES=1 swift test --filter EmbeddedMinutesTemplatesTests (the test fails while they differ).
enum DefaultMinutesTemplates {
    static let files: [String: String] = [
        "minutes.html.mustache": ##"""
{{! The minutes as a print-friendly HTML page (A4). Values are HTML-escaped; a workspace overrides
    this file with its own copy in templates/minutes.html.mustache. }}
<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{labels.minutes}}: {{meeting_title}}</title>
<style>
  @page { size: A4; margin: 20mm 18mm; }
  body { font-family: "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
         color: #111; max-width: 180mm; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 18pt; margin: 0 0 0.4em; }
  h2 { font-size: 13pt; margin: 1.4em 0 0.4em; border-bottom: 1px solid #999; break-after: avoid; }
  h3 { font-size: 11pt; margin: 0.8em 0 0.2em; break-after: avoid; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: 0.35em 0.5em; border-bottom: 1px solid #ccc; }
  th { border-bottom: 2px solid #333; font-weight: 600; }
  table.header th { width: 35%; border-bottom: 1px solid #ccc; font-weight: 600; }
  tr { break-inside: avoid; }
  section.item { break-inside: avoid-page; }
  .attendance dt { font-weight: 600; margin-top: 0.4em; }
  .attendance dd { margin: 0 0 0 1.2em; }
  .vote { color: #111; }
  .status { white-space: nowrap; }
  ul { margin: 0.2em 0 0.8em; padding-left: 1.2em; }
  .signatures { display: flex; gap: 12mm; margin-top: 18mm; break-inside: avoid; }
  .signature { flex: 1; border-top: 1px solid #111; padding-top: 0.3em; font-size: 10pt; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; }
    a { color: inherit; text-decoration: none; }
  }
</style>
</head>
<body>
<h1>{{labels.minutes}}: {{meeting_title}}</h1>
<table class="header">
<tr><th>{{labels.network}}</th><td>{{network}}</td></tr>
<tr><th>{{labels.state}}</th><td>{{state}}</td></tr>
<tr><th>{{labels.date}}</th><td>{{date}}</td></tr>
{{#has_time}}
<tr><th>{{labels.begin}}</th><td class="time">{{start}}{{labels.uhr}}</td></tr>
<tr><th>{{labels.end}}</th><td class="time">{{end}}{{labels.uhr}}</td></tr>
{{/has_time}}
<tr><th>{{labels.place}}</th><td>{{location}}</td></tr>
<tr><th>{{labels.chair}}</th><td>{{chair}}</td></tr>
<tr><th>{{labels.minute_taker}}</th><td>{{minute_taker}}</td></tr>
{{#has_quorum}}
<tr><th>{{labels.quorum}}</th><td>{{quorum}}</td></tr>
{{/has_quorum}}
</table>
<h2>{{labels.attendance}}</h2>
<dl class="attendance">
{{#attendance_groups}}
<dt>{{town}}</dt>
{{#has_present}}
<dd>{{labels.present}}: {{present}}</dd>
{{/has_present}}
{{#has_excused}}
<dd>{{labels.excused}}: {{excused}}</dd>
{{/has_excused}}
{{#has_absent}}
<dd>{{labels.absent}}: {{absent}}</dd>
{{/has_absent}}
{{/attendance_groups}}
</dl>
{{#sections}}
<section class="item">
<h2>{{labels.item}} {{number}}: {{title}}</h2>
{{#has_notes}}
<p>{{notes}}</p>
{{/has_notes}}
{{#has_decisions}}
<h3>{{labels.decisions}}</h3>
<ul>
{{#decisions}}
<li><strong>{{labels.decision}} {{decision_number}}:</strong> {{text}}{{#has_vote}}<br><span class="vote"><strong>{{labels.vote}}:</strong> {{vote}}</span>{{/has_vote}}</li>
{{/decisions}}
</ul>
{{/has_decisions}}
{{#has_actions}}
<h3>{{labels.action_items}}</h3>
<ul>
{{#actions}}
<li>{{title}} — {{town}}{{#has_responsible}}, {{responsible}}{{/has_responsible}}{{#has_due}}, {{labels.due}} {{due}}{{/has_due}} <span class="status">({{status}})</span></li>
{{/actions}}
</ul>
{{/has_actions}}
</section>
{{/sections}}
{{#has_action_groups}}
<h2>{{labels.actions_by_town}}</h2>
<table>
<thead><tr><th>{{labels.town}}</th><th>{{labels.action}}</th><th>{{labels.responsible}}</th><th>{{labels.due}}</th><th>{{labels.status}}</th><th>{{labels.item}}</th></tr></thead>
<tbody>
{{#action_groups}}
{{#actions}}
<tr><td>{{town}}</td><td>{{title}}</td><td>{{responsible}}</td><td>{{due}}</td><td class="status">{{status}}</td><td>{{item}}</td></tr>
{{/actions}}
{{/action_groups}}
</tbody>
</table>
{{/has_action_groups}}
<h2>{{labels.signatures}}</h2>
<p>{{labels.place_date}}: ______________________</p>
<div class="signatures">
<div class="signature">{{labels.chair}}: {{chair}}</div>
<div class="signature">{{labels.minute_taker}}: {{minute_taker}}</div>
</div>
{{#has_changes}}
<h2>{{labels.changes}}</h2>
<ul>
{{#changes}}
<li>{{on}}: {{what}}</li>
{{/changes}}
</ul>
{{/has_changes}}
</body>
</html>

"""##,
        "minutes.md.mustache": ##"""
{{% CONTENT_TYPE: MARKDOWN }}
{{! The minutes as Markdown. Values are escaped for Markdown; a workspace overrides this file with
    its own copy in templates/minutes.md.mustache (variables: see README, convene minutes render). }}
# {{labels.minutes}}: {{meeting_title}}

| | |
|---|---|
| {{labels.network}} | {{network}} |
| {{labels.state}} | {{state}} |
| {{labels.date}} | {{date}} |
{{#has_time}}
| {{labels.begin}} | {{start}}{{labels.uhr}} |
| {{labels.end}} | {{end}}{{labels.uhr}} |
{{/has_time}}
| {{labels.place}} | {{location}} |
| {{labels.chair}} | {{chair}} |
| {{labels.minute_taker}} | {{minute_taker}} |
{{#has_quorum}}
| {{labels.quorum}} | {{quorum}} |
{{/has_quorum}}

## {{labels.attendance}}
{{#attendance_groups}}

**{{town}}** — {{#has_present}}{{labels.present}}: {{present}}{{/has_present}}{{#has_excused}}{{#has_present}}; {{/has_present}}{{labels.excused}}: {{excused}}{{/has_excused}}{{#has_absent}}{{#has_present_or_excused}}; {{/has_present_or_excused}}{{labels.absent}}: {{absent}}{{/has_absent}}
{{/attendance_groups}}
{{#sections}}

## {{labels.item}} {{number}}: {{title}}
{{#has_notes}}

{{notes}}
{{/has_notes}}
{{#has_decisions}}

**{{labels.decisions}}**

{{#decisions}}
- **{{labels.decision}} {{decision_number}}:** {{text}}{{#has_vote}}  
  **{{labels.vote}}:** {{vote}}{{/has_vote}}
{{/decisions}}
{{/has_decisions}}
{{#has_actions}}

**{{labels.action_items}}**

{{#actions}}
- {{title}} — {{town}}{{#has_responsible}}, {{responsible}}{{/has_responsible}}{{#has_due}}, {{labels.due}} {{due}}{{/has_due}} ({{status}})
{{/actions}}
{{/has_actions}}
{{/sections}}
{{#has_action_groups}}

## {{labels.actions_by_town}}

| {{labels.town}} | {{labels.action}} | {{labels.responsible}} | {{labels.due}} | {{labels.status}} | {{labels.item}} |
|---|---|---|---|---|---|
{{#action_groups}}
{{#actions}}
| {{town}} | {{title}} | {{responsible}} | {{due}} | {{status}} | {{item}} |
{{/actions}}
{{/action_groups}}
{{/has_action_groups}}

## {{labels.signatures}}

{{labels.place_date}}: ______________________

______________________ {{labels.chair}}: {{chair}}

______________________ {{labels.minute_taker}}: {{minute_taker}}
{{#has_changes}}

## {{labels.changes}}

{{#changes}}
- {{on}}: {{what}}
{{/changes}}
{{/has_changes}}

"""##,
    ]
}
