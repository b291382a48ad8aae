import CalendarValues
import ConveneCore

/// Renders a search result for scripts (JSON, a contract) and for people (an aligned table).
public enum ProposalReport {
    /// `{"meeting":"…","candidates":[{"start":"…Z","end":"…Z","score":0.93,"attending":[…],
    /// "unavailable":[{"person":"…","reason":"busy"}],"towns_missing":[…]}]}` — plus, beyond the
    /// contract's fields, `notes` and (after a tally) `votes`.
    public static func json(_ result: SearchResult) -> JSON {
        .object([
            ("meeting", .string(result.meeting.id)),
            ("candidates", .array(result.candidates.map { candidateJSON($0, poll: result.polled) })),
            ("feasible", .int(result.feasibleCount)),
            ("slots_examined", .int(result.slotCount)),
            ("blockers", .array(result.blockers.map { blocker in
                switch blocker.rule {
                case .requiredPerson(let id): return .object([("person", .string(id)), ("blocked_slots", .int(blocker.blockedSlots))])
                case .town(let id): return .object([("town", .string(id)), ("blocked_slots", .int(blocker.blockedSlots))])
                }
            })),
            ("relaxations", .array(result.relaxations.map { relaxation in
                var pairs: [(String, JSON)]
                switch relaxation.change {
                case .personOptional(let id): pairs = [("change", .string("person-optional")), ("person", .string(id))]
                case .townOptional(let id): pairs = [("change", .string("town-optional")), ("town", .string(id))]
                case .windowLonger(let days): pairs = [("change", .string("window-longer")), ("days", .int(days))]
                }
                return .object(pairs + [("candidates", .int(relaxation.candidates))])
            })),
            ("without_calendar", .array(result.withoutCalendar.map(JSON.string))),
        ])
    }

    /// - Parameter poll: a poll was sent: every candidate gets `poll_option` (its option number, or null when the
    ///   poll did not ask about it) and `votes` (empty when nobody answered for it).
    static func candidateJSON(_ c: Candidate, poll: Bool = false) -> JSON {
        var pairs: [(String, JSON)] = [
            ("start", .string(c.slot.start.rfc3339)),
            ("end", .string(c.slot.end.rfc3339)),
            ("score", .double(c.score)),
            ("attending", .array(c.attending.map(JSON.string))),
            ("unavailable", .array(c.unavailable.map { .object([("person", .string($0.person)), ("reason", .string($0.reason.rawValue))]) })),
            ("towns_missing", .array(c.townsMissing.map(JSON.string))),
            ("notes", .array(c.notes.map(JSON.string))),
            // People whose time is unknown here (also in `unavailable` with reason `no-data`).
            ("no_data", .int(c.unavailable.filter { $0.reason == .noData }.count)),
        ]
        if poll { pairs.append(("poll_option", c.pollOption.map(JSON.int) ?? .null)) }
        if !c.votes.isEmpty || poll {
            pairs.append(("votes", .object(c.votes.keys.sorted().map { ($0, .string(c.votes[$0]!.rawValue)) })))
        }
        return .object(pairs)
    }

