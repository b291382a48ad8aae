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
    public var sendCommand: [String]
    /// True when `--send` was given.
    public var sent: Bool
    public var report: DeliveryReport
    /// Not delivered yet (without `--send`).
    public var pending: [OutgoingMessage]

    public var failed: Bool { !report.failed.isEmpty || !report.inFlight.isEmpty }

    /// Builds the invitation with `build` and dispatches it (see the other `run`), all under the
    /// workspace lock: the state `build` reads is the state the run writes, so two runs at once get
    /// different SEQUENCEs and never send the same message twice.
    /// - Throws: `WorkspaceProblem` from `build`, the lock or the dispatch.
    public static func run(meeting: Meeting, workspace: Workspace, out: String?, send: Bool, force: Bool,
                           resendInFlight: Bool = false, now: @escaping () -> Instant,
                           build: () throws(WorkspaceProblem) -> Invitation) throws(WorkspaceProblem) -> DispatchResult {
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            try run(try build(), meeting: meeting, workspace: workspace, out: out, send: send, force: force,
                    resendInFlight: resendInFlight, now: now)
        }
    }

    /// Writes the files (atomically), records the state when it changed, and sends or lists,
    /// holding the workspace lock throughout.
    /// - Parameter out: the output folder; nil for `meetings/<id>/out`.
    /// - Parameter resendInFlight: send again what an interrupted run may have delivered.
    /// - Throws: `WorkspaceProblem` for a file that cannot be written, a hand-edited state file
    ///   (without `force`), a broken send log, or a mail program that does not exist.
    public static func run(_ invitation: Invitation, meeting: Meeting, workspace: Workspace, out: String?, send: Bool,
                           force: Bool, resendInFlight: Bool = false, now: () -> Instant) throws(WorkspaceProblem) -> DispatchResult {
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            let folder = out.map { URL(fileURLWithPath: $0) } ?? workspace.url("\(meeting.folder)/out")
            for (name, text) in invitation.documents + invitation.messages.map({ ($0.file, $0.text) }) {
                try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(name))
            }
            if invitation.changed { try invitation.state.write(meeting, in: workspace, force: force) }
            var result = DispatchResult(invitation: invitation, meeting: meeting, folder: out ?? "\(meeting.folder)/out",
                                        sendCommand: workspace.network.mail.sendCommand, sent: send, report: DeliveryReport(), pending: [])
            if send {
                result.report = try Delivery.send(invitation.messages, meeting: meeting, in: workspace,
                                                  mailer: Mailer(command: workspace.network.mail.sendCommand),
                                                  resendInFlight: resendInFlight, now: now)
            } else {
                result.pending = try Delivery.pending(invitation.messages, meeting: meeting, in: workspace)
            }
            return result
        }
    }

    var headline: String {
        switch (invitation.state.cancelled, invitation.changed) {
        case (false, true): "Wrote invitation for \(meeting.id)"
        case (false, false): "Unchanged: invitation for \(meeting.id)"
        case (true, true): "Cancelled \(meeting.id)"
        case (true, false): "Already cancelled: \(meeting.id)"
        }
    }

    func status(of message: OutgoingMessage) -> (status: String, error: String?) {
        if let failure = report.failed.first(where: { $0.message == message }) { return ("failed", failure.reason) }
        if report.sent.contains(message) { return ("sent", nil) }
        if report.inFlight.contains(message) { return ("may-have-been-sent", "an interrupted run handed it to the mail program; not sent again") }
        if pending.contains(message) { return ("pending", nil) }
        return ("already-sent", nil)
    }

    public func text(style: TextStyle) -> String {
        let command = sendCommand.joined(separator: " ")
        let log = SendLog.path(of: meeting)
        let removed = invitation.removedNow
        var text = "\(headline) (UID \(invitation.uid), SEQUENCE \(invitation.sequence), \(invitation.attendees.count) attendees"
        if !removed.isEmpty { text += ", \(removed.count) taken off the list: \(removed.map(\.email).joined(separator: ", "))" }
        text += ").\nFiles in \(folder): \(invitation.documents.map(\.name).joined(separator: ", ")), mail/ (\(invitation.messages.count) messages)\n"
        if sent {
            text += "Sent \(report.sent.count) message\(report.sent.count == 1 ? "" : "s") through \(command)"
            if !report.alreadySent.isEmpty { text += "; \(report.alreadySent.count) had gone out before (\(log))" }
            text += ".\n"
            if !report.failed.isEmpty {
                text += "\(report.failed.count) failed (they stay pending; rerun with --send to retry):\n"
                text += report.failed.map { "  \($0.message.recipient): \($0.reason)\n" }.joined()
            }
            if !report.inFlight.isEmpty {
                text += "\(report.inFlight.count) may have been delivered: an interrupted run handed them to the mail program "
                    + "(in-flight in \(log)); not sent again — ask the recipients, or resend with --resend-in-flight:\n"
                text += report.inFlight.map { "  \($0.recipient)\n" }.joined()
            }
        } else if pending.isEmpty {
            text += "Nothing new to send: every message went out before (\(log)).\n"
        } else {
            text += "Not sent (add --send): \(pending.count) message\(pending.count == 1 ? "" : "s") would go out through \(command):\n"
            var table = TextTable(header: ["Method", "SEQ", "To", "Mail"])
            table.rows = pending.map { [$0.method, String($0.sequence), $0.recipient, $0.file] }
            text += table.render(style: style).split(separator: "\n").map { "  " + $0 + "\n" }.joined()
        }
        return text
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
            ("sent", .bool(sent)), ("messages", .array(messages)),
        ])
    }

    /// The one-line error after a partly failed send, or nil.
    public var failureSummary: String? {
        guard failed else { return nil }
        if report.failed.isEmpty {
            return "\(report.inFlight.count) message\(report.inFlight.count == 1 ? "" : "s") may have been delivered by an interrupted run "
                + "and \(report.inFlight.count == 1 ? "was" : "were") not sent again (see above and \(SendLog.path(of: meeting)))"
        }
        return "\(report.failed.count) of \(report.failed.count + report.sent.count) messages could not be sent (see above and \(SendLog.path(of: meeting)))"
    }
}
