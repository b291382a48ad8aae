import ConveneCore
import Foundation
import ICalendar
import SampleSupport
import Testing
@testable import Invitations

@Suite struct InvitationRolesTests {

    @Test func rolesFollowThePolicy() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let meeting = try #require(workspace.meeting("spring-2027"))
        let builder = try InvitationBuilder(workspace: workspace, meeting: meeting)
        #expect(builder.uid == "spring-2027@ettlingen.example")
        let roles = Dictionary(uniqueKeysWithValues: builder.attendees().map { ($0.email, $0.role) })
        #expect(roles["ob@ettlingen.example"] == "CHAIR")
        #expect(roles["ob@bretten.example"] == "REQ-PARTICIPANT")
        // Deputies represent their town: required; other staff are optional.
        let deputy = try #require(workspace.person("baden-baden-main-office"))
        #expect(roles[deputy.email] == "REQ-PARTICIPANT")
        let it = try #require(workspace.person("bretten-it"))
        #expect(roles[it.email] == "OPT-PARTICIPANT")
        #expect(roles.count == 22)
    }

    @Test func noSlotIsAClearError() throws {
        let workspace = try Workspace.load(at: sampleRoot)
        let meeting = try #require(workspace.meeting("spring-2027"))
        #expect(meeting.chosen == nil)
        do {
            _ = try InvitationBuilder(workspace: workspace, meeting: meeting).build(now: Instant(secondsSince1970: 0))
            Issue.record("built an invitation without a slot")
        } catch {
            #expect(error.description == "meetings/spring-2027/slot.yaml: no slot chosen for spring-2027 yet; pick one first: convene propose spring-2027 --pick N")
        }
    }
}