    /// An aligned table of the candidates with who cannot come and why, then skipped days, and —
    /// when nothing fits — what blocks and what would help. The words are English terminal text; dates and
    /// weekdays are in `language` (German `Mi 12.05.2027` by default, English `Wed 12 May 2027`).
    public static func text(_ result: SearchResult, workspace: Workspace, zone: CalendarTimeZone, style: TextStyle,
                            language: Language = .de) -> String {
        let meeting = result.meeting
        let name: (String) -> String = { id in workspace.person(id)?.name ?? id }
        let townName: (String) -> String = { id in workspace.town(id)?.name ?? id }
        var out = style.bold("\(meeting.title) (\(meeting.id))") + "\n"
        let place = workspace.network.location(meeting.location)?.name ?? meeting.location
        out += "\(duration(meeting.durationMinutes)) at \(place), \(language.day(meeting.window.first)) – \(language.day(meeting.window.last))"
        out += ", \(policyText(meeting.attendance))\n"
        out += "\(result.feasibleCount) of \(result.slotCount) slots fit the rules"
        if !result.candidates.isEmpty { out += "; best \(result.candidates.count), at most a few per day" }
        out += ".\n\n"
        if !result.candidates.isEmpty {
            let voted = result.polled || result.candidates.contains { !$0.votes.isEmpty }
            var table = TextTable(header: ["#", "Day", "Time", "Score", "Towns", "People"] + (voted ? ["Votes"] : []) + ["Notes", "Cannot come"])
            let towns = workspace.towns.count
            for (index, c) in result.candidates.enumerated() {
                let start = zone.localTime(of: c.slot.start), end = zone.localTime(of: c.slot.end)
                let missing = c.unavailable.map { "\($0.person) (\($0.reason.rawValue))" }
                let shown = missing.prefix(3).joined(separator: ", ") + (missing.count > 3 ? " +\(missing.count - 3) more" : "")
                table.rows.append([
                    "\(index + 1)", language.day(c.date), "\(language.clock(start))–\(language.clock(end))", String(format: "%.2f", c.score),
                    meeting.attendance.representation == .none ? "–" : "\(towns - c.townsMissing.count)/\(towns)",
                    "\(c.attending.count)/\(c.attending.count + c.unavailable.count)",
                ] + (voted ? [voteSummary(c, poll: result.polled)] : []) + [
                    c.notes.isEmpty ? "–" : c.notes.joined(separator: ", "), shown.isEmpty ? "–" : shown,
                ])
            }
            out += table.render(style: style)
        } else {
            out += style.red("No slot fits.") + "\n"
            if let worst = result.blockers.first {
                out += "Blocks most: \(blockerText(worst, name: name, townName: townName)).\n"
                for other in result.blockers.dropFirst().prefix(4) { out += "  also: \(blockerText(other, name: name, townName: townName))\n" }
            }
            if !result.relaxations.isEmpty {
                out += "What would help:\n"
                for relaxation in result.relaxations.prefix(5) {
                    let count = "\(relaxation.candidates) candidate\(relaxation.candidates == 1 ? "" : "s")"
                    switch relaxation.change {
                    case .personOptional(let id): out += "  with \(name(id)) optional: \(count)\n"
                    case .townOptional(let id): out += "  without requiring \(townName(id)): \(count)\n"
                    case .windowLonger(let days): out += "  window \(days == 7 ? "one week" : "\(days) days") longer: \(count)\n"
                    }
                }
            }
        }
        var footer: [String] = []
        if !result.skippedDays.isEmpty {
            footer.append("Skipped: " + result.skippedDays.map { "\(language.day($0.date)) (\($0.reason))" }.joined(separator: ", "))
        }
        if result.polled {
            footer.append("After the poll: the times it offered rank first (by score, their votes included; a \"no\" is declined), other times follow")
        }
        if !result.withoutCalendar.isEmpty {
            footer.append("No calendar (time unknown, counted half of free): " + result.withoutCalendar.map(name).joined(separator: ", "))
        }
        if !footer.isEmpty { out += "\n" + footer.map { style.dim($0) + "\n" }.joined() }
        return out
    }

    /// `option 1: 2 yes, 1 maybe, 0 no` after a poll (`not polled` for a time it did not offer), else the counts.
    static func voteSummary(_ candidate: Candidate, poll: Bool) -> String {
        guard poll else { return voteSummary(candidate.votes) }
        guard let option = candidate.pollOption else { return "not polled" }
        return "option \(option): " + voteSummary(candidate.votes)
    }

    static func voteSummary(_ votes: [String: Vote]) -> String {
        let yes = votes.values.filter { $0 == .yes }.count, maybe = votes.values.filter { $0 == .ifNeedBe }.count
        let no = votes.values.filter { $0 == .no }.count
        return "\(yes) yes, \(maybe) maybe, \(no) no"
    }

    static func blockerText(_ blocker: Blocker, name: (String) -> String, townName: (String) -> String) -> String {
        switch blocker.rule {
        case .requiredPerson(let id): return "\(name(id)) is required but unavailable in \(blocker.blockedSlots) slots"
        case .town(let id): return "\(townName(id)) is not represented in \(blocker.blockedSlots) slots"
        }
    }

    static func policyText(_ policy: AttendancePolicy) -> String {
        var parts: [String] = []
        switch policy.representation {
        case .none: break
        case .anyone: parts.append(policy.minimumTownShare >= 1 ? "every town represented" : "\(Int(policy.minimumTownShare * 100)) % of towns represented")
        case .obOrDeputy: parts.append(policy.minimumTownShare >= 1 ? "every town by its OB or deputy" : "\(Int(policy.minimumTownShare * 100)) % of towns by OB or deputy")
        }
        if !policy.required.isEmpty { parts.append("required: " + policy.required.map(\.description).joined(separator: ", ")) }
        return parts.isEmpty ? "no hard rules" : parts.joined(separator: "; ")
    }

    static func duration(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60) h" : minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }

}
