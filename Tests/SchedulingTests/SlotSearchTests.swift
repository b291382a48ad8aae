import CalendarValues
import ConveneCore
import Testing
@testable import Scheduling

@Suite struct SlotSearchTests {
    @Test func gridInsideWorkingHours() {
        let result = search(meeting(window: "2027-04-19..2027-04-19"), [Attendee(person: person("p", town: "a"), busy: [])])
        // 09:00 … 15:00 starts for a 2-hour meeting in 09–17 on a 60-minute grid.
        #expect(result.slotCount == 7)
        #expect(Set(result.feasibleStarts) == Set((9...15).map { "2027-04-19T\($0 < 10 ? "0" : "")\($0):00" }))
    }

    @Test func busyAndTravelBuffer() {
        let p = Attendee(person: person("p", town: "a"), busy: busy(("2027-04-19T08:00", "2027-04-19T09:45")), travelMinutes: 30)
        let result = search(meeting(window: "2027-04-19..2027-04-19", duration: 60), [p])
        let byStart = Dictionary(uniqueKeysWithValues: result.candidates.map { (berlin.localTime(of: $0.slot.start).hour, $0) })
        #expect(byStart[9]?.unavailable == [Unavailability(person: "p", reason: .busy)])
        #expect(byStart[10]?.unavailable == [Unavailability(person: "p", reason: .travel)])
        #expect(byStart[11]?.unavailable == [])
    }

    @Test func personalWorkingHoursAbsenceAndBlackout() {
        let partTime = WorkingHours(days: [1: ClockTime(minutes: 9 * 60)...ClockTime(minutes: 13 * 60)])
        let a = Attendee(person: person("a", town: "a", hours: partTime), busy: [])
        let b = Attendee(person: person("b", town: "a", away: [DateRange("2027-04-20")!]), busy: [])
        let c = Attendee(person: person("c", town: "b"), busy: [], blockedDays: [LocalDate(iso: "2027-04-21")!])
        let result = search(meeting(window: "2027-04-19..2027-04-21", duration: 60), [a, b, c])
        func reasons(_ start: String) -> [Unavailability] { result.candidates.first { c in result.starts[result.candidates.firstIndex(of: c)!] == start }!.unavailable }
        #expect(reasons("2027-04-19T09:00") == [])
        #expect(reasons("2027-04-19T12:00") == [])
        #expect(reasons("2027-04-19T13:00") == [Unavailability(person: "a", reason: .outsideHours)])
        #expect(reasons("2027-04-20T09:00") == [Unavailability(person: "a", reason: .outsideHours), Unavailability(person: "b", reason: .absent)])
        #expect(reasons("2027-04-21T09:00").contains(Unavailability(person: "c", reason: .holiday)))
    }

    /// Issue 10: unknown is not free. A person whose time no data covers is `no-data`: never attending, half the
    /// weight of a free person, and no hard rule broken (they may well be free).
    @Test func unknownTimeIsNotFreeButBreaksNoRule() {
        let window = Interval(start: berlin.instant(for: LocalDateTime(iso: "2027-04-19T00:00")!),
                              end: berlin.instant(for: LocalDateTime(iso: "2027-04-20T00:00")!))
        let known = Attendee(person: person("p", town: "a"), busy: [])
        let unknown = Attendee(person: person("q", town: "a"), busy: [], hasCalendar: false, unknown: [window])
        var required = meeting(window: "2027-04-19..2027-04-19", duration: 60)
        required.attendance.required = [.person("q")]
        let result = search(required, [known, unknown])
        #expect(result.feasibleCount == result.slotCount, "an unknown required person blocks nothing")
        let candidate = result.candidates[0]
        #expect(candidate.attending == ["p"])
        #expect(candidate.unavailable == [Unavailability(person: "q", reason: .noData)])
        let allFree = search(required, [known, Attendee(person: person("q", town: "a"), busy: [])])
        // 0.4·(0.5 − 1) + 0.2·(1.5/2 − 1) = −0.25 against the same slot with q free.
        #expect(abs((allFree.candidates[0].score - candidate.score) - 0.25) < 0.0015, "\(allFree.candidates[0].score) vs \(candidate.score)")
        // Only part of the day unknown: the rest is free as usual; busy wins over unknown.
        let morning = Interval(start: berlin.instant(for: LocalDateTime(iso: "2027-04-19T09:00")!),
                               end: berlin.instant(for: LocalDateTime(iso: "2027-04-19T12:00")!))
        let partly = Attendee(person: person("q", town: "a"), busy: busy(("2027-04-19T09:00", "2027-04-19T10:00")), unknown: [morning])
        let mixed = search(required, [known, partly])
        let byHour = Dictionary(uniqueKeysWithValues: mixed.candidates.map { (berlin.localTime(of: $0.slot.start).hour, $0) })
        #expect(byHour[9]?.unavailable == nil || byHour[9]?.unavailable == [Unavailability(person: "q", reason: .busy)])
        #expect(byHour[11]?.unavailable == [Unavailability(person: "q", reason: .noData)])
        #expect(byHour[13]?.unavailable == [])
    }

