import ConveneCore
import ICalendar
import SampleSupport
import Testing
@testable import Agenda

/// Random backlogs from a seeded generator (SplitMix64; the seed of a failing case is in the
/// message, so it can be replayed): whatever the backlog, the slot and the overrides, the budget is
/// never exceeded, pinned topics are always in (or the build fails saying they cannot be), and the
/// order rules hold.
@Suite struct AgendaPropertyTests {
    static let cases = 400

    @Test func randomBacklogsKeepEveryRule() throws {
        var built = 0, pinnedErrors = 0
        for seed in 1...UInt64(Self.cases) {
            var random = SeededGenerator(seed: seed)
            let (input, description) = Self.randomInput(&random)
            do {
                let agenda = try AgendaBuilder.build(input)
                built += 1
                let broken = brokenRules(agenda, input)
                #expect(broken.isEmpty, "seed \(seed) (\(description)): \(broken)")
                // Every pending candidate that is not on the agenda says why.
                for decision in agenda.deferred {
                    #expect(decision.reason != .selected && decision.reason != .pinned, "seed \(seed)")
                }
            } catch let error {
                // Only pinned topics that cannot fit, or a slot too short for the frame, may stop it.
                switch error {
                case .pinnedTooLong(let id, let minutes, let budget):
                    pinnedErrors += 1
                    #expect(input.settings.pin.contains(id) && minutes > budget, "seed \(seed)")
                case .pinnedTooMuch(let ids, let minutes, let budget):
                    pinnedErrors += 1
                    let total = input.topics.filter { ids.contains($0.id) }.map(\.minutes).reduce(0, +)
                    #expect(total == minutes && minutes > budget, "seed \(seed)")
                case .slotTooShort(let slot, let frame):
                    #expect(frame > slot, "seed \(seed)")
                default:
                    Issue.record("seed \(seed) (\(description)): unexpected \(error)")
                }
            }
        }
        // The generator exercises both outcomes.
        #expect(built > Self.cases / 2)
        #expect(pinnedErrors > 0)
    }

    /// A random meeting: a slot of 1–7 hours starting 08:00–14:00, 0–30 topics of every kind,
    /// town, length, priority and deadline, some deferred before, a random history, pins,
    /// exclusions, a random town share and reporting rhythm.
    static func randomInput(_ random: inout SeededGenerator) -> (AgendaInput, String) {
        let startMinutes = 8 * 60 + 30 * Int.random(in: 0...12, using: &random)
        let length = 60 + 15 * Int.random(in: 0...24, using: &random)
        let day = date("2027-05-12")
        let start = berlin.instant(for: LocalDateTime(date: day, hour: startMinutes / 60, minute: startMinutes % 60))
        let slot = Interval(start: start, end: start + Int64(length) * 60)
        let kinds = TopicKind.allCases
        let count = Int.random(in: 0...30, using: &random)
        var topics: [Topic] = []
        for index in 0..<count {
            let deadline: String? = switch Int.random(in: 0...5, using: &random) {
            case 0: "2027-03-31"
            case 1: "2027-06-30"
            case 2: "2028-02-01"
            default: nil
            }
            topics.append(topic("t\(index)", nineTowns.randomElement(using: &random)!.id, kind: kinds.randomElement(using: &random)!,
                                minutes: [5, 10, 15, 20, 25, 30, 45, 60, 90, 120, 240].randomElement(using: &random)!,
                                priority: Int.random(in: 1...5, using: &random), deadline: deadline,
                                created: Bool.random(using: &random) ? "2027-01-01" : "2027-05-01",
                                deferredFrom: Int.random(in: 0...3, using: &random) == 0 ? ["m1"] : [],
                                status: Int.random(in: 0...9, using: &random) == 0 ? .dropped : .open))
        }
        let pending = topics.filter { $0.status.isPending }.map(\.id)
        var settings = AgendaSettings(reportEvery: Int.random(in: 1...4, using: &random),
                                      maxTownShare: [0.25, 0.4, 0.5, 1].randomElement(using: &random)!)
        for id in pending.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random)) { settings.pin.append(id) }
        for id in pending.shuffled(using: &random) where !settings.pin.contains(id) && Int.random(in: 0...9, using: &random) == 0 {
            settings.exclude.append(id)
        }
        let history = AgendaHistory(meetings: (0..<Int.random(in: 0...3, using: &random)).map { index in
            AgendaHistory.Meeting(id: "m\(index)", reportingTowns: Set(nineTowns.map(\.id).filter { _ in Bool.random(using: &random) }),
                                  deferredTopics: Set(pending.filter { _ in Int.random(in: 0...4, using: &random) == 0 }))
        })
        let actions = (0..<Int.random(in: 0...12, using: &random)).map { index in
            ActionItem(id: "a\(index)", title: "A", town: nineTowns.randomElement(using: &random)!.id, meeting: "m0")
        }
        let hasPrevious = Bool.random(using: &random)
        let input = input(topics, slot: slot, settings: settings, actions: actions,
                          previous: hasPrevious ? MeetingReference(id: "m0", title: "M", date: date("2026-11-19")) : nil, history: history)
        return (input, "\(length) min from \(startMinutes / 60):\(startMinutes % 60), \(count) topics, pins \(settings.pin)")
    }
}
