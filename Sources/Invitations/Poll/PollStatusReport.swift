import ConveneCore
import Foundation
import ICalendar

/// `convene poll status`: the grid as text (✓ ~ ✗ ? with colour on a terminal; `yes`, `maybe`, `no`, `?`
/// otherwise), JSON (contract in the README) and HTML (plain tables with inline styles: Outlook's mail
/// view renders them, no script). The words are English, as in every terminal report; dates and weekdays follow
/// the language given (`Di 20.04.2027 12:30` in German, `Tue 20 Apr 2027 12:30` in English: README, Languages).
public enum PollStatusReport {
    static func mark(_ answer: PollState.Answer?, style: TextStyle) -> String {
        let counter = answer?.suggested == nil ? "" : "*"
        guard style.enabled else {
            switch answer?.vote {
            case .yes?: return "yes" + counter
            case .ifNeedBe?: return "maybe" + counter
            case .no?: return "no" + counter
            case nil: return answer == nil ? "?" : "*"
            }
        }
        switch answer?.vote {
        case .yes?: return style.green("✓" + counter)
        case .ifNeedBe?: return style.yellow("~" + counter)
        case .no?: return style.red("✗" + counter)
        case nil: return answer == nil ? style.dim("?") : "*"
        }
    }

    static func label(_ hold: PollState.Hold, zone: CalendarTimeZone, language: Language) -> String {
        when(hold.slot.start, zone: zone, language: language)
    }

    /// `Mi 21.04.2027 10:00` (`Wed 21 Apr 2027 10:00`): a start in the network's zone.
    static func when(_ instant: Instant, zone: CalendarTimeZone, language: Language) -> String {
        let local = zone.localTime(of: instant)
        return "\(language.day(local.date)) \(language.clock(local))"
    }

    static func name(_ row: PollGrid.Row) -> String {
        guard let person = row.person else { return row.email }
        return "\(person.name) (\(person.role.rawValue))"
    }

    static func townLine(_ towns: [Town]) -> String { towns.isEmpty ? "—" : towns.map(\.name).joined(separator: ", ") }

    /// - Parameter language: of the dates (`--lang`, else convene.yaml's `language`).
    public static func text(_ grid: PollGrid, zone: CalendarTimeZone, language: Language = .de, style: TextStyle) -> String {
        let state = grid.state
        let answered = grid.rows.filter { $0.answers.contains { $0 != nil } }.count
        var text = "Poll of \(grid.meeting.id): \(state.holds.count) options, \(grid.rows.count) asked, \(answered) answered"
        text += state.deadline.map { ", answers by \(language.date($0))" } ?? ""
        text += state.chosenUID.flatMap { uid in state.hold(uid: uid) }.map { ", closed: option \($0.option) chosen" } ?? ""
        text += "\n\n"
        for hold in state.holds {
            let status = hold.uid == state.chosenUID ? " (chosen)" : hold.cancelled ? " (cancelled)" : ""
            text += "  \(hold.option)  \(PollText.when(hold.slot, zone: zone, language: language))\(status)\n"
        }
        text += "\n"
        var table = TextTable(header: ["Who"] + state.holds.map { String($0.option) })
        for town in grid.towns {
            table.rows.append([town.name] + state.holds.map { _ in "" })
            for row in grid.rows where row.person?.town == town.id {
                table.rows.append(["  " + name(row)] + row.answers.map { mark($0, style: style) })
            }
        }
        for row in grid.rows where row.person == nil { table.rows.append([name(row)] + row.answers.map { mark($0, style: style) }) }
        table.rows.append(["yes/maybe/no/open"] + grid.options.map { "\($0.yes)/\($0.ifNeedBe)/\($0.no)/\($0.open)" })
        if grid.meeting.attendance.representation == .obOrDeputy {
            table.rows.append(["towns represented"] + grid.options.map { "\($0.representedTowns.count)/\(grid.towns.count)" })
        }
        text += table.render(style: style)
        if !style.enabled { text += "(yes, maybe = if need be, no, ? = no answer, * = suggested another time)\n" }
        text += "\nRanking:\n"
        for (place, number) in grid.ranking.enumerated() {
            guard let option = grid.option(number) else { continue }
            var line = "  \(place + 1). option \(number), \(label(option.hold, zone: zone, language: language)): \(option.yes) yes, \(option.ifNeedBe) if need be, \(option.no) no, \(option.open) open"
            if !option.lostRequired.isEmpty { line += "; loses required: \(option.lostRequired.map(\.name).joined(separator: ", "))" }
            text += line + "\n"
        }
        for option in grid.options where !option.lostTowns.isEmpty {
            text += style.red("Not represented at option \(option.hold.option): \(townLine(option.lostTowns)) (every representative said no)") + "\n"
        }
        let never = grid.townsNeverRepresented
        if !never.isEmpty { text += style.red("Not represented at any option: \(townLine(never))") + "\n" }
        for option in grid.options {
            for suggestion in option.suggestions {
                text += "Suggested instead of option \(option.hold.option): \(when(suggestion.slot.start, zone: zone, language: language)) (\(suggestion.person))\n"
            }
        }
        if !grid.unanswered.isEmpty {
            text += "Not answered yet (\(grid.unanswered.count)): \(grid.unanswered.map { $0.person?.name ?? $0.email }.joined(separator: ", "))\n"
        }
        if !grid.held.isEmpty {
            text += "Held for review, not counted (sender not the attendee): \(grid.held.joined(separator: ", ")); count one with: convene rsvp \(grid.meeting.id) --accept ID\n"
        }
        return text
    }

