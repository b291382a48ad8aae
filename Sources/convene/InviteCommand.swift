import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Invitations

extension Convene {
    struct Invite: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the iCalendar invitation of a meeting (iTIP REQUEST) and its event file.",
            discussion: """
                Needs the meeting's chosen slot (convene propose MEETING --pick N). Writes into \
                --out (default meetings/<id>/out/):
                  invite.ics  METHOD:REQUEST, one VEVENT: stable UID (meeting id + organizer \
                domain), SEQUENCE, TZID=Europe/Berlin with its VTIMEZONE, LOCATION, the stored \
                agenda as DESCRIPTION, ORGANIZER and one ATTENDEE per invitee (mailto:, CN, ROLE \
                CHAIR/REQ-PARTICIPANT/OPT-PARTICIPANT, PARTSTAT=NEEDS-ACTION, RSVP=TRUE), a VALARM
                  event.ics   the same event without METHOD, for download or CalDAV
                Rerunning with nothing changed rewrites nothing; a change of time, place, \
                attendees or agenda raises SEQUENCE and keeps the UID. Mail (iMIP), sending, \
                cancellations and replies are not built yet.

                Examples:
                  convene invite spring-2027
                  convene invite spring-2027 --out /tmp/invitation --alarm-minutes 60
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id.")
        var meeting: String

        @Option(help: ArgumentHelp("Folder for invite.ics and event.ics (default: meetings/<id>/out).", valueName: "dir"))
        var out: String?

        @Option(name: .customLong("alarm-minutes"), help: "Reminder this many minutes before the start (default: one day).")
        var alarmMinutes: Int = 1440

        @Option(help: "Output format for the summary: text or json.")
        var format: SummaryFormat = .text

        @Flag(help: "Replace a state file edited by hand (a .bak copy is kept).")
        var force = false

        enum SummaryFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

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
                let builder = try InvitationBuilder(workspace: workspace, meeting: meeting)
                invitation = try builder.build(now: now, alarmMinutes: alarmMinutes)
                let folder = out.map { URL(fileURLWithPath: $0) } ?? workspace.url("\(meeting.folder)/out")
                try AtomicFile.write(Data(invitation.request.utf8), to: folder.appendingPathComponent("invite.ics"))
                try AtomicFile.write(Data(invitation.event.utf8), to: folder.appendingPathComponent("event.ics"))
                if invitation.changed { try builder.record(invitation, force: force) }
            } catch { error.exit() }
            switch format {
            case .json:
                Console.write(JSON.object([
                    ("meeting", .string(meeting.id)), ("uid", .string(invitation.uid)), ("sequence", .int(invitation.sequence)),
                    ("changed", .bool(invitation.changed)), ("attendees", .int(invitation.attendees.count)),
                ]).rendered() + "\n")
            case .text:
                Console.write("\(invitation.changed ? "Wrote" : "Unchanged:") invitation for \(meeting.id) (UID \(invitation.uid), SEQUENCE \(invitation.sequence), \(invitation.attendees.count) attendees).\n")
            }
        }
    }
}
