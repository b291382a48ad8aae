import ConveneCore
import Foundation
import ICalendar
import MIME

/// The mails of `minutes send` and `actions remind`, built and ready to go: the files to write beside them (the
/// PDF), one message per recipient, and what each carries (for the table).
public struct DocumentRound: Sendable {
    /// Files written into the output folder besides `mail/` (`Niederschrift.pdf`).
    public var files: [(name: String, bytes: Data)]
    public var messages: [OutgoingMessage]
    /// Per message (by Message-ID), what it carries: `Niederschrift.pdf`, `3 items, 1 overdue`.
    public var contents: [String: String]
    /// What the run is about, in one line (`the approved minutes of kickoff`).
    public var what: String
    /// Ids of items (and numbers of decisions) nobody could be found to mail about (`actions remind`).
    public var unreached: [String] = []
    /// Numbers of pending decisions with a due date but no responsible town (`actions remind`): nobody is mailed.
    public var unassigned: [String] = []

    public init(files: [(name: String, bytes: Data)], messages: [OutgoingMessage], contents: [String: String], what: String) {
        self.files = files
        self.messages = messages
        self.contents = contents
        self.what = what
    }
}

/// What `minutes send` and `actions remind` do once their mails are built: write the files into the output folder,
/// then send them through `Delivery` (`--send`: `mail.send_command`, an `in-flight` line and the outcome per message
/// in the meeting's `sent.log`, so a rerun sends only what is new or failed) or list what would go — a dry run records
/// nothing. The whole run holds the workspace lock, as `invite` does.
public struct DocumentDispatch: Sendable {
    public var round: DocumentRound
    /// The meeting whose `sent.log` records the messages.
    public var meeting: Meeting
    /// The output folder, relative to the workspace.
    public var folder: String
    /// What became of the messages.
    public var outcome: MailOutcome

    /// Builds the round with `build` and dispatches it, under the workspace lock.
    /// - Parameter folder: the output folder (a `MeetingFolder` path).
    /// - Throws: `WorkspaceProblem` from `build`, a file that cannot be written, a broken send log, or a mail program
    ///   that does not exist (with `send`).
    public static func run(meeting: Meeting, workspace: Workspace, folder: String, send: Bool, resendInFlight: Bool = false,
                           now: @escaping () -> Instant, build: () throws(WorkspaceProblem) -> DocumentRound) throws(WorkspaceProblem) -> DocumentDispatch {
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            let round = try build()
            let url = workspace.url(folder)
            for (name, bytes) in round.files { try AtomicFile.write(bytes, to: url.appendingPathComponent(name)) }
            for message in round.messages { try AtomicFile.write(Data(message.text.utf8), to: url.appendingPathComponent(message.file)) }
            let outcome = try MailOutcome.deliver(round.messages, meeting: meeting, in: workspace,
                                                  mailer: Mailer(command: workspace.network.mail.sendCommand), send: send,
                                                  resendInFlight: resendInFlight, now: now)
            return DocumentDispatch(round: round, meeting: meeting, folder: folder, outcome: outcome)
        }
    }

    /// The summary: the files written, then what was sent or would be (a table: to, what it carries, the mail file).
    public func text(style: TextStyle) -> String {
        var text = "\(outcome.sent ? "Sent" : "Prepared") \(round.what): \(round.messages.count) message\(round.messages.count == 1 ? "" : "s").\n"
        let files = round.files.map(\.name) + (round.messages.isEmpty ? [] : ["mail/"])
        if !files.isEmpty { text += "Files in \(folder): \(files.joined(separator: ", "))\n" }
        if !round.unreached.isEmpty {
            text += "Nobody to remind of \(round.unreached.joined(separator: ", ")): no responsible person, and the town has no head of "
                + "main office or OB in people.yaml.\n"
        }
        if !round.unassigned.isEmpty {
            let list = round.unassigned.joined(separator: ", ")
            text += "Not reminded of decision\(round.unassigned.count == 1 ? "" : "s") \(list): no responsible town (town: in the minutes); "
                + "convene decisions lists \(round.unassigned.count == 1 ? "it" : "them") as due.\n"
        }
        return text + outcome.text(messages: round.messages, log: meeting.files.sendLog, style: style, header: ["To", "Carries", "Mail"],
                                   row: { [$0.recipient, round.contents[$0.messageID] ?? "", $0.file] })
    }

    /// The summary for scripts: `meeting` (whose sent.log), `folder`, `sent`, `files`, and per message `file`, `to`,
    /// `subject`, `message_id`, `carries`, `status` (`sent`, `pending`, `already-sent`, `failed`, `may-have-been-sent`).
    public func json() -> JSON {
        let messages: [JSON] = round.messages.map { message in
            .object([("file", .string(message.file)), ("to", .string(message.recipient)), ("subject", .string(message.subject)),
                     ("message_id", .string(message.messageID)), ("carries", .string(round.contents[message.messageID] ?? "")),
                     ("status", .string(outcome.status(of: message)))])
        }
        return .object([("meeting", .string(meeting.id)), ("folder", .string(folder)), ("sent", .bool(outcome.sent)),
                         ("files", .array(round.files.map { .string($0.name) })), ("messages", .array(messages)),
                         ("unreached", .array(round.unreached.map(JSON.string))),
                         ("unassigned_decisions", .array(round.unassigned.map(JSON.string)))])
    }

    /// The one-line error after a partly failed send, or nil.
    public var failureSummary: String? {
        guard outcome.failed else { return nil }
        return "\(outcome.report.failed.count + outcome.report.inFlight.count) of \(round.messages.count) messages were not sent (see above and \(meeting.files.sendLog))"
    }
}

/// The pieces every mail of a `DocumentRound` is made of.
enum DocumentMail {
    /// A plain mail (text and HTML, the attachments after them) from the organizer to `person`; a name or subject
    /// that cannot go into a header names the file it came from.
    static func compose(_ workspace: Workspace, to person: Person, subject: String, plain: String, language: Language, now: Instant,
                        zone: CalendarTimeZone, messageID: String, meeting: Meeting, attachments: [MailAttachment]) throws(WorkspaceProblem) -> String {
        do {
            return try InvitationMail.composeText(
                from: (workspace.network.organizer.name, workspace.network.organizer.email), to: (person.name, person.email),
                subject: subject, date: now, zone: zone, messageID: messageID, plain: plain,
                html: PollText.html(plain, title: subject, language: language), extraHeaders: [("X-Convene-Meeting", meeting.id)],
                attachments: attachments)
        } catch {
            let source = (try? MailError.checkHeaderText(subject, "subject")) == nil ? meeting.files.meetingFile : Workspace.peopleFile
            throw WorkspaceProblem(file: source, "cannot write the mail to \(person.id): \(error.description)")
        }
    }

    /// The text of template `<name>.<language>.txt.mustache`.
    static func body(_ name: String, defaults: [String: String], language: Language, data: [String: Any], known: Set<String> = [],
                     workspace: Workspace, subject: String) throws(WorkspaceProblem) -> String {
        let (text, file) = try TemplateRenderer.source(named: "\(name).\(language.rawValue).txt.mustache", defaults: defaults, workspaceRoot: workspace.root)
        return try TemplateRenderer.render(templateText: text, file: file, data: data, known: known, subject: subject)
    }
}
