import ConveneCore
import Invitations
import LiveCalendars

/// `invite --publish` and `cancel --publish`: the version that left the organizer goes into the shared
/// calendar. The rule: only a version recorded in invitation.yaml is published — sent with --send, marked
/// sent with --mark-sent, or unchanged since it was; a dry run that prepared a new version publishes nothing.
enum EventPublishing {
    /// - Throws: `WorkspaceProblem` for a version that has not left the organizer or a failed exchange.
    static func publish(_ result: DispatchResult, workspace: Workspace, publisher: CalDAVPublisher, format: OutputFormat,
                        force: Bool) throws {
        let invitation = result.invitation
        let meeting = result.meeting
        guard !invitation.changed || result.sent || result.markedSent else {
            throw WorkspaceProblem(file: meeting.files.invitationFile,
                                   "nothing published: this version of \(meeting.id) has not left you yet (a dry run publishes nothing); add --send, or --mark-sent when you mailed it yourself")
        }
        let change = try Publication.publishEvent(invitation.event, uid: invitation.uid, sequence: invitation.sequence, meeting: meeting,
                                                  workspace: workspace, publisher: publisher, force: force)
        let what = invitation.state.cancelled ? "cancelled event" : "event"
        let line = switch change {
        case .unchanged: "Published already: the \(what) of \(meeting.id) on \(publisher.host) (SEQUENCE \(invitation.sequence))."
        default: "Published the \(what) of \(meeting.id) to the calendar on \(publisher.host) (\(change.rawValue), SEQUENCE \(invitation.sequence))."
        }
        // JSON on stdout stays one document: the line goes to stderr then.
        if format == .json { Console.writeError("convene: note: " + line) } else { Console.write(line + "\n") }
    }
}
