import ConveneCore
import Foundation
import ICalendar

/// What went to whom: `meetings/<id>/sent.log`, one tab-separated line per attempt (time, method,
/// SEQUENCE, recipient, result, Message-ID). A message counts as delivered once a `sent` line with
/// its method, SEQUENCE and recipient exists, so a rerun sends only what is new or failed before.
public struct SendLog: Sendable, Equatable {
    /// The result column of a message the organizer sent with their own mail program (`--mark-sent`).
    public static let sentByHand = "sent by hand"
    static let header = "# convene send log: time\tmethod\tsequence\trecipient\tresult\tmessage-id\n"

    public struct Entry: Sendable, Equatable {
        public var time: Instant
        public var method: String
        public var sequence: Int
        public var recipient: String
        /// `sent`, or `failed: <reason>`.
        public var result: String
        public var messageID: String
        public var succeeded: Bool { result == "sent" || result == SendLog.sentByHand }

        /// Whether this line is about `message`: same method, SEQUENCE and recipient; messages that share those
        /// (a poll's holds, `distinctByMessageID`) also the same Message-ID, and never match a line of the other kind.
        func isAbout(_ message: OutgoingMessage) -> Bool {
            guard method == message.method && sequence == message.sequence && recipient == message.recipient else { return false }
            return message.distinctByMessageID ? messageID == "<\(message.messageID)>" : !isHold
        }

        /// A poll hold's line: its Message-ID reads `<meeting>.hold<k>.…`, an invitation's `<meeting>.<sequence>.…`.
        var isHold: Bool { messageID.split(separator: ".").dropFirst().first?.hasPrefix("hold") == true }
    }

    public private(set) var entries: [Entry]
    /// Positions in `entries` by method, SEQUENCE and recipient, so that a send of many messages asks the log
    /// about each in constant time instead of scanning every line (a log of thousands of lines made a send of
    /// hundreds of messages quadratic).
    private var positions: [Subject: [Int]] = [:]
    /// The bytes of the last `write`: the next write formats only the lines added since.
    private var written: (count: Int, bytes: [UInt8])?

    private struct Subject: Hashable {
        var method: String
        var sequence: Int
        var recipient: String
    }

    public init(entries: [Entry]) {
        self.entries = []
        for entry in entries { append(entry) }
    }

    public static func == (a: SendLog, b: SendLog) -> Bool { a.entries == b.entries }

    /// Adds a line (written by the next `write`).
    mutating func append(_ entry: Entry) {
        positions[Subject(method: entry.method, sequence: entry.sequence, recipient: entry.recipient), default: []].append(entries.count)
        entries.append(entry)
    }

    /// The lines about `message`, oldest first.
    private func lines(about message: OutgoingMessage) -> some Sequence<Entry> {
        let found = positions[Subject(method: message.method, sequence: message.sequence, recipient: message.recipient)] ?? []
        return found.lazy.map { entries[$0] }.filter { $0.isAbout(message) }
    }

    public static func read(_ meeting: Meeting, in workspace: Workspace) throws(WorkspaceProblem) -> SendLog {
        let path = meeting.files.sendLog
        guard FileManager.default.fileExists(atPath: workspace.url(path).path) else { return SendLog(entries: []) }
        let data = try SafeRead.contents(of: workspace.url(path), display: path)
        var log = SendLog(entries: [])
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty && !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 6, let time = Instant(rfc3339: fields[0]), let sequence = Int(fields[2]) else {
                throw WorkspaceProblem(file: path, line: index + 1, "not a send-log line (time, method, sequence, recipient, result, message-id, tab-separated)")
            }
            log.append(Entry(time: time, method: fields[1], sequence: sequence, recipient: fields[3], result: fields[4], messageID: fields[5]))
        }
        return log
    }

    /// What a log line says while the mail program has the message.
    public static let inFlight = "in-flight"

    public func delivered(_ message: OutgoingMessage) -> Bool {
        lines(about: message).contains { $0.succeeded }
    }

    /// Whether the last line about `message` says it was handed over and nothing after.
    public func inFlight(_ message: OutgoingMessage) -> Bool {
        var last: Entry?
        for entry in lines(about: message) { last = entry }
        return last?.result == Self.inFlight
    }

    /// Writes the whole log atomically (the header, then every line). Only lines added since the last write
    /// are formatted; the rest are the bytes written before.
    mutating func write(_ meeting: Meeting, in workspace: Workspace) throws(WorkspaceProblem) {
        var (done, bytes) = written ?? (0, Array(Self.header.utf8))
        for entry in entries[done...] {
            // Reasons come from the mail program; tabs and line breaks would break the columns.
            let result = entry.result.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }
            bytes += "\(entry.time.rfc3339)\t\(entry.method)\t\(entry.sequence)\t\(entry.recipient)\t\(String(result))\t\(entry.messageID)\n".utf8
        }
        done = entries.count
        do { try AtomicFile.write(Data(bytes), to: workspace.url(meeting.files.sendLog), durable: true) } catch {
            throw WorkspaceProblem(file: meeting.files.sendLog, "cannot write the send log: \(error)")
        }
        written = (done, bytes)
    }
}

