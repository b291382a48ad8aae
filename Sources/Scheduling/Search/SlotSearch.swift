import CalendarValues
import ConveneCore
import Dispatch
import Holidays

/// Busy time and blocked days of one invitee.
public struct Attendee: Sendable {
    public var person: Person
    /// Sorted, merged.
    public var busy: [Interval]
    public var blockedDays: Set<LocalDate>
    public var hasCalendar: Bool
    /// Minutes from the person's town to the meeting location, each way.
    public var travelMinutes: Int
    /// Sorted, merged: time no data of the person speaks for (not known to be free). Without a calendar at all,
    /// every slot is unknown.
    public var unknown: [Interval]

    public init(person: Person, busy: [Interval], blockedDays: Set<LocalDate> = [], hasCalendar: Bool = true, travelMinutes: Int = 0,
                unknown: [Interval] = []) {
        self.unknown = unknown
        self.person = person
        self.busy = busy
        self.blockedDays = blockedDays
        self.hasCalendar = hasCalendar
        self.travelMinutes = travelMinutes
    }
}

/// Everything the search needs, already loaded: no I/O happens in here.
public struct SearchInput: Sendable {
    public var meeting: Meeting
    public var towns: [Town]
    public var attendees: [Attendee]
    public var zone: CalendarTimeZone
    public var workingHours: WorkingHours
    public var holidayRegion: GermanState
    /// Network-wide blackout days with a reason (`Sommerferien`, …).
    public var blackoutDays: [LocalDate: String]
    /// Days after the window that may be searched for the "window longer" relaxation.
    public var extraDays: Int

    public init(meeting: Meeting, towns: [Town], attendees: [Attendee], zone: CalendarTimeZone, workingHours: WorkingHours,
                holidayRegion: GermanState, blackoutDays: [LocalDate: String] = [:], extraDays: Int = 7) {
        self.meeting = meeting
        self.towns = towns
        self.attendees = attendees
        self.zone = zone
        self.workingHours = workingHours
        self.holidayRegion = holidayRegion
        self.blackoutDays = blackoutDays
        self.extraDays = extraDays
    }
}

public struct SearchOptions: Sendable {
    /// Length of the top list.
    public var limit: Int
    /// At most this many candidates per day in the top list.
    public var perDay: Int
    /// Poll votes (person → slot start → vote), from `poll tally`.
    public var votes: [String: [Instant: Vote]]

    /// Rank only the slots that received votes (the polled holds).
    public var onlyVotedSlots: Bool

    /// The open holds of a poll that was sent (slot start → option number). A feasible polled slot ranks before
    /// every slot the poll did not ask about — people hold those times in their calendars and answered for them —
    /// so an unpolled neighbour (overlapping, with no "if need be" to cost it) never pushes a polled one out of the
    /// list; among themselves polled slots rank by score, votes included, and the rest follow by score.
    public var polled: [Instant: Int]

    /// Slots starting before this instant (now) are not examined: a meeting cannot be held in the past.
    public var notBefore: Instant?

    public init(limit: Int = 10, perDay: Int = 2, votes: [String: [Instant: Vote]] = [:], onlyVotedSlots: Bool = false,
                notBefore: Instant? = nil, polled: [Instant: Int] = [:]) {
        self.polled = polled
        self.notBefore = notBefore
        self.limit = limit
        self.perDay = perDay
        self.votes = votes
        self.onlyVotedSlots = onlyVotedSlots
    }
}

