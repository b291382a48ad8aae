import ConveneCore
import ICalendar

/// Decision numbers (*Beschluss Nr. 2027/03*, issue 15), as `FollowUp.decisions` assigns them (scheme
/// `decision_numbers:` in convene.yaml, default `YYYY/NN` per network; in the order the meetings took place).
public enum DecisionNumbers {
    /// The numbers of every decision in the workspace's minutes: `numbers[meeting][section][decision]`.
    public static func assign(in workspace: Workspace, zone: CalendarTimeZone) -> [String: [[String]]] {
        let decisions = FollowUp.decisions(meetings: workspace.meetings, minutes: workspace.minutes, zone: zone,
                                           scheme: workspace.network.decisionNumbers, register: workspace.register)
        var numbers: [String: [[String]]] = [:]
        for (meeting, record) in workspace.minutes {
            var sections = record.sections.map { Array(repeating: "", count: $0.decisions.count) }
            for decision in decisions where decision.meeting == meeting
                && sections.indices.contains(decision.section) && sections[decision.section].indices.contains(decision.position) {
                sections[decision.section][decision.position] = decision.number
            }
            numbers[meeting] = sections
        }
        return numbers
    }
}

/// Whether the towns represented at a meeting meet its policy (*Beschlussfähigkeit*): with `towns: ob-or-deputy` a
/// town counts when its OB or the OB's deputy was present, with `anyone` when anyone from it was; at least
/// `min_town_share` of the invited towns must count. Nil for a meeting without a town rule.
public struct Quorum: Sendable, Equatable {
    public var represented: Int
    public var towns: Int
    public var required: Int
    public var reached: Bool { represented >= required }

    public init(represented: Int, towns: Int, required: Int) {
        self.represented = represented
        self.towns = towns
        self.required = required
    }

    public init?(record: MinutesRecord, meeting: Meeting, workspace: Workspace) {
        let policy = meeting.attendance
        guard policy.representation != .none else { return nil }
        let invitees = workspace.invitees(of: meeting)
        let townIDs = Set(invitees.map(\.town))
        let present = record.attendance.filter { $0.status == .present }.compactMap { workspace.person($0.person) }
        let counting = present.filter { policy.representation == .anyone || workspace.representsTown($0) }
        represented = Set(counting.map(\.town)).intersection(townIDs).count
        towns = townIDs.count
        // (0.7 × 10 is 7.000000000000001 in binary: not a reason to ask for 8 towns.)
        required = Int((policy.minimumTownShare * Double(towns) - 1e-9).rounded(.up))
    }
}
