import ConveneCore
import Foundation
import ICalendar
import SampleSupport
import Testing
@testable import Invitations
import MIME

/// Replies are evidence, not orders (issue 11): each forged or confusing reply of the adversarial
/// trial, and what convene does with it.
@Suite struct ReplyTrustTests {
    static let state = InvitationState(uid: "spring-2027@ettlingen.example", sequence: 1, stamp: Instant(rfc3339: "2027-04-01T09:00:00Z")!,
                                       fingerprint: "x", attendees: [InvitedAttendee(email: "ob@bretten.example", since: 0),
                                                                     InvitedAttendee(email: "ob@bruchsal.example", since: 0),
                                                                     InvitedAttendee(email: "ob@gaggenau.example", since: 0)])
    static let now = Instant(rfc3339: "2027-04-03T09:00:00Z")!

    static func mail(from sender: String, _ ics: String) throws -> CalendarSource {
        let message = MailMessage(from: try MailAddress(name: "Jemand", address: sender),
                                  to: [try MailAddress(name: nil, address: "digital-regional@ettlingen.example")],
                                  subject: "Antwort", date: Instant(rfc3339: "2027-04-02T08:00:00Z")!, utcOffsetSeconds: 7200,
                                  messageID: "reply.\(sender)@example", extraHeaders: [],
                                  body: .leaf(type: "text/calendar", parameters: [("method", "REPLY")], body: Array(ics.utf8),
                                              encoding: .base64, attachmentName: nil))
        return CalendarSource(name: "Antwort.eml", bytes: Array(try message.rendered().utf8))
    }

    static func reply(_ email: String, _ partstat: String, at stamp: String, delegatedTo: String? = nil,
                      delegatedFrom: String? = nil) -> String {
        ReplyIntakeTests.reply(email, partstat, at: stamp, delegatedTo: delegatedTo, delegatedFrom: delegatedFrom)
    }

