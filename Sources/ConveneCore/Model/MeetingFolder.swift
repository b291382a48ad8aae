import Foundation
import CalendarValues

/// The folder of one meeting, `meetings/<id>/`, and every file in it. No other code builds a path
/// below `meetings/`: features ask this type for the file they read or write.
///
/// | file | written by | what |
/// |---|---|---|
/// | `meeting.yaml` | a person | title, window, duration, location, attendance, `agenda:` settings |
/// | `slot.yaml` | `propose --pick` | the chosen slot (`ChosenSlot`) |
/// | `agenda.yaml` | `agenda` | the stored agenda |
/// | `minutes.yaml` | `minutes init`, then a person | the minutes record and its action items |
/// | `minutes.md` | `minutes init --format md`, then a person | the same record in Markdown (`MinutesMarkdown`); never beside minutes.yaml |
/// | `approval.yaml` | `minutes approve` | the approval that freezes the minutes, and the log of later changes (`MinutesApproval`) |
/// | `invitation.yaml` | `invite`, `cancel` | UID, SEQUENCE, attendees sent to (`InvitationState`) |
/// | `replies.yaml` | `rsvp` | the newest answer per attendee (`ReplyBook`) |
/// | `sent.log` | `invite --send`, `cancel --send`, `--mark-sent` | what went to whom |
/// | `held/` | `rsvp` | replies held for review (`rsvp --accept ID`) |
/// | `out/` | `invite`, `cancel` | invite.ics, cancel.ics, event.ics, `mail/<person>.eml` |
/// | `poll.yaml` | `poll start --send`, `rsvp`, `poll tally`, `poll close` | the poll: holds, who was asked, answers (`PollState`) |
/// | `published.yaml` | `invite --publish`, `cancel --publish` | the event's resource in the shared calendar and its ETag (`PublishedResources`) |
/// | `out/poll/` | `poll start`, `poll close` | `hold-<k>.ics` and `mail/<person>-<k>.eml` per hold |
/// | `out/minutes/` | `minutes send` | the Niederschrift as PDF and `mail/<person>.eml` (`mail/<person>-draft.eml` for the draft) |
/// | `out/reminders/` | `actions remind` (this meeting being the next one) | `mail/<person>-<YYYYMMDD>.eml` per responsible person |
///
/// Paths are relative to the workspace root, as messages name them; `url(_:in:)` resolves one.
public struct MeetingFolder: Sendable, Hashable, CustomStringConvertible {
    /// The folder holding every meeting's folder.
    public static let parent = "meetings"
    /// The meeting definition's file name (a person writes it).
    public static let meetingFileName = "meeting.yaml"
    /// The minutes record's file name; its `action_items` feed the next agendas.
    public static let minutesFileName = "minutes.yaml"

    /// `meetings/<id>`.
    public let path: String

    /// The folder of meeting `id` (a validated slug).
    public init(id: String) { path = "\(Self.parent)/\(id)" }

    /// The folder at `path` (as `Meeting.folder` holds it).
    public init(path: String) { self.path = path }

    /// `meetings/<id>/meeting.yaml`.
    public var meetingFile: String { file(Self.meetingFileName) }
    /// `meetings/<id>/slot.yaml`.
    public var slotFile: String { file("slot.yaml") }
    /// `meetings/<id>/agenda.yaml`.
    public var agendaFile: String { file("agenda.yaml") }
    /// `meetings/<id>/minutes.yaml`.
    public var minutesFile: String { file(Self.minutesFileName) }
    /// `meetings/<id>/minutes.md`: the minutes in their Markdown form.
    public var minutesMarkdownFile: String { file("minutes.md") }
    /// `meetings/<id>/approval.yaml`: the minutes' approval (`MinutesApproval`).
    public var approvalFile: String { file("approval.yaml") }
    /// `meetings/<id>/invitation.yaml`.
    public var invitationFile: String { file("invitation.yaml") }
    /// `meetings/<id>/replies.yaml`.
    public var repliesFile: String { file("replies.yaml") }
    /// `meetings/<id>/sent.log`.
    public var sendLog: String { file("sent.log") }
    /// `meetings/<id>/held`: replies whose sender could not be trusted, kept for `rsvp --accept`.
    public var heldFolder: String { file("held") }
    /// `meetings/<id>/held/<id>.ics`: one reply held for review, named by its id (`ReplyOutcome.heldID`).
    public func heldFile(_ id: String) -> String { file("held/\(id).ics") }
    /// `meetings/<id>/out`, the default folder for the invitation's files.
    public var outFolder: String { file("out") }