    @Test func daylightSavingDay() {
        // Working hours on Sunday 2027-03-28, the day clocks go from 02:00 to 03:00.
        let sunday = WorkingHours(days: [7: ClockTime(minutes: 0)...ClockTime(minutes: 6 * 60)])
        let result = search(meeting(window: "2027-03-28..2027-03-28", duration: 60), [Attendee(person: person("p", town: "a"), busy: [])],
                            hours: sunday)
        let utc = result.candidates.map(\.slot).sorted().map { "\($0.start.rfc3339)/\($0.duration / 60)" }
        // 01:00 CET = 00:00Z; 02:00 does not exist and is read as 03:00 CEST (01:00Z) by libical; 03:00 CEST = 01:00Z.
        #expect(utc.first == "2027-03-27T23:00:00Z/60")
        #expect(utc.contains("2027-03-28T03:00:00Z/60")) // 05:00 CEST
        #expect(result.candidates.allSatisfy { $0.slot.duration >= 0 })
    }

    @Test func holidaysAreNeverProposedAndBridgeDaysRankLower() {
        let result = search(meeting(window: "2027-05-05..2027-05-10", duration: 120, grid: 60), [Attendee(person: person("p", town: "a"), busy: [])])
        #expect(!result.candidates.contains { $0.date == LocalDate(iso: "2027-05-06")! })
        #expect(result.skippedDays.map(\.date) == [LocalDate(iso: "2027-05-06")!])
        let bridge = result.candidates.filter { $0.date == LocalDate(iso: "2027-05-07")! }
        #expect(!bridge.isEmpty)
        #expect(bridge.allSatisfy { $0.notes.contains("bridge day") })
        let best = result.candidates.first!
        #expect(best.date != LocalDate(iso: "2027-05-07")!)
        #expect(bridge.map(\.score).max()! < result.candidates.filter { $0.date == LocalDate(iso: "2027-05-05")! }.map(\.score).max()!)
    }

    @Test func blackoutDays() {
        let result = search(meeting(window: "2027-04-19..2027-04-20"), [Attendee(person: person("p", town: "a"), busy: [])],
                            blackout: [LocalDate(iso: "2027-04-19")!: "blackout (closed.ics)"])
        #expect(result.candidates.allSatisfy { $0.date == LocalDate(iso: "2027-04-20")! })
        #expect(result.skippedDays.map(\.reason) == ["blackout (closed.ics)"])
    }

    @Test func requiredPeopleFilter() {
        let boss = Attendee(person: person("boss", town: "a"), busy: busy(("2027-04-19T00:00", "2027-04-19T13:00")))
        let other = Attendee(person: person("other", town: "b"), busy: busy(("2027-04-19T00:00", "2027-04-20T00:00")))
        let result = search(meeting(window: "2027-04-19..2027-04-19", required: [.person("boss")]), [boss, other])
        #expect(result.feasibleStarts == ["2027-04-19T13:00", "2027-04-19T14:00", "2027-04-19T15:00"])
        #expect(result.candidates.allSatisfy { $0.unavailable == [Unavailability(person: "other", reason: .busy)] })
    }

