import ConveneCore
import Foundation
import ICalendar

/// Who accepted, declined or has not answered, per town: `convene status`.
public struct InvitationStatusReport: Sendable {
    public struct Row: Sendable {
        public var person: String?
        public var name: String
        public var email: String
        /// `chair`, `required`, `optional`, or `delegate` (answers in place of an invitee).
        public var role: String
        public var reply: RecordedReply?
        /// The reply answered an earlier date or time (a SEQUENCE before the one that set the current time):
        /// shown, but not counted as an answer.
        public var forEarlierTime: Bool = false
        /// The reply that counts for the current time.
        public var answer: RecordedReply? { forEarlierTime ? nil : reply }
    }

    public struct TownGroup: Sendable {
        public var id: String?
        public var name: String
        public var rows: [Row]
    }

    public var meeting: Meeting
    public var state: InvitationState
    public var slot: Interval?
    /// The slot in slot.yaml now.
    public var pickedSlot: Interval?
    public var groups: [TownGroup]
    public var zone: CalendarTimeZone
    /// Replies held for review (`meetings/<id>/held/`), not counted: their ids.
    public var held: [String] = []
    /// The language of dates in `text` (the words are English terminal text).
    public var language: Language = .de

    /// - Throws: `WorkspaceProblem` when the meeting was never invited or a record file is broken.
    public init(meeting: Meeting, workspace: Workspace) throws(WorkspaceProblem) {
        let builder = try InvitationBuilder(workspace: workspace, meeting: meeting)
        guard let state = try InvitationState.read(meeting, in: workspace) else {
            throw WorkspaceProblem(file: meeting.files.invitationFile,
                                   "\(meeting.id) has not been invited yet: convene invite \(meeting.id)")
        }
        let book = try ReplyBook.read(meeting, in: workspace)
        let roles = Dictionary(builder.attendees().map { ($0.email, $0.role) }, uniquingKeysWith: { a, _ in a })
        func row(_ email: String, role: String) -> (town: String?, row: Row) {
            let person = workspace.person(email: email)
            let reply = book.reply(of: email)
            return (person?.town, Row(person: person?.id, name: person?.name ?? email, email: email, role: role, reply: reply,
                                      forEarlierTime: reply.map { $0.sequence < state.slotSequence } ?? false))
        }
        var rows = state.attendees.map { invited -> (town: String?, row: Row) in
            let role: String
            switch roles[invited.email] {
            case "CHAIR": role = "chair"
            case "OPT-PARTICIPANT": role = "optional"
            default: role = "required"
            }
            return row(invited.email, role: role)
        }
        for reply in book.replies where state.attendee(reply.attendee) == nil && reply.delegatedFrom != nil {
            var delegate = row(reply.attendee, role: "delegate")
            if delegate.town == nil, let from = reply.delegatedFrom {
                delegate.town = workspace.person(email: from)?.town
            }
            rows.append(delegate)
        }
        var groups: [TownGroup] = workspace.towns.compactMap { town in
            let members = rows.filter { $0.town == town.id }.map(\.row)
            return members.isEmpty ? nil : TownGroup(id: town.id, name: town.name, rows: members)
        }
        let elsewhere = rows.filter { entry in !workspace.towns.contains { $0.id == entry.town } }.map(\.row)
        if !elsewhere.isEmpty { groups.append(TownGroup(id: nil, name: "(not in people.yaml)", rows: elsewhere)) }
        self.meeting = meeting
        self.state = state
        // The time the invitation carries; slot.yaml may have moved on since (then `invite` is due).
        self.slot = state.slot ?? meeting.chosen
        self.pickedSlot = meeting.chosen
        self.groups = groups
        self.zone = builder.zone
        self.held = ReplyIntake.held(meeting, in: workspace)
    }

    public var counts: [(String, Int)] {
        let rows = groups.flatMap(\.rows)
        return RecordedReply.Answer.allCases.map { answer in (answer.rawValue.lowercased(), rows.filter { $0.answer?.answer == answer }.count) }
            + [("no_answer", rows.filter { $0.reply == nil }.count), ("earlier_time", rows.filter(\.forEarlierTime).count)]
    }

