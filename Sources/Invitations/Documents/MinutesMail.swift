import ConveneCore
import Foundation
import ICalendar

/// `convene minutes send`: the Niederschrift by mail, as PDF. The draft (*Entwurf*) goes to the chair for review; the
/// approved Niederschrift (*genehmigt*, `minutes approve`) to every invitee. Never an unapproved Niederschrift to
/// everyone. The mail text comes from `Templates/minutes-send.<lang>.txt.mustache`.
///
/// Each message's Message-ID carries the first 12 hex digits of the PDF's SHA-256: a rerun sends nothing new, a
/// Niederschrift changed since (a logged change after approval) goes out again.
public struct MinutesMail: Sendable {
    public var workspace: Workspace
    public var meeting: Meeting
    /// The draft to the chair (`--draft`), else the approved Niederschrift to every invitee.
    public var draft: Bool
    public var language: Language

    public init(workspace: Workspace, meeting: Meeting, draft: Bool, language: Language) {
        self.workspace = workspace
        self.meeting = meeting
        self.draft = draft
        self.language = language
    }

    /// `meetings/<id>/out/minutes`: the PDF and `mail/`.
    public var folder: String { meeting.files.minutesOutFolder }

    /// The name of the attached PDF: `Niederschrift.pdf`, `Niederschrift-Entwurf.pdf` (English `Minutes.pdf`, `Minutes-draft.pdf`).
    public var attachmentName: String {
        switch (language, draft) {
        case (.de, false): return "Niederschrift.pdf"
        case (.de, true): return "Niederschrift-Entwurf.pdf"
        case (.en, false): return "Minutes.pdf"
        case (.en, true): return "Minutes-draft.pdf"
        }
    }

    /// Checks that the minutes may go where they would go: there is a record; the draft is not approved yet and
    /// names a chair; the Niederschrift for everyone is approved and unchanged since (but for logged changes).
    /// Call it before rendering the PDF.
    /// - Throws: `WorkspaceProblem` naming the file and the command that resolves it.
    public func check() throws(WorkspaceProblem) {
        let file = workspace.minutesFile(of: meeting)
        guard let record = workspace.minutes[meeting.id] else {
            throw WorkspaceProblem(file: file, "no minutes to send; create the record with: convene minutes init \(meeting.id)")
        }
        let approval = try MinutesApproval.read(meeting, in: workspace)
        if draft {
            if approval != nil {
                throw WorkspaceProblem(file: file, "approved already, so there is no draft to review; send the Niederschrift to everyone: convene minutes send \(meeting.id)")
            }
            guard let chair = record.chair, workspace.person(chair) != nil else {
                throw WorkspaceProblem(file: file, "names no chair (chair: a person id), so there is nobody to review the draft")
            }
        } else {
            guard let approval else {
                throw WorkspaceProblem(file: file, "not approved yet, so it does not go to everyone; approve it first (convene minutes approve "
                                       + "\(meeting.id) --at NEXT-MEETING), or send the draft to the chair: convene minutes send \(meeting.id) --draft")
            }
            guard approval.matches(meeting, in: workspace) else {
                throw WorkspaceProblem(file: file, "changed since its approval without a logged change; approve it again first: convene minutes approve \(meeting.id) --force")
            }
        }
    }

    /// The recipients: the chair for the draft, every invitee for the approved Niederschrift.
    public func recipients() -> [Person] {
        if draft { return workspace.minutes[meeting.id]?.chair.flatMap { workspace.person($0) }.map { [$0] } ?? [] }
        return workspace.invitees(of: meeting)
    }

    /// One mail per recipient with `pdf` attached, and the PDF itself for the output folder.
    /// - Throws: `WorkspaceProblem` from `check()`, a template, or a name that cannot go into a mail header.
    public func round(pdf: Data, now: Instant) throws(WorkspaceProblem) -> DocumentRound {
        try check()
        let zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
        let approval = try MinutesApproval.read(meeting, in: workspace)
        let start = meeting.chosen?.start
        let date = start.map { zone.localTime(of: $0).date } ?? meeting.window.first
        let stamp = String(SHA256.hex(Array(pdf)).prefix(12))
        let kind = draft ? "minutes-draft" : "minutes"
        let subject = (draft ? (language == .de ? "Entwurf der Niederschrift" : "Draft minutes") : (language == .de ? "Niederschrift" : "Minutes"))
            + ": \(meeting.title) – \(language.date(date))"
        let attachment = MailAttachment(name: attachmentName, bytes: Array(pdf))
        var messages: [OutgoingMessage] = []
        var contents: [String: String] = [:]
        for person in recipients() {
            let data: [String: Any] = [
                "greeting": language.greeting(for: person, name: person.name), "meeting_title": meeting.title, "date": language.date(date),
                "draft": draft, "approved_on": approval.map { language.date($0.approvedOn) } ?? "",
                "approved_at": approval?.atMeeting.flatMap { workspace.meeting($0)?.title } ?? "",
                "attachment": attachmentName, "organizer": workspace.network.organizer.name,
            ]
            let plain = try DocumentMail.body("minutes-send", defaults: DefaultMinutesMailTemplates.files, language: language, data: data,
                                              workspace: workspace, subject: "the minutes mail")
            let messageID = "\(meeting.id).\(kind)-\(stamp).\(person.id)@\(workspace.organizerDomain)"
            let text = try DocumentMail.compose(workspace, to: person, subject: subject, plain: plain, language: language, now: now, zone: zone,
                                                messageID: messageID, meeting: meeting, attachments: [attachment])
            var message = OutgoingMessage(file: MeetingFolder.minutesMailFile(person.id, draft: draft), recipient: person.email.lowercased(),
                                          recipientName: person.name, method: draft ? "MINUTES-DRAFT" : "MINUTES", sequence: 0,
                                          messageID: messageID, subject: subject, calendar: "", text: text)
            message.distinctByMessageID = true
            messages.append(message)
            contents[messageID] = attachmentName
        }
        let what = draft ? "the draft minutes of \(meeting.id) for the chair" : "the approved minutes of \(meeting.id) for every invitee"
        return DocumentRound(files: [(attachmentName, pdf)], messages: messages, contents: contents, what: what)
    }
}
