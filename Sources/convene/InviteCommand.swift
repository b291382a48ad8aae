import Agenda
import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Invitations
import LiveCalendars

extension Convene {
    struct Invite: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "invite",
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
                („Einladung: …", „Aktualisiert: …"; English with --lang en), the letter as text and HTML from \
                the templates letter.<lang>.txt/html.mustache (a copy in the workspace's templates/ wins): \
                the greeting from people.yaml's salutation, title and office, place and address, \
                online_url, the agenda with the reporting towns, the deputy rule; an update names \
                what changed (old → new time, place, agenda), the calendar part \
                (text/calendar; method=REQUEST) and invite.ics attached
                Rerunning with nothing changed rewrites nothing. A change of time, place, attendees \
                or agenda raises SEQUENCE and keeps the UID (so does --new-letter after a letter \
                template changed: invitation.yaml records the templates each version was written from); people taken off the list get a CANCEL \
                mail of their own („Einladung zurückgezogen: …"), people added an invitation, and \
                when only the list changed, those already invited get nothing.

                Nothing is mailed without --send; the command lists what would go out and records \
                nothing: SEQUENCE counts the versions that left you, so a dry run never raises it. \
                Sent the files yourself? --mark-sent records them as sent. After a re-pick the \
                stored agenda is laid out again for the new slot first (one edited by hand stops \
                the command instead). --send hands \
                each message to mail.send_command from convene.yaml (default /usr/sbin/sendmail -t -i; \
                msmtp -t works too). meetings/<id>/sent.log records what went to whom with which \
                SEQUENCE, so a rerun sends only what changed or failed; one failed recipient does not \
                stop the others (exit status 1 after all were tried).

                Examples (run inside a workspace, or add -w DIR):
                  convene invite spring-2027
                  convene invite spring-2027 --send
                  convene invite spring-2027 --out /tmp/invitation --alarm-minutes 60
                  convene invite spring-2027 --attach-agenda --send
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

        @Flag(name: .customLong("mark-sent"), help: "Record the files in the output folder as sent: you mailed them yourself.")
        var markSent = false

        @Flag(help: "With --send: send again messages an interrupted run may have delivered (in-flight in sent.log).")
        var resendInFlight = false

        @Flag(help: "Invite again after `convene cancel` (a new SEQUENCE; everyone gets the invitation again).")
        var reinstate = false

        @Flag(name: .customLong("new-letter"),
              help: "A letter template changed since the invitation went out (convene status says so): send everyone the new letter as an update (a new SEQUENCE).")
        var newLetter = false

        @Option(help: "Output format for the summary: text or json.")
        var format: OutputFormat = .text

        @Option(help: "Language of the subjects, letters and dates: de or en (default: convene.yaml's language, else de).")
        var lang: Language?

        @Flag(help: "Replace a state file edited by hand (a .bak copy is kept).")
        var force = false

        @Flag(help: "Put the event (event.ics) into the shared CalDAV calendar of convene.yaml's publish.caldav (with --send or --mark-sent, or once sent).")
        var publish = false

        @Flag(name: .customLong("attach-agenda"), help: "Attach the Tagesordnung as PDF (Tagesordnung.pdf; needs WeasyPrint) to every invitation and update.")
        var attachAgenda = false

        func validate() throws {
            try format.require(summaryFormats)
            guard (0...40_320).contains(alarmMinutes) else {
                throw ValidationError("--alarm-minutes must be between 0 and 40320 (four weeks).")
            }
            guard !(send && markSent) else { throw ValidationError("--send and --mark-sent exclude each other: --send mails, --mark-sent records what you mailed yourself.") }
        }

        func run() throws {
            let workspace = try workspaceOptions.load()
            let meeting = try workspace.requireMeeting(self.meeting)
            let now = try Clock.now()
            try dispatch(meeting: meeting, workspace: workspace, out: out, format: format, send: send, markSent: markSent, force: force,
                         resendInFlight: resendInFlight, publish: publish, stamp: now) { () throws(WorkspaceProblem) in
                // A re-pick since the agenda was built: its times follow the new slot before anything is written,
                // in the same locked change as the invitation (a reader sees both or neither).
                if let path = try AgendaStore.retimeIfStale(meeting, in: workspace) {
                    Console.writeError("convene: note: the agenda was timed for another slot; rebuilt it for slot.yaml's (\(path))")
                }
                let stamp = markSent ? DispatchResult.draftStamp(of: meeting, in: workspace, out: out, cancel: false) ?? now : now
                var builder = try InvitationBuilder(workspace: workspace, meeting: meeting)
                builder.language = workspace.language(lang)
                if attachAgenda {
                    let pdf = try AgendaStore.printedPDF(of: meeting, in: workspace, language: workspace.language(lang))
                    builder.attachments = [MailAttachment(name: AgendaStore.printedName(workspace.language(lang)), bytes: Array(pdf))]
                }
                return try builder.build(now: stamp, alarmMinutes: alarmMinutes, reinstate: reinstate, newLetter: newLetter)
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
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

                Examples (run inside a workspace, or add -w DIR):
                  convene cancel spring-2027 \\
                      --reason "Verschoben auf Juni; neuer Termin folgt."
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

        @Flag(name: .customLong("mark-sent"), help: "Record the files in the output folder as sent: you mailed them yourself.")
        var markSent = false

        @Flag(help: "With --send: send again messages an interrupted run may have delivered (in-flight in sent.log).")
        var resendInFlight = false

        @Option(help: "Output format for the summary: text or json.")
        var format: OutputFormat = .text

        @Option(help: "Language of the subjects, letters and dates: de or en (default: convene.yaml's language, else de).")
        var lang: Language?

        @Flag(help: "Replace a state file edited by hand (a .bak copy is kept).")
        var force = false

        @Flag(help: "Put the event (event.ics) into the shared CalDAV calendar of convene.yaml's publish.caldav (with --send or --mark-sent, or once sent).")
        var publish = false

        func validate() throws {
            try format.require(summaryFormats)
            guard !(send && markSent) else { throw ValidationError("--send and --mark-sent exclude each other: --send mails, --mark-sent records what you mailed yourself.") }
        }

        func run() throws {
            let workspace = try workspaceOptions.load()
            let meeting = try workspace.requireMeeting(self.meeting)
            let now = try Clock.now()
            try dispatch(meeting: meeting, workspace: workspace, out: out, format: format, send: send, markSent: markSent, force: force,
                         resendInFlight: resendInFlight, publish: publish, stamp: now) { () throws(WorkspaceProblem) in
                let stamp = markSent ? DispatchResult.draftStamp(of: meeting, in: workspace, out: out, cancel: true) ?? now : now
                var builder = try InvitationBuilder(workspace: workspace, meeting: meeting)
                builder.language = workspace.language(lang)
                return try builder.cancel(now: stamp, reason: reason)
            }
        }
    }
}

/// The formats of the summaries of `invite`, `cancel`, `rsvp` and `status`.
let summaryFormats: [OutputFormat] = [.text, .json]

/// Builds (under the workspace lock), writes, sends or lists, prints the summary, and with `publish` puts the
/// event into the shared calendar (`EventPublishing`).
/// - Throws: `PartialFailure` with the summary when a message could not be sent.
func dispatch(meeting: Meeting, workspace: Workspace, out: String?, format: OutputFormat, send: Bool, markSent: Bool, force: Bool,
              resendInFlight: Bool, publish: Bool = false, stamp: Instant, build: () throws(WorkspaceProblem) -> Invitation) throws {
    let publisher = publish ? try Publication.publisher(for: workspace, tasks: false) : nil
    let result = try DispatchResult.run(meeting: meeting, workspace: workspace, out: out, send: send, markSent: markSent, force: force,
                                        resendInFlight: resendInFlight, now: { (try? Clock.now()) ?? stamp }, build: build)
    switch format {
    case .json: Console.write(result.json().rendered(pretty: true) + "\n")
    case .text: Console.write(result.text(style: TextStyle(enabled: Console.colorEnabled)))
    default: throw format.unsupported(summaryFormats)
    }
    if let publisher { try EventPublishing.publish(result, workspace: workspace, publisher: publisher, format: format, force: force) }
    if let failure = result.failureSummary { throw PartialFailure(failure) }
}
