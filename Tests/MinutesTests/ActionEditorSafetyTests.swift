import ConveneCore
import Foundation
import ICalendar
import SampleSupport
import Testing
@testable import Minutes

/// `actions done|start|drop` cannot tear minutes.yaml (issue 11): the editor's lines are YAML's
/// lines (NEL, LS and PS break lines for YAML too), values are written escaped, and an edit that
/// would change anything else is refused with the old file kept.
@Suite struct ActionEditorSafetyTests {
    static let path = "meetings/kickoff/minutes.yaml"

    @Test func aNoteWithANextLineCharacterStaysOneValue() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        var workspace = try Workspace.load(at: sample.root)
        let note = "erledigt\u{85}siehe Mail\u{2028}und\u{2029}Anhang"
        try ActionEditor.apply(id: "kickoff-bruchsal-leitfaden-e-akte", status: .done, note: note, workspace: workspace, force: true)
        let text = try sample.read(Self.path)
        #expect(text.contains(#"note: "erledigt\u0085siehe Mail\u2028und\u2029Anhang""#))
        #expect(!text.unicodeScalars.contains { [0x85, 0x2028, 0x2029].contains($0.value) })
        // The next edit lands on the right lines, and the workspace still loads.
        workspace = try Workspace.load(at: sample.root)
        try ActionEditor.apply(id: "kickoff-rheinstetten-ladekarte", status: .dropped, note: nil, workspace: workspace, force: true)
        workspace = try Workspace.load(at: sample.root)
        #expect(workspace.actionItems.first { $0.id == "kickoff-bruchsal-leitfaden-e-akte" }?.note == note)
        #expect(workspace.actionItems.first { $0.id == "kickoff-bruchsal-leitfaden-e-akte" }?.status == .done)
        #expect(workspace.actionItems.first { $0.id == "kickoff-rheinstetten-ladekarte" }?.status == .dropped)
    }

    @Test func aLineSeparatorInsideAQuotedValueDoesNotShiftTheEdit() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        let original = try sample.read(Self.path)
        // A U+2028 inside a quoted title, which YAML (and convene check) reads as folded text.
        let edited = original.replacingOccurrences(of: "title: Leitfaden e-Akte für die anderen Städte aufbereiten",
                                                   with: "title: \"Leitfaden e-Akte\u{2028}für die anderen Städte aufbereiten\"")
        #expect(edited != original)
        try sample.write(Self.path, edited)
        var workspace = try Workspace.load(at: sample.root)
        let before = workspace.actionItems.map { ($0.id, $0.title, $0.status) }
        try ActionEditor.apply(id: "kickoff-rheinstetten-ladekarte", status: .open, note: "wieder offen", workspace: workspace, force: true)
        workspace = try Workspace.load(at: sample.root)
        let after = workspace.actionItems.map { ($0.id, $0.title, $0.status) }
        #expect(after.count == before.count)
        for (old, new) in zip(before, after) {
            #expect(old.0 == new.0 && old.1 == new.1)
            #expect(new.2 == (new.0 == "kickoff-rheinstetten-ladekarte" ? .open : old.2))
        }
        // The hand-written original was kept as a backup first.
        #expect(try sample.read(Self.path + ".bak") == edited)
    }

    @Test func anEditThatWouldChangeOtherLinesKeepsTheOldFile() throws {
        // A raw NEL inside the old note: YAML sees two lines, and the edit must replace both.
        let text = """
            action_items:
              - id: a
                title: A
                town: bruchsal
                note: "eins\u{85}zwei"
                status: open

            """
        let updated = try ActionEditor.update(text, id: "a", status: .done, note: "neu", file: "m.yaml")
        try ActionEditor.verify(updated, against: text, id: "a", status: .done, note: "neu", file: "m.yaml")
        #expect(!updated.contains("zwei"))
        // verify refuses a change to any other value.
        let other = text.replacingOccurrences(of: "title: A", with: "title: B").replacingOccurrences(of: "status: open", with: "status: done")
        let problem = #expect(throws: WorkspaceProblem.self) {
            try ActionEditor.verify(other, against: text, id: "a", status: .done, note: nil, file: "m.yaml")
        }
        #expect(problem?.description == "m.yaml: the change would alter other lines; m.yaml is unchanged — change action item a by hand")
    }

    @Test func backupsAreNeverOverwritten() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        let url = sample.root.appendingPathComponent(Self.path)
        let original = try sample.read(Self.path)
        let workspace = try Workspace.load(at: sample.root)
        try ActionEditor.apply(id: "kickoff-bruchsal-leitfaden-e-akte", status: .done, note: nil, workspace: workspace, force: true)
        // A person edits the convene-written file again; the second --force keeps that version too.
        let second = try sample.read(Self.path).replacingOccurrences(of: "title: Leitfaden e-Akte", with: "title: Leitfaden E-Akte")
        try sample.write(Self.path, second)
        try ActionEditor.apply(id: "kickoff-bruchsal-leitfaden-e-akte", status: .open, note: nil, workspace: try Workspace.load(at: sample.root), force: true)
        #expect(try String(contentsOf: url.appendingPathExtension("bak"), encoding: .utf8) == original)
        #expect(try String(contentsOf: url.appendingPathExtension("bak.2"), encoding: .utf8) == second)
    }
}