    static func vote(_ answer: PollState.Answer?) -> JSON {
        answer?.vote.map { .string($0.rawValue) } ?? .null
    }

    public static func json(_ grid: PollGrid) -> JSON {
        let state = grid.state
        let options: [JSON] = grid.options.map { option in
            .object([
                ("option", .int(option.hold.option)), ("uid", .string(option.hold.uid)),
                ("start", .string(option.hold.slot.start.rfc3339)), ("end", .string(option.hold.slot.end.rfc3339)),
                ("status", .string(option.hold.uid == state.chosenUID ? "chosen" : option.hold.cancelled ? "cancelled" : "open")),
                ("yes", .int(option.yes)), ("if_need_be", .int(option.ifNeedBe)), ("no", .int(option.no)), ("open", .int(option.open)),
                ("towns_represented", .array(option.representedTowns.map { .string($0.id) })),
                ("towns_lost", .array(option.lostTowns.map { .string($0.id) })),
                ("required_lost", .array(option.lostRequired.map { .string($0.id) })),
                ("suggestions", .array(option.suggestions.map { .object([("from", .string($0.person)), ("start", .string($0.slot.start.rfc3339)),
                                                                          ("end", .string($0.slot.end.rfc3339))]) })),
            ])
        }
        let people: [JSON] = grid.rows.map { row in
            .object([
                ("person", row.person.map { .string($0.id) } ?? .null), ("email", .string(row.email)),
                ("town", row.person.map { .string($0.town) } ?? .null), ("required", .bool(row.required)),
                ("represents_town", .bool(row.representsTown)),
                ("answers", .array(zip(state.holds, row.answers).map { hold, answer in
                    .object([("option", .int(hold.option)), ("vote", vote(answer)),
                             ("suggested_start", answer?.suggested.map { .string($0.start.rfc3339) } ?? .null)])
                })),
            ])
        }
        return .object([
            ("meeting", .string(grid.meeting.id)), ("deadline", state.deadline.map { .string($0.description) } ?? .null),
            ("chosen_uid", state.chosenUID.map { .string($0) } ?? .null),
            ("options", .array(options)), ("people", .array(people)),
            ("ranking", .array(grid.ranking.map { .int($0) })),
            ("unanswered", .array(grid.unanswered.map { .string($0.email) })),
            ("towns_never_represented", .array(grid.townsNeverRepresented.map { .string($0.id) })),
            ("held", .array(grid.held.map { .string($0) })),
        ])
    }

