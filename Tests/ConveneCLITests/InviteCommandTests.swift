import Foundation
import Testing

@Suite(.serialized) struct InviteCommandTests {
    @Test func requestAndEventFilesWithStableUIDAndSequence() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        #expect(try sample.run(["invite", "spring-2027"]).status == 1)
        #expect(try sample.run(["propose", "spring-2027", "--pick", "1"]).status == 0)
        #expect(try sample.run(["agenda", "spring-2027"]).status == 0)
        let first = try sample.run(["invite", "spring-2027"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "Wrote invitation for spring-2027 (UID spring-2027@ettlingen.example, SEQUENCE 0, 22 attendees).\n")
        let out = sample.path + "/meetings/spring-2027/out/"
        let invite = try String(contentsOfFile: out + "invite.ics", encoding: .utf8)
        let event = try String(contentsOfFile: out + "event.ics", encoding: .utf8)
        try assertSnapshot(invite, named: "invite.ics")
        try assertSnapshot(event, named: "event.ics")
        #expect(invite.contains("METHOD:REQUEST\r\n"))
        #expect(!event.contains("METHOD"))
        #expect(invite.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(!invite.contains("\n\n") && !invite.replacingOccurrences(of: "\r\n", with: "").contains("\n"))

        // Nothing changed: nothing is rewritten.
        let again = try sample.run(["invite", "spring-2027"], environment: ["CONVENE_NOW": "2027-04-05T09:00:00Z"])
        #expect(again.stdout.hasPrefix("Unchanged: invitation for spring-2027"))
        #expect(try String(contentsOfFile: out + "invite.ics", encoding: .utf8) == invite)

        // A new time raises SEQUENCE and keeps the UID.
        #expect(try sample.run(["propose", "spring-2027", "--pick", "2"]).status == 0)
        let moved = try sample.run(["invite", "spring-2027", "--format", "json"], environment: ["CONVENE_NOW": "2027-04-06T09:00:00Z"])
        #expect(moved.stdout == #"{"meeting":"spring-2027","uid":"spring-2027@ettlingen.example","sequence":1,"changed":true,"attendees":22}"# + "\n")
        let updated = try String(contentsOfFile: out + "invite.ics", encoding: .utf8)
        #expect(updated.contains("UID:spring-2027@ettlingen.example\r\nSEQUENCE:1\r\nDTSTAMP:20270406T090000Z\r\n"))
    }
}