/// Finds and ranks slots for a meeting. Hard rules (required people, town representation) filter;
/// attendance shares and preferences rank (weights in `Preferences`).
public enum SlotSearch {
    public static func run(_ input: SearchInput, options: SearchOptions = SearchOptions()) -> SearchResult {
        let meeting = input.meeting
        let policy = meeting.attendance
        let people = input.attendees.map(\.person)
        let requiredIndices = people.indices.filter { i in policy.required.contains { $0.matches(people[i], hostTown: meeting.hostTown) } }
        // For each town: the attendee indices that represent it under the rule.
        // Deputies of each town's OB (town id → person ids), computed once: O(people).
        var obDeputies: [String: Set<String>] = [:]
        for p in people where p.role == .ob { if let deputy = p.deputy { obDeputies[p.town, default: []].insert(deputy) } }
        var byTown: [String: [Int]] = [:]
        for i in people.indices {
            let p = people[i]
            let represents: Bool
            switch policy.representation {
            case .none: represents = false
            case .anyone: represents = true
            case .obOrDeputy: represents = p.role == .ob || obDeputies[p.town]?.contains(p.id) == true
            }
            if represents { byTown[p.town, default: []].append(i) }
        }
        let representatives: [[Int]] = input.towns.map { byTown[$0.id] ?? [] }
        let keyPeople = Set(requiredIndices + representatives.flatMap { $0 })

        var frames: [Frame] = []
        var skipped: [(LocalDate, String)] = []
        let lastDay = meeting.window.last.adding(days: input.extraDays)
        var date = meeting.window.first
        while date <= lastDay {
            defer { date = date.adding(days: 1) }
            let inWindow = date <= meeting.window.last
            if let holiday = PublicHolidays.holiday(on: date, region: input.holidayRegion) {
                if inWindow && input.workingHours.hours(on: date) != nil { skipped.append((date, holiday)) }
                continue
            }
            if let reason = input.blackoutDays[date] {
                if inWindow { skipped.append((date, reason)) }
                continue
            }
            guard let hours = input.workingHours.hours(on: date) else { continue }
            let grid = meeting.gridMinutes
            var start = (hours.lowerBound.minutes + grid - 1) / grid * grid
            while start + meeting.durationMinutes <= hours.upperBound.minutes {
                let end = start + meeting.durationMinutes
                let interval = Interval(start: input.zone.instant(for: local(date, start)), end: input.zone.instant(for: local(date, end)))
                if options.notBefore.map({ interval.start >= $0 }) ?? true {
                    frames.append(Frame(date: date, startMinute: start, endMinute: end, interval: interval, inWindow: inWindow))
                }
                start += grid
            }
        }
        let matrix = reasonMatrix(frames, input: input, votes: options.votes)
        let slots = frames.enumerated().map { index, frame in
            Slot(date: frame.date, startMinute: frame.startMinute, endMinute: frame.endMinute, interval: frame.interval,
                 reasons: ReasonRow(storage: matrix, base: index * people.count, count: people.count), inWindow: frame.inWindow)
        }

        // Hard rules ask whether someone can come: free, or unknown (which may be free). Scores tell them apart.
        func represented(_ slot: Slot, _ town: Int) -> Bool {
            representatives[town].contains { slot.reasons.isPossible($0) }
        }
        func feasible(_ slot: Slot, optionalPerson: Int? = nil, optionalTown: Int? = nil) -> Bool {
            for i in requiredIndices where i != optionalPerson && !slot.reasons.isPossible(i) { return false }
            guard policy.representation != .none, !input.towns.isEmpty else { return true }
            var count = 0, needed = input.towns.count
            for t in input.towns.indices {
                if t == optionalTown { needed -= 1; continue }
                if represented(slot, t) { count += 1 }
            }
            return needed == 0 || Double(count) / Double(needed) >= policy.minimumTownShare - 1e-9
        }

        let votedStarts = Set(options.votes.values.flatMap(\.keys))
        let windowSlots = slots.filter { $0.inWindow && (!options.onlyVotedSlots || votedStarts.contains($0.interval.start)) }
        var scored: [(score: Double, slot: Int)] = []
        var grid: [GridCell] = []
        grid.reserveCapacity(windowSlots.count)
        let keyList = Array(keyPeople)
        for (index, slot) in windowSlots.enumerated() {
            let ok = feasible(slot)
            var keyFree = 0.0
            for k in keyList { keyFree += slot.reasons.availability(k) }
            let free = keyList.isEmpty ? (people.isEmpty ? 1 : slot.reasons.availableCount / Double(people.count))
                : keyFree / Double(keyList.count)
            grid.append(GridCell(date: slot.date, startMinute: slot.startMinute, freeShare: free, feasible: ok))
            if ok { scored.append((score(slot, input: input, requiredIndices: requiredIndices, representatives: representatives,
                                         votes: options.votes).score, index)) }
        }
        // Polled slots first (see `SearchOptions.polled`), then by score, then the earlier.
        let polled = options.polled
        scored.sort { a, b in
            let startA = windowSlots[a.slot].interval.start, startB = windowSlots[b.slot].interval.start
            let polledA = polled[startA] != nil, polledB = polled[startB] != nil
            if polledA != polledB { return polledA }
            return (a.score, startB) > (b.score, startA)
        }
        var top: [Candidate] = []
        var perDay: [LocalDate: Int] = [:]
        for (_, index) in scored where top.count < options.limit {
            let slot = windowSlots[index]
            guard perDay[slot.date, default: 0] < options.perDay else { continue }
            // Diversify within a day too: no two overlapping candidates.
            guard !top.contains(where: { $0.slot.overlaps(slot.interval) }) else { continue }
            perDay[slot.date, default: 0] += 1
            var chosen = candidate(slot, input: input, requiredIndices: requiredIndices, representatives: representatives,
                                   votes: options.votes)
            chosen.pollOption = polled[slot.interval.start]
            top.append(chosen)
        }
        let feasibleSlots = scored.map { windowSlots[$0.slot].interval }.sorted()
        let ranked = scored

        var blockers: [Blocker] = []
        var relaxations: [Relaxation] = []
        if ranked.isEmpty {
            for i in requiredIndices {
                let blocked = windowSlots.filter { !$0.reasons.isPossible(i) }.count
                if blocked > 0 { blockers.append(Blocker(rule: .requiredPerson(people[i].id), blockedSlots: blocked)) }
                let count = windowSlots.filter { feasible($0, optionalPerson: i) }.count
                if count > 0 { relaxations.append(Relaxation(change: .personOptional(people[i].id), candidates: count)) }
            }
            if policy.representation != .none {
                for t in input.towns.indices {
                    let blocked = windowSlots.filter { !represented($0, t) }.count
                    if blocked > 0 { blockers.append(Blocker(rule: .town(input.towns[t].id), blockedSlots: blocked)) }
                    let count = windowSlots.filter { feasible($0, optionalTown: t) }.count
                    if count > 0 { relaxations.append(Relaxation(change: .townOptional(input.towns[t].id), candidates: count)) }
                }
            }
            if input.extraDays > 0 {
                let count = slots.filter { !$0.inWindow && feasible($0) }.count
                if count > 0 { relaxations.append(Relaxation(change: .windowLonger(days: input.extraDays), candidates: count)) }
            }
            blockers.sort { $0.blockedSlots > $1.blockedSlots }
            relaxations.sort { $0.candidates > $1.candidates }
        }

        return SearchResult(meeting: meeting, candidates: top, feasibleCount: ranked.count, feasibleSlots: feasibleSlots,
                            slotCount: windowSlots.count,
                            skippedDays: skipped, blockers: blockers, relaxations: relaxations,
                            withoutCalendar: input.attendees.filter { !$0.hasCalendar }.map(\.person.id), grid: grid,
                            polled: !polled.isEmpty)
    }