    @Test func townRepresentationByOBOrDeputy() {
        let obA = Attendee(person: person("ob-a", town: "a", role: .ob, deputy: "dep-a"), busy: busy(("2027-04-19T00:00", "2027-04-20T00:00")))
        let deputyA = Attendee(person: person("dep-a", town: "a", role: .mainOffice), busy: busy(("2027-04-19T09:00", "2027-04-19T12:00")))
        let itA = Attendee(person: person("it-a", town: "a", role: .it), busy: [])
        let obB = Attendee(person: person("ob-b", town: "b", role: .ob), busy: [])
        let m = meeting(window: "2027-04-19..2027-04-19", optional: [.everyone], towns: .obOrDeputy)
        let result = search(m, [obA, deputyA, itA, obB])
        // Town a is represented only when the deputy is free (the IT head does not count).
        #expect(result.feasibleStarts == ["2027-04-19T12:00", "2027-04-19T13:00", "2027-04-19T14:00", "2027-04-19T15:00"])
        #expect(result.candidates.allSatisfy { $0.townsMissing.isEmpty })
        // With "anyone", the IT head represents town a all day.
        let anyone = search(meeting(window: "2027-04-19..2027-04-19", towns: .anyone), [obA, deputyA, itA, obB])
        #expect(anyone.feasibleCount == 7)
        // With half the towns enough, town a may be missing.
        let half = search(meeting(window: "2027-04-19..2027-04-19", towns: .obOrDeputy, share: 0.5), [obA, deputyA, itA, obB])
        #expect(half.feasibleCount == 7)
        #expect(half.candidates.first { $0.townsMissing == ["a"] } != nil)
    }

    @Test func rankingPrefersMorePeopleAndDiversifies() {
        let a = Attendee(person: person("a", town: "a"), busy: busy(("2027-04-19T09:00", "2027-04-19T11:00")))
        let b = Attendee(person: person("b", town: "b"), busy: [])
        let result = search(meeting(window: "2027-04-19..2027-04-21"), [a, b], options: SearchOptions(limit: 5, perDay: 1))
        #expect(Set(result.candidates.map(\.date)).count == result.candidates.count)
        #expect(result.candidates.count == 3)
        let scores = result.candidates.map(\.score)
        #expect(scores == scores.sorted(by: >))
        let full = search(meeting(window: "2027-04-19..2027-04-19"), [a, b])
        #expect(full.candidates.first!.attending == ["a", "b"])
        #expect(full.candidates.last!.attending.count == 1)
    }

    @Test func nothingFitsExplainsAndRelaxes() {
        let boss = Attendee(person: person("boss", town: "a"), busy: busy(("2027-04-19T00:00", "2027-04-24T00:00")))
        let obB = Attendee(person: person("ob-b", town: "b", role: .ob), busy: busy(("2027-04-19T00:00", "2027-04-21T00:00")))
        let obA = Attendee(person: person("ob-a", town: "a", role: .ob), busy: [])
        let m = meeting(window: "2027-04-19..2027-04-23", required: [.person("boss")], towns: .obOrDeputy)
        let result = search(m, [boss, obA, obB])
        #expect(result.candidates.isEmpty)
        #expect(result.feasibleCount == 0)
        #expect(result.blockers.first == Blocker(rule: .requiredPerson("boss"), blockedSlots: 35))
        #expect(result.blockers.contains(Blocker(rule: .town("b"), blockedSlots: 14)))
        // Making the boss optional frees Wed–Fri (21 slots); a week more gives the next week (35).
        #expect(result.relaxations.contains(Relaxation(change: .personOptional("boss"), candidates: 21)))
        #expect(result.relaxations.first == Relaxation(change: .windowLonger(days: 7), candidates: 35))
    }

    @Test func votesRerank() {
        let a = Attendee(person: person("a", town: "a", role: .ob), busy: [])
        let b = Attendee(person: person("b", town: "b", role: .ob), busy: [])
        let nine = at("2027-04-19T09:00"), ten = at("2027-04-19T10:00")
        let votes: [String: [Instant: Vote]] = ["a": [nine: .no, ten: .yes], "b": [nine: .yes, ten: .ifNeedBe]]
        let result = search(meeting(window: "2027-04-19..2027-04-19", towns: .obOrDeputy), [a, b],
                            options: SearchOptions(limit: 10, perDay: 10, votes: votes, onlyVotedSlots: true))
        // 09:00 loses town a (its OB said no); only 10:00 remains, with its votes.
        #expect(result.slotCount == 2)
        #expect(result.starts == ["2027-04-19T10:00"])
        #expect(result.candidates.first?.votes == ["a": .yes, "b": .ifNeedBe])
    }
}
