import ConveneCore
import Foundation
import ICalendar
import SampleSupport
import Testing
@testable import Invitations

/// A copy of the sample workspace with a poll of two options recorded as `poll start --send` leaves it.
struct PolledCopy {
    static let now = Instant(rfc3339: "2027-04-01T09:00:00Z")!
    static let slots = [Interval(start: Instant(rfc3339: "2027-04-20T10:30:00Z")!, end: Instant(rfc3339: "2027-04-20T14:00:00Z")!),
                        Interval(start: Instant(rfc3339: "2027-04-28T06:30:00Z")!, end: Instant(rfc3339: "2027-04-28T10:00:00Z")!)]
    let sample: SampleWorkspace
    var workspace: Workspace
    var meeting: Meeting
    let round: PollRound

    init(meetingYAML: (String) -> String = { $0 }) throws {
        sample = try SampleWorkspace()
        let file = "meetings/spring-2027/meeting.yaml"
        try sample.write(file, meetingYAML(try sample.read(file)))
        workspace = try Workspace.load(at: sample.root)
        meeting = try #require(workspace.meeting("spring-2027"))
        round = try PollBuilder(workspace: workspace, meeting: meeting).start(slots: Self.slots, deadline: nil, language: .de, now: Self.now)
        try round.state.write(meeting, in: workspace, force: false)
    }

    func answer(_ attendee: String, _ hold: Int, _ vote: Vote) throws {
        var state = try #require(try PollState.read(meeting, in: workspace))
        state.record(PollState.Answer(attendee: attendee, uid: state.holds[hold - 1].uid, vote: vote, stamp: Self.now))
        try state.write(meeting, in: workspace, force: false)
    }

    func cleanup() { sample.cleanup() }
}

@Suite(.serialized) struct PollTests {
    /// Every hold request and every hold CANCEL passes libical's RFC 5546 restriction check (`icalrestriction_check`).
    @Test func holdRequestsAndCancelsPassTheRestrictionCheck() throws {
        let copy = try PolledCopy()
        defer { copy.cleanup() }
        #expect(copy.round.messages.count == 44)
        for message in copy.round.messages {
            #expect(ITIPValidator.problems(in: message.calendar) == [], "\(message.file)")
            #expect(message.calendar.contains("X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE\r\n"))
        }
        #expect(copy.round.state.deadline == LocalDate(iso: "2027-04-08"), "a week from now by default")
        let builder = try PollBuilder(workspace: copy.workspace, meeting: copy.meeting)
        let closed = try builder.close(on: copy.round.state.holds[0], force: false, now: PolledCopy.now + 3600)
        #expect(closed.messages.count == 22)
        for message in closed.messages {
            #expect(message.method == "CANCEL" && message.sequence == 1)
            #expect(ITIPValidator.problems(in: message.calendar) == [], "\(message.file)")
            #expect(message.calendar.contains("STATUS:CANCELLED\r\n") && !message.calendar.contains("X-MICROSOFT-CDO-BUSYSTATUS"))
        }
        #expect(closed.state.chosenUID == copy.round.state.holds[0].uid)
    }

    /// The planner reads, the builders compute: once `PollInput.read` has run, the workspace's files can go, and the
    /// poll's requests, its close, its reminders, its grid and a tally are built from the values all the same.
    @Test func thePollIsBuiltFromValuesWithoutTheFiles() throws {
        let copy = try PolledCopy()
        let builder = try PollBuilder(workspace: copy.workspace, meeting: copy.meeting)
        let input = try PollInput.read(copy.meeting, in: copy.workspace, language: .en)
        copy.cleanup()
        #expect(!FileManager.default.fileExists(atPath: copy.workspace.root.path), "no file left to read")
        #expect(input.language == .de, "a recorded poll keeps its language")
        let again = try builder.start(input, slots: nil, deadline: nil, now: PolledCopy.now)
        #expect(again.messages.map(\.text) == copy.round.messages.map(\.text))
        let recorded = try #require(input.recorded)
        let closed = try builder.close(input, on: recorded.holds[0], force: false, now: PolledCopy.now + 3600)
        #expect(closed.messages.count == 22 && closed.state.chosenUID == recorded.holds[0].uid)
        #expect(try builder.remind(input, now: PolledCopy.now).messages.count == 22)
        #expect(PollGrid(state: recorded, meeting: copy.meeting, workspace: copy.workspace).unanswered.count == 22)
        let saved = Instant(secondsSince1970: PolledCopy.now.secondsSince1970 - 60)
        let csv = CalendarSource(name: "votes.csv", bytes: Array("person,start,vote\nbretten-ob,2027-04-20T12:30,no\n".utf8))
        let tally = try PollTally(workspace: copy.workspace, meeting: copy.meeting, zone: builder.zone)
            .tally([PollTally.Source(csv, saved: saved)], now: PolledCopy.now)
        #expect(tally.votes["bretten-ob"]?[PolledCopy.slots[0].start] == .no)
        #expect(tally.stamps["bretten-ob"]?[PolledCopy.slots[0].start] == saved, "a row without a stamp was given when the table was saved")
    }

