import CalendarSources
import CalendarValues
import ConveneCore
import Foundation
import Testing
@testable import Scheduling

/// Live sources through `CalendarLoader`: what a `CalendarFetching` returns enters the path of a file's
/// bytes (read, cached by content hash); "not modified" reads nothing; a failure is unknown time.
@Suite struct LiveSourceLoadingTests {
    /// Answers from a table, counting what it was asked.
    final class StubFetcher: CalendarFetching, @unchecked Sendable {
        var answers: [String: FetchOutcome] = [:]
        var cachedSeen: [String: Bool] = [:]
        let lock = NSLock()
        func fetch(_ sources: [LiveSource], window: Interval, isCached: @escaping @Sendable (LiveSource, String) -> Bool) -> [LiveSource: FetchOutcome] {
            var result: [LiveSource: FetchOutcome] = [:]
            for source in sources {
                guard let answer = lock.withLock({ answers[source.person] }) else { continue }
                if case .content(let hash, _, _) = answer { lock.withLock { cachedSeen[source.person] = isCached(source, hash) } }
                result[source] = answer
            }
            return result
        }
    }

    static let event = Array("""
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//test//EN\r
        BEGIN:VEVENT\r
        UID:a@test\r
        DTSTAMP:20260101T000000Z\r
        DTSTART;TZID=Europe/Berlin:20270420T090000\r
        DTEND;TZID=Europe/Berlin:20270420T110000\r
        END:VEVENT\r
        END:VCALENDAR\r

        """.utf8)

    func workspace() throws -> (Workspace, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convene-live-\(UUID().uuidString)")
        _ = try WorkspaceTemplate.create(at: root)
        var people = try String(contentsOf: root.appendingPathComponent("people.yaml"), encoding: .utf8)
        people = people.replacingOccurrences(of: "  - id: bretten-ob\n", with: "  - id: bretten-ob\n    calendars: ['https://cal.example.org/private-x/b.ics']\n")
            .replacingOccurrences(of: "  - id: ettlingen-ob\n", with: "  - id: ettlingen-ob\n    calendars: [{caldav: 'https://dav.example.org/e/'}]\n")
        try people.write(to: root.appendingPathComponent("people.yaml"), atomically: true, encoding: .utf8)
        return (try Workspace.load(at: root), root)
    }

    @Test func answersAreReadCachedAndFailuresAreUnknown() throws {
        let (workspace, root) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let meeting = try #require(workspace.meeting("next-plenary"))
        let fetcher = StubFetcher()
        let hash = SHA256.hex(Self.event)
        fetcher.answers["bretten-ob"] = .content(contentHash: hash, bytes: Self.event, notes: [])
        fetcher.answers["ettlingen-ob"] = .failed(Diagnostic(file: "people.yaml", "ettlingen-ob: caldav on dav.example.org: HTTP 500; the time counts as unknown"))
        let planner = try MeetingPlanner(workspace: workspace, calendars: CalendarFileReader(), fetcher: fetcher)
        let (input, warnings) = try planner.input(for: meeting)
        #expect(warnings.map(\.message) == ["ettlingen-ob: caldav on dav.example.org: HTTP 500; the time counts as unknown"])
        let bretten = try #require(input.attendees.first { $0.person.id == "bretten-ob" })
        #expect(bretten.busy.map(\.description) == ["[2027-04-20T07:00:00Z, 2027-04-20T09:00:00Z)"])
        #expect(bretten.unknown.isEmpty && bretten.hasCalendar)
        let ettlingen = try #require(input.attendees.first { $0.person.id == "ettlingen-ob" })
        #expect(ettlingen.busy.isEmpty)
        #expect(ettlingen.unknown.count == 1 && ettlingen.unknown[0].duration > 30 * 86_400, "a failing source is unknown for the window, never free")
        #expect(fetcher.cachedSeen["bretten-ob"] == false)

        // "Not modified": no bytes, the cached busy time of that content hash is used.
        fetcher.answers["bretten-ob"] = .content(contentHash: hash, bytes: nil, notes: [Diagnostic(file: "people.yaml", "age note")])
        let (again, notes) = try planner.input(for: meeting)
        #expect(fetcher.cachedSeen["bretten-ob"] == true)
        #expect(again.attendees.first { $0.person.id == "bretten-ob" }?.busy == bretten.busy)
        #expect(notes.map(\.message).contains("age note"))

        // Not modified but no longer cached (the cache was deleted): unknown, with a warning; never free.
        try FileManager.default.removeItem(at: root.appendingPathComponent(".convene/cache"))
        let (lost, lostWarnings) = try planner.input(for: meeting)
        #expect(lost.attendees.first { $0.person.id == "bretten-ob" }?.busy.isEmpty == true)
        #expect(lost.attendees.first { $0.person.id == "bretten-ob" }?.unknown.isEmpty == false)
        #expect(lostWarnings.contains { $0.message.contains("no longer cached") })
    }

    @Test func withoutAFetcherLiveSourcesAreUnknown() throws {
        let (workspace, root) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let meeting = try #require(workspace.meeting("next-plenary"))
        let (input, warnings) = try MeetingPlanner(workspace: workspace, calendars: CalendarFileReader(), useCache: false).input(for: meeting)
        #expect(input.attendees.first { $0.person.id == "bretten-ob" }?.unknown.isEmpty == false)
        #expect(warnings.count == 2)
        #expect(!warnings.contains { $0.message.contains("private-x") })
    }
}
