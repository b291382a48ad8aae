import ConveneCore
import Foundation
import ICalendar

/// What `invite` and `cancel` do once the invitation is built: write its files, record the state,
/// then send (`--send`) or find out what would be sent.
public struct DispatchResult: Sendable {
    public var invitation: Invitation
    public var meeting: Meeting
    /// The output folder as the user named it (or `meetings/<id>/out`).
    public var folder: String
    /// What became of the messages.
    public var outcome: MailOutcome
    /// Mails of earlier versions this run removed from `mail/`: for people who get nothing now (a change of the
    /// invitee list alone), so nobody sends an outdated one by hand.
    public var removedMails: [String] = []

    /// True when `--send` was given.
    public var sent: Bool { outcome.sent }
    /// True when `--mark-sent` recorded the files as sent by hand.
    public var markedSent: Bool { outcome.markedSent }

    /// Builds the invitation with `build` and dispatches it (see the other `run`), all under the
    /// workspace lock: the state `build` reads is the state the run writes, so two runs at once get
    /// different SEQUENCEs and never send the same message twice.
    /// - Throws: `WorkspaceProblem` from `build`, the lock or the dispatch.
    public static func run(meeting: Meeting, workspace: Workspace, out: String?, send: Bool, markSent: Bool = false, force: Bool,
                           resendInFlight: Bool = false, now: @escaping () -> Instant,
                           build: () throws(WorkspaceProblem) -> Invitation) throws(WorkspaceProblem) -> DispatchResult {
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            try run(try build(), meeting: meeting, workspace: workspace, out: out, send: send, markSent: markSent, force: force,
                    resendInFlight: resendInFlight, now: now)
        }
    }

    /// Writes the files (atomically) and sends (`send`), records them as sent by hand (`markSent`), or lists what
    /// would go. SEQUENCE counts the versions that left the organizer: the state (UID, SEQUENCE, who has it) is
    /// recorded only when messages go out or are marked sent — a dry run changes nothing but the files in `out/`.
    /// Holds the workspace lock throughout.
    /// - Parameter out: the output folder; nil for `meetings/<id>/out`.
    /// - Parameter resendInFlight: send again what an interrupted run may have delivered.
    /// - Throws: `WorkspaceProblem` for a file that cannot be written, a hand-edited state file
    ///   (without `force`), a broken send log, or a mail program that does not exist.
    public static func run(_ invitation: Invitation, meeting: Meeting, workspace: Workspace, out: String?, send: Bool,
                           markSent: Bool = false, force: Bool, resendInFlight: Bool = false, now: () -> Instant) throws(WorkspaceProblem) -> DispatchResult {
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            let folder = Self.folder(of: meeting, in: workspace, out: out)
            if markSent {
                // Only what is in the folder can have been sent by hand: it must be this very version.
                for (name, text) in invitation.documents + invitation.messages.map({ ($0.file, $0.text) })
                where FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) != Data(text.utf8) {
                    throw WorkspaceProblem(file: (out ?? meeting.files.outFolder) + "/" + name,
                                           "is not the current version, so it cannot have been sent; run convene \(invitation.state.cancelled ? "cancel" : "invite") \(meeting.id) without --mark-sent, send those files, then --mark-sent")
                }
            }
            for (name, text) in invitation.documents + invitation.messages.map({ ($0.file, $0.text) }) {
                try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(name))
            }
            let removedMails = try removeOutdatedMails(in: folder, keeping: Set(invitation.messages.map(\.file)), meeting: meeting,
                                                       display: out ?? meeting.files.outFolder)
            let mailer = Mailer(command: workspace.network.mail.sendCommand)
            if send { try Delivery.requireProgram(mailer) }
            // Recorded before the first message is handed over, so a send that stops halfway still knows its SEQUENCE.
            if invitation.changed && (send || markSent) { try invitation.state.write(meeting, in: workspace, force: force) }
            // The change is whole now: readers (`status`) may watch the messages go out.
            WorkspaceLock.publish(workspace.root)
            let outcome = try MailOutcome.deliver(invitation.messages, meeting: meeting, in: workspace, mailer: mailer, send: send,
                                                  markSent: markSent, resendInFlight: resendInFlight, now: now)
            return DispatchResult(invitation: invitation, meeting: meeting, folder: out ?? meeting.files.outFolder, outcome: outcome,
                                  removedMails: removedMails)
        }
    }

    /// Removes the mails in `folder/mail/` that this meeting's earlier runs wrote (header `X-Convene-Meeting`) and this
    /// run did not: `mail/` then holds exactly the messages of the current version. Other files are left alone.
    /// - Returns: the removed files, relative to the output folder.
    /// - Throws: `WorkspaceProblem` naming a mail that cannot be removed.
    static func removeOutdatedMails(in folder: URL, keeping current: Set<String>, meeting: Meeting,
                                    display: String) throws(WorkspaceProblem) -> [String] {
        let mail = folder.appendingPathComponent(MeetingFolder.mailFolder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: mail.path)) ?? []
        let marker = Data("\r\nX-Convene-Meeting: \(meeting.id)\r\n".utf8)
        var removed: [String] = []
        for name in names.sorted() where name.hasSuffix(".eml") && !current.contains("\(MeetingFolder.mailFolder)/\(name)") {
            let url = mail.appendingPathComponent(name)
            var info = stat()
            // Regular files only (never through a link), and only mails convene wrote for this meeting.
            guard lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                  let data = FileManager.default.contents(atPath: url.path), data.range(of: marker) != nil else { continue }
            do { try FileManager.default.removeItem(at: url) } catch {
                throw WorkspaceProblem(file: "\(display)/mail/\(name)", "cannot remove this mail of an earlier version (nobody gets it now): \(error.localizedDescription)")
            }
            removed.append("\(MeetingFolder.mailFolder)/\(name)")
        }
        return removed
    }

    static func folder(of meeting: Meeting, in workspace: Workspace, out: String?) -> URL {
        out.map { URL(fileURLWithPath: $0) } ?? workspace.url(meeting.files.outFolder)
    }

    /// The DTSTAMP of the prepared (not yet recorded) invitation or cancellation in the output folder: `--mark-sent`
    /// rebuilds the version with it, so what is recorded is exactly what was sent by hand.
    public static func draftStamp(of meeting: Meeting, in workspace: Workspace, out: String?, cancel: Bool) -> Instant? {
        let file = folder(of: meeting, in: workspace, out: out).appendingPathComponent(MeetingFolder.invitationFile(cancelled: cancel))
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\r\n").first(where: { $0.hasPrefix("DTSTAMP:") }) else { return nil }
        let value = line.dropFirst("DTSTAMP:".count)
        guard value.count == 16, value.hasSuffix("Z") else { return nil }
        let digits = Array(value)
        let iso = "\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8]))T\(String(digits[9..<11])):\(String(digits[11..<13])):\(String(digits[13..<15]))Z"
        return Instant(rfc3339: iso)
    }

    /// True when this run wrote files for a version that has not left the organizer (a dry run with changes).
    var unrecorded: Bool { invitation.changed && !sent && !markedSent }

    var headline: String {
        if unrecorded {
            return invitation.state.cancelled ? "Prepared the cancellation of \(meeting.id)" : "Prepared invitation for \(meeting.id)"
        }
        return switch (invitation.state.cancelled, invitation.changed) {
        case (false, true): "Wrote invitation for \(meeting.id)"
        case (false, false): "Unchanged: invitation for \(meeting.id)"
        case (true, true): "Cancelled \(meeting.id)"
        case (true, false): "Already cancelled: \(meeting.id)"
        }
    }

    func status(of message: OutgoingMessage) -> (status: String, error: String?) {
        let status = outcome.status(of: message)
        return switch status {
        case "failed": (status, outcome.report.failed.first { $0.message == message }?.reason)
        case "may-have-been-sent": (status, "an interrupted run handed it to the mail program; not sent again")
        default: (status, nil)
        }
    }

    public func text(style: TextStyle) -> String {
        let log = meeting.files.sendLog
        let removed = invitation.removedNow
        var text = "\(headline) (UID \(invitation.uid), SEQUENCE \(invitation.sequence), \(invitation.attendees.count) attendees"
        if !removed.isEmpty { text += ", \(removed.count) taken off the list: \(removed.map(\.email).joined(separator: ", "))" }
        text += ").\nFiles in \(folder): \(invitation.documents.map(\.name).joined(separator: ", ")), mail/ (\(invitation.messages.count) messages)\n"
        if !removedMails.isEmpty {
            text += "Removed \(removedMails.count) mail\(removedMails.count == 1 ? "" : "s") of an earlier version for people who get nothing now: "
                + removedMails.joined(separator: ", ") + "\n"
        }
        guard !markedSent else {
            let report = outcome.report
            text += "Recorded \(report.sent.count) message\(report.sent.count == 1 ? "" : "s") as sent by hand in \(log)"
            if !report.alreadySent.isEmpty { text += "; \(report.alreadySent.count) had gone out before" }
            return text + ".\n"
        }
        return text + outcome.text(messages: invitation.messages, log: log, style: style, unrecorded: unrecorded
            ? "Nothing recorded: SEQUENCE \(invitation.sequence) counts once the messages go out (--send), or after you sent the files yourself (--mark-sent)."
            : nil)
    }

    /// The summary for scripts (schema in the README).
    public func json() -> JSON {
        let messages: [JSON] = invitation.messages.map { message in
            let (status, error) = status(of: message)
            return .object([("file", .string(message.file)), ("to", .string(message.recipient)), ("method", .string(message.method)),
                            ("sequence", .int(message.sequence)), ("subject", .string(message.subject)),
                            ("message_id", .string(message.messageID)), ("status", .string(status)), ("error", error.map { .string($0) } ?? .null)])
        }
        return .object([
            ("meeting", .string(meeting.id)), ("uid", .string(invitation.uid)), ("sequence", .int(invitation.sequence)),
            ("changed", .bool(invitation.changed)), ("cancelled", .bool(invitation.state.cancelled)),
            ("attendees", .int(invitation.attendees.count)), ("removed", .array(invitation.removedNow.map { .string($0.email) })),
            ("folder", .string(folder)), ("files", .array((invitation.documents.map(\.name) + invitation.messages.map(\.file)).map { .string($0) })),
            ("sent", .bool(sent)), ("marked_sent", .bool(markedSent)), ("recorded", .bool(!unrecorded)), ("messages", .array(messages)),
            ("removed_mails", .array(removedMails.map { .string($0) })),
        ])
    }

    /// The one-line error after a partly failed send, or nil.
    public var failureSummary: String? {
        guard outcome.failed else { return nil }
        let report = outcome.report
        if report.failed.isEmpty {
            return "\(report.inFlight.count) message\(report.inFlight.count == 1 ? "" : "s") may have been delivered by an interrupted run "
                + "and \(report.inFlight.count == 1 ? "was" : "were") not sent again (see above and \(meeting.files.sendLog))"
        }
        return "\(report.failed.count) of \(report.failed.count + report.sent.count) messages could not be sent (see above and \(meeting.files.sendLog))"
    }
}
