import ConveneCore
import Foundation
import SampleSupport
import Testing

/// Issue 10, part 2 item 1: the invitation records the letter templates each version was written from;
/// `status` says when one changed since (an override added, edited or removed) and what to run.
@Suite(.serialized) struct TemplateFingerprintTests {
    func invitedLine(_ sample: SampleCopy) throws -> (line: String, next: String?) {
        let status = try sample.run(["status", "spring-2027"])
        #expect(status.status == 0, "\(status.stderr)")
        let lines = status.stdout.split(separator: "\n").map(String.init)
        return (try #require(lines.first { $0.hasPrefix("invited ") }), lines.first { $0.hasPrefix("Next: ") })
    }

    @Test func aLetterTemplateChangedSinceTheInvitationWentOutIsStale() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        try sample.issue(["invite", "spring-2027"])
        let record = try sample.meetingFile("invitation.yaml")
        #expect(record.contains("templates:\n  - {name: letter.de.html.mustache, from: built-in, sha256: "), "\(record)")
        #expect(record.contains("\n  - {name: letter.de.txt.mustache, from: built-in, sha256: "))
        #expect(try invitedLine(sample).line.contains("done"))

        // An override added after the letters went out.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let builtIn = try String(contentsOf: repository.appendingPathComponent("Templates/letter.de.txt.mustache"), encoding: .utf8)
        try FileManager.default.createDirectory(atPath: sample.path + "/templates", withIntermediateDirectories: true)
        try Data(builtIn.replacingOccurrences(of: "Mit freundlichen Grüßen", with: "Mit besten Grüßen").utf8)
            .write(to: URL(fileURLWithPath: sample.path + "/templates/letter.de.txt.mustache"))
        var (line, next) = try invitedLine(sample)
        #expect(line.contains("stale: the letters of SEQUENCE 0 were written from another template: templates/letter.de.txt.mustache was added since"), "\(line)")
        #expect(next == "Next: convene invite spring-2027 --send --new-letter (everyone gets the new letter as an update), or leave it: the next update uses it")
        let json = try sample.run(["status", "spring-2027", "--format", "json"])
        #expect(json.stdout.contains("templates/letter.de.txt.mustache was added since"))

        // Sending the new letter: an update to everyone, recorded with the override's fingerprint.
        let resent = try sample.issue(["invite", "spring-2027", "--new-letter"])
        #expect(resent.stdout.contains("SEQUENCE 1, 22 attendees"), "\(resent.stdout)")
        #expect(resent.stdout.contains("Not sent (add --send): 22 messages"), "\(resent.stdout)")
        let mail = try sample.file("mail/bretten-ob.eml")
        #expect(mail.contains("Subject: =?UTF-8?Q?Aktualisiert:"), "\(mail.prefix(400))")
        #expect(try sample.meetingFile("invitation.yaml").contains("{name: letter.de.txt.mustache, from: workspace, sha256: "))
        (line, next) = try invitedLine(sample)
        #expect(line.contains("done") && !line.contains("stale"), "\(line)")
        let again = try sample.run(["invite", "spring-2027", "--new-letter"])
        #expect(again.status == 1)
        #expect(again.stderr == "convene: error: meetings/spring-2027/invitation.yaml: the letter templates did not change since SEQUENCE 1 went out; there is no new letter to send\n")

        // Edited, then removed again.
        try sample.edit("templates/letter.de.txt.mustache", "Mit besten Grüßen", "Herzliche Grüße")
        #expect(try invitedLine(sample).line.contains("templates/letter.de.txt.mustache was edited since"))
        try FileManager.default.removeItem(atPath: sample.path + "/templates/letter.de.txt.mustache")
        #expect(try invitedLine(sample).line.contains("templates/letter.de.txt.mustache was removed (the built-in one is used now) since"))
    }

