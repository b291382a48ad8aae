import ConveneCore
import ICalendar

/// Chooses the topics of an agenda: pinned ones always, then the set of candidates with the
/// greatest total value (`TopicValue`) that fits the minutes left (an exact 0/1 knapsack), while
/// no town's chosen topics take more than `max_town_share` of the topic time (pinned topics are
/// exempt: the organizer chose them).
struct TopicSelection {
    struct Candidate {
        var topic: Topic
        var value: ValueBreakdown
        var timesDeferred: Int
        var urgent: Bool
        var reportDue: Bool
    }

    struct Result {
        var chosen: [Candidate]
        var decisions: [TopicDecision]
        var notes: [AgendaNote]
    }

    /// - Parameters:
    ///   - budget: minutes for topics.
    /// - Throws: `AgendaError` when pinned topics cannot be honoured.
    static func run(_ input: AgendaInput, budget: Int) throws(AgendaError) -> Result {
        let meetingDate = input.meetingDate
        let settings = input.settings
        let every = settings.reportEvery

        // Pinned topics must be pending; they are in whatever their creation date.
        for id in settings.pin {
            if let topic = input.topics.first(where: { $0.id == id }), !topic.status.isPending {
                throw .pinnedNotPending(topic: id, status: topic.status)
            }
        }
        let pending = input.topics.filter { $0.status.isPending && ($0.created <= meetingDate || settings.pin.contains($0.id)) }
            .sorted { $0.id < $1.id }

        // Values. A due town's report bonus goes to its best report topic only.
        var bestReport: [String: Topic] = [:]
        for topic in pending where topic.kind == .report && !settings.exclude.contains(topic.id) {
            if let current = bestReport[topic.town], (current.priority, current.created, current.id) <= (topic.priority, topic.created, topic.id) { continue }
            bestReport[topic.town] = topic
        }
        let candidates = pending.map { topic -> Candidate in
            let deferrals = Set(topic.deferredFrom).union(input.history.deferrals(of: topic.id)).subtracting([input.meetingID])
            let urgent = TopicValue.isUrgent(topic, meetingDate: meetingDate, nextMeetingDate: input.nextMeetingDate)
            let due = bestReport[topic.town]?.id == topic.id
                && TopicValue.isReportDue(meetingsSinceReport: input.history.meetingsSinceReport(of: topic.town), every: every)
            return Candidate(topic: topic, value: TopicValue.breakdown(priority: topic.priority, urgent: urgent, reportDue: due,
                                                                         timesDeferred: deferrals.count),
                             timesDeferred: deferrals.count, urgent: urgent, reportDue: due)
        }

        // Pinned first: they must fit.
        let pinned = candidates.filter { settings.pin.contains($0.topic.id) }
        if let giant = pinned.first(where: { $0.topic.minutes > budget }) {
            throw .pinnedTooLong(topic: giant.topic.id, minutes: giant.topic.minutes, budget: max(budget, 0))
        }
        let pinnedMinutes = pinned.map(\.topic.minutes).reduce(0, +)
        if pinnedMinutes > budget {
            throw .pinnedTooMuch(topics: settings.pin.filter { id in pinned.contains { $0.topic.id == id } }, minutes: pinnedMinutes,
                                 budget: max(budget, 0))
        }

        var reasons: [String: Reason] = [:]
        for candidate in pinned { reasons[candidate.topic.id] = .pinned }
        var open: [Candidate] = []
        for candidate in candidates where reasons[candidate.topic.id] == nil {
            let topic = candidate.topic
            if settings.exclude.contains(topic.id) {
                reasons[topic.id] = .excluded
            } else if let deadline = topic.deadline, deadline < meetingDate {
                reasons[topic.id] = .deadlinePassed(deadline)
            } else if topic.minutes > budget {
                reasons[topic.id] = .tooLong(minutes: topic.minutes, budget: max(budget, 0))
            } else {
                open.append(candidate)
            }
        }

        // The knapsack, repaired until no town exceeds its share: the over-share town gives up its
        // topic of least value per minute, and the knapsack runs again without it. Pinned topics
        // are the organizer's explicit choice and do not count against their town's share.
        let townLimit = Int((Double(max(budget, 0)) * settings.maxTownShare).rounded(.down))
        var chosen: [Candidate] = []
        while true {
            chosen = knapsack(open, capacity: budget - pinnedMinutes)
            var perTown: [String: Int] = [:]
            for candidate in chosen { perTown[candidate.topic.town, default: 0] += candidate.topic.minutes }
            let over = chosen.filter { perTown[$0.topic.town, default: 0] > townLimit }
            guard !over.isEmpty else { break }
            // The town most over its limit first; within it the least value per minute.
            let town = over.map(\.topic.town).max { (perTown[$0]!, $1) < (perTown[$1]!, $0) }!
            let victim = over.filter { $0.topic.town == town }.min { a, b in
                (a.value.total * b.topic.minutes, b.topic.id) < (b.value.total * a.topic.minutes, a.topic.id)
            }!
            reasons[victim.topic.id] = .townShare(town: town, share: settings.maxTownShare)
            open.removeAll { $0.topic.id == victim.topic.id }
        }
        let used = pinnedMinutes + chosen.map(\.topic.minutes).reduce(0, +)
        let lowestChosen = chosen.map(\.value.total).min() ?? Int.max
        for candidate in chosen { reasons[candidate.topic.id] = .selected }
        for candidate in open where reasons[candidate.topic.id] == nil {
            reasons[candidate.topic.id] = .noRoom(free: budget - used, outvalued: lowestChosen >= candidate.value.total)
        }

        let decisions = candidates.map { candidate in
            let reason = reasons[candidate.topic.id]!
            return TopicDecision(topic: candidate.topic, included: reason == .pinned || reason == .selected, reason: reason,
                                 value: candidate.value, timesDeferred: candidate.timesDeferred, urgent: candidate.urgent,
                                 reportDue: candidate.reportDue)
        }

        // Towns due to report without a report topic in the backlog (once the network has met).
        var notes: [AgendaNote] = []
        for town in input.towns where !input.history.meetings.isEmpty {
            let since = input.history.meetingsSinceReport(of: town.id)
            guard TopicValue.isReportDue(meetingsSinceReport: since, every: every), bestReport[town.id] == nil else { continue }
            notes.append(.reportDueWithoutTopic(town: town.id, meetingsSinceReport: since))
        }
        return Result(chosen: pinned + chosen, decisions: decisions, notes: notes)
    }