    /// `poll close` resolves `--pick` before it takes the lock: a hold that is not the recorded poll's (another convene
    /// started the poll again in between) is refused, never recorded as the chosen UID with every real hold cancelled.
    @Test func aHoldThatIsNotThePollsAnyMoreIsRefused() throws {
        let copy = try PolledCopy()
        defer { copy.cleanup() }
        let builder = try PollBuilder(workspace: copy.workspace, meeting: copy.meeting)
        var stale = copy.round.state.holds[0]
        stale.uid = "a-hold-of-an-earlier-poll@convene"
        var moved = copy.round.state.holds[0]
        moved.slot = copy.round.state.holds[1].slot
        for hold in [stale, moved] {
            #expect {
                try builder.close(on: hold, force: true, now: PolledCopy.now)
            } throws: { error in
                (error as? WorkspaceProblem)?.description
                    == "meetings/spring-2027/poll.yaml: the poll changed while this command ran (another convene started it again?); see convene poll status spring-2027 and pick again"
            }
        }
        #expect(try builder.close(on: copy.round.state.holds[0], force: true, now: PolledCopy.now).state.chosenUID == copy.round.state.holds[0].uid)
    }

    @Test func aHandEditedPollIsKept() throws {
        let copy = try PolledCopy()
        defer { copy.cleanup() }
        let url = copy.workspace.url(copy.meeting.files.pollFile)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "deadline: 2027-04-08", with: "deadline: 2027-04-09").utf8).write(to: url)
        #expect(throws: WorkspaceProblem.self) { try copy.round.state.write(copy.meeting, in: copy.workspace, force: false) }
        try copy.round.state.write(copy.meeting, in: copy.workspace, force: true)
        #expect(FileManager.default.fileExists(atPath: url.path + ".bak"))
    }

    /// A pick against a required person's "no" is refused (naming them by id) without force.
    @Test func aPickAgainstARequiredNoNeedsForce() throws {
        let copy = try PolledCopy { $0.replacingOccurrences(of: "required: []", with: "required: [gaggenau-it]") }
        defer { copy.cleanup() }
        try copy.answer("it-leitung@gaggenau.example", 1, .no)
        let builder = try PollBuilder(workspace: copy.workspace, meeting: copy.meeting)
        let hold = copy.round.state.holds[0]
        #expect {
            try builder.close(on: hold, force: false, now: PolledCopy.now)
        } throws: { error in
            (error as? WorkspaceProblem)?.description
                == "meetings/spring-2027/poll.yaml: option 1 loses gaggenau-it (required); pick another, or add --force to pick it anyway"
        }
        #expect(try builder.close(on: hold, force: true, now: PolledCopy.now).state.chosenUID == hold.uid)
    }

    /// Bühl's OB declines every option and Bühl has no deputy: the town cannot be represented, and both the
    /// grid and the lifecycle say so.
    @Test func aTownWhoseOBDeclinedWithoutDeputyIsFlagged() throws {
        let copy = try PolledCopy()
        defer { copy.cleanup() }
        try copy.answer("ob@buehl.example", 1, .no)
        try copy.answer("ob@buehl.example", 2, .no)
        try copy.answer("ob@rastatt.example", 1, .no)  // Rastatt's deputy can still come
        let grid = try PollGrid.read(copy.meeting, in: copy.workspace)
        #expect(grid.townsNeverRepresented.map(\.id) == ["buehl"])
        #expect(grid.option(1)?.lostTowns.map(\.id) == ["buehl"])
        let text = PollStatusReport.text(grid, zone: try CalendarTimeZone(identifier: "Europe/Berlin"), style: TextStyle(enabled: false))
        #expect(text.contains("Not represented at any option: Bühl"))
        let lifecycle = try MeetingLifecycle(meeting: copy.meeting, workspace: copy.workspace, now: PolledCopy.now)
        let polling = try #require(lifecycle.steps.first { $0.step == .polling })
        #expect(polling.stale == "not represented at any option: buehl")
        #expect(lifecycle.state == "polling")
    }

    /// The newest DTSTAMP wins in any order; a forged sender is held; a COUNTER's time is kept.
    @Test func answersFollowTheReplyTrustRules() throws {
        let copy = try PolledCopy()
        defer { copy.cleanup() }
        var state = copy.round.state
        let uid = state.holds[0].uid
        func reply(_ partstat: String, _ stamp: String, from sender: String = "ob@bretten.example", method: String = "REPLY",
                   extra: String = "") -> CalendarSource {
            let calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:\(method)\r\nBEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:\(stamp)\r\n\(extra)"
                + "ATTENDEE;PARTSTAT=\(partstat):mailto:ob@bretten.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            let mail = "From: \(sender)\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/calendar; method=\(method)\r\n\r\n" + calendar
            return CalendarSource(name: "\(stamp).eml", bytes: Array(mail.utf8))
        }
        let outcomes = PollIntake.apply([reply("DECLINED", "20270403T080000Z"), reply("ACCEPTED", "20270402T080000Z"),
                                         reply("ACCEPTED", "20270404T080000Z", from: "someone@example.org")],
                                        to: &state, workspace: copy.workspace, now: PolledCopy.now + 86_400 * 3)
        #expect(outcomes.map(\.kind) == [.recorded, .older, .held])
        #expect(state.answer(of: "ob@bretten.example", to: uid)?.vote == Vote.no)
        let counter = PollIntake.apply([reply("TENTATIVE", "20270405T080000Z", method: "COUNTER",
                                              extra: "DTSTART:20270421T080000Z\r\nDTEND:20270421T113000Z\r\n")],
                                       to: &state, workspace: copy.workspace, now: PolledCopy.now + 86_400 * 5)
        #expect(counter.map(\.kind) == [.updated])
        let answer = try #require(state.answer(of: "ob@bretten.example", to: uid))
        #expect(answer.vote == .ifNeedBe && answer.suggested?.start == Instant(rfc3339: "2027-04-21T08:00:00Z"))
    }
}

