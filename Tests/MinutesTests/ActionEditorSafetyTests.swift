import ConveneCore
import Foundation
import ICalendar
import SampleSupport
import Testing
@testable import Minutes

/// `actions done|start|drop` and `decisions done|start|drop` cannot tear the register (issue 11's guarantees, issue 15's
/// register): values are written through Yams, escaped (NEL, LS and PS break lines for YAML too), every change reads
/// back as meant, a hand edit is kept as a backup that is never overwritten — and the minutes are never touched.
@Suite struct ActionEditorSafetyTests {
    static let minutes = "meetings/kickoff/minutes.yaml"

    @Test func aNoteWithLineBreaksAndColonsStaysOneValue() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        let original = try sample.read(Self.minutes)
        var workspace = try Workspace.load(at: sample.root)
        let note = "Ergebnis: erledigt\u{85}siehe Mail\u{2028}und\u{2029}Anhang # kein Kommentar\n\"zitiert\"\t{x: y}"
        try ActionEditor.apply(id: "kickoff-bruchsal-leitfaden-e-akte", status: .done, note: note, workspace: workspace, force: false)
        let text = try sample.read(Workspace.actionRegisterFile)
        #expect(!text.unicodeScalars.contains { [0x85, 0x2028, 0x2029].contains($0.value) })
        // The next edit lands beside it, and the workspace still loads with the note intact.
        workspace = try Workspace.load(at: sample.root)
        try ActionEditor.apply(id: "kickoff-rheinstetten-ladekarte", status: .dropped, note: nil, workspace: workspace, force: false)
        try ActionEditor.apply(decision: "2026/02", status: .done, note: note, workspace: workspace, force: false)
        workspace = try Workspace.load(at: sample.root)
        #expect(workspace.actionItems.first { $0.id == "kickoff-bruchsal-leitfaden-e-akte" }?.note == note)
        #expect(workspace.actionItems.first { $0.id == "kickoff-bruchsal-leitfaden-e-akte" }?.status == .done)
        #expect(workspace.actionItems.first { $0.id == "kickoff-rheinstetten-ladekarte" }?.status == .dropped)
        #expect(workspace.decisions.first { $0.number == "2026/02" }?.note == note)
        #expect(workspace.decisions.first { $0.number == "2026/02" }?.status == .done)
        #expect(try sample.read(Self.minutes) == original)
    }

    @Test func backupsOfAHandEditedRegisterAreNeverOverwritten() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        let url = sample.root.appendingPathComponent(Workspace.actionRegisterFile)
        let workspace = try Workspace.load(at: sample.root)
        try ActionEditor.apply(id: "kickoff-bruchsal-leitfaden-e-akte", status: .done, note: nil, workspace: workspace, force: false)
        let first = try sample.read(Workspace.actionRegisterFile) + "# eine Notiz von Hand\n"
        try sample.write(Workspace.actionRegisterFile, first)
        #expect(throws: WorkspaceProblem(file: Workspace.actionRegisterFile,
                                         "was edited by hand; not overwritten (use --force to replace it; a .bak copy is kept)")) {
            try ActionEditor.apply(id: "kickoff-bruchsal-leitfaden-e-akte", status: .open, note: nil, workspace: workspace, force: false)
        }
        #expect(try sample.read(Workspace.actionRegisterFile) == first)
        try ActionEditor.apply(id: "kickoff-bruchsal-leitfaden-e-akte", status: .open, note: nil, workspace: workspace, force: true)
        let second = try sample.read(Workspace.actionRegisterFile) + "# noch eine\n"
        try sample.write(Workspace.actionRegisterFile, second)
        try ActionEditor.apply(id: "kickoff-bruchsal-leitfaden-e-akte", status: .done, note: nil, workspace: workspace, force: true)
        #expect(try String(contentsOf: url.appendingPathExtension("bak"), encoding: .utf8) == first)
        #expect(try String(contentsOf: url.appendingPathExtension("bak.2"), encoding: .utf8) == second)
    }
}