    /// Where and when a slot is, before anyone's availability is known.
    private struct Frame {
        var date: LocalDate
        var startMinute: Int
        var endMinute: Int
        var interval: Interval
        var inWindow: Bool
    }

    /// Why each attendee cannot come to each slot: `matrix[slot * attendees + attendee]`, 0 = can.
    /// One sweep per attendee over the slots in time order with running indices into their busy
    /// intervals — O(slots + busy) per person instead of a search per slot. The sweeps are independent (each
    /// writes its own column), so they run on every core.
    private static func reasonMatrix(_ frames: [Frame], input: SearchInput, votes: [String: [Instant: Vote]]) -> [UInt8] {
        let n = input.attendees.count
        var matrix = [UInt8](repeating: 0, count: frames.count * n)
        matrix.withUnsafeMutableBufferPointer { cells in
            let column = ReasonColumns(cells: cells)
            DispatchQueue.concurrentPerform(iterations: n) { i in
                sweep(frames, attendee: input.attendees[i], votes: votes[input.attendees[i].person.id]) { s, code in column.set(s * n + i, code) }
            }
        }
        return matrix
    }

    /// The matrix's cells as the sweeps write them: each cell by one sweep only.
    private struct ReasonColumns: @unchecked Sendable {
        let cells: UnsafeMutableBufferPointer<UInt8>
        func set(_ index: Int, _ code: UInt8) { cells[index] = code }
    }

