import ConveneCore
import Foundation
import ICalendar

/// `convene minutes init`: a minutes record to fill in, made from the stored agenda and the
/// invitees — one section per agenda item (breaks left out), attendance per invited person.
public enum MinutesDraft {
    /// The record's text (before sealing).
    ///
    /// Attendance is prefilled from the replies to the invitation (`convene rsvp`) for the time it carries:
    /// accepted → `present`, declined or delegated → `excused`, each with a comment saying so; without such a
    /// reply, `excused` for a person whose declared absences (`away:` in people.yaml) cover the meeting day.
    /// Everyone else — no answer, a tentative one, or an answer for an earlier date or time — is unknown and
    /// stays so: a comment line for the minute-taker to fill in, never a guessed `present`. The chair is the
    /// host town's OB, the minute-taker the host town's main office (if any).
    /// - Parameter answersFrom: the SEQUENCE that set the invitation's time; replies to earlier ones do not count.
    public static func text(meeting: Meeting, agenda: StoredAgenda, workspace: Workspace, zone: CalendarTimeZone,
                            replies: ReplyBook = ReplyBook(), answersFrom: Int = 0) -> String {
        var lines = header(meeting: meeting, workspace: workspace, zone: zone, replies: replies, answersFrom: answersFrom)
        let sections = agenda.items.filter { $0.kind != .break }
        if sections.isEmpty {
            lines.append("items: []")
        } else {
            lines.append("items:")
            for item in sections {
                lines.append("  - number: \(item.number.map(JSON.quote) ?? "\"\"")")
                lines.append("    title: \(JSON.quote(item.title))")
                lines.append("    notes: \"\"")
                lines.append("    decisions: []        # Text, oder {text: …, vote: {for: N, against: N, abstain: N}, town: …, due: …}")
                lines.append("    action_items: []     # {id, title, town, responsible, due}")
            }
        }
        lines.append("action_items: []")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The record's text in the Markdown form (`minutes init --format md`, read by `MinutesMarkdown`): the same
    /// front matter as the YAML form's top, then one heading `## TOP n: Titel` per agenda item (breaks left out).
    public static func markdown(meeting: Meeting, agenda: StoredAgenda, workspace: Workspace, zone: CalendarTimeZone,
                                replies: ReplyBook = ReplyBook(), answersFrom: Int = 0) -> String {
        var lines = ["---"] + header(meeting: meeting, workspace: workspace, zone: zone, replies: replies, answersFrom: answersFrom)
        lines.append("action_items: []             # Aufgaben ohne TOP: {id, title, town, responsible, due}")
        lines += [
            "---",
            "<!-- Unter jedem TOP: Notizen als freier Text, dazu Zeilen",
            "     Beschluss [stadt, due 2027-03-31]: Wortlaut des Beschlusses   (Klammer optional)",
            "     Abstimmung: ja 9, nein 0, Enthaltung 0                         (zum Beschluss darüber)",
            "     Aufgabe [stadt, person, due 2027-03-31, id kennung]: Was zu tun ist",
            "     Eine Aufgabe braucht Stadt und id; status open|in-progress|done|dropped ist optional. -->",
        ]
        for item in agenda.items where item.kind != .break {
            lines.append("")
            lines.append("## " + (item.number.map { "TOP \($0): " } ?? "") + item.title)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The top of the record, the same in both forms: comments, chair, minute-taker, attendance.
    private static func header(meeting: Meeting, workspace: Workspace, zone: CalendarTimeZone, replies: ReplyBook,
                               answersFrom: Int) -> [String] {
        let day = meeting.chosen.map { zone.localTime(of: $0.start).date }
        let host = workspace.people.filter { $0.town == meeting.hostTown }
        let chair = host.first { $0.role == .ob }
        let minuteTaker = host.first { $0.role == .mainOffice }
        var lines: [String] = [
            "# Protokoll: \(meeting.title)\(day.map { " am \(GermanDate.short($0))" } ?? ""), angelegt mit `convene minutes init \(meeting.id)`.",
            "# Bitte Anwesenheit, Notizen, Beschlüsse und Aufgaben eintragen. convene ändert diese Datei nicht:",
            "# wo Aufgaben und Beschlüsse stehen, hält register/ fest (convene actions|decisions done|start|drop).",
            "chair: \(chair?.id ?? "\"\"")",
            "minute_taker: \(minuteTaker?.id ?? "\"\"")",
        ]
        let invitees = workspace.invitees(of: meeting)
        if invitees.isEmpty {
            lines.append("attendance: {}")
        } else {
            lines.append("attendance:                  # present (anwesend) | excused (entschuldigt) | absent (abwesend)")
            let width = invitees.map { $0.id.count }.max() ?? 0
            for person in invitees {
                let away = day.map { date in person.away.contains { $0.contains(date) } } ?? false
                var status: AttendanceStatus?
                let comment: String
                let reply = replies.reply(of: person.email)
                let current = reply.flatMap { $0.sequence >= answersFrom ? $0 : nil }
                let on = reply.map { GermanDate.numeric(zone.localTime(of: $0.stamp).date) } ?? ""
                switch current?.answer {
                case .accepted?: (status, comment) = (.present, "zugesagt am \(on)")
                case .declined?: (status, comment) = (.excused, "abgesagt am \(on)")
                case .delegated?: (status, comment) = (.excused, "vertreten durch \(current?.delegatedTo ?? "?") (\(on))")
                case .tentative?: comment = "nur vorläufig zugesagt am \(on)"
                case nil where away: (status, comment) = (.excused, "abwesend laut people.yaml")
                case nil where reply != nil: comment = "Antwort vom \(on) galt einem früheren Termin"
                case nil: comment = "keine Antwort auf die Einladung"
                }
                if let status {
                    let entry = "  \(person.id): \(status.rawValue)"
                    lines.append(entry.padding(toLength: width + 12, withPad: " ", startingAt: 0) + "# \(comment)")
                } else {
                    // Unknown stays unknown: the minute-taker writes present, excused or absent.
                    let entry = "  # \(person.id): ?"
                    lines.append(entry.padding(toLength: width + 12, withPad: " ", startingAt: 0) + "# \(comment)")
                }
            }
        }
        return lines
    }

    /// Creates `meetings/<id>/minutes.yaml` (with `markdown`, `minutes.md`) from the stored agenda. An existing record is never
    /// overwritten; with `force` it is replaced and the old one kept as a new backup (`minutes.yaml.bak`,
    /// then `.bak.2`, `.bak.3` …, never overwritten).
    /// - Returns: the workspace-relative path written.
    /// - Throws: `WorkspaceProblem` when there is no stored agenda, the record exists and `force`
    ///   is false, or the file cannot be written.
    @discardableResult
    public static func write(meeting: Meeting, workspace: Workspace, force: Bool, markdown: Bool = false) throws(WorkspaceProblem) -> String {
        let path = markdown ? meeting.files.minutesMarkdownFile : meeting.files.minutesFile
        let other = markdown ? meeting.files.minutesFile : meeting.files.minutesMarkdownFile
        let url = workspace.url(path)
        try workspace.withWriteLock { () throws(WorkspaceProblem) in
            if FileManager.default.fileExists(atPath: workspace.url(other).path) {
                throw WorkspaceProblem(file: other, "the minutes are written here already; not started in the other form (remove this file first to switch)")
            }
            let exists = FileManager.default.fileExists(atPath: url.path)
            if exists && !force {
                throw WorkspaceProblem(file: path, "minutes exist already; not overwritten (use --force to start afresh; a .bak copy is kept)")
            }
            guard let agenda = try StoredAgenda.read(meeting, in: workspace) else {
                throw WorkspaceProblem(file: meeting.files.agendaFile, "no stored agenda; build it first: convene agenda \(meeting.id)")
            }
            let zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
            let replies = try ReplyBook.read(meeting, in: workspace)
            let answersFrom = try InvitationState.read(meeting, in: workspace)?.slotSequence ?? 0
            try MinutesApproval.change(meeting, in: workspace, force: force, what: "minutes init --force: the record started afresh",
                                       today: try Clock.today(in: workspace)) { () throws(WorkspaceProblem) in
                // A new backup each time (minutes.yaml.bak, .bak.2, …): hand-written minutes are never lost.
                if exists { try Backup.keep(url) }
                let draft = markdown ? Self.markdown(meeting: meeting, agenda: agenda, workspace: workspace, zone: zone,
                                                     replies: replies, answersFrom: answersFrom)
                                     : text(meeting: meeting, agenda: agenda, workspace: workspace, zone: zone, replies: replies,
                                            answersFrom: answersFrom)
                try OwnedFile.write(draft,
                                    to: url, displayPath: path, force: true, keepBackup: false)
            }
        }
        return path
    }
}
