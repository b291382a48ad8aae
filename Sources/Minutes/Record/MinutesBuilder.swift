import ConveneCore
import ICalendar

/// The pure part of the minutes: from values only (`NiederschriftInput`, `MinutesDraftInput`, which `MinutesPlanner`
/// reads), never a file — the Niederschrift's data for the templates (`MinutesTemplates`, the report) and the text of
/// a new record (`MinutesStore` writes it).
public enum MinutesBuilder {
    /// The Niederschrift's template data (see `MinutesData` for the keys): the record with the approval's state.
    public static func niederschrift(_ input: NiederschriftInput, language: Language) -> [String: Any] {
        var data = MinutesData.make(input, language: language)
        data.merge(MinutesData.approval(input, language: language)) { _, new in new }
        return data
    }

    /// The record's text (before sealing).
    ///
    /// Attendance is prefilled from the replies to the invitation (`convene rsvp`) for the time it carries:
    /// accepted → `present`, declined or delegated → `excused`, each with a comment saying so; without such a
    /// reply, `excused` for a person whose declared absences (`away:` in people.yaml) cover the meeting day.
    /// Everyone else — no answer, a tentative one, or an answer for an earlier date or time — is unknown and
    /// stays so: a comment line for the minute-taker to fill in, never a guessed `present`. The chair is the
    /// host town's OB, the minute-taker the host town's main office (if any).
    public static func draft(_ input: MinutesDraftInput) -> String {
        let en = input.language == .en
        var lines = header(input)
        let sections = input.agenda.items.filter { $0.kind != .break }
        if sections.isEmpty {
            lines.append("items: []")
        } else {
            lines.append("items:")
            for item in sections {
                lines.append("  - number: \(item.number.map(JSON.quote) ?? "\"\"")")
                lines.append("    title: \(JSON.quote(item.title))")
                lines.append("    notes: \"\"")
                lines.append(en ? "    decisions: []        # text, or {text: …, vote: {for: N, against: N, abstain: N}, town: …, due: …}"
                                : "    decisions: []        # Text, oder {text: …, vote: {for: N, against: N, abstain: N}, town: …, due: …}")
                lines.append("    action_items: []     # {id, title, town, responsible, due}")
            }
        }
        lines.append("action_items: []")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The record's text in the Markdown form (`minutes init --format md`, read by `MinutesMarkdown`): the same
    /// front matter as the YAML form's top, then one heading `## TOP n: Titel` per agenda item (breaks left out).
    public static func markdownDraft(_ input: MinutesDraftInput) -> String {
        let en = input.language == .en
        var lines = ["---"] + header(input)
        lines.append(en ? "action_items: []             # action items outside an item: {id, title, town, responsible, due}"
                        : "action_items: []             # Aufgaben ohne TOP: {id, title, town, responsible, due}")
        lines += en ? [
            "---",
            "<!-- Under each item: notes as free text, and lines",
            "     Decision [town, due 2027-03-31]: the wording of the decision   (bracket optional)",
            "     Vote: for 9, against 0, abstain 0                             (on the decision above)",
            "     Action [town, person, due 2027-03-31, id key]: what is to be done",
            "     An action needs a town and an id; status open|in-progress|done|dropped is optional. -->",
        ] : [
            "---",
            "<!-- Unter jedem TOP: Notizen als freier Text, dazu Zeilen",
            "     Beschluss [stadt, due 2027-03-31]: Wortlaut des Beschlusses   (Klammer optional)",
            "     Abstimmung: ja 9, nein 0, Enthaltung 0                         (zum Beschluss darüber)",
            "     Aufgabe [stadt, person, due 2027-03-31, id kennung]: Was zu tun ist",
            "     Eine Aufgabe braucht Stadt und id; status open|in-progress|done|dropped ist optional. -->",
        ]
        for item in input.agenda.items where item.kind != .break {
            lines.append("")
            lines.append("## " + (item.number.map { en ? "Item \($0): " : "TOP \($0): " } ?? "") + item.title)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The top of the record, the same in both forms: comments, chair, minute-taker, attendance.
    private static func header(_ input: MinutesDraftInput) -> [String] {
        let meeting = input.meeting, zone = input.zone
        let day = meeting.chosen.map { zone.localTime(of: $0.start).date }
        let host = input.people.filter { $0.town == meeting.hostTown }
        let chair = host.first { $0.role == .ob }
        let minuteTaker = host.first { $0.role == .mainOffice }
        let language = input.language, en = language == .en
        var lines: [String] = en ? [
            "# Minutes: \(meeting.title)\(day.map { " on \(language.day($0))" } ?? ""), started with `convene minutes init \(meeting.id)`.",
            "# Fill in attendance, notes, decisions and action items. convene does not change this file:",
            "# where action items and decisions stand is kept in register/ (convene actions|decisions done|start|drop).",
        ] : [
            "# Protokoll: \(meeting.title)\(day.map { " am \(language.day($0))" } ?? ""), angelegt mit `convene minutes init \(meeting.id)`.",
            "# Bitte Anwesenheit, Notizen, Beschlüsse und Aufgaben eintragen. convene ändert diese Datei nicht:",
            "# wo Aufgaben und Beschlüsse stehen, hält register/ fest (convene actions|decisions done|start|drop).",
        ]
        lines += [
            "chair: \(chair?.id ?? "\"\"")",
            "minute_taker: \(minuteTaker?.id ?? "\"\"")",
        ]
        let invitees = input.invitees
        if invitees.isEmpty {
            lines.append("attendance: {}")
        } else {
            lines.append(en ? "attendance:                  # present | excused | absent"
                            : "attendance:                  # present (anwesend) | excused (entschuldigt) | absent (abwesend)")
            let width = invitees.map { $0.id.count }.max() ?? 0
            for person in invitees {
                let away = day.map { date in person.away.contains { $0.contains(date) } } ?? false
                var status: AttendanceStatus?
                let comment: String
                let reply = input.replies.reply(of: person.email)
                let current = reply.flatMap { $0.sequence >= input.answersFrom ? $0 : nil }
                let on = reply.map { language.date(zone.localTime(of: $0.stamp).date) } ?? ""
                switch current?.answer {
                case .accepted?: (status, comment) = (.present, en ? "accepted on \(on)" : "zugesagt am \(on)")
                case .declined?: (status, comment) = (.excused, en ? "declined on \(on)" : "abgesagt am \(on)")
                case .delegated?:
                    let deputy = current?.delegatedTo ?? "?"
                    (status, comment) = (.excused, en ? "delegated to \(deputy) (\(on))" : "vertreten durch \(deputy) (\(on))")
                case .tentative?: comment = en ? "accepted tentatively on \(on)" : "nur vorläufig zugesagt am \(on)"
                case nil where away: (status, comment) = (.excused, en ? "away according to people.yaml" : "abwesend laut people.yaml")
                case nil where reply != nil: comment = en ? "the answer of \(on) was for an earlier date" : "Antwort vom \(on) galt einem früheren Termin"
                case nil: comment = en ? "no answer to the invitation" : "keine Antwort auf die Einladung"
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
}