    /// One attendee's sweep over the slots: `mark(slot, code)` for every slot they cannot come to.
    private static func sweep(_ frames: [Frame], attendee: Attendee, votes personVotes: [Instant: Vote]?, mark: (Int, UInt8) -> Void) {
        let busy = attendee.busy
        let buffer = Int64(attendee.travelMinutes) * 60
        let unknown = attendee.unknown
        // Read once per person, not per slot (each read of the person copies what it holds).
        let away = attendee.person.away, blockedDays = attendee.blockedDays, personHours = attendee.person.workingHours
        var b = 0, t = 0, u = 0
        var currentDate: LocalDate?
        var dayReason: UnavailableReason?
        var hours: ClosedRange<ClockTime>?
        for (s, frame) in frames.enumerated() {
            if frame.date != currentDate {
                currentDate = frame.date
                dayReason = away.contains { $0.contains(frame.date) } ? .absent
                    : blockedDays.contains(frame.date) ? .holiday : nil
                hours = personHours?.hours(on: frame.date)
            }
            var reason = dayReason
            if reason == nil, personHours != nil,
               !(hours.map { $0.lowerBound.minutes <= frame.startMinute && frame.endMinute <= $0.upperBound.minutes } ?? false) {
                reason = .outsideHours
            }
            if reason == nil {
                while b < busy.count && busy[b].end <= frame.interval.start { b += 1 }
                if b < busy.count && busy[b].start < frame.interval.end {
                    reason = .busy
                } else if buffer > 0 {
                    let start = frame.interval.start - buffer
                    while t < busy.count && busy[t].end <= start { t += 1 }
                    if t < busy.count && busy[t].start < frame.interval.end + buffer { reason = .travel }
                }
            }
            // A "no" in a poll counts like any other reason not to come.
            if reason == nil, personVotes?[frame.interval.start] == Vote.no { reason = .declined }
            // Known reasons win; what is left is free only where some data speaks for the time.
            if reason == nil {
                while u < unknown.count && unknown[u].end <= frame.interval.start { u += 1 }
                if u < unknown.count && unknown[u].start < frame.interval.end { reason = .noData }
            }
            if let reason { mark(s, reason.code) }
        }
    }

    /// One slot's row of the reason matrix (shares the matrix's storage, copies nothing).
    struct ReasonRow {
        let storage: [UInt8]
        let base: Int
        let count: Int
        subscript(i: Int) -> UnavailableReason? { UnavailableReason.decode(storage[base + i]) }
        @inline(__always) func isFree(_ i: Int) -> Bool { storage[base + i] == 0 }
        /// Free, or unknown (no data): may come; a hard rule is not broken.
        @inline(__always) func isPossible(_ i: Int) -> Bool { storage[base + i] == 0 || storage[base + i] == Self.noData }
        /// 1 for free, `Preferences.unknownShare` for unknown, 0 otherwise.
        @inline(__always) func availability(_ i: Int) -> Double {
            storage[base + i] == 0 ? 1 : storage[base + i] == Self.noData ? Preferences.unknownShare : 0
        }
        /// Free people plus unknown ones at their share.
        var availableCount: Double {
            var total = 0.0
            for k in base..<(base + count) {
                if storage[k] == 0 { total += 1 } else if storage[k] == Self.noData { total += Preferences.unknownShare }
            }
            return total
        }
        static let noData = UnavailableReason.noData.code
    }

