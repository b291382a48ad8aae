import ConveneCore
import Foundation
import ICalendar

/// What `poll start` (and `poll close`, `poll remind`) do once the messages are built: write the files
/// into `out/poll/`, then send them (`--send`: the poll is recorded in `poll.yaml` before the first
/// message goes, and `sent.log` records each one) or list what would go — a dry run records nothing.
public struct PollDispatch: Sendable {
    public var round: PollRound
    public var meeting: Meeting
    /// The output folder as the user named it (or `meetings/<id>/out/poll`).
    public var folder: String
    /// What became of the messages.
    public var outcome: MailOutcome
    /// What the run did, in one line (`Started the poll …`).
    public var headline: String

    /// Builds the round with `build` and dispatches it, all under the workspace lock: what `build` reads is what
    /// the run records.
    /// - Parameter headline: the summary's first line, from whether the messages were sent.
    /// - Throws: `WorkspaceProblem` from `build`, a file that cannot be written, a hand-edited `poll.yaml`
    ///   (without `force`), a broken send log, or a mail program that does not exist.
    /// - Parameter alsoRecord: what else `--send` records with the poll, before the first message (`poll close`: the slot).
    public static func run(meeting: Meeting, workspace: Workspace, out: String?, send: Bool, force: Bool, resendInFlight: Bool = false,
                           now: @escaping () -> Instant, headline: (PollRound, Bool) -> String,
                           alsoRecord: ((PollRound) throws(WorkspaceProblem) -> Void)? = nil,
                           build: () throws(WorkspaceProblem) -> PollRound) throws(WorkspaceProblem) -> PollDispatch {
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            let round = try build()
            let folder = out.map { URL(fileURLWithPath: $0) } ?? workspace.url(meeting.files.pollOutFolder)
            for (name, text) in round.documents + round.messages.map({ ($0.file, $0.text) }) {
                try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(name))
            }
            let mailer = Mailer(command: workspace.network.mail.sendCommand)
            if send {
                if !round.messages.isEmpty { try Delivery.requireProgram(mailer) }
                // Recorded before the first message is handed over: a send that stops halfway knows its poll.
                if round.changed {
                    try alsoRecord?(round)
                    try round.state.write(meeting, in: workspace, force: force)
                }
            }
            let outcome = try MailOutcome.deliver(round.messages, meeting: meeting, in: workspace, mailer: mailer, send: send,
                                                  resendInFlight: resendInFlight, now: now)
            return PollDispatch(round: round, meeting: meeting, folder: out ?? meeting.files.pollOutFolder, outcome: outcome,
                                headline: headline(round, send))
        }
    }

    /// The summary: headline, the options, then what was sent or would be. English words; the dates in the poll's
    /// language, as its mails have them (one language per output: README, Languages).
    public func text(style: TextStyle, zone: CalendarTimeZone) -> String {
        let language = round.state.language
        var text = headline + "\n"
        var options = TextTable(header: ["Option", "When", "Hold UID", "Status"])
        options.rows = round.state.holds.map { hold in
            [String(hold.option), "\(language.day(zone.localTime(of: hold.slot.start).date)) \(language.clock(zone.localTime(of: hold.slot.start)))",
             hold.uid, hold.uid == round.state.chosenUID ? "chosen" : hold.cancelled ? "cancelled" : "open"]
        }
        text += options.render(style: style).split(separator: "\n").map { "  " + $0 + "\n" }.joined()
        let files = round.documents.map(\.name) + (round.messages.isEmpty ? [] : ["mail/ (\(round.messages.count) messages)"])
        if !files.isEmpty { text += "Files in \(folder): \(files.joined(separator: ", "))\n" }
        return text + outcome.text(messages: round.messages, log: meeting.files.sendLog, style: style,
                                   unrecorded: round.changed ? "Nothing recorded: \(meeting.files.pollFile) is written once the messages go out (--send)." : nil)
    }

    /// The summary for scripts (schema in the README).
    public func json() -> JSON {
        let holds: [JSON] = round.state.holds.map { hold in
            .object([("option", .int(hold.option)), ("uid", .string(hold.uid)), ("start", .string(hold.slot.start.rfc3339)),
                     ("end", .string(hold.slot.end.rfc3339)), ("sequence", .int(hold.sequence)),
                     ("status", .string(hold.uid == round.state.chosenUID ? "chosen" : hold.cancelled ? "cancelled" : "open"))])
        }
        let messages: [JSON] = round.messages.map { message in
            .object([("file", .string(message.file)), ("to", .string(message.recipient)), ("method", .string(message.method)),
                     ("sequence", .int(message.sequence)), ("subject", .string(message.subject)),
                     ("message_id", .string(message.messageID)), ("status", .string(outcome.status(of: message)))])
        }
        return .object([
            ("meeting", .string(meeting.id)), ("deadline", round.state.deadline.map { .string($0.description) } ?? .null),
            ("language", .string(round.state.language.rawValue)), ("asked", .int(round.state.asked.count)),
            ("holds", .array(holds)), ("folder", .string(folder)), ("sent", .bool(outcome.sent)),
            ("recorded", .bool(outcome.sent || !round.changed)), ("messages", .array(messages)),
        ])
    }

    /// The one-line error after a partly failed send, or nil.
    public var failureSummary: String? {
        guard outcome.failed else { return nil }
        return "\(outcome.report.failed.count + outcome.report.inFlight.count) of \(round.messages.count) poll messages were not sent (see above and \(meeting.files.sendLog))"
    }
}

extension PollDispatch {
    /// The first line of `poll start`'s summary.
    public static func startHeadline(_ round: PollRound, sent: Bool, meeting: String) -> String {
        let state = round.state
        let what = "\(state.holds.count) option\(state.holds.count == 1 ? "" : "s"), \(state.asked.count) people asked, answers by \(state.deadline.map(\.description) ?? "—")"
        if round.previous != nil { return "Poll of \(meeting) (\(what))" }
        return sent ? "Started the poll of \(meeting) (\(what))" : "Prepared the poll of \(meeting) (\(what))"
    }
}

extension PollDispatch {
    /// The first line of `poll close`'s summary.
    public static func closeHeadline(_ round: PollRound, sent: Bool, meeting: String) -> String {
        let chosen = round.state.chosenUID.flatMap { round.state.hold(uid: $0) }
        let what = "option \(chosen?.option ?? 0) chosen, \(round.state.holds.filter(\.cancelled).count) other holds cancelled"
        if round.previous?.chosenUID != nil { return "Poll of \(meeting) closed before (\(what))" }
        return sent ? "Closed the poll of \(meeting) (\(what)); slot.yaml records the chosen time, convene invite \(meeting) sends the invitation under the hold's UID"
            : "Would close the poll of \(meeting) (\(what)); nothing recorded without --send"
    }
}
