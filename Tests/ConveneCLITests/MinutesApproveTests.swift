import Foundation
import SampleSupport
import Testing

/// Entwurf → genehmigt (issue 15): approving freezes minutes.yaml; a later change by convene needs --force and is
/// logged; a change by hand shows in the Niederschrift and needs a new approval.
@Suite(.serialized) struct MinutesApproveTests {
    @Test func approvalFreezesTheMinutesAndLogsLaterChanges() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let minutesPath = sample.path + "/meetings/kickoff/minutes.yaml"
        func minutes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: minutesPath)) }
        func render() throws -> String {
            let result = try sample.run(["minutes", "render", "kickoff"])
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout
        }
        #expect(try render().contains("| Stand | Entwurf |\n"))

        let approved = try sample.run(["minutes", "approve", "kickoff", "--at", "spring-2027"])
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect(approved.stdout == "Approved the minutes of kickoff (meetings/kickoff/approval.yaml); they are frozen now.\n")
        #expect(try render().contains("| Stand | genehmigt am 01.04.2027 (Plenum Digital Regional – Frühjahr 2027) |\n"))
        #expect(try sample.run(["minutes", "approve", "kickoff"]).stdout == "Already approved: the minutes of kickoff are unchanged since.\n")

        // Follow-up goes to the register: approved minutes stay byte for byte as they are, without --force.
        let frozen = try minutes()
        let done = try sample.run(["actions", "done", "kickoff-bruchsal-leitfaden-e-akte"])
        #expect(done.status == 0, "\(done.stderr)")
        let decided = try sample.run(["decisions", "start", "2026/01", "--note", "Ergebnis: läuft"])
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(try minutes() == frozen)
        #expect(try render().contains("| Stand | genehmigt am 01.04.2027 (Plenum Digital Regional – Frühjahr 2027) |\n"))

        // A change by hand shows, and approving it again needs --force.
        try sample.edit("meetings/kickoff/minutes.yaml", "OB Ettlingen begrüßt", "OB Ettlingen begrüßt herzlich")
        #expect(try render().contains("| Stand | genehmigt am 01.04.2027 (Plenum Digital Regional – Frühjahr 2027); danach ohne Vermerk geändert |\n"))
        let again = try sample.run(["minutes", "approve", "kickoff"])
        #expect(again.status == 1)
        #expect(again.stderr == "convene: error: meetings/kickoff/minutes.yaml: changed since its approval on 2027-04-01 without a logged change; approve it again with --force\n")
        #expect(try sample.run(["minutes", "approve", "kickoff", "--force"]).status == 0)
        #expect(!(try render()).contains("ohne Vermerk"))

        // Frozen: a convene command that would rewrite the record refuses without --force, byte for byte.
        let approvedAgain = try minutes()
        let refused = try sample.run(["minutes", "init", "kickoff"])
        #expect(refused.status == 1)
        let refusedFrozen = try sample.run(["minutes", "init", "kickoff", "--force"], environment: ["CONVENE_NOW": "2027-04-19T09:00:00Z"])
        #expect(refusedFrozen.status == 0, "\(refusedFrozen.stderr)")
        #expect(try minutes() != approvedAgain)
        let log = try String(contentsOfFile: sample.path + "/meetings/kickoff/approval.yaml", encoding: .utf8)
        #expect(log.contains("  - on: 2027-04-19\n    what: \"minutes init --force: the record started afresh\"\n"), "\(log)")
        let logged = try render()
        #expect(logged.contains("| Stand | genehmigt am 01.04.2027 (Plenum Digital Regional – Frühjahr 2027) |\n"))
        #expect(logged.contains("## Änderungen nach der Genehmigung\n\n"), "\(logged)")
    }

    @Test func aMeetingIsNotApprovedAtItself() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let result = try sample.run(["minutes", "approve", "kickoff", "--at", "kickoff"])
        #expect(result.status == 1)
        #expect(result.stderr == "convene: error: meetings/kickoff/minutes.yaml: minutes are approved at a later meeting, not at kickoff itself\n")
        let none = try sample.run(["minutes", "approve", "spring-2027"])
        #expect(none.stderr == "convene: error: meetings/spring-2027/minutes.yaml: no minutes to approve; create the record with: convene minutes init spring-2027\n")
    }
}
