import Foundation

/// The files `convene init` writes: a small, valid workspace whose comments explain every field.
public enum WorkspaceTemplate {
    public static let files: [(path: String, text: String)] = [
        (Workspace.networkFile, network),
        (Workspace.peopleFile, people),
        (MeetingFolder(id: "next-plenary").meetingFile, meeting),
        ("calendars/README.md", calendarsReadme),
        (".gitignore", gitignore),
    ]

    /// Writes the template into `root`; refuses to touch a folder that already has `convene.yaml`.
    /// - Returns: the paths written.
    /// - Throws: `WorkspaceProblem` naming the conflicting or unwritable file.
    public static func create(at root: URL) throws(WorkspaceProblem) -> [String] {
        for (path, _) in files where FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) {
            throw WorkspaceProblem(file: root.appendingPathComponent(path).path, "already exists; convene init never overwrites a workspace")
        }
        for (path, text) in files {
            try AtomicFile.write(Data(text.utf8), to: root.appendingPathComponent(path))
        }
        return files.map(\.path)
    }

    static let network = """
        # convene workspace: the network and how it meets.
        # Validate with `convene check`; every problem is reported as file:line: message.

        # Name of the network, used in agendas, invitations and minutes.
        name: Digital Regional
        # Who sends invitations and receives replies (ORGANIZER in iCalendar).
        organizer:
          name: Geschäftsstelle Digital Regional
          email: digital-regional@ettlingen.example
        # IANA time zone for all local times (working hours, windows, all-day events).
        time_zone: Europe/Berlin
        # Public holidays of this German state (ISO 3166-2: DE-BW, DE-BY, … DE-TH) are never proposed.
        holiday_region: DE-BW
        # Candidate slots lie inside these hours; a day that is missing (or 'off') is not a working day.
        working_hours:
          monday: 08:00-17:00
          tuesday: 08:00-17:00
          wednesday: 08:00-17:00
          thursday: 08:00-17:00
          friday: 08:00-13:00
        # Where meetings take place; meetings refer to a location by id.
        locations:
          - id: ettlingen-rathaus
            name: Rathaus Ettlingen, Großer Sitzungssaal
            address: Marktplatz 2, 76275 Ettlingen
            town: ettlingen
        # Minutes of travel from each town to each location, added before and after a meeting:
        # a person counts as available only if the slot plus travel is free.
        travel_minutes:
          ettlingen-rathaus:
            ettlingen: 10
            bretten: 30
        # Optional: .ics files whose days are closed for everybody (e.g. bridge days the offices close).
        blackout_calendars: []
        # How `convene invite --send` and `convene cancel --send` deliver mail: a sendmail-compatible
        # command that reads one message on stdin (default /usr/sbin/sendmail -t -i; msmtp -t works too).
        mail:
          send_command: /usr/sbin/sendmail -t -i
        # Language of agendas, minutes, letters and of the dates in convene's reports: de or en (each
        # command's --lang wins).
        language: de

        """

    static let people = """
        # Towns and people of the network.
        towns:
          # id: a slug (a-z, 0-9, '-') used everywhere else; name: as people write it.
          - id: ettlingen
            name: Ettlingen
          - id: bretten
            name: Bretten

        people:
          # id: a slug; calendars/<id>.ics is read as this person's calendar export when it exists.
          # role: ob (mayor), main-office (head of main office), it (IT head), digital
          #       (digitalisation officer) or other.
          # deputy: who represents an OB (for meetings that need every town by its OB or deputy).
          # Optional: calendars: [other/path.ics]     several exports or another file name
          #           working_hours: {friday: off}      weekdays that differ from the network's hours
          #           away: [2027-05-03..2027-05-07]    absences not in any calendar
          #           blackout_calendars: [school-holidays.ics]   days this person avoids
          - id: ettlingen-ob
            name: Oberbürgermeister/in Ettlingen
            email: ob@ettlingen.example
            town: ettlingen
            role: ob
            deputy: ettlingen-main-office
          - id: ettlingen-main-office
            name: Hauptamtsleitung Ettlingen
            email: hauptamt@ettlingen.example
            town: ettlingen
            role: main-office
          - id: bretten-ob
            name: Oberbürgermeister/in Bretten
            email: ob@bretten.example
            town: bretten
            role: ob

        """

    static let meeting = """
        # A meeting: meetings/<id>/meeting.yaml. convene writes its own files next to it
        # (slot.yaml once a date is picked); this file stays yours.
        # kind: plenary or workshop.
        kind: plenary
        title: Plenum Digital Regional
        # Candidate days, inclusive: YYYY-MM-DD..YYYY-MM-DD.
        window: 2027-04-19..2027-05-14
        # Length: 3h30m, 90m, 2h.
        duration: 3h30m
        location: ettlingen-rathaus
        # The host town (its OB chairs).
        host: ettlingen
        # Start times are multiples of this many minutes.
        grid_minutes: 30
        attendance:
          # Everybody here must be free (person ids, role:ob, town:bretten, host-ob, everyone).
          required: [host-ob]
          # Invited; their attendance ranks the slots.
          optional: [role:main-office, role:it, role:digital]
          # Town representation: none, anyone (one person per town) or ob-or-deputy.
          towns: ob-or-deputy
          # Share of towns (0 to 1) that must be represented.
          min_town_share: 1.0

        """

    static let calendarsReadme = """
        # Calendar exports

        Put one export per person here as `<person-id>.ics`: an .ics export from Outlook, Exchange,
        Nextcloud or Google, or a VFREEBUSY file (`convene freebusy … --format ics` makes one).
        convene reads busy time only; nothing else of an appointment is used or shown.

        An export holds every appointment of a person, so `.gitignore` keeps the .ics files here out of
        git: share the workspace, not the calendars. Better still, list each person's published
        calendar in people.yaml (`calendars: [https://…]` or `[{caldav: https://…}]`): convene fetches
        it when it needs it and keeps only busy time, in `.convene/` (also kept out of git).

        """

    /// Keeps raw calendar data and convene's own cache out of git (a workspace is meant to be shared).
    static let gitignore = """
        # Written by convene init. A shared workspace carries no calendar data:
        # raw calendar exports hold every appointment of a person (titles, places, attendees) —
        calendars/*.ics
        calendars/*.ICS
        # — and .convene/ is convene's own: busy-time cache, fetch records of live sources, the lock.
        .convene/
        # Credentials never belong in a workspace: convene reads them from ~/.netrc or $CONVENE_NETRC.
        .netrc

        """
}