    /// A page to print or mail: plain tables, inline styles, no script, no external resources.
    /// - Parameter language: of the dates, as for `text`.
    public static func html(_ grid: PollGrid, zone: CalendarTimeZone, language: Language = .de) -> String {
        let state = grid.state
        func when(_ instant: Instant) -> String { Self.when(instant, zone: zone, language: language) }
        let cell = "style=\"border:1px solid #999;padding:4px 8px;white-space:nowrap\""
        func mark(_ answer: PollState.Answer?) -> String {
            // A COUNTER's time in the cell itself: who suggested what, for which option, at a glance.
            let counter = answer?.suggested.map { "*<br><small>suggests \(HTML.escape(when($0.start)))</small>" } ?? ""
            func td(_ text: String, background: String, color: String) -> String {
                "<td bgcolor=\"\(background)\" style=\"border:1px solid #999;padding:4px 8px;white-space:nowrap;color:\(color)\">\(text)\(counter)</td>"
            }
            // A colour-blind-safe pair (ColorBrewer RdYlBu) and the symbol and word as well.
            switch answer?.vote {
            case .yes?: return td("✓ yes", background: "#4575b4", color: "#ffffff")
            case .ifNeedBe?: return td("~ maybe", background: "#fee090", color: "#111111")
            case .no?: return td("✗ no", background: "#d73027", color: "#ffffff")
            case nil: return td(answer == nil ? "?" : "", background: "#ffffff", color: "#111111")
            }
        }
        var parts = ["<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Poll: \(HTML.escape(grid.meeting.title))</title></head>",
                     "<body style=\"font-family:Arial,sans-serif;font-size:11pt\">",
                     "<h1 style=\"font-size:16pt\">Poll: \(HTML.escape(grid.meeting.title))</h1>"]
        if let deadline = state.deadline { parts.append("<p>Answers by \(language.date(deadline)).</p>") }
        parts.append("<table cellspacing=\"0\" style=\"border-collapse:collapse\">")
        parts.append("<tr><th \(cell) align=\"left\">Who</th>" + state.holds.map { "<th \(cell)>\($0.option): \(HTML.escape(label($0, zone: zone, language: language)))</th>" }.joined() + "</tr>")
        for town in grid.towns {
            parts.append("<tr><th \(cell) align=\"left\" colspan=\"\(state.holds.count + 1)\" bgcolor=\"#eeeeee\">\(HTML.escape(town.name))</th></tr>")
            for row in grid.rows where row.person?.town == town.id {
                parts.append("<tr><td \(cell)>\(HTML.escape(name(row)))</td>" + row.answers.map(mark).joined() + "</tr>")
            }
        }
        parts.append("<tr><th \(cell) align=\"left\">yes / maybe / no / open</th>"
                     + grid.options.map { "<td \(cell)>\($0.yes) / \($0.ifNeedBe) / \($0.no) / \($0.open)</td>" }.joined() + "</tr>")
        if grid.meeting.attendance.representation == .obOrDeputy {
            parts.append("<tr><th \(cell) align=\"left\">towns represented</th>"
                         + grid.options.map { "<td \(cell)>\($0.representedTowns.count) of \(grid.towns.count)</td>" }.joined() + "</tr>")
        }
        parts.append("</table>")
        parts.append("<h2 style=\"font-size:13pt\">Ranking</h2>")
        parts.append("<table cellspacing=\"0\" style=\"border-collapse:collapse\">")
        for (place, number) in grid.ranking.enumerated() {
            guard let option = grid.option(number) else { continue }
            let lost = option.lostRequired.map(\.name) + option.lostTowns.map(\.name)
            parts.append("<tr><td \(cell)>\(place + 1).</td><td \(cell)>option \(number): \(HTML.escape(label(option.hold, zone: zone, language: language)))</td>"
                         + "<td \(cell)>\(option.yes) yes, \(option.ifNeedBe) if need be, \(option.no) no, \(option.open) open</td>"
                         + "<td \(cell)>\(lost.isEmpty ? "" : "loses: " + HTML.escape(lost.joined(separator: ", ")))</td></tr>")
        }
        parts.append("</table>")
        for option in grid.options where !option.lostTowns.isEmpty {
            parts.append("<p style=\"color:#b2182b\">Not represented at option \(option.hold.option): \(HTML.escape(townLine(option.lostTowns))) (every representative said no)</p>")
        }
        if !grid.townsNeverRepresented.isEmpty {
            parts.append("<p style=\"color:#b2182b\">Not represented at any option: \(HTML.escape(townLine(grid.townsNeverRepresented)))</p>")
        }
        for option in grid.options {
            for suggestion in option.suggestions {
                parts.append("<p>Suggested instead of option \(option.hold.option): \(HTML.escape(when(suggestion.slot.start))) (\(HTML.escape(suggestion.person)))</p>")
            }
        }
        if !grid.unanswered.isEmpty {
            parts.append("<p>Not answered: \(HTML.escape(grid.unanswered.map { $0.person?.name ?? $0.email }.joined(separator: ", ")))</p>")
        }
        if !grid.held.isEmpty {
            parts.append("<p>Held for review, not counted (sender not the attendee): \(HTML.escape(grid.held.joined(separator: ", ")))</p>")
        }
        parts.append("</body></html>")
        return parts.joined(separator: "\n") + "\n"
    }
}
