import ConveneCore
import ICalendar

/// Decision numbers (*Beschluss Nr. 2027/03*, issue 15): `YYYY/NN` per network — the year of the meeting, then the
/// decisions of that year counted across the workspace's minutes in the order the meetings took place (chosen slot,
/// else the window's start, then the id) and within a record in the order of its TOPs.
public enum DecisionNumbers {
    /// The numbers of every decision in the workspace's minutes: `numbers[meeting][section][decision]`.
    public static func assign(in workspace: Workspace, zone: CalendarTimeZone) -> [String: [[String]]] {
        let meetings = workspace.meetings.filter { workspace.minutes[$0.id] != nil }
            .map { meeting in (meeting, day(of: meeting, zone: zone)) }
            .sorted { ($0.1, $0.0.id) < ($1.1, $1.0.id) }
        var counters: [Int: Int] = [:]
        var numbers: [String: [[String]]] = [:]
        for (meeting, day) in meetings {
            guard let record = workspace.minutes[meeting.id] else { continue }
            numbers[meeting.id] = record.sections.map { section in
                section.decisions.map { _ in
                    counters[day.year, default: 0] += 1
                    let count = counters[day.year]!
                    return "\(day.year)/\(count < 10 ? "0" : "")\(count)"
                }
            }
        }
        return numbers
    }

    static func day(of meeting: Meeting, zone: CalendarTimeZone) -> LocalDate {
        meeting.chosen.map { zone.localTime(of: $0.start).date } ?? meeting.window.first
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
