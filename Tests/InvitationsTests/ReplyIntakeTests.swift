import ConveneCore
import Foundation
import ICalendar
import MIME
import SampleSupport
import Testing
@testable import Invitations

/// A copy of the sample workspace with the spring plenum's slot chosen.
struct InvitableCopy {
    let sample: SampleWorkspace
    let workspace: Workspace
    let meeting: Meeting

    init() throws {
        sample = try SampleWorkspace()
        try sample.write("meetings/spring-2027/slot.yaml", "start: 2027-05-12T10:30:00Z\nend: 2027-05-12T14:00:00Z\n")
        workspace = try Workspace.load(at: sample.root)
        meeting = try #require(workspace.meeting("spring-2027"))
    }

    func cleanup() { sample.cleanup() }
}

@Suite(.serialized) struct InvitationITIPTests {
    static let now = Instant(rfc3339: "2027-04-01T09:00:00Z")!

    /// Every REQUEST and CANCEL convene writes passes libical's RFC 5546 restriction check.
    @Test func requestsAndCancelsPassTheRestrictionCheck() throws {
        let copy = try InvitableCopy()
        defer { copy.cleanup() }
        let builder = try InvitationBuilder(workspace: copy.workspace, meeting: copy.meeting)
        var invitation = try builder.build(now: Self.now)
        #expect(ITIPValidator.problems(in: invitation.request) == [])
        // Someone invited before and no longer on the list gets a CANCEL of their own.
        var state = invitation.state
        state.attendees.append(InvitedAttendee(email: "ehemals@bretten.example", since: 0))
        try state.write(copy.meeting, in: copy.workspace, force: false)
        invitation = try builder.build(now: Self.now + 3600)
        #expect(invitation.sequence == 1)
        #expect(invitation.removedNow.map(\.email) == ["ehemals@bretten.example"])
        let removal = try #require(invitation.messages.first { $0.method == "CANCEL" })
        #expect(removal.file == "mail/ehemals-bretten.example.eml")
        #expect(ITIPValidator.problems(in: removal.calendar) == [])
        #expect(invitation.messages.filter { $0.method == "REQUEST" }.allSatisfy { ITIPValidator.problems(in: $0.calendar) == [] })
        try invitation.state.write(copy.meeting, in: copy.workspace, force: false)
        let cancel = try builder.cancel(now: Self.now + 7200, reason: "Verschoben")
        #expect(cancel.sequence == 2)
        #expect(ITIPValidator.problems(in: cancel.request) == [])
        #expect(cancel.messages.allSatisfy { ITIPValidator.problems(in: $0.calendar) == [] })
    }
}

@Suite struct ReplyIntakeTests {
    static let zone = try! CalendarTimeZone(identifier: "Europe/Berlin")
    static let state = InvitationState(uid: "spring-2027@ettlingen.example", sequence: 1, stamp: Instant(rfc3339: "2027-04-01T09:00:00Z")!,
                                       fingerprint: "x", attendees: [InvitedAttendee(email: "ob@bretten.example", since: 0),
                                                                     InvitedAttendee(email: "ob@gaggenau.example", since: 0)])

    /// A reply as a client writes it (RFC 5546 §3.2.3): METHOD:REPLY, the one answering ATTENDEE.
    static func reply(_ email: String, _ partstat: String, at stamp: String, uid: String = "spring-2027@ettlingen.example",
                      method: String = "REPLY", delegatedTo: String? = nil, delegatedFrom: String? = nil) -> String {
        var event = EventDescription(uid: uid, sequence: 1, stamp: Instant(rfc3339: stamp)!, start: Instant(rfc3339: "2027-05-12T10:30:00Z")!,
                                     end: Instant(rfc3339: "2027-05-12T14:00:00Z")!, summary: "Plenum")
        event.organizer = Participant(name: "Geschäftsstelle", email: "digital-regional@ettlingen.example")
        event.attendees = [Participant(name: "OB", email: email, participation: partstat, rsvp: false)]
        var text = CalendarWriter.document(events: [event], zone: zone, method: method)
        if let delegatedTo { text = text.replacingOccurrences(of: "PARTSTAT=DELEGATED", with: "PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:\(delegatedTo)\"") }
        if let delegatedFrom { text = text.replacingOccurrences(of: "ATTENDEE;", with: "ATTENDEE;DELEGATED-FROM=\"mailto:\(delegatedFrom)\";") }
        return text
    }

    static func source(_ name: String, _ text: String) -> CalendarSource { CalendarSource(name: name, bytes: Array(text.utf8)) }

    @Test func aClientsReplyPassesTheRestrictionCheck() {
        #expect(ITIPValidator.problems(in: Self.reply("ob@bretten.example", "ACCEPTED", at: "2027-04-02T08:00:00Z")) == [])
    }

