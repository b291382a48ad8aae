import CalendarValues
import ConveneCore
import Holidays
@testable import Scheduling

let berlin = try! CalendarTimeZone(identifier: "Europe/Berlin")

func person(_ id: String, town: String, role: Role = .other, deputy: String? = nil, hours: WorkingHours? = nil,
            away: [DateRange] = []) -> Person {
    Person(id: id, name: id, email: "\(id)@example.org", town: town, role: role, deputy: deputy, calendars: ["calendars/\(id).ics"],
           workingHours: hours, away: away, blackoutCalendars: [])
}

func at(_ local: String) -> Instant { berlin.instant(for: LocalDateTime(iso: local)!) }

func busy(_ spans: (String, String)...) -> [Interval] {
    spans.map { Interval(start: at($0.0), end: at($0.1)) }
}

func meeting(window: String = "2027-04-19..2027-04-23", duration: Int = 120, grid: Int = 60,
             required: [Selector] = [], optional: [Selector] = [.everyone], towns: Representation = .none,
             share: Double = 1) -> Meeting {
    Meeting(id: "m", kind: .plenary, title: "Test", window: DateRange(window)!, durationMinutes: duration, location: "hall",
            hostTown: "a", attendance: AttendancePolicy(required: required, optional: optional, representation: towns,
                                                        minimumTownShare: share),
            gridMinutes: grid, folder: "meetings/m", chosen: nil)
}

let nineToFive = WorkingHours(days: Dictionary(uniqueKeysWithValues: (1...5).map { ($0, ClockTime(minutes: 9 * 60)...ClockTime(minutes: 17 * 60)) }))

func search(_ meeting: Meeting, _ attendees: [Attendee], towns: [String] = ["a", "b"], hours: WorkingHours = nineToFive,
            options: SearchOptions = SearchOptions(limit: 100, perDay: 100), extraDays: Int = 7,
            blackout: [LocalDate: String] = [:]) -> SearchResult {
    SlotSearch.run(SearchInput(meeting: meeting, towns: towns.map { Town(id: $0, name: $0.uppercased()) }, attendees: attendees,
                               zone: berlin, workingHours: hours, holidayRegion: .bw, blackoutDays: blackout, extraDays: extraDays),
                   options: options)
}

extension SearchResult {
    /// Local starts of every feasible slot.
    var feasibleStarts: [String] { feasibleSlots.map { local($0.start) } }

    /// Local starts of the candidates, `2027-04-19T09:00`.
    var starts: [String] {
        candidates.map { local($0.slot.start) }
    }

    func local(_ instant: Instant) -> String {
        let t = berlin.localTime(of: instant)
        return "\(t.date)T\(t.hour < 10 ? "0" : "")\(t.hour):\(t.minute < 10 ? "0" : "")\(t.minute)"
    }
}