/// Hands a message to a sendmail-compatible program (`sendmail -t -i`, `msmtp -t`): the message
/// on stdin, recipients from its headers. No shell is involved.
///
/// The program runs in a process group of its own. At the timeout the group gets SIGTERM, after
/// a grace period SIGKILL; convene never waits longer. The program also ends when convene does:
/// it is started with `PR_SET_PDEATHSIG` (SIGKILL when convene dies, even by SIGKILL), and a
/// SIGTERM, SIGINT or SIGHUP to convene during a send kills the group before convene ends.
public struct Mailer: Sendable {
    public var command: [String]
    /// Seconds before the program is stopped (`CONVENE_MAIL_TIMEOUT`, default 120).
    public var timeoutSeconds: Double
    /// Seconds between SIGTERM and SIGKILL (`CONVENE_MAIL_GRACE`, default 5).
    public var graceSeconds: Double

    public init(command: [String], timeoutSeconds: Double? = nil, graceSeconds: Double? = nil) {
        self.command = command
        self.timeoutSeconds = timeoutSeconds ?? Self.seconds("CONVENE_MAIL_TIMEOUT", default: 120)
        self.graceSeconds = graceSeconds ?? Self.seconds("CONVENE_MAIL_GRACE", default: 5)
    }

    static func seconds(_ variable: String, default value: Double) -> Double {
        guard let text = ProcessInfo.processInfo.environment[variable], let seconds = Double(text), seconds.isFinite,
              seconds > 0, seconds <= 3600 else { return value }
        return seconds
    }

    /// - Returns: nil when the program accepted the message, else why not (one line).
    public func send(_ text: String) -> String? {
        guard let program = command.first, let executable = Self.resolve(program) else {
            return "mail program '\(Quoting.short(command.first ?? "", limit: 200))' not found (set mail.send_command in convene.yaml)"
        }
        // The program comes from convene.yaml (the organizer's own setting), shown cut short.
        let name = Quoting.short(program, limit: 200)
        let child: MailChild
        do { child = try MailChild.start(executable.path, arguments: Array(command.dropFirst())) } catch {
            return "cannot start \(name): \(error.reason)"
        }
        let outcome = child.run(input: Data(text.utf8), timeout: timeoutSeconds, grace: graceSeconds)
        switch outcome.end {
        case .timedOut(let killed):
            return "\(name) did not finish within \(Int(timeoutSeconds)) s (stopped with \(killed ? "SIGKILL" : "SIGTERM"))"
        case .signal(let number):
            return "\(name) was ended by signal \(number)"
        case .exit(let status) where status != 0:
            let said = Quoting.short(outcome.output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: " / "), limit: 200)
            return "\(name) exited with status \(status)" + (said.isEmpty ? "" : ": \(said)")
        case .exit:
            return nil
        }
    }

    /// A path, or a name looked up in PATH.
    static func resolve(_ program: String) -> URL? { ExternalProgram.resolve(program) }
}

/// The outcome of sending one run's messages.
public struct DeliveryReport: Sendable {
    public var sent: [OutgoingMessage] = []
    /// Delivered on an earlier run (same method, SEQUENCE and recipient).
    public var alreadySent: [OutgoingMessage] = []
    public var failed: [(message: OutgoingMessage, reason: String)] = []
    /// Handed over by a run that ended before the program finished: may have been delivered;
    /// not sent again (without `resendInFlight`).
    public var inFlight: [OutgoingMessage] = []

