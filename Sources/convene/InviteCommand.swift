import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Invitations

extension Convene {
    struct Invite: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write (and with --send, mail) the invitation of a meeting: iTIP REQUEST, event file, one iMIP mail per attendee.",
            discussion: """
                Needs the meeting's chosen slot (convene propose MEETING --pick N). Writes into \
                --out (default meetings/<id>/out/):
                  invite.ics           METHOD:REQUEST: stable UID (meeting id + organizer domain), \
                SEQUENCE, TZID=Europe/Berlin with its VTIMEZONE, LOCATION, the stored agenda as \
                DESCRIPTION and X-ALT-DESC (HTML), ORGANIZER and one ATTENDEE per invitee (mailto:, \
                CN, ROLE CHAIR/REQ-PARTICIPANT/OPT-PARTICIPANT, PARTSTAT=NEEDS-ACTION, RSVP=TRUE), a VALARM
                  event.ics            the same event without METHOD, for download or CalDAV
                  mail/<person>.eml    an iMIP mail per attendee (RFC 6047): German subject \
                („Einladung: …", „Aktualisiert: …"), letter as text and HTML, the calendar part \
                (text/calendar; method=REQUEST) and invite.ics attached
                Rerunning with nothing changed rewrites nothing. A change of time, place, attendees \
                or agenda raises SEQUENCE and keeps the UID; people taken off the list get a CANCEL \
                mail of their own („Einladung zurückgezogen: …").

                Nothing is mailed without --send; the command lists what would go out. --send hands \
                each message to mail.send_command from convene.yaml (default /usr/sbin/sendmail -t -i; \
                msmtp -t works too). meetings/<id>/sent.log records what went to whom with which \
                SEQUENCE, so a rerun sends only what changed or failed; one failed recipient does not \
                stop the others (exit status 1 after all were tried).

                Examples:
                  convene invite spring-2027
                  convene invite spring-2027 --send
                  convene invite spring-2027 --out /tmp/invitation --alarm-minutes 60
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id.")
        var meeting: String

        @Option(help: ArgumentHelp("Folder for invite.ics, event.ics and mail/ (default: meetings/<id>/out).", valueName: "dir"))
        var out: String?

        @Option(name: .customLong("alarm-minutes"), help: "Reminder this many minutes before the start (default: one day).")
        var alarmMinutes: Int = 1440

        @Flag(help: "Mail every message not sent before through mail.send_command.")
        var send = false

        @Flag(help: "Invite again after `convene cancel` (a new SEQUENCE; everyone gets the invitation again).")
        var reinstate = false

        @Option(help: "Output format for the summary: text or json.")
        var format: SummaryFormat = .text

        @Flag(help: "Replace a state file edited by hand (a .bak copy is kept).")
        var force = false

        func validate() throws {
            guard alarmMinutes >= 0 else { throw ValidationError("--alarm-minutes must not be negative.") }
        }

        func run() throws {
            let workspace = workspaceOptions.load()
            let meeting = workspace.requireMeeting(self.meeting)
            let now: Instant
            do { now = try Clock.now() } catch let error as CalendarError { error.exit() }
            let invitation: Invitation
            do {
                invitation = try InvitationBuilder(workspace: workspace, meeting: meeting)
                    .build(now: now, alarmMinutes: alarmMinutes, reinstate: reinstate)
            } catch { error.exit() }
            let dispatch = Dispatch(workspace: workspace, meeting: meeting, out: out, format: format, send: send, force: force)
            dispatch.finish(invitation, files: [("invite.ics", invitation.request), ("event.ics", invitation.event)],
                            headline: "\(invitation.changed ? "Wrote" : "Unchanged:") invitation for \(meeting.id)")
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel an invited meeting: iTIP CANCEL to every attendee (and with --send, mail it).",
            discussion: """
                Writes into --out (default meetings/<id>/out/):
                  cancel.ics           METHOD:CANCEL, the invitation's UID, SEQUENCE + 1, STATUS:CANCELLED, \
                every attendee, the reason as COMMENT
                  event.ics            the event with STATUS:CANCELLED, without METHOD
                  mail/<person>.eml    an iMIP mail per attendee („Abgesagt: …", text/calendar; method=CANCEL)
                Cancelling again changes nothing (use it with --send to retry failed messages). \
                Sending works as for convene invite (mail.send_command, sent.log). To invite again \
                later: convene invite MEETING --reinstate.

                Examples:
                  convene cancel spring-2027 --reason "Verschoben auf Juni; neuer Termin folgt."
                  convene cancel spring-2027 --send
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id.")
        var meeting: String

        @Option(help: "Why the meeting is cancelled (in the mail and as COMMENT).")
        var reason: String?

        @Option(help: ArgumentHelp("Folder for cancel.ics, event.ics and mail/ (default: meetings/<id>/out).", valueName: "dir"))
        var out: String?

        @Flag(help: "Mail every message not sent before through mail.send_command.")
        var send = false

        @Option(help: "Output format for the summary: text or json.")
        var format: SummaryFormat = .text

        @Flag(help: "Replace a state file edited by hand (a .bak copy is kept).")
        var force = false

        func run() throws {
            let workspace = workspaceOptions.load()
            let meeting = workspace.requireMeeting(self.meeting)
            let now: Instant
            do { now = try Clock.now() } catch let error as CalendarError { error.exit() }
            let invitation: Invitation
            do {
                invitation = try InvitationBuilder(workspace: workspace, meeting: meeting).cancel(now: now, reason: reason)
            } catch { error.exit() }
            let dispatch = Dispatch(workspace: workspace, meeting: meeting, out: out, format: format, send: send, force: force)
            dispatch.finish(invitation, files: [("cancel.ics", invitation.request), ("event.ics", invitation.event)],
                            headline: "\(invitation.changed ? "Cancelled" : "Already cancelled:") \(meeting.id)")
        }
    }
}

