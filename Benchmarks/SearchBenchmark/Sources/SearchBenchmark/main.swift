import ConveneCore
import Foundation
import ICalendar
import Scheduling

/// Deterministic pseudo-random numbers (SplitMix64): the same network every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let zone = try! CalendarTimeZone(identifier: "Europe/Berlin")
let first = LocalDate(iso: "2027-03-01")!
let windowDays = 90

/// `people` invitees in 9 towns (one OB each, the rest staff), each with `intervals` busy
/// intervals of 30 minutes to 3 hours on working days inside the window.
func input(people: Int, intervals: Int) -> SearchInput {
    var rng = SplitMix(state: 42)
    let towns = (0..<9).map { Town(id: "town-\($0)", name: "Town \($0)") }
    var attendees: [Attendee] = []
    for index in 0..<people {
        let town = towns[index % towns.count]
        let role: Role = index < towns.count ? .ob : .other
        var busy: [Interval] = []
        for _ in 0..<intervals {
            let day = first.adding(days: Int.random(in: 0..<windowDays, using: &rng))
            let start = zone.instant(for: LocalDateTime(date: day, hour: Int.random(in: 7...17, using: &rng), minute: 15 * Int.random(in: 0...3, using: &rng)))
            busy.append(Interval(start: start, end: start + Int64(30 * 60 * Int.random(in: 1...6, using: &rng))))
        }
        attendees.append(Attendee(person: Person(id: "p\(index)", name: "P \(index)", email: "p\(index)@example.org", town: town.id, role: role),
                                  busy: Interval.merged(busy), travelMinutes: 15 * (index % 4)))
    }
    let meeting = Meeting(id: "bench", kind: .plenary, title: "Benchmark", window: DateRange(first: first, last: first.adding(days: windowDays - 1)),
                          durationMinutes: 120, location: "hall", hostTown: "town-0",
                          attendance: AttendancePolicy(required: [], optional: [.everyone], representation: .obOrDeputy, minimumTownShare: 0.5),
                          gridMinutes: 15, folder: "meetings/bench")
    return SearchInput(meeting: meeting, towns: towns, attendees: attendees, zone: zone, workingHours: .standard, holidayRegion: .bw, extraDays: 0)
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let arguments = CommandLine.arguments.dropFirst()
let sizes = arguments.isEmpty ? [10, 100, 1_000, 10_000] : arguments.compactMap { Int($0) }
print("people  busy/person  slots  feasible  median_ms  min_ms  us_per_person")
for size in sizes {
    let data = input(people: size, intervals: 100)
    let repetitions = size >= 10_000 ? 5 : 11
    var times: [Double] = []
    var result: SearchResult?
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        result = SlotSearch.run(data, options: SearchOptions(limit: 10, perDay: 2))
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    let m = median(times)
    print(String(format: "%6d  %11d  %5d  %8d  %9.2f  %6.2f  %13.2f", size, 100, result!.slotCount, result!.feasibleCount, m,
                 times.min()!, m * 1000 / Double(size)))
}
