// Generated from Templates/actions-remind.*.mustache: do not edit. After changing a template, run
// CONVENE_EMBED_TEMPLATES=1 swift test --filter EmbeddedDocumentMailTemplatesTests (the test fails while they differ).
enum DefaultReminderTemplates {
    static let files: [String: String] = [
        "actions-remind.de.txt.mustache": ##"""
{{% CONTENT_TYPE: TEXT }}
{{! The reminder of open action items and decisions due (convene actions remind), German: one mail per responsible
    person, or the town's head of main office for items without one and for the decisions of the town. A workspace
    overrides this file with its own copy in templates/actions-remind.de.txt.mustache. }}
{{greeting}}

vor der nächsten Sitzung „{{meeting_title}}“{{#has_date}} am {{date}}{{/has_date}} erinnern wir an {{#has_items}}{{#single}}die offene Aufgabe{{/single}}{{^single}}die {{count}} offenen Aufgaben{{/single}},
für die Sie verantwortlich sind{{#has_decisions}}, und an {{/has_decisions}}{{/has_items}}{{#has_decisions}}{{#single_decision}}den Beschluss, für dessen{{/single_decision}}{{^single_decision}}die {{decision_count}} Beschlüsse, für deren{{/single_decision}} Umsetzung {{decision_town}} verantwortlich ist{{/has_decisions}}:
{{#items}}

  {{title}}
    {{town}} · {{status}} · {{#has_due}}Frist {{due}}{{#overdue}} (überfällig){{/overdue}}{{/has_due}}{{^has_due}}ohne Frist{{/has_due}}
    aus: {{meeting}}{{#has_item}}, TOP {{item}}{{/has_item}}
{{/items}}
{{#decisions}}

  Beschluss Nr. {{number}}: {{text}}
    {{town}} · {{status}} · Frist {{due}}{{#overdue}} (überfällig){{/overdue}}
    aus: {{meeting}}{{#has_item}}, TOP {{item}}{{/has_item}}
{{/decisions}}

{{#has_overdue}}
{{^single_entry}}
{{overdue_count}} davon {{#single_overdue}}ist{{/single_overdue}}{{^single_overdue}}sind{{/single_overdue}} überfällig.
{{/single_entry}}
{{/has_overdue}}
Bitte teilen Sie der Geschäftsstelle den Stand mit, damit er in der Sitzung berichtet werden kann.

Mit freundlichen Grüßen
{{organizer}}

"""##,
        "actions-remind.en.txt.mustache": ##"""
{{% CONTENT_TYPE: TEXT }}
{{! The reminder of open action items and decisions due (convene actions remind), English: one mail per responsible
    person, or the town's head of main office for items without one and for the decisions of the town. A workspace
    overrides this file with its own copy in templates/actions-remind.en.txt.mustache. }}
{{greeting}}

before the next meeting, "{{meeting_title}}"{{#has_date}} on {{date}}{{/has_date}}, this is a reminder of {{#has_items}}{{#single}}the open action item{{/single}}{{^single}}the {{count}} open action items{{/single}}
you are responsible for{{#has_decisions}}, and of {{/has_decisions}}{{/has_items}}{{#has_decisions}}{{#single_decision}}the decision{{/single_decision}}{{^single_decision}}the {{decision_count}} decisions{{/single_decision}} {{decision_town}} is responsible for carrying out{{/has_decisions}}:
{{#items}}

  {{title}}
    {{town}} · {{status}} · {{#has_due}}due {{due}}{{#overdue}} (overdue){{/overdue}}{{/has_due}}{{^has_due}}no due date{{/has_due}}
    from: {{meeting}}{{#has_item}}, item {{item}}{{/has_item}}
{{/items}}
{{#decisions}}

  Decision no. {{number}}: {{text}}
    {{town}} · {{status}} · due {{due}}{{#overdue}} (overdue){{/overdue}}
    from: {{meeting}}{{#has_item}}, item {{item}}{{/has_item}}
{{/decisions}}

{{#has_overdue}}
{{^single_entry}}
{{overdue_count}} of them {{#single_overdue}}is{{/single_overdue}}{{^single_overdue}}are{{/single_overdue}} overdue.
{{/single_entry}}
{{/has_overdue}}
Please let the network office know where they stand, so it can be reported at the meeting.

Kind regards
{{organizer}}

"""##,
    ]
}