    /// `meetings/<id>/published.yaml`: the event in the shared CalDAV calendar (`PublishedResources`).
    public var publishedFile: String { file("published.yaml") }

    /// `meetings/<id>/poll.yaml`: the date poll (`PollState`).
    public var pollFile: String { file("poll.yaml") }
    /// `meetings/<id>/out/poll`, the folder of the poll's holds and mails.
    public var pollOutFolder: String { file("out/poll") }

    /// `meetings/<id>/out/minutes`, the folder of the Niederschrift's PDF and mails (`minutes send`).
    public var minutesOutFolder: String { file("out/minutes") }
    /// `meetings/<id>/out/reminders`, the folder of the reminders of open action items sent before this meeting.
    public var remindersOutFolder: String { file("out/reminders") }

    /// A hold's mail to one person, relative to the poll's output folder: `mail/<name>-<option>.eml`.
    public static func pollMailFile(_ name: String, option: Int) -> String { "mail/\(name)-\(option).eml" }
    /// A poll's reminder to one person on one day (`20270401`), relative to the poll's output folder.
    public static func pollReminderFile(_ name: String, day: String) -> String { "mail/\(name)-reminder-\(day).eml" }
    /// A hold as an event without METHOD, relative to the poll's output folder: `hold-<option>.ics`.
    public static func pollHoldFile(option: Int) -> String { "hold-\(option).ics" }

    /// The mail to one attendee, relative to the output folder: `mail/<name>.eml`.
    public static func mailFile(_ name: String) -> String { "mail/\(name).eml" }
    /// The folder of a run's mails, relative to its output folder.
    public static let mailFolder = "mail"
    /// The Niederschrift's mail to one person, relative to `minutesOutFolder` (`-draft` for the draft).
    public static func minutesMailFile(_ name: String, draft: Bool) -> String { "mail/\(name)\(draft ? "-draft" : "").eml" }
    /// A reminder to one person on one day (`20270401`), relative to `remindersOutFolder`.
    public static func reminderMailFile(_ name: String, day: String) -> String { "mail/\(name)-\(day).eml" }
    /// The iTIP document of the invitation (`invite.ics`) or of its cancellation (`cancel.ics`), relative to
    /// the output folder; also the name of the mails' attachment.
    public static func invitationFile(cancelled: Bool) -> String { cancelled ? "cancel.ics" : "invite.ics" }
    /// The event without METHOD, for importing by hand, relative to the output folder.
    public static let eventFile = "event.ics"

    /// The file `relative` resolved in `workspace`.
    public func url(_ relative: String, in workspace: Workspace) -> URL { workspace.url(relative) }

    public var description: String { path }

    private func file(_ name: String) -> String { "\(path)/\(name)" }
}

extension Meeting {
    /// The meeting's folder and the files in it.
    public var files: MeetingFolder { MeetingFolder(path: folder) }
}

/// The slot the organizer chose, as `convene propose MEETING --pick` records it in `slot.yaml`
/// (convene-owned: a hand edit is kept, and replaced only with `--force`).
public struct ChosenSlot: Sendable, Equatable {
    public var slot: Interval
    /// When the choice was made.
    public var picked: Instant

    public init(slot: Interval, picked: Instant) {
        self.slot = slot
        self.picked = picked
    }

    /// The file's text (before `OwnedFile` seals it).
    public func text(meetingID: String) -> String {
        """
        # Written by `convene propose \(meetingID) --pick`; convene keeps this file.
        # A hand edit is kept: convene refuses to overwrite it without --force.
        start: \(slot.start.rfc3339)
        end: \(slot.end.rfc3339)
        picked: \(picked.rfc3339)
        """
    }

    /// Writes the meeting's slot file.
    /// - Returns: its path, relative to the workspace.
    /// - Throws: `WorkspaceProblem` when it was edited by hand (without `force`) or cannot be written.
    @discardableResult
    public func write(for meeting: Meeting, in workspace: Workspace, force: Bool) throws(WorkspaceProblem) -> String {
        let path = meeting.files.slotFile
        try OwnedFile.write(text(meetingID: meeting.id), to: workspace.url(path), displayPath: path, force: force)
        return path
    }
}
