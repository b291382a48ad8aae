import CalendarSources
import CalendarValues
import ConveneCore
import Foundation
import Testing
@testable import Scheduling

@Suite struct MeetingPlannerTests {
    /// Blackout calendars block whole days — for everybody (network) or one person — even when
    /// their events are transparent, as published school holidays often are.
    @Test func blackoutCalendarsAndTravelFromTheWorkspace() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convene-planner-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try WorkspaceTemplate.create(at: root)
        func write(_ path: String, _ text: String) throws {
            try Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: root.appendingPathComponent(path))
        }
        let holidays = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//test//EN
            BEGIN:VEVENT
            UID:ferien@test
            DTSTAMP:20260101T000000Z
            DTSTART;VALUE=DATE:20270420
            DTEND;VALUE=DATE:20270422
            TRANSP:TRANSPARENT
            SUMMARY:Osterferien
            END:VEVENT
            END:VCALENDAR

            """
        try write("ferien.ics", holidays)
        try write("closed.ics", holidays.replacingOccurrences(of: "20270420", with: "20270423").replacingOccurrences(of: "20270422", with: "20270424"))
        try write("calendars/bretten-ob.ics", """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//test//EN
            BEGIN:VEVENT
            UID:a@test
            DTSTAMP:20260101T000000Z
            DTSTART;TZID=Europe/Berlin:20270419T083000
            DTEND;TZID=Europe/Berlin:20270419T090000
            END:VEVENT
            END:VCALENDAR

            """)
        var config = try String(contentsOf: root.appendingPathComponent("convene.yaml"), encoding: .utf8)
        config = config.replacingOccurrences(of: "blackout_calendars: []", with: "blackout_calendars: [closed.ics]")
        try config.write(to: root.appendingPathComponent("convene.yaml"), atomically: true, encoding: .utf8)
        var people = try String(contentsOf: root.appendingPathComponent("people.yaml"), encoding: .utf8)
        people = people.replacingOccurrences(of: "    role: main-office\n", with: "    role: main-office\n    blackout_calendars: [ferien.ics]\n")
        try people.write(to: root.appendingPathComponent("people.yaml"), atomically: true, encoding: .utf8)

        let workspace = try Workspace.load(at: root)
        let meeting = try #require(workspace.meeting("next-plenary"))
        let (input, warnings) = try MeetingPlanner(workspace: workspace, calendars: CalendarFileReader(), useCache: false).input(for: meeting)
        #expect(warnings.isEmpty)
        #expect(input.blackoutDays == [LocalDate(iso: "2027-04-23")!: "blackout (closed.ics)"])
        let office = try #require(input.attendees.first { $0.person.id == "ettlingen-main-office" })
        #expect(office.blockedDays == [LocalDate(iso: "2027-04-20")!, LocalDate(iso: "2027-04-21")!])
        let bretten = try #require(input.attendees.first { $0.person.id == "bretten-ob" })
        #expect(bretten.travelMinutes == 30)
        #expect(bretten.busy.count == 1)
        #expect(bretten.hasCalendar)
        #expect(!input.attendees.first { $0.person.id == "ettlingen-ob" }!.hasCalendar)

        let result = SlotSearch.run(input, options: SearchOptions(limit: 50, perDay: 50))
        #expect(result.skippedDays.contains { $0.date == LocalDate(iso: "2027-04-23")! && $0.reason == "blackout (closed.ics)" })
        // Bretten's OB is busy until 09:00 and needs 30 minutes: 08:00 and 08:30 starts are out; 09:30 is the first.
        let monday = result.feasibleSlots.filter { berlin.localTime(of: $0.start).date == LocalDate(iso: "2027-04-19")! }
        #expect(berlin.localTime(of: monday.first!.start).description == "2027-04-19T09:30:00")
    }
}