    /// A template entry is a name, never a path: one edited into a path is a problem with its line.
    @Test func aTemplateEntryThatIsAPathIsAProblem() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        try sample.issue(["invite", "spring-2027"])
        try sample.edit("meetings/spring-2027/invitation.yaml", "{name: letter.de.txt.mustache,", "{name: ../../convene.yaml,")
        let status = try sample.run(["status", "spring-2027"])
        #expect(status.status == 1)
        #expect(status.stderr.hasPrefix("convene: error: meetings/spring-2027/invitation.yaml:"), "\(status.stderr)")
        #expect(status.stderr.contains(": template: name must be a template's file name (a-z, 0-9, '.', '-'), not a path\n"), "\(status.stderr)")
        #expect(!status.stderr.contains("convene.yaml,"))
    }

    /// invitation.yaml written before templates were recorded: read as before, never stale for its templates.
    @Test func aRecordWithoutTemplatesStaysReadableAndIsNotStale() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        try sample.issue(["invite", "spring-2027"])
        let path = sample.path + "/meetings/spring-2027/invitation.yaml"
        let record = try String(contentsOfFile: path, encoding: .utf8)
        let old = OwnedFile.body(record).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("templates:") && !$0.hasPrefix("  - {name: letter.") }.joined(separator: "\n")
        #expect(old.count < record.count - 100)
        // As an older convene wrote it (sealed as convene's own, so it counts as untouched).
        try Data(OwnedFile.seal(old).utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.createDirectory(atPath: sample.path + "/templates", withIntermediateDirectories: true)
        try Data("{{greeting}}\n".utf8).write(to: URL(fileURLWithPath: sample.path + "/templates/letter.de.txt.mustache"))
        let status = try sample.run(["status", "spring-2027"])
        #expect(status.status == 0, "\(status.stderr)")
        let invited = try #require(status.stdout.split(separator: "\n").first { $0.hasPrefix("invited ") })
        #expect(invited.contains("done") && !invited.contains("stale"), "\(invited)")
        let refused = try sample.run(["invite", "spring-2027", "--new-letter"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the letter templates did not change since SEQUENCE 0 went out"))
    }

    func pollingLine(_ sample: SampleCopy) throws -> String {
        let status = try sample.run(["status", "spring-2027"])
        #expect(status.status == 0, "\(status.stderr)")
        return try #require(status.stdout.split(separator: "\n").map(String.init).first { $0.hasPrefix("polling ") })
    }

    /// The poll records the templates of the mails that left (poll.yaml `templates:`): the requests' at
    /// `poll start --send`, the cancellations' at `poll close --send`; `status` says when one changed since.
    @Test func aPollTemplateChangedSinceTheHoldsWentOutIsStale() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try sample.useNullMailer()
        let start = try sample.run(["poll", "start", "spring-2027", "--dates", "2027-04-20T12:30", "2027-04-28T08:30", "--deadline", "2027-04-12", "--send"])
        #expect(start.status == 0, "\(start.stderr)")
        var record = try String(contentsOfFile: sample.pollFile, encoding: .utf8)
        #expect(record.contains("templates:\n  - {name: poll-request.de.txt.mustache, from: built-in, sha256: "), "\(record)")
        #expect(!record.contains("poll-cancel"), "no cancellation went out yet")
        var line = try pollingLine(sample)
        #expect(line.contains("done") && !line.contains("stale"), "\(line)")

        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let builtIn = try String(contentsOf: repository.appendingPathComponent("Templates/poll-request.de.txt.mustache"), encoding: .utf8)
        try FileManager.default.createDirectory(atPath: sample.path + "/templates", withIntermediateDirectories: true)
        let override = sample.path + "/templates/poll-request.de.txt.mustache"
        try Data(builtIn.replacingOccurrences(of: "Mit freundlichen Grüßen", with: "Mit besten Grüßen").utf8).write(to: URL(fileURLWithPath: override))
        line = try pollingLine(sample)
        #expect(line.contains("stale: the poll's mails were written from another template: templates/poll-request.de.txt.mustache was added since "
                              + "(the holds stay as sent; convene poll remind spring-2027 and poll close write from the new one)"), "\(line)")
        let json = try sample.run(["status", "spring-2027", "--format", "json"])
        #expect(json.stdout.contains("templates/poll-request.de.txt.mustache was added since"), "\(json.stdout)")
        try sample.edit("templates/poll-request.de.txt.mustache", "Mit besten Grüßen", "Herzliche Grüße")
        #expect(try pollingLine(sample).contains("templates/poll-request.de.txt.mustache was added since"), "compared with what went out")
        try FileManager.default.removeItem(atPath: override)
        #expect(!(try pollingLine(sample)).contains("stale"))

        // The close records the cancellations' template beside the requests'.
        let close = try sample.run(["poll", "close", "spring-2027", "--pick", "1", "--send", "--force"])
        #expect(close.status == 0, "\(close.stderr)")
        record = try String(contentsOfFile: sample.pollFile, encoding: .utf8)
        #expect(record.contains("\n  - {name: poll-cancel.de.txt.mustache, from: built-in, sha256: "), "\(record)")
        #expect(record.contains("\n  - {name: poll-request.de.txt.mustache, from: built-in, sha256: "))
        try Data("{{salutation}}\n".utf8).write(to: URL(fileURLWithPath: sample.path + "/templates/poll-cancel.de.txt.mustache"))
        line = try pollingLine(sample)
        #expect(line.contains("templates/poll-cancel.de.txt.mustache was added since (nothing is sent again)"), "\(line)")
    }

    /// poll.yaml written before templates were recorded: read as before, never stale for its templates.
    @Test func aPollRecordWithoutTemplatesStaysReadableAndIsNotStale() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try sample.useNullMailer()
        let start = try sample.run(["poll", "start", "spring-2027", "--dates", "2027-04-20T12:30", "--deadline", "2027-04-12", "--send"])
        #expect(start.status == 0, "\(start.stderr)")
        let record = try String(contentsOfFile: sample.pollFile, encoding: .utf8)
        let old = OwnedFile.body(record).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("templates:") && !$0.hasPrefix("  - {name: poll-") }.joined(separator: "\n")
        #expect(old.count < record.count - 80)
        // As an older convene wrote it (sealed as convene's own, so it counts as untouched).
        try Data(OwnedFile.seal(old).utf8).write(to: URL(fileURLWithPath: sample.pollFile))
        try FileManager.default.createDirectory(atPath: sample.path + "/templates", withIntermediateDirectories: true)
        try Data("{{salutation}}\n".utf8).write(to: URL(fileURLWithPath: sample.path + "/templates/poll-request.de.txt.mustache"))
        let line = try pollingLine(sample)
        #expect(line.contains("done") && !line.contains("stale"), "\(line)")
        let grid = try sample.run(["poll", "status", "spring-2027"])
        #expect(grid.status == 0, "\(grid.stderr)")
    }
}
