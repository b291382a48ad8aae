import CalendarValues
import Foundation
import SampleSupport
import Testing
@testable import ConveneCore

/// `calendars:` entries in people.yaml: files, feed URLs, `{caldav: URL}` — and the problems, which
/// name the line and never the URL (it may hold a secret).
@Suite struct CalendarLocationTests {
    /// The sample with `bretten-ob`'s calendars replaced by `entries` (YAML lines under `calendars:`).
    func load(_ entries: String) throws -> Result<Workspace, WorkspaceErrors> {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        let people = try sample.read("people.yaml")
        try sample.write("people.yaml", people.replacingOccurrences(of: "  - id: bretten-ob\n", with: "  - id: bretten-ob\n    calendars:\n\(entries)"))
        do throws(WorkspaceErrors) { return .success(try Workspace.load(at: sample.root)) } catch { return .failure(error) }
    }

    @Test func everyKindOfSource() throws {
        let workspace = try load("""
                  - calendars/bretten-ob.ics
                  - https://cal.example.org/feeds/private-abc/basic.ics
                  - webcal://outlook.example.com/owa/calendar/secret123/calendar.ics
                  - {caldav: 'https://dav.example.net/cal/bretten/', read: events}
                  - {caldav: 'http://127.0.0.1:5232/u/c/'}
                  - {url: 'http://intranet.example/feed.ics', insecure: true}

            """).get()
        let person = try #require(workspace.person("bretten-ob"))
        #expect(person.sources.map(\.kind) == ["file", "ics-url", "ics-url", "caldav", "caldav", "ics-url"])
        #expect(person.calendars == ["calendars/bretten-ob.ics"])
        #expect(person.sources[2].url?.scheme == "https", "webcal:// is read as https://")
        #expect(person.sources[3] == .caldav(URL(string: "https://dav.example.net/cal/bretten/")!, read: .events))
        #expect(person.sources.map(\.host) == ["calendars/bretten-ob.ics", "cal.example.org", "outlook.example.com", "dav.example.net",
                                               "127.0.0.1", "intranet.example"])
        // Keys and messages never carry the URL's path.
        for source in person.sources.dropFirst() {
            #expect(!source.key.contains("private") && !source.display.contains("secret"))
        }
    }

    @Test func problemsNameTheLineNotTheURL() throws {
        guard case .failure(let errors) = try load("""
                  - http://calendar.example.org/private-s3cr3t/basic.ics
                  - https://user:pa55@cal.example.org/private-s3cr3t/x.ics
                  - ftp://files.example.org/private-s3cr3t.ics
                  - {caldav: 'https://dav.example.net/private-s3cr3t/', insecure: true}
                  - {caldav: 'https://dav.example.net/a/', url: 'https://dav.example.net/b/'}
                  - {caldav: 'https://dav.example.net/a/', read: everything}
                  - {insecure: true}

            """) else { Issue.record("loaded"); return }
        let lines = errors.problems.map(\.description)
        #expect(lines.count == 7)
        for line in lines {
            #expect(line.hasPrefix("people.yaml:"))
            #expect(!line.contains("s3cr3t") && !line.contains("pa55"), "\(line)")
        }
        #expect(lines.contains { $0.contains("plain http:// to a host that is not loopback") })
        #expect(lines.contains { $0.contains("credentials belong in ~/.netrc") })
        #expect(lines.contains { $0.contains("must be an https://, webcal:// or http:// URL") })
        #expect(lines.contains { $0.contains("insecure: true is only for plain http:// URLs") })
        #expect(lines.contains { $0.contains("either caldav: or url:, not both") })
        #expect(lines.contains { $0.contains("read is for caldav: entries, one of free-busy, events") })
        #expect(lines.contains { $0.contains("needs caldav: URL") })
        // Each on its own line of people.yaml: the entry's, not the list's.
        #expect(Set(errors.problems.compactMap(\.line)).count == 7)
    }

    @Test func loopbackHTTPNeedsNoInsecureFlag() throws {
        #expect(throws: Never.self) { try CalendarLocation.validatedURL("http://localhost:8080/c.ics", insecure: false, caldav: false) }
        #expect(throws: Never.self) { try CalendarLocation.validatedURL("http://[::1]:8080/c.ics", insecure: false, caldav: true) }
        #expect(throws: CalendarLocation.URLProblem.plainHTTP) { try CalendarLocation.validatedURL("http://10.0.0.1/c.ics", insecure: false, caldav: false) }
        #expect(throws: CalendarLocation.URLProblem.scheme) { try CalendarLocation.validatedURL("webcal://dav.example/c/", insecure: false, caldav: true) }
    }
}