    public func text(style: TextStyle) -> String {
        var out = style.bold("\(meeting.id) · \(meeting.title)") + "\n"
        var facts: [String] = []
        if let slot { facts.append(when(slot)) }
        facts += ["UID \(state.uid)", "SEQUENCE \(state.sequence)", state.cancelled ? style.red("cancelled") : "invited"]
        out += facts.joined(separator: " · ") + "\n"
        if let pickedSlot, let slot, pickedSlot != slot {
            out += style.yellow("slot.yaml now says \(when(pickedSlot)); the invitation still carries the time above: convene invite \(meeting.id)") + "\n"
        }
        out += "\n"
        var table = TextTable(header: ["Town", "Person", "Role", "Answer", "Answered"])
        for group in groups {
            for (index, row) in group.rows.enumerated() {
                table.rows.append([index == 0 ? group.name : "", row.name, row.role, answerCell(row, style: style), answeredCell(row)])
            }
        }
        out += table.render(style: style)
        let total = groups.flatMap(\.rows).count
        out += "\n\(total) on the list: " + counts.filter { $0.0 != "earlier_time" || $0.1 > 0 }
            .map { "\($0.1) \($0.0 == "earlier_time" ? "answered an earlier time" : $0.0.replacingOccurrences(of: "_", with: " "))" }.joined(separator: ", ") + "\n"
        if !held.isEmpty {
            out += "\(held.count) repl\(held.count == 1 ? "y" : "ies") held for review, not counted (\(ReplyIntake.heldFolder(of: meeting))/): "
                + held.joined(separator: ", ") + "; count one with: convene rsvp \(meeting.id) --accept ID\n"
        }
        return out
    }

    /// `Mittwoch, 12.05.2027, 12:30–16:00 Uhr` or `Wednesday, 12 May 2027, 12:30–16:00`.
    private func when(_ slot: Interval) -> String {
        language.letterSpan(zone.localTime(of: slot.start), zone.localTime(of: slot.end))
    }

    private func answerCell(_ row: Row, style: TextStyle) -> String {
        guard let reply = row.reply else { return style.dim("no answer") }
        if row.forEarlierTime { return style.dim("\(reply.answer.rawValue.lowercased()) for an earlier time") }
        var text = reply.answer.rawValue.lowercased()
        if let to = reply.delegatedTo { text += " → \(to)" }
        switch reply.answer {
        case .accepted: text = style.green(text)
        case .declined: text = style.red(text)
        case .tentative, .delegated: text = style.yellow(text)
        }
        return text
    }

    private func answeredCell(_ row: Row) -> String {
        guard let reply = row.reply else { return "" }
        let local = zone.localTime(of: reply.stamp)
        var text = "\(language.date(local.date)) \(language.clock(local))"
        if reply.sequence < state.sequence { text += " (SEQUENCE \(reply.sequence))" }
        return text
    }

    /// The `status --format json` document: the invitation's report (keys as before) with the lifecycle added;
    /// before anything was sent, the same keys with nulls and no towns.
    public static func json(_ report: InvitationStatusReport?, lifecycle: MeetingLifecycle) -> JSON {
        var pairs: [(String, JSON)]
        if let report, case .object(let reported) = report.json() {
            pairs = reported
        } else {
            let slot = lifecycle.meeting.chosen
            pairs = [("meeting", .string(lifecycle.meeting.id)), ("title", .string(lifecycle.meeting.title)), ("uid", .null),
                     ("sequence", .null), ("status", .string("not-invited")),
                     ("start", slot.map { .string($0.start.rfc3339) } ?? .null), ("end", slot.map { .string($0.end.rfc3339) } ?? .null),
                     ("counts", .object([])), ("towns", .array([]))]
        }
        pairs.insert(("lifecycle", lifecycle.json()), at: 2)
        return .object(pairs)
    }

    public func json() -> JSON {
        func optional(_ text: String?) -> JSON { text.map { .string($0) } ?? .null }
        let towns: [JSON] = groups.map { group in
            .object([
                ("town", optional(group.id)), ("name", .string(group.name)),
                ("attendees", .array(group.rows.map { row in
                    .object([
                        ("person", optional(row.person)), ("name", .string(row.name)), ("email", .string(row.email)),
                        ("role", .string(row.role)), ("answer", .string(row.reply?.answer.rawValue.lowercased() ?? "none")),
                        ("answered", optional(row.reply?.stamp.rfc3339)), ("sequence", row.reply.map { .int($0.sequence) } ?? .null),
                        ("delegated_to", optional(row.reply?.delegatedTo)), ("delegated_from", optional(row.reply?.delegatedFrom)),
                        ("for_earlier_time", .bool(row.forEarlierTime)),
                    ])
                })),
            ])
        }
        return .object([
            ("meeting", .string(meeting.id)), ("title", .string(meeting.title)), ("uid", .string(state.uid)),
            ("sequence", .int(state.sequence)), ("status", .string(state.cancelled ? "cancelled" : "confirmed")),
            ("start", optional(slot?.start.rfc3339)), ("end", optional(slot?.end.rfc3339)),
            ("counts", .object(counts.map { ($0.0, .int($0.1)) })),
            ("towns", .array(towns)),
            ("held", .array(held.map { .string($0) })),
        ])
    }
}
