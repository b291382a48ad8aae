import CalendarSources
import CalendarValues
import ConveneCore
import Foundation
import Testing
@testable import LiveCalendars

@Suite struct NetrcTests {
    @Test func machinesAndDefault() {
        let netrc = Netrc(text: """
            machine dav.example.org login anna password one
            machine Cal.Example.NET
              login bernd
              account x
              password two
            default login guest password three
            """)
        #expect(netrc.login(for: "dav.example.org") == Netrc.Login(user: "anna", password: "one"))
        #expect(netrc.login(for: "cal.example.net") == Netrc.Login(user: "bernd", password: "two"))
        #expect(netrc.login(for: "other.example") == Netrc.Login(user: "guest", password: "three"))
        #expect(Netrc(text: "machine a login x").login(for: "a") == nil, "no password: no login")
    }

    @Test func theFileNamedByTheEnvironment() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("netrc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("machine h login u password p\n".utf8).write(to: file)
        #expect(Netrc.standard(environment: ["CONVENE_NETRC": file.path]).login(for: "h")?.password == "p")
        #expect(Netrc.standard(environment: ["CONVENE_NETRC": file.path + ".missing"]).login(for: "h") == nil)
    }
}

@Suite struct CalDAVAnswerTests {
    let window = Interval(start: Instant(rfc3339: "2027-04-19T00:00:00Z")!, end: Instant(rfc3339: "2027-04-20T00:00:00Z")!)

    func fetcher() throws -> LiveCalendarFetcher {
        LiveCalendarFetcher(root: FileManager.default.temporaryDirectory, reader: CalendarFileReader(),
                            zone: try CalendarTimeZone(identifier: "Europe/Berlin"), now: window.start, netrc: Netrc(text: ""))
    }

    @Test func multiStatusCalendarDataAndVersion() throws {
        let xml = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/">
              <d:response><d:href>/c/</d:href><d:propstat><d:prop><cs:getctag>"42"</cs:getctag><d:sync-token>t1</d:sync-token></d:prop></d:propstat></d:response>
              <d:response><d:href>/c/a.ics</d:href><d:propstat><d:prop><c:calendar-data>BEGIN:VCALENDAR&#13;
            END:VCALENDAR</c:calendar-data></d:prop></d:propstat></d:response>
              <d:response><d:href>/c/b.ics</d:href><d:propstat><d:prop><c:calendar-data><![CDATA[BEGIN:VCALENDAR
            END:VCALENDAR]]></c:calendar-data></d:prop></d:propstat></d:response>
            </d:multistatus>
            """
        let answer = try #require(CalDAV.MultiStatus.parse(Data(xml.utf8)))
        #expect(answer.version == "\"42\"")
        #expect(answer.calendarData.count == 2)
        #expect(answer.calendarData.allSatisfy { LiveCalendarFetcher.isCalendar(Array($0.utf8)) })
        #expect(CalDAV.MultiStatus.parse(Data("<not xml".utf8)) == nil)
    }

    @Test func reportBodiesAskForTheWindowInUTC() {
        let body = String(decoding: CalDAV.freeBusyQuery(window), as: UTF8.self)
        #expect(body.contains(#"<C:time-range start="20270419T000000Z" end="20270420T000000Z"/>"#))
        #expect(String(decoding: CalDAV.calendarQuery(nil), as: UTF8.self).contains("time-range") == false)
    }

    /// Radicale before 3.2 answers one VFREEBUSY per busy interval, without FREEBUSY: those ranges are busy time.
    @Test func radicaleShapeBecomesBusyTime() throws {
        let radicale = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Radicale//NONSGML Radicale Server//EN\r
            BEGIN:VFREEBUSY\r
            DTSTART:20270419T080000Z\r
            DTEND:20270419T093000Z\r
            FBTYPE:BUSY\r
            END:VFREEBUSY\r
            BEGIN:VFREEBUSY\r
            DTSTART:20270419T120000Z\r
            DTEND:20270419T130000Z\r
            END:VFREEBUSY\r
            END:VCALENDAR\r

            """
        let fetcher = try fetcher()
        let normal = fetcher.normalizedFreeBusy(Array(radicale.utf8), window: window)
        let busy = try CalendarFileReader().busyTime(of: CalendarSource(name: "x", bytes: normal), window: window,
                                                     zone: try CalendarTimeZone(identifier: "Europe/Berlin"), countEverything: false,
                                                     ignoring: UIDFilter())
        #expect(busy.intervals.map(\.description) == ["[2027-04-19T08:00:00Z, 2027-04-19T09:30:00Z)", "[2027-04-19T12:00:00Z, 2027-04-19T13:00:00Z)"])
        #expect(busy.unknown.isEmpty, "the query covered the whole window")
        // The standard shape passes through untouched, a free window (no periods) included.
        let standard = LiveCalendarFetcher.freeBusy(window, busy: [])
        #expect(fetcher.normalizedFreeBusy(Array(standard.utf8), window: window) == Array(standard.utf8))
        let withPeriod = standard.replacingOccurrences(of: "END:VFREEBUSY", with: "FREEBUSY:20270419T100000Z/20270419T110000Z\r\nEND:VFREEBUSY")
        #expect(fetcher.normalizedFreeBusy(Array(withPeriod.utf8), window: window) == Array(withPeriod.utf8))
    }

    @Test func htmlIsNotACalendar() {
        #expect(!LiveCalendarFetcher.isCalendar(Array("<!DOCTYPE html><html>".utf8)))
        #expect(LiveCalendarFetcher.isCalendar(Array("\u{FEFF}\r\nbegin:vcalendar\r\n".utf8)))
    }

    @Test func agesInWords() {
        #expect(Age.words(45) == "45 s")
        #expect(Age.words(3 * 3600) == "3 h")
        #expect(Age.words(5 * 86_400) == "5 days")
    }
}
