import CalendarValues
import Testing
import ConveneCore

/// Which of two answers stands does not depend on the order they are read in (rsvp, tally, any file order).
@Suite struct PollStateTests {
    static let uid = "hold-spring-2027-20270420T103000Z@ettlingen.example"
    static let noon = Instant(rfc3339: "2027-04-01T12:00:00Z")!

    func answer(_ vote: Vote?, at stamp: Instant = noon, suggested: Interval? = nil) -> PollState.Answer {
        PollState.Answer(attendee: "ob@bretten.example", uid: Self.uid, vote: vote, suggested: suggested, stamp: stamp)
    }

    @Test func theNewerAnswerStandsAndATieGoesToTheMoreCautiousInEitherOrder() {
        let later = Interval(start: Instant(rfc3339: "2027-04-21T08:00:00Z")!, end: Instant(rfc3339: "2027-04-21T11:30:00Z")!)
        let earlier = Interval(start: Instant(rfc3339: "2027-04-21T07:00:00Z")!, end: Instant(rfc3339: "2027-04-21T10:30:00Z")!)
        let answers = [answer(.yes), answer(.ifNeedBe), answer(.no), answer(nil, suggested: later), answer(nil, suggested: earlier),
                       answer(.ifNeedBe, suggested: later), answer(.yes, at: Self.noon + 60), answer(.no, at: Self.noon - 60)]
        for a in answers {
            for b in answers where a != b {
                #expect(PollState.supersedes(a, b) != PollState.supersedes(b, a), "exactly one of two different answers stands: \(a) / \(b)")
            }
        }
        #expect(PollState.supersedes(answer(.yes, at: Self.noon + 60), answer(.no)), "newer wins whatever the vote")
        #expect(PollState.supersedes(answer(.no), answer(.yes)) && PollState.supersedes(answer(.ifNeedBe), answer(.yes)))
        for order in [answers, answers.reversed()] {
            var poll = PollState(stamp: Self.noon, deadline: nil, language: .de,
                                 holds: [.init(option: 1, uid: Self.uid, slot: later)], asked: ["ob@bretten.example"])
            for answer in order { poll.record(answer) }
            #expect(poll.answers == [answer(.yes, at: Self.noon + 60)], "the same answer stands in either order")
        }
    }
}
