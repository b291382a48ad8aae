import ConveneCore
import Foundation
import CalendarValues
import SampleSupport
import Testing

@Suite struct MeetingFolderTests {
    @Test func everyFileOfAMeetingFolder() {
        let folder = MeetingFolder(id: "spring-2027")
        #expect(folder.path == "meetings/spring-2027")
        #expect(folder.meetingFile == "meetings/spring-2027/meeting.yaml")
        #expect(folder.slotFile == "meetings/spring-2027/slot.yaml")
        #expect(folder.agendaFile == "meetings/spring-2027/agenda.yaml")
        #expect(folder.minutesFile == "meetings/spring-2027/minutes.yaml")
        #expect(folder.invitationFile == "meetings/spring-2027/invitation.yaml")
        #expect(folder.repliesFile == "meetings/spring-2027/replies.yaml")
        #expect(folder.sendLog == "meetings/spring-2027/sent.log")
        #expect(folder.outFolder == "meetings/spring-2027/out")
        #expect(MeetingFolder.mailFile("bretten-ob") == "mail/bretten-ob.eml")
        #expect(folder.heldFile("0123456789ab") == "meetings/spring-2027/held/0123456789ab.ics")
        #expect(folder.pollOutFolder == "meetings/spring-2027/out/poll")
        #expect(MeetingFolder.pollHoldFile(option: 2) == "hold-2.ics")
        #expect(MeetingFolder.pollMailFile("bretten-ob", option: 2) == "mail/bretten-ob-2.eml")
        #expect(MeetingFolder.pollReminderFile("bretten-ob", day: "20270401") == "mail/bretten-ob-reminder-20270401.eml")
    }

    @Test func aLoadedMeetingKnowsItsFolderAndTheChosenSlotIsReadBack() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        let workspace = try Workspace.load(at: sample.root)
        let meeting = try #require(workspace.meeting("spring-2027"))
        #expect(meeting.files == MeetingFolder(id: "spring-2027"))
        let slot = Interval(start: try #require(Instant(rfc3339: "2027-04-20T10:30:00Z")), end: try #require(Instant(rfc3339: "2027-04-20T14:00:00Z")))
        let path = try ChosenSlot(slot: slot, picked: try #require(Instant(rfc3339: "2027-04-01T09:00:00Z"))).write(for: meeting, in: workspace, force: true)
        #expect(path == "meetings/spring-2027/slot.yaml")
        #expect(try sample.read(path).contains("picked: 2027-04-01T09:00:00Z\n"))
        #expect(try Workspace.load(at: sample.root).meeting("spring-2027")?.chosen == slot)
    }

    @Test func theClockReadsConveneNowOnly() throws {
        #expect(try Clock.now(environment: ["CONVENE_NOW": "2027-04-01T09:00:00Z"]).rfc3339 == "2027-04-01T09:00:00Z")
        #expect(throws: WorkspaceProblem(file: "CONVENE_NOW", "'morgen' is not an RFC 3339 time such as 2027-04-01T09:00:00Z")) {
            try Clock.now(environment: ["CONVENE_NOW": "morgen"])
        }
        let system = try Clock.now(environment: [:]).secondsSince1970
        #expect(abs(system - Int64(Date().timeIntervalSince1970)) < 5)
    }

    @Test func theSnapshotDiffShowsWhatChanged() {
        let diff = UnifiedDiff.render(expected: "a\nb\nc\r\nd\n", actual: "a\nB\nc\nd\n", name: "x.txt")
        #expect(diff == """
            --- Snapshots/x.txt (expected)
            +++ x.txt (actual)
            @@ -1,4 +1,4 @@
             a
            -b
            -c\\r
            +B
            +c
             d

            """)
    }
}
