import CalendarValues
import ConveneCore
import Foundation
import SampleSupport
import Testing
@testable import Invitations

/// The send log answers "delivered?" and "in flight?" through an index by method, SEQUENCE and recipient
/// (issue 16: a per-message scan made a send of hundreds of messages quadratic in a long log). The answers
/// must be those of reading every line, as the log did before.
@Suite struct SendLogTests {
    static func message(_ recipient: String, sequence: Int, method: String = "REQUEST", id: String? = nil) -> OutgoingMessage {
        OutgoingMessage(file: "mail/x.eml", recipient: recipient, recipientName: nil, method: method, sequence: sequence,
                        messageID: id ?? "m.\(sequence).\(recipient)", subject: "", calendar: "", text: "",
                        distinctByMessageID: id != nil)
    }

    @Test func indexAnswersAsAScanOfEveryLine() {
        var generator = SystemRandomNumberGenerator()
        let results = ["sent", "failed: exit status 75", SendLog.inFlight, SendLog.sentByHand]
        let recipients = (0..<12).map { "p\($0)@town.example" }
        for _ in 0..<20 {
            var entries: [SendLog.Entry] = []
            for k in 0..<300 {
                let hold = Bool.random(using: &generator) && k % 3 == 0
                entries.append(SendLog.Entry(time: Instant(secondsSince1970: Int64(k)),
                                             method: Bool.random(using: &generator) ? "REQUEST" : "CANCEL",
                                             sequence: Int.random(in: 0..<4, using: &generator),
                                             recipient: recipients.randomElement(using: &generator)!,
                                             result: results.randomElement(using: &generator)!,
                                             messageID: hold ? "<meeting.hold\(k % 2).x>" : "<meeting.\(k % 4).x>"))
            }
            let log = SendLog(entries: entries)
            for recipient in recipients {
                for sequence in 0..<4 {
                    for method in ["REQUEST", "CANCEL"] {
                        for message in [Self.message(recipient, sequence: sequence, method: method),
                                        Self.message(recipient, sequence: sequence, method: method, id: "meeting.hold0.x")] {
                            let scanDelivered = entries.contains { $0.succeeded && $0.isAbout(message) }
                            let scanInFlight = entries.last { $0.isAbout(message) }?.result == SendLog.inFlight
                            #expect(log.delivered(message) == scanDelivered)
                            #expect(log.inFlight(message) == scanInFlight)
                        }
                    }
                }
            }
        }
    }

    @Test func appendedLinesAreAnsweredAndWrittenAfterTheOldOnes() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        let header = "# convene send log: time\tmethod\tsequence\trecipient\tresult\tmessage-id\n"
        let old = "2027-02-01T09:00:00Z\tREQUEST\t0\ta@x.example\tfailed: exit status 75\t<m.0.a>\n"
        try sample.write("meetings/spring-2027/sent.log", header + old)
        let workspace = try Workspace.load(at: sample.root)
        let meeting = try #require(workspace.meeting("spring-2027"))
        var log = try SendLog.read(meeting, in: workspace)
        let message = Self.message("a@x.example", sequence: 0, id: nil)
        #expect(!log.delivered(message) && !log.inFlight(message))
        let time = Instant(secondsSince1970: 1_800_000_000)
        log.append(SendLog.Entry(time: time, method: "REQUEST", sequence: 0, recipient: "a@x.example", result: SendLog.inFlight, messageID: "<m.0.a>"))
        try log.write(meeting, in: workspace)
        #expect(log.inFlight(message) && !log.delivered(message))
        log.append(SendLog.Entry(time: time, method: "REQUEST", sequence: 0, recipient: "a@x.example", result: "sent", messageID: "<m.0.a>"))
        try log.write(meeting, in: workspace)
        #expect(!log.inFlight(message) && log.delivered(message))
        let text = try sample.read("meetings/spring-2027/sent.log")
        #expect(text == header + old + "\(time.rfc3339)\tREQUEST\t0\ta@x.example\tin-flight\t<m.0.a>\n"
                + "\(time.rfc3339)\tREQUEST\t0\ta@x.example\tsent\t<m.0.a>\n")
        #expect(try SendLog.read(meeting, in: workspace) == log)
    }
}
