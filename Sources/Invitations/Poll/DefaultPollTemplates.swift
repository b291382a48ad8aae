// Generated from Templates/poll-*.mustache: do not edit. After changing a template, run
// CONVENE_EMBED_TEMPLATES=1 swift test --filter EmbeddedPollTemplatesTests (the test fails while they differ).
enum DefaultPollTemplates {
    static let files: [String: String] = [
        "poll-cancel.de.txt.mustache": ##"""
{{% CONTENT_TYPE: TEXT }}
{{! The withdrawal of a hold that was not chosen, as a German mail. A workspace overrides this
    file with its own copy in templates/poll-cancel.de.txt.mustache. }}
{{salutation}}

vielen Dank für Ihre Antworten zu „{{meeting_title}}“. Der folgende Vorschlag entfällt:

  {{when}}

{{#chosen}}
Gewählt ist: {{chosen}}. Die Einladung dazu folgt.
{{/chosen}}
Ihr Kalenderprogramm entfernt den Vorschlag mit dieser Nachricht; falls nicht, löschen Sie ihn bitte.

Mit freundlichen Grüßen
{{organizer}}

"""##,
        "poll-cancel.en.txt.mustache": ##"""
{{% CONTENT_TYPE: TEXT }}
{{! The withdrawal of a hold that was not chosen, as an English mail. A workspace overrides this
    file with its own copy in templates/poll-cancel.en.txt.mustache. }}
{{salutation}}

Thank you for your answers about “{{meeting_title}}”. The following option is withdrawn:

  {{when}}

{{#chosen}}
The chosen date is {{chosen}}. The invitation follows.
{{/chosen}}
Your calendar program removes the option with this message; if it does not, please delete it.

Kind regards
{{organizer}}

"""##,
        "poll-remind.de.txt.mustache": ##"""
{{% CONTENT_TYPE: TEXT }}
{{! The reminder to someone who has not answered a date poll, as a German mail. A workspace
    overrides this file with its own copy in templates/poll-remind.de.txt.mustache. }}
{{salutation}}

für „{{meeting_title}}“ fehlt uns noch Ihre Antwort auf {{#single}}einen Terminvorschlag{{/single}}{{^single}}{{open_count}} Terminvorschläge{{/single}}:
{{#options}}
  {{number}}. {{when}}
{{/options}}

Bitte antworten Sie bis {{deadline}} mit den Knöpfen Zusagen, Mit Vorbehalt oder Ablehnen in den
Nachrichten der Vorschläge in Ihrem Kalenderprogramm.

Mit freundlichen Grüßen
{{organizer}}

"""##,
        "poll-remind.en.txt.mustache": ##"""
{{% CONTENT_TYPE: TEXT }}
{{! The reminder to someone who has not answered a date poll, as an English mail. A workspace
    overrides this file with its own copy in templates/poll-remind.en.txt.mustache. }}
{{salutation}}

We are still missing your answer about “{{meeting_title}}” for {{#single}}one option{{/single}}{{^single}}{{open_count}} options{{/single}}:
{{#options}}
  {{number}}. {{when}}
{{/options}}

Please answer by {{deadline}} with the buttons Accept, Tentative or Decline in the options'
messages in your calendar program.

Kind regards
{{organizer}}

"""##,
        "poll-request.de.txt.mustache": ##"""
{{% CONTENT_TYPE: TEXT }}
{{! One hold of a date poll, as a German mail. A workspace overrides this file with its own copy
    in templates/poll-request.de.txt.mustache (variables: see README, convene poll start). }}
{{salutation}}

für „{{meeting_title}}“ suchen wir einen Termin. Diese Nachricht ist Vorschlag {{option}} von {{option_count}}:

  {{when}}
{{#location}}
  {{location}}
{{/location}}

Alle Vorschläge (jeder kommt als eigene Nachricht):
{{#options}}
  {{number}}. {{when}}{{#this}}   ← diese Nachricht{{/this}}
{{/options}}

Bitte beantworten Sie jeden Vorschlag bis {{deadline}} mit den Knöpfen Ihres Kalenderprogramms:
  Zusagen        – der Termin passt
  Mit Vorbehalt  – der Termin geht notfalls
  Ablehnen       – der Termin passt nicht
Einen anderen Termin können Sie mit „Neue Zeit vorschlagen“ nennen.

Bis zur Entscheidung steht der Vorschlag als vorläufig in Ihrem Kalender. Danach sagen wir die
übrigen Vorschläge ab; der gewählte wird zur Einladung mit der Tagesordnung.

Mit freundlichen Grüßen
{{organizer}}

"""##,
        "poll-request.en.txt.mustache": ##"""
{{% CONTENT_TYPE: TEXT }}
{{! One hold of a date poll, as an English mail. A workspace overrides this file with its own copy
    in templates/poll-request.en.txt.mustache (variables: see README, convene poll start). }}
{{salutation}}

We are looking for a date for “{{meeting_title}}”. This message is option {{option}} of {{option_count}}:

  {{when}}
{{#location}}
  {{location}}
{{/location}}

All options (each comes as a message of its own):
{{#options}}
  {{number}}. {{when}}{{#this}}   ← this message{{/this}}
{{/options}}

Please answer every option by {{deadline}} with your calendar program's buttons:
  Accept     – the date suits you
  Tentative  – the date works if need be
  Decline    – the date does not suit you
You can name another time with “Propose new time”.

Until the decision the option stays in your calendar as tentative. Then we cancel the other
options; the chosen one becomes the invitation with the agenda.

Kind regards
{{organizer}}

"""##,
    ]
}
