import ConveneCore
import Foundation
import ICalendar

/// Where a poll stands: everyone asked × every option, grouped by town, with each option's votes,
/// the towns it represents under the meeting's policy (the OB or the OB's deputy can come: yes or if
/// need be), the required people and towns it loses (their "no"), and the ranking.
public struct PollGrid: Sendable {
    /// One person asked.
    public struct Row: Sendable {
        public var person: Person?
        public var email: String
        /// Per hold (in `options` order): the answer, or nil when none came.
        public var answers: [PollState.Answer?]
        public var required: Bool
        public var representsTown: Bool
    }

    /// One option with its tally.
    public struct Option: Sendable {
        public var hold: PollState.Hold
        public var yes = 0
        public var ifNeedBe = 0
        public var no = 0
        public var open = 0
        /// Towns whose OB or deputy answered yes or if need be.
        public var representedTowns: [Town] = []
        /// Towns whose every representative (OB, deputy) answered no: they cannot be represented at this time.
        public var lostTowns: [Town] = []
        /// Required people who answered no.
        public var lostRequired: [Person] = []
        /// Suggested times from COUNTERs to this hold.
        public var suggestions: [(person: String, slot: Interval)] = []
        /// Yes counts 1, if need be ½.
        public var score: Double { Double(yes) + Double(ifNeedBe) / 2 }
    }

    public var meeting: Meeting
    public var state: PollState
    public var towns: [Town]
    public var rows: [Row]
    public var options: [Option]
    /// Option numbers, best first: fewest required people and towns lost, then the most votes, then the earliest.
    public var ranking: [Int]
    /// People who have answered none of the open options.
    public var unanswered: [Row]
    /// Ids of replies held for review (`rsvp --accept ID`).
    public var held: [String]

    /// The grid of the recorded poll.
    /// - Throws: `WorkspaceProblem` when no poll was sent, or `poll.yaml` is broken.
    public static func read(_ meeting: Meeting, in workspace: Workspace) throws(WorkspaceProblem) -> PollGrid {
        guard let state = try PollState.read(meeting, in: workspace) else {
            throw WorkspaceProblem(file: meeting.files.pollFile, "no poll of \(meeting.id) was sent yet: convene poll start \(meeting.id) --send")
        }
        return PollGrid(state: state, meeting: meeting, workspace: workspace, held: ReplyIntake.held(meeting, in: workspace))
    }

    /// The grid of `state`, from values only (reads no file).
    /// - Parameter held: the ids of replies held for review (`ReplyIntake.held`).
    public init(state: PollState, meeting: Meeting, workspace: Workspace, held: [String] = []) {
        self.meeting = meeting
        self.state = state
        let holds = state.holds
        rows = state.asked.map { email in
            let person = workspace.person(email: email)
            return Row(person: person, email: email, answers: holds.map { state.answer(of: email, to: $0.uid) },
                       required: person.map { p in meeting.attendance.required.contains { $0.matches(p, hostTown: meeting.hostTown) } } ?? false,
                       representsTown: person.map(workspace.representsTown) ?? false)
        }
        let townIDs = Set(rows.compactMap { $0.person?.town })
        towns = workspace.towns.filter { townIDs.contains($0.id) }
        let rows = rows
        let towns = towns
        options = holds.enumerated().map { index, hold in
            var option = Option(hold: hold)
            for row in rows {
                switch row.answers[index]?.vote {
                case .yes?: option.yes += 1
                case .ifNeedBe?: option.ifNeedBe += 1
                case .no?: option.no += 1
                case nil: option.open += 1
                }
                if let answer = row.answers[index], let suggested = answer.suggested {
                    option.suggestions.append((row.person?.name ?? row.email, suggested))
                }
                if row.required, row.answers[index]?.vote == .no, let person = row.person { option.lostRequired.append(person) }
            }
            if meeting.attendance.representation == .obOrDeputy {
                for town in towns {
                    let representatives = rows.filter { $0.representsTown && $0.person?.town == town.id }
                    let votes = representatives.map { $0.answers[index]?.vote }
                    if votes.contains(where: { $0 == .yes || $0 == .ifNeedBe }) { option.representedTowns.append(town) }
                    if !votes.isEmpty, votes.allSatisfy({ $0 == .no }) { option.lostTowns.append(town) }
                }
            }
            return option
        }
        ranking = options.sorted { a, b in
            let lostA = a.lostRequired.count + a.lostTowns.count, lostB = b.lostRequired.count + b.lostTowns.count
            if lostA != lostB { return lostA < lostB }
            if a.score != b.score { return a.score > b.score }
            return a.hold.slot.start < b.hold.slot.start
        }.filter { !$0.hold.cancelled }.map(\.hold.option)
        let open = holds.indices.filter { !holds[$0].cancelled }
        unanswered = rows.filter { row in open.allSatisfy { row.answers[$0] == nil } }
        self.held = held
    }

    /// The option numbered `number`.
    public func option(_ number: Int) -> Option? { options.first { $0.hold.option == number } }

    /// Towns whose representatives all said no to every open option: whatever is picked, they are not represented.
    public var townsNeverRepresented: [Town] {
        let open = options.filter { !$0.hold.cancelled }
        guard !open.isEmpty else { return [] }
        return towns.filter { town in open.allSatisfy { $0.lostTowns.contains(town) } }
    }
}
