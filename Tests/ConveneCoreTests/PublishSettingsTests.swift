import CalendarValues
import Foundation
import SampleSupport
import Testing
@testable import ConveneCore

@Suite struct PublishSettingsTests {
    private func load(_ publish: String) throws -> Result<Workspace, WorkspaceErrors> {
        var files = Dictionary(uniqueKeysWithValues: WorkspaceTemplate.files.map { ($0.path, $0.text) })
        files["convene.yaml"] = files["convene.yaml"]! + "\n" + publish
        let workspace = try TemporaryWorkspace(files: files)
        defer { workspace.cleanup() }
        do { return .success(try Workspace.load(at: workspace.root)) } catch { return .failure(error) }
    }

    @Test func noPublishBlockPublishesNothing() throws {
        #expect(try Workspace.load(at: sampleRoot).network.publish == nil)
    }

    @Test func collectionsAreRead() throws {
        let workspace = try load("publish:\n  caldav: https://dav.example.org/cal/netz/\n  tasks: http://127.0.0.1:5232/org/tasks/\n").get()
        #expect(workspace.network.publish?.calendar?.absoluteString == "https://dav.example.org/cal/netz/")
        #expect(workspace.network.publish?.tasks?.absoluteString == "http://127.0.0.1:5232/org/tasks/")
        let insecure = try load("publish:\n  caldav: http://dav.lan/cal/\n  insecure: true\n").get()
        #expect(insecure.network.publish?.calendar?.host == "dav.lan")
        #expect(insecure.network.publish?.tasks == nil)
    }

    @Test func problemsNameFileAndLineAndNeverTheURL() throws {
        let cases: [(String, String)] = [
            ("publish:\n  caldav: http://dav.lan/s3cr3t-path/\n", "publish.caldav: the CalDAV URL uses plain http://"),
            ("publish:\n  tasks: https://user:s3cr3t-path@dav.example.org/\n", "publish.tasks: the CalDAV URL holds a user name or password"),
            ("publish:\n  caldav: webcal://dav.example.org/s3cr3t-path/\n", "publish.caldav: the CalDAV URL must be an https://"),
            ("publish:\n  calendar: https://dav.example.org/s3cr3t-path/\n", "unknown key 'calendar'"),
            ("publish:\n  caldav: https://dav.example.org/s3cr3t-path/\n  insecure: sometimes\n", "publish: insecure is true or false"),
            ("publish: https://dav.example.org/s3cr3t-path/\n", "publish: a mapping with caldav: URL"),
        ]
        for (yaml, expected) in cases {
            guard case .failure(let errors) = try load(yaml) else {
                Issue.record("loaded: \(yaml)")
                continue
            }
            let lines = errors.problems.map(\.description)
            #expect(lines.contains { $0.hasPrefix("convene.yaml:") && $0.contains(expected) }, "\(lines)")
            #expect(!lines.joined().contains("s3cr3t-path"), "\(lines)")
        }
    }

    @Test func thePublishingRecordReadsBackWhatWasWritten() throws {
        let sample = try SampleWorkspace()
        defer { sample.cleanup() }
        let workspace = try Workspace.load(at: sample.root)
        let path = MeetingFolder(id: "spring-2027").publishedFile
        #expect(path == "meetings/spring-2027/published.yaml")
        #expect(try PublishedResources.read(path, in: workspace) == PublishedResources())
        var record = PublishedResources()
        record.record(.init(id: "spring-2027@ettlingen.example", name: "spring-2027@ettlingen.example.ics", etag: "\"3a-b\"",
                            fingerprint: "ab12", version: "0"))
        record.record(.init(id: "a", name: "a.ics", etag: "", fingerprint: "cd34", town: "bretten", version: "done"))
        record.record(.init(id: "a", name: "a.ics", etag: "W/\"x\"", fingerprint: "ef56", town: "bretten", version: "open"))
        try record.write(path, in: workspace, force: false)
        #expect(try PublishedResources.read(path, in: workspace) == record)
        #expect(record.entries.count == 2)

        // A hand edit is refused before anything is published, and kept.
        let url = workspace.url(path)
        try Data((try String(contentsOf: url, encoding: .utf8) + "# mine\n").utf8).write(to: url)
        #expect(throws: WorkspaceProblem(file: path, "was edited by hand; nothing published (use --force to replace it; a .bak copy is kept)")) {
            try PublishedResources.requireUntouched(path, in: workspace, force: false)
        }
        try PublishedResources.requireUntouched(path, in: workspace, force: true)
    }
}
