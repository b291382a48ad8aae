import ConveneCore
import Foundation
import Testing
@testable import LiveCalendars

@Suite struct PublicationTests {
    @Test func resourceNamesComeFromTheUID() {
        #expect(CalDAVPublisher.resourceName("spring-2027@ettlingen.example") == "spring-2027@ettlingen.example.ics")
        #expect(CalDAVPublisher.resourceName("a/b c?ü") == "a-b-c--.ics")
    }

    @Test func theFingerprintIgnoresDTSTAMP() {
        let a = "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nDTSTAMP:20270301T090000Z\r\nSTATUS:NEEDS-ACTION\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
        let b = a.replacingOccurrences(of: "20270301T090000Z", with: "20270402T100000Z")
        let c = a.replacingOccurrences(of: "NEEDS-ACTION", with: "COMPLETED")
        #expect(CalDAVPublisher.fingerprint(a) == CalDAVPublisher.fingerprint(b))
        #expect(CalDAVPublisher.fingerprint(a) != CalDAVPublisher.fingerprint(c))
    }

    @Test func aCompletedTaskIsAHundredPercentDone() {
        let feed = "BEGIN:VTODO\r\nSTATUS:COMPLETED\r\nCATEGORIES:bretten\r\nEND:VTODO\r\n"
        let task = Publication.Task(id: "a", uid: "action-a@x.example", town: "bretten", status: "done", calendar: feed)
        #expect(task.calendar == "BEGIN:VTODO\r\nSTATUS:COMPLETED\r\nPERCENT-COMPLETE:100\r\nCATEGORIES:bretten\r\nEND:VTODO\r\n")
        let open = Publication.Task(id: "b", uid: "action-b@x.example", town: "bretten", status: "open",
                                    calendar: feed.replacingOccurrences(of: "COMPLETED", with: "NEEDS-ACTION"))
        #expect(!open.calendar.contains("PERCENT-COMPLETE"))
    }

    @Test func aFailureIsOneLineNamingTheHostOnly() throws {
        let url = try #require(URL(string: "http://127.0.0.1:1/s3cr3t-path/"))
        let publisher = CalDAVPublisher(collection: url, setting: "publish.caldav", netrc: Netrc(text: "machine 127.0.0.1 login u password pw-Xy"),
                                        environment: ["CONVENE_FETCH_TIMEOUT": "5"])
        do {
            _ = try publisher.put("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", as: "x.ics", replacing: nil, what: "the event", record: "meetings/m/published.yaml")
            Issue.record("a PUT to a closed port succeeded")
        } catch {
            #expect(error.description == "convene.yaml: publish.caldav: publishing to 127.0.0.1: connection refused")
        }
    }
}