    @Test func newestAnswerWinsInAnyOrder() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        var book = ReplyBook()
        let outcomes = ReplyIntake.apply([
            Self.source("late.ics", Self.reply("ob@bretten.example", "DECLINED", at: "2027-04-03T08:00:00Z")),
            Self.source("early.ics", Self.reply("OB@Bretten.example", "ACCEPTED", at: "2027-04-02T08:00:00Z")),
            Self.source("again.ics", Self.reply("ob@bretten.example", "DECLINED", at: "2027-04-03T08:00:00Z")),
            Self.source("tentative.ics", Self.reply("ob@gaggenau.example", "TENTATIVE", at: "2027-04-02T08:00:00Z")),
            Self.source("final.ics", Self.reply("ob@gaggenau.example", "ACCEPTED", at: "2027-04-04T08:00:00Z")),
        ], to: &book, state: Self.state, workspace: workspace)
        #expect(outcomes.map(\.kind) == [.recorded, .older, .unchanged, .recorded, .updated])
        #expect(outcomes[1].message == "early.ics: Oberbürgermeister/in Bretten (Bretten): accepted is older than the answer on record (declined of 2027-04-03T08:00:00Z); ignored")
        #expect(book.reply(of: "ob@bretten.example")?.answer == .declined)
        #expect(book.reply(of: "ob@gaggenau.example")?.answer == .accepted)
    }

    @Test func whatIsNotAnAnswerToThisMeetingIsRejected() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        var book = ReplyBook()
        let outcomes = ReplyIntake.apply([
            Self.source("other.ics", Self.reply("ob@bretten.example", "ACCEPTED", at: "2027-04-02T08:00:00Z", uid: "other@example.org")),
            Self.source("stranger.ics", Self.reply("someone@example.org", "ACCEPTED", at: "2027-04-02T08:00:00Z")),
            Self.source("request.ics", Self.reply("ob@bretten.example", "ACCEPTED", at: "2027-04-02T08:00:00Z", method: "REQUEST")),
            Self.source("undecided.ics", Self.reply("ob@bretten.example", "NEEDS-ACTION", at: "2027-04-02T08:00:00Z")),
            Self.source("junk.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
            Self.source("note.eml", "From: a@b.example\r\nSubject: hi\r\n\r\nJust text.\r\n"),
        ], to: &book, state: Self.state, workspace: workspace)
        #expect(outcomes.allSatisfy { $0.kind == .rejected })
        #expect(outcomes.map(\.message) == [
            "other.ics: the reply is for another event (UID other@example.org; this meeting's invitation has UID spring-2027@ettlingen.example)",
            "stranger.ics: someone@example.org answered but is not invited to this meeting",
            "request.ics: METHOD:REQUEST is not a reply; convene rsvp reads answers (METHOD:REPLY) from attendees",
            "undecided.ics: PARTSTAT=NEEDS-ACTION is not an answer (ACCEPTED, DECLINED, TENTATIVE or DELEGATED)",
            "junk.ics: METHOD:(none) is not a reply; convene rsvp reads answers (METHOD:REPLY) from attendees",
            "note.eml: no calendar part in this mail (a reply carries text/calendar; method=REPLY)",
        ])
        #expect(book.replies.isEmpty)
    }

    @Test func aDelegateMayAnswer() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        var book = ReplyBook()
        let outcomes = ReplyIntake.apply([
            Self.source("delegated.ics", Self.reply("ob@gaggenau.example", "DELEGATED", at: "2027-04-02T08:00:00Z", delegatedTo: "it-leitung@gaggenau.example")),
            Self.source("delegate.ics", Self.reply("it-leitung@gaggenau.example", "ACCEPTED", at: "2027-04-02T09:00:00Z", delegatedFrom: "ob@gaggenau.example")),
        ], to: &book, state: Self.state, workspace: workspace)
        #expect(outcomes.map(\.kind) == [.recorded, .recorded], "\(outcomes.map(\.message))")
        #expect(book.reply(of: "ob@gaggenau.example")?.delegatedTo == "it-leitung@gaggenau.example")
        #expect(book.reply(of: "it-leitung@gaggenau.example")?.delegatedFrom == "ob@gaggenau.example")
    }

    @Test func repliesInsideMailsAreRead() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let ics = Self.reply("ob@bretten.example", "TENTATIVE", at: "2027-04-02T08:00:00Z")
        let message = MailMessage(from: try MailAddress(name: "OB Bretten", address: "ob@bretten.example"),
                                  to: [try MailAddress(name: nil, address: "digital-regional@ettlingen.example")],
                                  subject: "Vorläufig zugesagt: Plenum", date: Instant(rfc3339: "2027-04-02T08:00:00Z")!, utcOffsetSeconds: 7200,
                                  messageID: "reply.1@bretten.example", extraHeaders: [],
                                  body: .multipart(subtype: "alternative", parts: [
                                      .leaf(type: "text/plain", parameters: [], body: Array("Vorläufig.".utf8), encoding: .quotedPrintable, attachmentName: nil),
                                      .leaf(type: "text/calendar", parameters: [("method", "REPLY")], body: Array(ics.utf8), encoding: .base64, attachmentName: nil),
                                      // The same reply attached again, as Gmail does: read once.
                                      .leaf(type: "application/ics", parameters: [], body: Array(ics.utf8), encoding: .base64, attachmentName: "invite.ics"),
                                  ]))
        var book = ReplyBook()
        let outcomes = ReplyIntake.apply([Self.source("Antwort.eml", try message.rendered())], to: &book, state: Self.state, workspace: workspace)
        #expect(outcomes.map(\.kind) == [.recorded])
        #expect(book.reply(of: "ob@bretten.example")?.answer == .tentative)
    }
}