enum SummaryFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// What `invite` and `cancel` do after building: write the files, record the state, send or say
/// what would be sent, and summarise.
struct Dispatch {
    let workspace: Workspace
    let meeting: Meeting
    let out: String?
    let format: SummaryFormat
    let send: Bool
    let force: Bool

    func finish(_ invitation: Invitation, files: [(String, String)], headline: String) -> Never {
        let folder = out.map { URL(fileURLWithPath: $0) } ?? workspace.url("\(meeting.folder)/out")
        let shownFolder = out ?? "\(meeting.folder)/out"
        var report = DeliveryReport()
        var pending: [OutgoingMessage] = []
        do {
            for (name, text) in files + invitation.messages.map({ ($0.file, $0.text) }) {
                try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(name))
            }
            if invitation.changed { try invitation.state.write(meeting, in: workspace, force: force) }
            if send {
                let mailer = Mailer(command: workspace.network.mail.sendCommand)
                report = try Delivery.send(invitation.messages, meeting: meeting, in: workspace, mailer: mailer,
                                           now: { (try? Clock.now()) ?? invitation.stamp })
            } else {
                pending = try Delivery.pending(invitation.messages, meeting: meeting, in: workspace)
            }
        } catch { error.exit() }
        let command = workspace.network.mail.sendCommand.joined(separator: " ")
        switch format {
        case .json:
            func status(_ message: OutgoingMessage) -> (String, String?) {
                if let failure = report.failed.first(where: { $0.message == message }) { return ("failed", failure.reason) }
                if report.sent.contains(message) { return ("sent", nil) }
                if pending.contains(message) { return ("pending", nil) }
                return ("already-sent", nil)
            }
            let messages: [JSON] = invitation.messages.map { message in
                let (state, error) = status(message)
                return .object([("file", .string(message.file)), ("to", .string(message.recipient)), ("method", .string(message.method)),
                                ("sequence", .int(message.sequence)), ("subject", .string(message.subject)),
                                ("message_id", .string(message.messageID)), ("status", .string(state)), ("error", error.map { .string($0) } ?? .null)])
            }
            Console.write(JSON.object([
                ("meeting", .string(meeting.id)), ("uid", .string(invitation.uid)), ("sequence", .int(invitation.sequence)),
                ("changed", .bool(invitation.changed)), ("cancelled", .bool(invitation.state.cancelled)),
                ("attendees", .int(invitation.attendees.count)), ("removed", .array(invitation.removedNow.map { .string($0.email) })),
                ("folder", .string(shownFolder)), ("files", .array((files.map(\.0) + invitation.messages.map(\.file)).map { .string($0) })),
                ("sent", .bool(send)), ("messages", .array(messages)),
            ]).rendered(pretty: true) + "\n")
        case .text:
            var text = "\(headline) (UID \(invitation.uid), SEQUENCE \(invitation.sequence), \(invitation.attendees.count) attendees"
            if !invitation.removedNow.isEmpty { text += ", \(invitation.removedNow.count) taken off the list: \(invitation.removedNow.map(\.email).joined(separator: ", "))" }
            text += ").\nFiles in \(shownFolder): \(files.map(\.0).joined(separator: ", ")), mail/ (\(invitation.messages.count) messages)\n"
            let table = { (messages: [OutgoingMessage]) -> String in
                var table = TextTable(header: ["Method", "SEQ", "To", "Mail"])
                table.rows = messages.map { [$0.method, String($0.sequence), $0.recipient, $0.file] }
                return table.render(style: TextStyle(enabled: Console.colorEnabled)).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
            }
            if send {
                text += "Sent \(report.sent.count) message\(report.sent.count == 1 ? "" : "s") through \(command)"
                if !report.alreadySent.isEmpty { text += "; \(report.alreadySent.count) had gone out before (\(SendLog.path(of: meeting)))" }
                text += ".\n"
                if !report.failed.isEmpty {
                    text += "\(report.failed.count) failed (they stay pending; rerun with --send to retry):\n"
                    text += report.failed.map { "  \($0.message.recipient): \($0.reason)\n" }.joined()
                }
            } else if pending.isEmpty {
                text += "Nothing new to send: every message went out before (\(SendLog.path(of: meeting))).\n"
            } else {
                text += "Not sent (add --send): \(pending.count) message\(pending.count == 1 ? "" : "s") would go out through \(command):\n"
                text += table(pending)
            }
            Console.write(text)
        }
        if !report.failed.isEmpty {
            Console.writeError("convene: error: \(report.failed.count) of \(report.failed.count + report.sent.count) messages could not be sent (see above and \(SendLog.path(of: meeting)))")
            exit(1)
        }
        exit(0)
    }
}