/// The built-in poll mail templates are the files `Templates/poll-*.mustache`, compiled in.
/// Regenerate with `CONVENE_EMBED_TEMPLATES=1`; the test fails while they differ.
@Suite struct EmbeddedPollTemplatesTests {
    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        let folder = packageRoot.appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("poll-") && $0.hasSuffix(".mustache") }.sorted()
        #expect(names.count == 6)
        var files: [String: String] = [:]
        for name in names { files[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }
        if files != DefaultPollTemplates.files {
            if ProcessInfo.processInfo.environment["CONVENE_EMBED_TEMPLATES"] == "1" {
                var source = """
                    // Generated from Templates/poll-*.mustache: do not edit. After changing a template, run
                    // CONVENE_EMBED_TEMPLATES=1 swift test --filter EmbeddedPollTemplatesTests (the test fails while they differ).
                    enum DefaultPollTemplates {
                        static let files: [String: String] = [

                    """
                for name in names { source += "        \"\(name)\": ##\"\"\"\n\(files[name]!)\n\"\"\"##,\n" }
                source += "    ]\n}\n"
                try Data(source.utf8).write(to: packageRoot.appendingPathComponent("Sources/Invitations/Poll/DefaultPollTemplates.swift"))
                Issue.record("Regenerated Sources/Invitations/Poll/DefaultPollTemplates.swift; rebuild and run the tests again.")
            } else {
                Issue.record("Templates/ and DefaultPollTemplates.swift differ: run CONVENE_EMBED_TEMPLATES=1 swift test --filter EmbeddedPollTemplatesTests")
            }
        }
    }

    /// Every template renders in both languages without an unknown variable.
    @Test func everyPollMailRendersInBothLanguages() throws {
        let copy = try PolledCopy()
        defer { copy.cleanup() }
        let builder = try PollBuilder(workspace: copy.workspace, meeting: copy.meeting)
        for language in Language.allCases {
            var state = copy.round.state
            state.language = language
            let attendee = Participant(name: "Anna Beispiel", email: "ob@bretten.example")
            let input = PollInput.read(recorded: state, language: language, in: copy.workspace)
            for kind in [PollText.Kind.request, .cancel] {
                let message = try builder.message(kind, hold: state.holds[0], state: state, to: attendee, calendar: "", input: input,
                                                  chosen: state.holds[1])
                #expect(message.text.contains(language == .de ? "Guten Tag" : "Hello"))
            }
        }
    }
}