    @Test func oneReplyWithManyAttendeesAnswersForNobody() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        var ics = Self.reply("ob@bretten.example", "DECLINED", at: "2027-04-02T08:00:00Z")
        let extra = ["ob@bruchsal.example", "ob@gaggenau.example"].map { "ATTENDEE;PARTSTAT=DECLINED:mailto:\($0)\r\n" }.joined()
        ics = ics.replacingOccurrences(of: "END:VEVENT", with: extra + "END:VEVENT")
        var book = ReplyBook()
        let outcomes = ReplyIntake.apply([CalendarSource(name: "all.ics", bytes: Array(ics.utf8))], to: &book, state: Self.state, workspace: workspace)
        #expect(outcomes.map(\.kind) == [.rejected])
        #expect(outcomes.first?.message == "all.ics: a reply names exactly one ATTENDEE (RFC 5546 §3.2.3); this one names 3; nothing of it was recorded")
        #expect(book.replies.isEmpty)
    }

    @Test func aMailFromSomeoneElseIsHeldAndAliasesAndDeputiesCount() throws {
        var workspace = try Workspace.load(at: sampleRoot)
        let index = try #require(workspace.people.firstIndex { $0.email == "ob@bretten.example" })
        workspace.people[index].aliases = ["buergermeister@bretten.example"]
        var book = ReplyBook()
        let outcomes = ReplyIntake.apply([
            try Self.mail(from: "mallory@example.org", Self.reply("ob@bretten.example", "DECLINED", at: "2027-04-02T08:00:00Z")),
            try Self.mail(from: "Buergermeister@Bretten.example", Self.reply("ob@bretten.example", "ACCEPTED", at: "2027-04-02T07:00:00Z")),
            // Bruchsal's OB has the main office as deputy: it may answer for the OB.
            try Self.mail(from: "hauptamt@bruchsal.example", Self.reply("ob@bruchsal.example", "TENTATIVE", at: "2027-04-02T08:00:00Z")),
        ], to: &book, state: Self.state, workspace: workspace, now: Self.now)
        #expect(outcomes.map(\.kind) == [.held, .recorded, .recorded], "\(outcomes.map(\.message))")
        #expect(outcomes[0].message.contains("the mail's sender is not ob@bretten.example (nor an alias or deputy); held for review as "))
        #expect(!outcomes[0].message.contains("mallory"))
        #expect(outcomes[0].heldID?.count == 12)
        #expect(book.reply(of: "ob@bretten.example")?.answer == .accepted)
        #expect(book.reply(of: "ob@bruchsal.example")?.answer == .tentative)
        // Accepted by the organizer, the held reply counts (and, being newer, wins).
        let held = try #require(outcomes[0].heldDocument)
        let accepted = ReplyIntake.apply([CalendarSource(name: "held.ics", bytes: Array(held.utf8))], to: &book, state: Self.state,
                                         workspace: workspace, now: Self.now, trusted: true)
        #expect(accepted.map(\.kind) == [.updated])
        #expect(book.reply(of: "ob@bretten.example")?.answer == .declined)
    }

    @Test func aStrangersDelegatedFromIsNotADelegation() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        var book = ReplyBook()
        let outcomes = ReplyIntake.apply([
            CalendarSource(name: "stranger.ics", bytes: Array(Self.reply("x@example.org", "ACCEPTED", at: "2027-04-02T08:00:00Z",
                                                                          delegatedFrom: "ob@gaggenau.example").utf8)),
        ], to: &book, state: Self.state, workspace: workspace)
        #expect(outcomes.map(\.kind) == [.rejected])
        #expect(outcomes[0].message == "stranger.ics: x@example.org claims DELEGATED-FROM ob@gaggenau.example, but no reply of ob@gaggenau.example delegates to them")
        // The delegator's reply delegating to someone else does not help either.
        var delegating = ReplyBook()
        let second = ReplyIntake.apply([
            CalendarSource(name: "delegated.ics", bytes: Array(Self.reply("ob@gaggenau.example", "DELEGATED", at: "2027-04-02T08:00:00Z",
                                                                           delegatedTo: "it-leitung@gaggenau.example").utf8)),
            CalendarSource(name: "stranger.ics", bytes: Array(Self.reply("x@example.org", "ACCEPTED", at: "2027-04-02T09:00:00Z",
                                                                          delegatedFrom: "ob@gaggenau.example").utf8)),
        ], to: &delegating, state: Self.state, workspace: workspace)
        #expect(second.map(\.kind) == [.recorded, .rejected])
        #expect(delegating.reply(of: "x@example.org") == nil)
    }

    @Test func aDelegatesReplyCountsInEitherOrder() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        var book = ReplyBook()
        let outcomes = ReplyIntake.apply([
            CalendarSource(name: "delegate.ics", bytes: Array(Self.reply("it-leitung@gaggenau.example", "ACCEPTED", at: "2027-04-02T09:00:00Z",
                                                                          delegatedFrom: "ob@gaggenau.example").utf8)),
            CalendarSource(name: "delegated.ics", bytes: Array(Self.reply("ob@gaggenau.example", "DELEGATED", at: "2027-04-02T08:00:00Z",
                                                                           delegatedTo: "it-leitung@gaggenau.example").utf8)),
        ], to: &book, state: Self.state, workspace: workspace)
        #expect(outcomes.map(\.kind) == [.recorded, .recorded], "\(outcomes.map(\.message))")
        #expect(outcomes.map(\.source) == ["delegate.ics", "delegated.ics"])
    }

    @Test func aStampFromTheFutureIsRejected() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        var book = ReplyBook()
        let outcomes = ReplyIntake.apply([
            CalendarSource(name: "pinned.ics", bytes: Array(Self.reply("ob@bretten.example", "DECLINED", at: "2099-01-01T00:00:00Z").utf8)),
            CalendarSource(name: "genuine.ics", bytes: Array(Self.reply("ob@bretten.example", "ACCEPTED", at: "2027-04-03T08:00:00Z").utf8)),
        ], to: &book, state: Self.state, workspace: workspace, now: Self.now)
        #expect(outcomes.map(\.kind) == [.rejected, .recorded])
        #expect(outcomes[0].message == "pinned.ics: DTSTAMP 2099-01-01T00:00:00Z is more than a day in the future; a reply cannot be written later than it arrives")
        #expect(book.reply(of: "ob@bretten.example")?.answer == .accepted)
    }

    @Test func repliesToACancelledMeetingAreKeptNotCounted() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        var state = Self.state
        state.cancelled = true
        var book = ReplyBook()
        let outcomes = ReplyIntake.apply([
            CalendarSource(name: "late.ics", bytes: Array(Self.reply("ob@bretten.example", "ACCEPTED", at: "2027-04-02T08:00:00Z").utf8)),
        ], to: &book, state: state, workspace: workspace)
        #expect(outcomes.map(\.kind) == [.held])
        #expect(outcomes[0].heldDocument != nil)
        #expect(book.replies.isEmpty)
    }

    @Test func sameStampGivesTheSameResultInEveryOrder() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let yes = CalendarSource(name: "yes.ics", bytes: Array(Self.reply("ob@bretten.example", "ACCEPTED", at: "2027-04-02T08:00:00Z").utf8))
        let no = CalendarSource(name: "no.ics", bytes: Array(Self.reply("ob@bretten.example", "DECLINED", at: "2027-04-02T08:00:00Z").utf8))
        var first = ReplyBook(), second = ReplyBook()
        _ = ReplyIntake.apply([yes, no], to: &first, state: Self.state, workspace: workspace)
        _ = ReplyIntake.apply([no, yes], to: &second, state: Self.state, workspace: workspace)
        #expect(first == second)
        #expect(first.reply(of: "ob@bretten.example")?.answer == .declined)
    }
}
