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
    }

    public struct TownGroup: Sendable {
        public var id: String?
        public var name: String
        public var rows: [Row]
    }

    public var meeting: Meeting
    public var state: InvitationState
    public var slot: Interval?
    public var groups: [TownGroup]
    public var zone: CalendarTimeZone
    /// Replies held for review (`meetings/<id>/held/`), not counted: their ids.
    public var held: [String] = []

    /// - Throws: `WorkspaceProblem` when the meeting was never invited or a record file is broken.
    public init(meeting: Meeting, workspace: Workspace) throws(WorkspaceProblem) {
        let builder = try InvitationBuilder(workspace: workspace, meeting: meeting)
        guard let state = try InvitationState.read(meeting, in: workspace) else {
            throw WorkspaceProblem(file: InvitationState.path(of: meeting),
                                   "\(meeting.id) has not been invited yet: convene invite \(meeting.id)")
        }
        let book = try ReplyBook.read(meeting, in: workspace)
        let roles = Dictionary(builder.attendees().map { ($0.email, $0.role) }, uniquingKeysWith: { a, _ in a })
        func row(_ email: String, role: String) -> (town: String?, row: Row) {
            let person = workspace.person(email: email)
            return (person?.town, Row(person: person?.id, name: person?.name ?? email, email: email, role: role, reply: book.reply(of: email)))
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
        self.slot = meeting.chosen
        self.groups = groups
        self.zone = builder.zone
        self.held = ReplyIntake.held(meeting, in: workspace)
    }

    public var counts: [(String, Int)] {
        let rows = groups.flatMap(\.rows)
        return RecordedReply.Answer.allCases.map { answer in (answer.rawValue.lowercased(), rows.filter { $0.reply?.answer == answer }.count) }
            + [("no_answer", rows.filter { $0.reply == nil }.count)]
    }

    public func text(style: TextStyle) -> String {
        var out = style.bold("\(meeting.id) · \(meeting.title)") + "\n"
        var facts: [String] = []
        if let slot { facts.append(InvitationText.when(slot.start, slot.end, zone: zone)) }
        facts += ["UID \(state.uid)", "SEQUENCE \(state.sequence)", state.cancelled ? style.red("cancelled") : "invited"]
        out += facts.joined(separator: " · ") + "\n\n"
        var table = TextTable(header: ["Town", "Person", "Role", "Answer", "Answered"])
        for group in groups {
            for (index, row) in group.rows.enumerated() {
                table.rows.append([index == 0 ? group.name : "", row.name, row.role, answerCell(row, style: style), answeredCell(row)])
            }
        }
        out += table.render(style: style)
        let total = groups.flatMap(\.rows).count
        out += "\n\(total) on the list: " + counts.map { "\($0.1) \($0.0.replacingOccurrences(of: "_", with: " "))" }.joined(separator: ", ") + "\n"
        if !held.isEmpty {
            out += "\(held.count) repl\(held.count == 1 ? "y" : "ies") held for review, not counted (\(ReplyIntake.heldFolder(of: meeting))/): "
                + held.joined(separator: ", ") + "; count one with: convene rsvp \(meeting.id) --accept ID\n"
        }
        return out
    }

    private func answerCell(_ row: Row, style: TextStyle) -> String {
        guard let reply = row.reply else { return style.dim("no answer") }
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
        var text = "\(GermanDate.numeric(local.date)) \(GermanDate.clock(local))"
        if reply.sequence < state.sequence { text += " (SEQUENCE \(reply.sequence))" }
        return text
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
