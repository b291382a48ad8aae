// Generated from Templates/letter.*.mustache: do not edit. After changing a template, run
// CONVENE_EMBED_TEMPLATES=1 swift test --filter EmbeddedLetterTemplatesTests (the test fails while they differ).
enum DefaultLetterTemplates {
    static let files: [String: String] = [
        "letter.de.html.mustache": ##"""
{{! The letter of an invitation, update, cancellation or removal mail as HTML (German), made for the mail
    views of Outlook (Word's engine) and Gmail: table layout, inline styles only, no external resources,
    times in white-space:nowrap cells. Values are HTML-escaped; a workspace overrides this file with its own
    copy in templates/letter.de.html.mustache. }}
<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
</head>
<body style="margin:0;padding:0;background-color:#ffffff;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">
<tr><td align="left" style="padding:16px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#111111;">
<tr><td style="padding:0 0 12px 0;">{{greeting}}</td></tr>
{{#invitation}}
<tr><td style="padding:0 0 12px 0;">hiermit laden wir Sie herzlich ein:</td></tr>
{{/invitation}}
{{#update}}
<tr><td style="padding:0 0 12px 0;">die Einladung zu dem folgenden Termin hat sich geändert.</td></tr>
{{#moved}}
<tr><td style="padding:0 0 12px 0;font-weight:bold;">Der Termin wurde verlegt: statt <span class="time" style="white-space:nowrap;">{{old}}</span> nun <span class="time" style="white-space:nowrap;">{{new}}</span>.</td></tr>
{{/moved}}
{{#place_changed}}
<tr><td style="padding:0 0 12px 0;font-weight:bold;">Neuer Ort: {{place}}{{#has_place_address}}, {{place_address}}{{/has_place_address}}.</td></tr>
{{/place_changed}}
{{#agenda_changed}}
<tr><td style="padding:0 0 12px 0;font-weight:bold;">Die Tagesordnung wurde geändert (siehe unten).</td></tr>
{{/agenda_changed}}
{{#details_changed}}
<tr><td style="padding:0 0 12px 0;">Einzelheiten der Einladung wurden aktualisiert.</td></tr>
{{/details_changed}}
{{/update}}
{{#cancellation}}
<tr><td style="padding:0 0 12px 0;">der folgende Termin ist abgesagt:</td></tr>
{{/cancellation}}
{{#removal}}
<tr><td style="padding:0 0 12px 0;">Sie sind zu dem folgenden Termin nicht mehr eingeladen:</td></tr>
{{/removal}}
<tr><td style="padding:0 0 12px 0;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;">
<tr><th align="left" valign="top" style="padding:2px 12px 2px 0;white-space:nowrap;">Termin</th><td style="padding:2px 0;">{{title}}</td></tr>
<tr><th align="left" valign="top" style="padding:2px 12px 2px 0;white-space:nowrap;">Wann</th><td class="time" style="padding:2px 0;white-space:nowrap;">{{when}}</td></tr>
{{#has_place}}
<tr><th align="left" valign="top" style="padding:2px 12px 2px 0;white-space:nowrap;">Wo</th><td style="padding:2px 0;">{{place}}{{#has_place_address}}<br>{{place_address}}{{/has_place_address}}</td></tr>
{{/has_place}}
{{#has_online_url}}
<tr><th align="left" valign="top" style="padding:2px 12px 2px 0;white-space:nowrap;">Online</th><td style="padding:2px 0;"><a href="{{online_url}}" style="color:#0b57d0;">{{online_url}}</a></td></tr>
{{/has_online_url}}
{{#has_role}}
<tr><th align="left" valign="top" style="padding:2px 12px 2px 0;white-space:nowrap;">Ihre Rolle</th><td style="padding:2px 0;">{{role}}</td></tr>
{{/has_role}}
</table>
</td></tr>
{{#has_reason}}
<tr><td style="padding:0 0 12px 0;">Grund: {{reason}}</td></tr>
{{/has_reason}}
{{#deputy_welcome}}
<tr><td style="padding:0 0 12px 0;">Eine Vertretung ist willkommen{{#has_deputy}}, etwa {{deputy}}{{/has_deputy}}. Bitte teilen Sie uns mit, wer kommt.</td></tr>
{{/deputy_welcome}}
{{#has_represented}}
<tr><td style="padding:0 0 12px 0;">Sie können {{represented}} vertreten. Bitte teilen Sie uns mit, wer kommt.</td></tr>
{{/has_represented}}
{{#invites}}
{{#has_agenda}}
<tr><td style="padding:4px 0 4px 0;font-weight:bold;">Tagesordnung</td></tr>
<tr><td style="padding:0 0 12px 0;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;">
<tr><th align="left" style="padding:4px 8px 4px 0;border-bottom:2px solid #333333;white-space:nowrap;">TOP</th><th align="left" style="padding:4px 8px;border-bottom:2px solid #333333;white-space:nowrap;">Zeit</th><th align="left" style="padding:4px 8px;border-bottom:2px solid #333333;">Thema</th><th align="left" style="padding:4px 0 4px 8px;border-bottom:2px solid #333333;">Stadt</th></tr>
{{#agenda}}
<tr><td valign="top" style="padding:4px 8px 4px 0;border-bottom:1px solid #cccccc;white-space:nowrap;">{{number}}</td><td class="time" valign="top" style="padding:4px 8px;border-bottom:1px solid #cccccc;white-space:nowrap;">{{time}}</td><td valign="top" style="padding:4px 8px;border-bottom:1px solid #cccccc;">{{title}}</td><td valign="top" style="padding:4px 0 4px 8px;border-bottom:1px solid #cccccc;">{{town}}</td></tr>
{{/agenda}}
</table>
</td></tr>
{{/has_agenda}}
{{^has_agenda}}
<tr><td style="padding:0 0 12px 0;">Die Tagesordnung folgt.</td></tr>
{{/has_agenda}}
<tr><td style="padding:0 0 12px 0;">Bitte antworten Sie über Ihr Kalenderprogramm (Zusagen, Absagen oder Vorläufig). Die Einladung liegt auch als Datei invite.ics bei.</td></tr>
{{/invites}}
{{^invites}}
<tr><td style="padding:0 0 12px 0;">Bitte entfernen Sie den Termin aus Ihrem Kalender, falls Ihr Programm das nicht selbst tut.</td></tr>
{{/invites}}
<tr><td style="padding:0;">Mit freundlichen Grüßen<br>{{organizer}}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>

"""##,
        "letter.de.txt.mustache": ##"""
{{% CONTENT_TYPE: TEXT }}
{{! The letter of an invitation, update, cancellation or removal mail as plain text (German).
    A workspace overrides this file with its own copy in templates/letter.de.txt.mustache. }}
{{greeting}}

{{#invitation}}
hiermit laden wir Sie herzlich ein:
{{/invitation}}
{{#update}}
die Einladung zu dem folgenden Termin hat sich geändert.
{{#moved}}
Der Termin wurde verlegt: statt {{old}} nun {{new}}.
{{/moved}}
{{#place_changed}}
Neuer Ort: {{place}}{{#has_place_address}}, {{place_address}}{{/has_place_address}}.
{{/place_changed}}
{{#agenda_changed}}
Die Tagesordnung wurde geändert (siehe unten).
{{/agenda_changed}}
{{#details_changed}}
Einzelheiten der Einladung wurden aktualisiert.
{{/details_changed}}
{{/update}}
{{#cancellation}}
der folgende Termin ist abgesagt:
{{/cancellation}}
{{#removal}}
Sie sind zu dem folgenden Termin nicht mehr eingeladen:
{{/removal}}

  {{title}}
  Wann:   {{when}}
{{#has_place}}
  Wo:     {{place}}{{#has_place_address}}, {{place_address}}{{/has_place_address}}
{{/has_place}}
{{#has_online_url}}
  Online: {{online_url}}
{{/has_online_url}}
{{#has_role}}
  Ihre Rolle: {{role}}
{{/has_role}}
{{#has_reason}}

Grund: {{reason}}
{{/has_reason}}
{{#deputy_welcome}}

Eine Vertretung ist willkommen{{#has_deputy}}, etwa {{deputy}}{{/has_deputy}}. Bitte teilen Sie uns mit, wer kommt.
{{/deputy_welcome}}
{{#has_represented}}

Sie können {{represented}} vertreten. Bitte teilen Sie uns mit, wer kommt.
{{/has_represented}}
{{#invites}}
{{#has_agenda}}

Tagesordnung
{{#agenda}}
{{#has_number}}TOP {{number}}{{pad}}{{/has_number}}{{^has_number}}    {{blank}}{{/has_number}}  {{time}}  {{title}}{{#has_town}} ({{town}}){{/has_town}}
{{/agenda}}
{{/has_agenda}}
{{^has_agenda}}

Die Tagesordnung folgt.
{{/has_agenda}}

Bitte antworten Sie über Ihr Kalenderprogramm (Zusagen, Absagen oder Vorläufig).
Die Einladung liegt auch als Datei invite.ics bei.
{{/invites}}
{{^invites}}

Bitte entfernen Sie den Termin aus Ihrem Kalender, falls Ihr Programm das nicht selbst tut.
{{/invites}}

Mit freundlichen Grüßen
{{organizer}}

"""##,
        "letter.en.html.mustache": ##"""
{{! The letter of an invitation, update, cancellation or removal mail as HTML (English), made for the mail
    views of Outlook (Word's engine) and Gmail: table layout, inline styles only, no external resources,
    times in white-space:nowrap cells. Values are HTML-escaped; a workspace overrides this file with its own
    copy in templates/letter.en.html.mustache. }}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
</head>
<body style="margin:0;padding:0;background-color:#ffffff;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">
<tr><td align="left" style="padding:16px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#111111;">
<tr><td style="padding:0 0 12px 0;">{{greeting}}</td></tr>
{{#invitation}}
<tr><td style="padding:0 0 12px 0;">we are pleased to invite you to:</td></tr>
{{/invitation}}
{{#update}}
<tr><td style="padding:0 0 12px 0;">the invitation to the following meeting has changed.</td></tr>
{{#moved}}
<tr><td style="padding:0 0 12px 0;font-weight:bold;">The meeting has been moved: instead of <span class="time" style="white-space:nowrap;">{{old}}</span> it is now <span class="time" style="white-space:nowrap;">{{new}}</span>.</td></tr>
{{/moved}}
{{#place_changed}}
<tr><td style="padding:0 0 12px 0;font-weight:bold;">New place: {{place}}{{#has_place_address}}, {{place_address}}{{/has_place_address}}.</td></tr>
{{/place_changed}}
{{#agenda_changed}}
<tr><td style="padding:0 0 12px 0;font-weight:bold;">The agenda has changed (see below).</td></tr>
{{/agenda_changed}}
{{#details_changed}}
<tr><td style="padding:0 0 12px 0;">Details of the invitation have been updated.</td></tr>
{{/details_changed}}
{{/update}}
{{#cancellation}}
<tr><td style="padding:0 0 12px 0;">the following meeting has been cancelled:</td></tr>
{{/cancellation}}
{{#removal}}
<tr><td style="padding:0 0 12px 0;">you are no longer invited to the following meeting:</td></tr>
{{/removal}}
<tr><td style="padding:0 0 12px 0;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;">
<tr><th align="left" valign="top" style="padding:2px 12px 2px 0;white-space:nowrap;">Meeting</th><td style="padding:2px 0;">{{title}}</td></tr>
<tr><th align="left" valign="top" style="padding:2px 12px 2px 0;white-space:nowrap;">When</th><td class="time" style="padding:2px 0;white-space:nowrap;">{{when}}</td></tr>
{{#has_place}}
<tr><th align="left" valign="top" style="padding:2px 12px 2px 0;white-space:nowrap;">Where</th><td style="padding:2px 0;">{{place}}{{#has_place_address}}<br>{{place_address}}{{/has_place_address}}</td></tr>
{{/has_place}}
{{#has_online_url}}
<tr><th align="left" valign="top" style="padding:2px 12px 2px 0;white-space:nowrap;">Online</th><td style="padding:2px 0;"><a href="{{online_url}}" style="color:#0b57d0;">{{online_url}}</a></td></tr>
{{/has_online_url}}
{{#has_role}}
<tr><th align="left" valign="top" style="padding:2px 12px 2px 0;white-space:nowrap;">Your role</th><td style="padding:2px 0;">{{role}}</td></tr>
{{/has_role}}
</table>
</td></tr>
{{#has_reason}}
<tr><td style="padding:0 0 12px 0;">Reason: {{reason}}</td></tr>
{{/has_reason}}
{{#deputy_welcome}}
<tr><td style="padding:0 0 12px 0;">A deputy is welcome{{#has_deputy}}, for instance {{deputy}}{{/has_deputy}}. Please let us know who will come.</td></tr>
{{/deputy_welcome}}
{{#has_represented}}
<tr><td style="padding:0 0 12px 0;">You may attend in place of {{represented}}. Please let us know who will come.</td></tr>
{{/has_represented}}
{{#invites}}
{{#has_agenda}}
<tr><td style="padding:4px 0 4px 0;font-weight:bold;">Agenda</td></tr>
<tr><td style="padding:0 0 12px 0;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;">
<tr><th align="left" style="padding:4px 8px 4px 0;border-bottom:2px solid #333333;white-space:nowrap;">Item</th><th align="left" style="padding:4px 8px;border-bottom:2px solid #333333;white-space:nowrap;">Time</th><th align="left" style="padding:4px 8px;border-bottom:2px solid #333333;">Topic</th><th align="left" style="padding:4px 0 4px 8px;border-bottom:2px solid #333333;">Town</th></tr>
{{#agenda}}
<tr><td valign="top" style="padding:4px 8px 4px 0;border-bottom:1px solid #cccccc;white-space:nowrap;">{{number}}</td><td class="time" valign="top" style="padding:4px 8px;border-bottom:1px solid #cccccc;white-space:nowrap;">{{time}}</td><td valign="top" style="padding:4px 8px;border-bottom:1px solid #cccccc;">{{title}}</td><td valign="top" style="padding:4px 0 4px 8px;border-bottom:1px solid #cccccc;">{{town}}</td></tr>
{{/agenda}}
</table>
</td></tr>
{{/has_agenda}}
{{^has_agenda}}
<tr><td style="padding:0 0 12px 0;">The agenda will follow.</td></tr>
{{/has_agenda}}
<tr><td style="padding:0 0 12px 0;">Please answer through your calendar program (accept, decline or tentative). The invitation is also attached as the file invite.ics.</td></tr>
{{/invites}}
{{^invites}}
<tr><td style="padding:0 0 12px 0;">Please remove the meeting from your calendar if your program does not do so itself.</td></tr>
{{/invites}}
<tr><td style="padding:0;">Kind regards<br>{{organizer}}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>

"""##,
        "letter.en.txt.mustache": ##"""
{{% CONTENT_TYPE: TEXT }}
{{! The letter of an invitation, update, cancellation or removal mail as plain text (English).
    A workspace overrides this file with its own copy in templates/letter.en.txt.mustache. }}
{{greeting}}

{{#invitation}}
we are pleased to invite you to:
{{/invitation}}
{{#update}}
the invitation to the following meeting has changed.
{{#moved}}
The meeting has been moved: instead of {{old}} it is now {{new}}.
{{/moved}}
{{#place_changed}}
New place: {{place}}{{#has_place_address}}, {{place_address}}{{/has_place_address}}.
{{/place_changed}}
{{#agenda_changed}}
The agenda has changed (see below).
{{/agenda_changed}}
{{#details_changed}}
Details of the invitation have been updated.
{{/details_changed}}
{{/update}}
{{#cancellation}}
the following meeting has been cancelled:
{{/cancellation}}
{{#removal}}
you are no longer invited to the following meeting:
{{/removal}}

  {{title}}
  When:   {{when}}
{{#has_place}}
  Where:  {{place}}{{#has_place_address}}, {{place_address}}{{/has_place_address}}
{{/has_place}}
{{#has_online_url}}
  Online: {{online_url}}
{{/has_online_url}}
{{#has_role}}
  Your role: {{role}}
{{/has_role}}
{{#has_reason}}

Reason: {{reason}}
{{/has_reason}}
{{#deputy_welcome}}

A deputy is welcome{{#has_deputy}}, for instance {{deputy}}{{/has_deputy}}. Please let us know who will come.
{{/deputy_welcome}}
{{#has_represented}}

You may attend in place of {{represented}}. Please let us know who will come.
{{/has_represented}}
{{#invites}}
{{#has_agenda}}

Agenda
{{#agenda}}
{{#has_number}}Item {{number}}{{pad}}{{/has_number}}{{^has_number}}     {{blank}}{{/has_number}}  {{time}}  {{title}}{{#has_town}} ({{town}}){{/has_town}}
{{/agenda}}
{{/has_agenda}}
{{^has_agenda}}

The agenda will follow.
{{/has_agenda}}

Please answer through your calendar program (accept, decline or tentative).
The invitation is also attached as the file invite.ics.
{{/invites}}
{{^invites}}

Please remove the meeting from your calendar if your program does not do so itself.
{{/invites}}

Kind regards
{{organizer}}

"""##,
    ]
}