    /// The subset of `candidates` with the greatest total value within `capacity` minutes (exact
    /// dynamic programme over minutes). Among equal totals the candidates of higher value win, then
    /// those created first, so the result is deterministic.
    static func knapsack(_ candidates: [Candidate], capacity: Int) -> [Candidate] {
        guard capacity > 0, !candidates.isEmpty else { return [] }
        // Ties go to the topic waiting longest (created first), then the shorter one.
        let items = candidates.sorted { a, b in
            (b.value.total, a.topic.created, a.topic.minutes, a.topic.id) < (a.value.total, b.topic.created, b.topic.minutes, b.topic.id)
        }
        let width = capacity + 1
        // best[i][c]: the greatest value of items[i...] within c minutes.
        var best = [Int](repeating: 0, count: (items.count + 1) * width)
        for i in stride(from: items.count - 1, through: 0, by: -1) {
            let minutes = items[i].topic.minutes, value = items[i].value.total
            for c in 0...capacity {
                var value0 = best[(i + 1) * width + c]
                if minutes <= c { value0 = max(value0, value + best[(i + 1) * width + c - minutes]) }
                best[i * width + c] = value0
            }
        }
        // Walk forward, taking an item whenever taking it keeps the optimum (earlier items preferred).
        var chosen: [Candidate] = []
        var c = capacity
        for i in items.indices {
            let minutes = items[i].topic.minutes
            if minutes <= c, best[i * width + c] == items[i].value.total + best[(i + 1) * width + c - minutes] {
                chosen.append(items[i])
                c -= minutes
            }
        }
        return chosen
    }
}