    private struct Slot {
        var date: LocalDate
        var startMinute: Int
        var endMinute: Int
        var interval: Interval
        /// Per attendee (input order): why they cannot come, or nil.
        var reasons: ReasonRow
        var inWindow: Bool
    }

    private static func local(_ date: LocalDate, _ minute: Int) -> LocalDateTime {
        minute >= 24 * 60 ? LocalDateTime(date: date.adding(days: 1)) : LocalDateTime(date: date, hour: minute / 60, minute: minute % 60)
    }

    /// Score and preference notes of a feasible slot (counts only: cheap enough for every slot).
    private static func score(_ slot: Slot, input: SearchInput, requiredIndices: [Int], representatives: [[Int]],
                              votes: [String: [Instant: Vote]]) -> (score: Double, notes: [String]) {
        let reasons = slot.reasons
        let policy = input.meeting.attendance
        var requiredFree = 0.0
        for i in requiredIndices { requiredFree += reasons.availability(i) }
        let requiredShare = requiredIndices.isEmpty ? 1 : requiredFree / Double(requiredIndices.count)
        // A town counts by its best representative: 1 when one is free, the unknown share when only unknown ones are.
        var townsPresent = 0.0
        if policy.representation != .none {
            for town in representatives {
                var best = 0.0
                for i in town { best = max(best, reasons.availability(i)) }
                townsPresent += best
            }
        }
        let townShare = policy.representation == .none || input.towns.isEmpty ? 1 : townsPresent / Double(input.towns.count)
        let peopleShare = reasons.count == 0 ? 1 : reasons.availableCount / Double(reasons.count)
        let penalties = Preferences.penalties(date: slot.date, start: slot.startMinute, end: slot.endMinute, region: input.holidayRegion)
        var preference = max(0, 1 - penalties.reduce(0) { $0 + $1.weight })
        if !votes.isEmpty {
            // Votes: "if need be" counts a little against the preference, "yes" nothing.
            let hedged = input.attendees.filter { votes[$0.person.id]?[slot.interval.start] == .ifNeedBe }.count
            preference = max(0, preference - 0.05 * Double(hedged))
        }
        let w = Preferences.weights
        let score = w.required * requiredShare + w.towns * townShare + w.people * peopleShare + w.preference * preference
        return ((score * 1000).rounded() / 1000, penalties.map(\.note))
    }

    private static func candidate(_ slot: Slot, input: SearchInput, requiredIndices: [Int], representatives: [[Int]],
                                  votes: [String: [Instant: Vote]]) -> Candidate {
        let (score, notes) = self.score(slot, input: input, requiredIndices: requiredIndices, representatives: representatives, votes: votes)
        let missingTowns = input.meeting.attendance.representation == .none ? [] : input.towns.indices.filter { t in
            !representatives[t].contains { slot.reasons.isPossible($0) }
        }
        var slotVotes: [String: Vote] = [:]
        for attendee in input.attendees {
            if let vote = votes[attendee.person.id]?[slot.interval.start] { slotVotes[attendee.person.id] = vote }
        }
        // One pass over the slot's row, the ids read in place (no copy of every person per candidate).
        var attending: [String] = [], unavailable: [Unavailability] = []
        for i in input.attendees.indices {
            if let reason = slot.reasons[i] {
                unavailable.append(Unavailability(person: input.attendees[i].person.id, reason: reason))
            } else {
                attending.append(input.attendees[i].person.id)
            }
        }
        return Candidate(slot: slot.interval, date: slot.date, score: score, attending: attending, unavailable: unavailable,
                         townsMissing: missingTowns.map { input.towns[$0].id }, notes: notes, votes: slotVotes)
    }
}