    public init() {}

    /// What became of `message` in this run: `failed`, `sent`, `may-have-been-sent`, `pending` (in `pending`: a dry
    /// run), else `already-sent` (the JSON summaries of the poll, `minutes send` and `actions remind`).
    func status(of message: OutgoingMessage, pending: [OutgoingMessage]) -> String {
        if failed.contains(where: { $0.message == message }) { return "failed" }
        if sent.contains(message) { return "sent" }
        if inFlight.contains(message) { return "may-have-been-sent" }
        if pending.contains(message) { return "pending" }
        return "already-sent"
    }

    /// What a `--send` did, a line each for sent, failed and in-flight messages (`invite`, `cancel`, `poll`).
    func sentText(command: String, log: String) -> String {
        var text = "Sent \(sent.count) message\(sent.count == 1 ? "" : "s") through \(command)"
        if !alreadySent.isEmpty { text += "; \(alreadySent.count) had gone out before (\(log))" }
        text += ".\n"
        if !failed.isEmpty {
            text += "\(failed.count) failed (they stay pending; rerun with --send to retry):\n"
            text += failed.map { "  \($0.message.recipient): \($0.reason)\n" }.joined()
        }
        if !inFlight.isEmpty {
            text += "\(inFlight.count) may have been delivered: an interrupted run handed them to the mail program "
                + "(in-flight in \(log)); not sent again — ask the recipients, or resend with --resend-in-flight:\n"
            text += inFlight.map { "  \($0.recipient)\n" }.joined()
        }
        return text
    }
}

/// What one run did with its messages — the part every dispatch shares (`invite`/`cancel`, the poll,
/// `minutes send`, `actions remind`): sent them through the mail program (`--send`), recorded them
/// as sent by hand (`--mark-sent`), or listed those not delivered before (a dry run records nothing).
public struct MailOutcome: Sendable {
    /// The mail program, as configured (`mail.send_command`).
    public var command: [String]
    /// True when `--send` was given.
    public var sent: Bool
    /// True when `--mark-sent` recorded the messages as sent by hand.
    public var markedSent = false
    public var report = DeliveryReport()
    /// Not delivered yet (without `--send`).
    public var pending: [OutgoingMessage] = []

    public var failed: Bool { !report.failed.isEmpty || !report.inFlight.isEmpty }

    /// Sends `messages` (`send`; nothing to do without messages), records them as sent by hand
    /// (`markSent`), or finds out which would go. Call it holding the workspace lock.
    /// - Throws: `WorkspaceProblem` for a broken send log or a mail program that does not exist.
    static func deliver(_ messages: [OutgoingMessage], meeting: Meeting, in workspace: Workspace, mailer: Mailer, send: Bool,
                        markSent: Bool = false, resendInFlight: Bool, now: () -> Instant) throws(WorkspaceProblem) -> MailOutcome {
        var outcome = MailOutcome(command: mailer.command, sent: send)
        if markSent {
            outcome.markedSent = true
            outcome.report = try Delivery.markSent(messages, meeting: meeting, in: workspace, now: now)
        } else if send {
            if !messages.isEmpty {
                outcome.report = try Delivery.send(messages, meeting: meeting, in: workspace, mailer: mailer,
                                                   resendInFlight: resendInFlight, now: now)
            }
        } else {
            outcome.pending = try Delivery.pending(messages, meeting: meeting, in: workspace)
        }
        return outcome
    }

    /// What became of `message` (the JSON summaries; see `DeliveryReport.status`).
    func status(of message: OutgoingMessage) -> String { report.status(of: message, pending: pending) }

