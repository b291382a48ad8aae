import ConveneCore
import Foundation
import ICalendar
import MIME

/// The iMIP message of one invitation (RFC 6047), shaped like the mail Gmail and Outlook send so
/// that every client shows its buttons:
///
///     multipart/mixed
///     ├── multipart/alternative
///     │   ├── text/plain                            the letter and the agenda (quoted-printable)
///     │   ├── text/html                             the same as HTML (quoted-printable)
///     │   └── text/calendar; method=REQUEST         the iTIP document (base64)
///     ├── application/ics; name="invite.ics"        the same document as an attachment (base64)
///     └── application/pdf; name="Tagesordnung.pdf"  optional attachments (`invite --attach-agenda`), base64
///
/// The part's `method=` always equals the document's METHOD (RFC 6047 §2.4; Outlook rejects a
/// mismatch), and no part has a Content-ID (Gmail then hides the RSVP buttons).
enum InvitationMail {
    static func compose(from: (name: String, email: String), to: (name: String?, email: String), subject: String, date: Instant,
                        zone: CalendarTimeZone, messageID: String, method: String, calendar: String, plain: String, html: String,
                        extraHeaders: [(String, String)], attachments: [MailAttachment] = []) throws(MailError) -> String {
        let calendarBytes = Array(calendar.utf8)
        let attachmentName = MeetingFolder.invitationFile(cancelled: method == "CANCEL")
        let body = MIMEEntity.multipart(subtype: "mixed", parts: [
            .multipart(subtype: "alternative", parts: [
                .leaf(type: "text/plain", parameters: [], body: Array(plain.utf8), encoding: .quotedPrintable, attachmentName: nil),
                .leaf(type: "text/html", parameters: [], body: Array(html.utf8), encoding: .quotedPrintable, attachmentName: nil),
                .leaf(type: "text/calendar", parameters: [("method", method)], body: calendarBytes, encoding: .base64, attachmentName: nil),
            ]),
            .leaf(type: "application/ics", parameters: [("name", attachmentName)], body: calendarBytes, encoding: .base64,
                  attachmentName: attachmentName),
        ] + attachments.map(\.part))
        let offset = Int(zone.localTime(of: date).wallSeconds - date.secondsSince1970)
        let message = MailMessage(from: try MailAddress(name: from.name, address: from.email),
                                  to: [try MailAddress(name: to.name, address: to.email)], subject: subject, date: date,
                                  utcOffsetSeconds: offset, messageID: messageID, extraHeaders: extraHeaders, body: body)
        return try message.rendered()
    }

    /// A mail without a calendar part (a poll's reminder, the Niederschrift, a reminder of action items): text and
    /// HTML alternatives — inside a `multipart/mixed` with the attachments after them when there are any.
    static func composeText(from: (name: String, email: String), to: (name: String?, email: String), subject: String, date: Instant,
                            zone: CalendarTimeZone, messageID: String, plain: String, html: String,
                            extraHeaders: [(String, String)], attachments: [MailAttachment] = []) throws(MailError) -> String {
        let text = MIMEEntity.multipart(subtype: "alternative", parts: [
            .leaf(type: "text/plain", parameters: [], body: Array(plain.utf8), encoding: .quotedPrintable, attachmentName: nil),
            .leaf(type: "text/html", parameters: [], body: Array(html.utf8), encoding: .quotedPrintable, attachmentName: nil),
        ])
        let body = attachments.isEmpty ? text : MIMEEntity.multipart(subtype: "mixed", parts: [text] + attachments.map(\.part))
        let offset = Int(zone.localTime(of: date).wallSeconds - date.secondsSince1970)
        let message = MailMessage(from: try MailAddress(name: from.name, address: from.email),
                                  to: [try MailAddress(name: to.name, address: to.email)], subject: subject, date: date,
                                  utcOffsetSeconds: offset, messageID: messageID, extraHeaders: extraHeaders, body: body)
        return try message.rendered()
    }
}
