// Generated from Templates/minutes-send.*.mustache: do not edit. After changing a template, run
// CONVENE_EMBED_TEMPLATES=1 swift test --filter EmbeddedDocumentMailTemplatesTests (the test fails while they differ).
enum DefaultMinutesMailTemplates {
    static let files: [String: String] = [
        "minutes-send.de.txt.mustache": ##"""
{{% CONTENT_TYPE: TEXT }}
{{! The mail that carries the Niederschrift (convene minutes send), German: the draft to the chair for review, or
    the approved Niederschrift to every invitee; the PDF is attached. A workspace overrides this file with its own
    copy in templates/minutes-send.de.txt.mustache. }}
{{greeting}}

{{#draft}}
anbei erhalten Sie den Entwurf der Niederschrift der Sitzung „{{meeting_title}}“ vom {{date}} mit der Bitte um
Durchsicht. Bitte teilen Sie uns Ihre Anmerkungen mit; genehmigt wird die Niederschrift in der nächsten Sitzung.
{{/draft}}
{{^draft}}
anbei erhalten Sie die Niederschrift der Sitzung „{{meeting_title}}“ vom {{date}}, genehmigt am {{approved_on}}{{#approved_at}}
in der Sitzung „{{approved_at}}“{{/approved_at}}.
{{/draft}}

Die Niederschrift liegt als PDF bei ({{attachment}}).

Mit freundlichen Grüßen
{{organizer}}

"""##,
        "minutes-send.en.txt.mustache": ##"""
{{% CONTENT_TYPE: TEXT }}
{{! The mail that carries the minutes (convene minutes send), English: the draft to the chair for review, or the
    approved minutes to every invitee; the PDF is attached. A workspace overrides this file with its own copy in
    templates/minutes-send.en.txt.mustache. }}
{{greeting}}

{{#draft}}
please find attached the draft minutes of "{{meeting_title}}" on {{date}} for your review. Please let us know your
comments; the minutes are approved at the next meeting.
{{/draft}}
{{^draft}}
please find attached the minutes of "{{meeting_title}}" on {{date}}, approved on {{approved_on}}{{#approved_at}}
at "{{approved_at}}"{{/approved_at}}.
{{/draft}}

The minutes are attached as PDF ({{attachment}}).

Kind regards
{{organizer}}

"""##,
    ]
}