    /// The summary's lines about the messages (after `--send`: `sentText`; else what would go, as a
    /// table of `header` with a row per pending message, followed by `unrecorded`). `--mark-sent`'s
    /// lines are the invitation's own.
    func text(messages: [OutgoingMessage], log: String, style: TextStyle, header: [String] = ["Method", "SEQ", "To", "Mail"],
              row: (OutgoingMessage) -> [String] = { [$0.method, String($0.sequence), $0.recipient, $0.file] },
              unrecorded: String? = nil) -> String {
        let command = self.command.joined(separator: " ")
        if sent { return report.sentText(command: command, log: log) }
        if messages.isEmpty { return "No messages to send.\n" }
        if pending.isEmpty { return "Nothing new to send: every message went out before (\(log)).\n" }
        var text = "Not sent (add --send): \(pending.count) message\(pending.count == 1 ? "" : "s") would go out through \(command):\n"
        var table = TextTable(header: header)
        table.rows = pending.map(row)
        text += table.render(style: style).split(separator: "\n").map { "  " + $0 + "\n" }.joined()
        if let unrecorded { text += unrecorded + "\n" }
        return text
    }
}

public enum Delivery {
    /// Sends every message not delivered before, one at a time; a failure is logged and reported
    /// and the others still go out. Before a message is handed over, `sent.log` records it as
    /// `in-flight`; after, as `sent` or `failed: …`. A message whose last line says `in-flight`
    /// (a run that was killed while the program had it) may have been delivered: it is reported
    /// and sent again only with `resendInFlight`. Call it holding the workspace lock.
    public static func send(_ messages: [OutgoingMessage], meeting: Meeting, in workspace: Workspace, mailer: Mailer,
                            resendInFlight: Bool = false, now: () -> Instant) throws(WorkspaceProblem) -> DeliveryReport {
        var log = try SendLog.read(meeting, in: workspace)
        var report = DeliveryReport()
        try requireProgram(mailer)
        for message in messages {
            if log.delivered(message) {
                report.alreadySent.append(message)
                continue
            }
            if log.inFlight(message) && !resendInFlight {
                report.inFlight.append(message)
                continue
            }
            func entry(_ result: String) -> SendLog.Entry {
                SendLog.Entry(time: now(), method: message.method, sequence: message.sequence, recipient: message.recipient,
                              result: result, messageID: "<\(message.messageID)>")
            }
            log.append(entry(SendLog.inFlight))
            try log.write(meeting, in: workspace)
            let failure = mailer.send(message.text)
            log.append(entry(failure.map { "failed: \($0)" } ?? "sent"))
            try log.write(meeting, in: workspace)
            if let failure { report.failed.append((message, failure)) } else { report.sent.append(message) }
        }
        return report
    }

    /// The messages a `--send` would deliver now.
    /// A missing program fails every message the same way: say it once, before trying any.
    /// - Throws: `WorkspaceProblem` naming `mail.send_command` in convene.yaml.
    public static func requireProgram(_ mailer: Mailer) throws(WorkspaceProblem) {
        guard let program = mailer.command.first, Mailer.resolve(program) != nil else {
            throw WorkspaceProblem(file: "convene.yaml", "mail.send_command: '\(Quoting.short(mailer.command.first ?? "", limit: 200))' not found; install a mail "
                                   + "transfer agent that provides sendmail (e.g. msmtp-mta) or set mail.send_command (e.g. msmtp -t); nothing was sent")
        }
    }

    /// Records every message not delivered before as sent by hand (`invite --mark-sent`): the organizer sent
    /// the files in `out/` with their own mail program. The send log says so (`sent by hand`).
    public static func markSent(_ messages: [OutgoingMessage], meeting: Meeting, in workspace: Workspace,
                                now: () -> Instant) throws(WorkspaceProblem) -> DeliveryReport {
        var log = try SendLog.read(meeting, in: workspace)
        var report = DeliveryReport()
        for message in messages {
            if log.delivered(message) {
                report.alreadySent.append(message)
                continue
            }
            log.append(SendLog.Entry(time: now(), method: message.method, sequence: message.sequence, recipient: message.recipient,
                                             result: SendLog.sentByHand, messageID: "<\(message.messageID)>"))
            report.sent.append(message)
        }
        if !report.sent.isEmpty { try log.write(meeting, in: workspace) }
        return report
    }

    public static func pending(_ messages: [OutgoingMessage], meeting: Meeting, in workspace: Workspace) throws(WorkspaceProblem) -> [OutgoingMessage] {
        let log = try SendLog.read(meeting, in: workspace)
        return messages.filter { !log.delivered($0) }
    }
}
