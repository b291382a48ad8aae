import Foundation
import Testing
@testable import ICalendar

/// libical's RFC 5546 restriction check over what convene writes for each iTIP method, and that
/// the check really rejects a broken message.
@Suite struct ITIPValidatorTests {
    static let zone = try! CalendarTimeZone(identifier: "Europe/Berlin")
    static let start = Instant(secondsSince1970: 1_809_945_000) // 2027-05-12 10:30 UTC

    static func event(status: String, attendees: [Participant]) -> EventDescription {
        var event = EventDescription(uid: "spring-2027@ettlingen.example", sequence: 2, stamp: start - 86_400 * 30, start: start,
                                     end: start + 3 * 3600, summary: "Plenum Digital Regional, Ettlingen",
                                     location: "Schloss Ettlingen; Asamsaal, Schlossplatz 3", description: "Tagesordnung\nTOP 1  Begrüßung",
                                     status: status)
        event.htmlDescription = "<p>Tagesordnung</p>\n<ol><li>Begrüßung, Einführung; Rückblick</li></ol>"
        event.organizer = Participant(name: "Geschäftsstelle", email: "digital-regional@ettlingen.example", role: "CHAIR")
        event.attendees = attendees
        return event
    }

    static let invited = [Participant(name: "Dr. Jörg Müller", email: "ob@bretten.example"),
                          Participant(name: "Anna Schäfer", email: "it@rastatt.example", role: "OPT-PARTICIPANT")]

    @Test func requestPasses() {
        var event = Self.event(status: "CONFIRMED", attendees: Self.invited)
        event.alarmMinutesBefore = 1440
        let text = CalendarWriter.document(events: [event], zone: Self.zone, method: "REQUEST")
        #expect(ITIPValidator.problems(in: text) == [])
        #expect(text.contains("X-ALT-DESC;FMTTYPE=text/html:<p>Tagesordnung</p>\\n<ol>"))
        // libical keeps commas and semicolons in X- values as they are.
        #expect(text.replacingOccurrences(of: "\r\n ", with: "").contains("<li>Begrüßung, Einführung; Rückblick</li>"))
    }

    @Test func cancelPasses() {
        let text = CalendarWriter.document(events: [Self.event(status: "CANCELLED", attendees: Self.invited)], zone: Self.zone, method: "CANCEL")
        #expect(ITIPValidator.problems(in: text) == [])
    }

    @Test func replyPasses() {
        var event = Self.event(status: "CONFIRMED", attendees: [Participant(name: "Dr. Jörg Müller", email: "ob@bretten.example",
                                                                           participation: "ACCEPTED", rsvp: false)])
        event.description = nil
        event.htmlDescription = nil
        let text = CalendarWriter.document(events: [event], zone: Self.zone, method: "REPLY")
        #expect(ITIPValidator.problems(in: text) == [])
        #expect(text.contains("PARTSTAT=ACCEPTED"))
        #expect(!text.contains("RSVP"))
    }

    @Test func aRequestWithoutOrganizerOrAttendeesFails() {
        var event = Self.event(status: "CONFIRMED", attendees: [])
        event.organizer = nil
        let problems = ITIPValidator.problems(in: CalendarWriter.document(events: [event], zone: Self.zone, method: "REQUEST"))
        #expect(problems.count >= 2, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("VEVENT:") && $0.contains("ORGANIZER") })
        #expect(problems.contains { $0.hasPrefix("VEVENT:") && $0.contains("ATTENDEE") })
    }

    @Test func garbageIsOneProblem() {
        #expect(!ITIPValidator.problems(in: "hello").isEmpty)
    }

    /// TEXT escaping and folding, byte for byte: `, ; \` and line breaks escaped, lines of at most
    /// 75 octets, never a UTF-8 character split across a fold.
    @Test func escapingAndFolding() throws {
        var event = Self.event(status: "CONFIRMED", attendees: Self.invited)
        event.summary = "Plenum; Teil 1, Raum A\\B\nzweite Zeile"
        event.location = String(repeating: "Größe ", count: 30)
        let text = CalendarWriter.document(events: [event], zone: Self.zone, method: "REQUEST")
        #expect(text.contains("\r\nSUMMARY:Plenum\\; Teil 1\\, Raum A\\\\B\\nzweite Zeile\r\n"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        // Every physical line is valid UTF-8 on its own: no fold inside a character.
        let bytes = Array(text.utf8)
        var start = 0
        for index in bytes.indices where index + 1 < bytes.count && bytes[index] == 0x0D && bytes[index + 1] == 0x0A {
            #expect(String(validating: bytes[start..<index], as: UTF8.self) != nil)
            start = index + 2
        }
        #expect(text.replacingOccurrences(of: "\r\n ", with: "").contains("LOCATION:" + String(repeating: "Größe ", count: 30).dropLast()))
        #expect(lines.filter { $0.hasPrefix(" ") }.count >= 3)
    }
}
