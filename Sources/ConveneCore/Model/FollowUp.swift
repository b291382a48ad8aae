import CalendarValues

/// A decision as the Beschlusskontrolle follows it up: its number, where it was taken, what it says, who carries it
/// out, and where it stands now (the register's entry, else open).
public struct TrackedDecision: Sendable, Equatable {
    /// `2027/03` (`DecisionNumberScheme`).
    public var number: String
    /// The meeting whose minutes record it.
    public var meeting: String
    /// The TOP number of the section it was taken under, and the section's title.
    public var item: String?
    public var itemTitle: String
    /// Its place in the minutes: section index, then decision index within the section.
    public var section: Int
    public var position: Int
    public var text: String
    public var vote: VoteResult?
    /// The responsible town (`town:` of the decision in the minutes).
    public var town: String?
    public var due: LocalDate?
    public var status: ActionStatus
    public var note: String?
    /// The day the status was last changed (nil: never, it is open since the meeting).
    public var changedOn: LocalDate?

    public init(number: String, meeting: String, item: String?, itemTitle: String, section: Int, position: Int, text: String,
                vote: VoteResult? = nil, town: String? = nil, due: LocalDate? = nil, status: ActionStatus = .open,
                note: String? = nil, changedOn: LocalDate? = nil) {
        self.number = number
        self.meeting = meeting
        self.item = item
        self.itemTitle = itemTitle
        self.section = section
        self.position = position
        self.text = text
        self.vote = vote
        self.town = town
        self.due = due
        self.status = status
        self.note = note
        self.changedOn = changedOn
    }
}

/// The one place that combines what the minutes record with the follow-up register (issue 15). The loader calls it;
/// everyone else reads its result: `Workspace.actionItems` (the agenda's review of open items, `actions`, `status`,
/// publishing, reminders) and `Workspace.decisions` (`decisions`). The minutes as recorded stay in
/// `Workspace.recordedActionItems` and `Workspace.minutes` (the Niederschrift shows the record, not today's status).
///
/// Migration: minutes written before the register carry `status:`/`note:` on their action items; those are still
/// read and count until the register has an entry for the item — the first `actions done|start|drop` puts one there,
/// and from then on the register wins (the minutes' lines are left as they were).
public enum FollowUp {
    /// The action items with the register's status and note where it has an entry for them.
    public static func actions(_ recorded: [ActionItem], register: FollowUpRegister) -> [ActionItem] {
        recorded.map { item in
            guard let entry = register.actions[item.id] else { return item }
            var current = item
            current.status = entry.status
            current.note = entry.note ?? item.note
            return current
        }
    }

    /// Every decision of the workspace's minutes, numbered by `scheme` in the order the meetings took place (the
    /// chosen slot's day in `zone`, else the window's first day, then the id) and within a record in the order of its
    /// TOPs, with the register's status.
    public static func decisions(meetings: [Meeting], minutes: [String: MinutesRecord], zone: CalendarTimeZone,
                                 scheme: DecisionNumberScheme, register: FollowUpRegister) -> [TrackedDecision] {
        let ordered = meetings.filter { minutes[$0.id] != nil }
            .map { meeting in (meeting, day(of: meeting, zone: zone)) }
            .sorted { ($0.1, $0.0.id) < ($1.1, $1.0.id) }
        var counters: [Int: Int] = [:]
        var result: [TrackedDecision] = []
        for (meeting, day) in ordered {
            guard let record = minutes[meeting.id] else { continue }
            for (index, section) in record.sections.enumerated() {
                for (position, decision) in section.decisions.enumerated() {
                    let year = scheme.perYear ? day.year : 0
                    counters[year, default: 0] += 1
                    let number = scheme.number(year: day.year, count: counters[year] ?? 1)
                    var tracked = TrackedDecision(number: number, meeting: meeting.id, item: section.number, itemTitle: section.title,
                                                  section: index, position: position, text: decision.text, vote: decision.vote,
                                                  town: decision.town, due: decision.due)
                    if let entry = register.decisions[number], entry.meeting == nil || entry.meeting == meeting.id {
                        tracked.status = entry.status
                        tracked.note = entry.note
                        tracked.changedOn = entry.on
                    }
                    result.append(tracked)
                }
            }
        }
        return result
    }

    /// Register entries that name nothing the minutes hold (an item removed from the minutes, a decision whose number
    /// now belongs to another meeting): reported as warnings, the entry is not applied.
    public static func strayEntries(register: FollowUpRegister, actions: [ActionItem], decisions: [TrackedDecision]) -> [WorkspaceProblem] {
        var problems: [WorkspaceProblem] = []
        let ids = Set(actions.map(\.id))
        for (id, entry) in register.actions.sorted(by: { $0.key < $1.key }) where !ids.contains(id) {
            problems.append(WorkspaceProblem(file: Workspace.actionRegisterFile, line: entry.line,
                                             "no action item \(id) in any minutes; the entry is not used"))
        }
        let byNumber = Dictionary(decisions.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        for (number, entry) in register.decisions.sorted(by: { $0.key < $1.key }) {
            guard let decision = byNumber[number] else {
                problems.append(WorkspaceProblem(file: Workspace.decisionRegisterFile, line: entry.line,
                                                 "no decision \(number) in any minutes; the entry is not used"))
                continue
            }
            if let meeting = entry.meeting, meeting != decision.meeting {
                problems.append(WorkspaceProblem(file: Workspace.decisionRegisterFile, line: entry.line,
                                                 "decision \(number) was recorded for \(meeting) but is now a decision of \(decision.meeting) (the numbers shifted); the entry is not used"))
            }
        }
        return problems
    }

    /// The day a meeting took place (or is planned): the chosen slot's start in `zone`, else the window's first day.
    public static func day(of meeting: Meeting, zone: CalendarTimeZone) -> LocalDate {
        meeting.chosen.map { zone.localTime(of: $0.start).date } ?? meeting.window.first
    }
}
