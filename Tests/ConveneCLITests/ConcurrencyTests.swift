import Foundation
import Testing

/// Two convene processes at once on one workspace, round after round: the workspace lock
/// (`.convene/lock`) must make every change land, every SEQUENCE unique and every message go out
/// once. `CONVENE_STRESS_ROUNDS=N` runs N rounds of each; by default 20 of rsvp and actions, 8 of
/// invite and 5 of invite --send (a debug-build invite takes about a second), about two minutes
/// together on two busy cores.
@Suite(.serialized) struct ConcurrencyTests {
    static func rounds(default value: Int) -> Int { Int(ProcessInfo.processInfo.environment["CONVENE_STRESS_ROUNDS"] ?? "") ?? value }

    /// Runs both argument lists at the same moment and waits for both.
    static func together(_ sample: SampleCopy, _ first: [String], _ second: [String],
                         environment: [String: String] = [:]) throws -> (CLI.Result, CLI.Result) {
        let results = ResultPair()
        let group = DispatchGroup()
        for (index, arguments) in [first, second].enumerated() {
            group.enter()
            DispatchQueue.global().async {
                results.set(index, try? sample.run(arguments, environment: environment))
                group.leave()
            }
        }
        group.wait()
        return (try #require(results.get(0)), try #require(results.get(1)))
    }

    @Test func rsvpAtOnceLosesNoAnswer() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        try sample.issue(["invite", "spring-2027"])
        let invite = try sample.file("invite.ics")
        for round in 0..<Self.rounds(default: 20) {
            let stamp = String(format: "20270402T%02d%02d00Z", 8 + round / 60, round % 60)
            let answer = round % 2 == 0 ? "ACCEPTED" : "DECLINED"
            let a = try sample.scratch.write("a-\(round).ics", InviteCommandTests.reply(to: invite, from: "ob@bretten.example", answer, stamp: stamp))
            let b = try sample.scratch.write("b-\(round).ics", InviteCommandTests.reply(to: invite, from: "hauptamt@rastatt.example", answer, stamp: stamp))
            let (first, second) = try Self.together(sample, ["rsvp", "spring-2027", a], ["rsvp", "spring-2027", b])
            #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
            let replies = try sample.meetingFile("replies.yaml")
            // Both answers of this round are on record: neither run overwrote the other's.
            let iso = "2027-04-02T\(String(format: "%02d:%02d", 8 + round / 60, round % 60)):00Z"
            let recorded = replies.components(separatedBy: iso).count - 1
            #expect(recorded == 2, "round \(round): \(recorded) of 2 answers recorded")
            if recorded != 2 { break }
        }
    }

    @Test func actionsDoneAtOnceLosesNoChange() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        let minutes = sample.path + "/meetings/kickoff/minutes.yaml"
        let original = try Data(contentsOf: URL(fileURLWithPath: minutes))
        let register = sample.path + "/register/actions.yaml"
        for round in 0..<Self.rounds(default: 20) {
            let (first, second) = try Self.together(
                sample, ["actions", "start", "kickoff-bruchsal-leitfaden-e-akte", "--note", "a\(round)"],
                ["actions", "done", "kickoff-gaggenau-notfallhandbuch", "--note", "b\(round)"])
            #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
            let text = try String(contentsOfFile: register, encoding: .utf8)
            #expect(text.contains("note: \"a\(round)\"") && text.contains("note: \"b\(round)\""), "round \(round): a change was lost")
            if !(text.contains("note: \"a\(round)\"") && text.contains("note: \"b\(round)\"")) { break }
        }
        // The minutes were never touched; the register is convene's own file, as convene wrote it.
        #expect(try Data(contentsOf: URL(fileURLWithPath: minutes)) == original)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: sample.path + "/register")).contains { $0.hasPrefix("actions.yaml.bak") })
        #expect(try sample.run(["check"]).status == 0)
    }

    static func sequence(_ sample: SampleCopy) throws -> Int {
        let state = try sample.meetingFile("invitation.yaml")
        let line = try #require(state.split(separator: "\n").first { $0.hasPrefix("sequence:") })
        return try #require(Int(line.dropFirst("sequence:".count).trimmingCharacters(in: .whitespaces)))
    }

    @Test func inviteAtOnceNeverIssuesASequenceTwice() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        try sample.useNullMailer()
        try sample.issue(["invite", "spring-2027"])
        var seen: Set<String> = ["0"]
        for round in 0..<Self.rounds(default: 8) {
            let before = try Self.sequence(sample)
            // Different content in each run (the reminder), so each must raise SEQUENCE.
            let (first, second) = try Self.together(sample, ["invite", "spring-2027", "--send", "--alarm-minutes", "\(100 + 2 * round)"],
                                                    ["invite", "spring-2027", "--send", "--alarm-minutes", "\(101 + 2 * round)"])
            #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
            for result in [first, second] {
                let issued = result.stdout.components(separatedBy: "SEQUENCE ").dropFirst().first?.prefix { $0.isNumber }
                #expect(issued.map { seen.insert(String($0)).inserted } == true, "round \(round): SEQUENCE \(issued ?? "?") issued twice")
            }
            #expect(try Self.sequence(sample) == before + 2)
        }
    }

    @Test func inviteSendAtOnceDeliversEachMessageOnce() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        let spool = sample.scratch.url.appendingPathComponent("spool").path
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        let script = try sample.scratch.write("spool-sendmail", """
            #!/bin/sh
            cat > "\(spool)/$$-$(date +%s%N).eml"
            """)
        #expect(chmod(script, 0o755) == 0)
        try sample.edit("convene.yaml", "  send_command: /usr/sbin/sendmail -t -i", "  send_command: [\(script), -t]")
        let rounds = Self.rounds(default: 5)
        for round in 0..<rounds {
            // Both runs want the same new version: one sends it, the other finds it sent.
            let arguments = ["invite", "spring-2027", "--send", "--alarm-minutes", "\(200 + round)"]
            let (first, second) = try Self.together(sample, arguments, arguments)
            #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
            let delivered = try FileManager.default.contentsOfDirectory(atPath: spool).count
            #expect(delivered == 22 * (round + 1), "round \(round): \(delivered) deliveries, expected \(22 * (round + 1))")
            if delivered != 22 * (round + 1) { break }
        }
        // No Message-ID twice, and sent.log has a `sent` line for every delivery, each after its in-flight line.
        var ids: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: spool) {
            let mail = try String(contentsOfFile: spool + "/" + name, encoding: .utf8)
            ids += mail.components(separatedBy: "\r\n").filter { $0.hasPrefix("Message-ID: ") }
        }
        #expect(Set(ids).count == ids.count && ids.count == 22 * rounds)
        let log = try sample.meetingFile("sent.log").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(log.filter { $0.contains("\tsent\t") }.count == 22 * rounds)
        #expect(log.filter { $0.contains("\tin-flight\t") }.count == 22 * rounds)
    }
}

/// Readers never see a change half applied (issue 11, item 1): a writer applies a change of several
/// files under `.convene/view` held exclusively, which a reading command holds shared; a long send
/// gives it back once its state is recorded. `flock(1)` plays the other side.
@Suite(.serialized) struct ConsistentViewTests {
    /// Holds `.convene/view` of the sample (`-x` exclusive, `-s` shared) for `seconds` in another process.
    static func hold(_ sample: SampleCopy, _ mode: String, seconds: Double) throws -> Process {
        try FileManager.default.createDirectory(atPath: sample.path + "/.convene", withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        process.arguments = [mode, sample.path + "/.convene/view", "sleep", String(seconds)]
        try process.run()
        // flock(1) takes the lock at once (nobody else holds it); give it a moment to start.
        usleep(300_000)
        return process
    }

    @Test func aReaderWaitsWhileAChangeIsApplied() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        let writer = try Self.hold(sample, "-x", seconds: 1.5)
        let started = Date()
        let status = try sample.run(["status", "spring-2027"])
        let waited = Date().timeIntervalSince(started)
        writer.waitUntilExit()
        #expect(status.status == 0, "\(status.stderr)")
        #expect(waited >= 1.0, "status read while a change was being applied (after \(waited) s)")
        #expect(status.stderr.contains("waiting for another convene that is changing this workspace"))
    }

    @Test func aWriterLetsReadersFinishBeforeItChangesAnything() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        try sample.issue(["invite", "spring-2027"])
        let reply = try sample.scratch.write("r.ics", InviteCommandTests.reply(to: try sample.file("invite.ics"), from: "ob@bretten.example", "ACCEPTED", stamp: "20270401T080000Z"))
        let reader = try Self.hold(sample, "-s", seconds: 1.5)
        let before = try? sample.meetingFile("replies.yaml")
        let started = Date()
        let rsvp = try sample.run(["rsvp", "spring-2027", reply])
        let waited = Date().timeIntervalSince(started)
        reader.waitUntilExit()
        #expect(rsvp.status == 0, "\(rsvp.stderr)")
        #expect(waited >= 1.0, "rsvp changed the workspace while it was being read (after \(waited) s)")
        #expect(try sample.meetingFile("replies.yaml") != before)
    }

    @Test func aLongSendCanBeWatchedOnceItsStateIsRecorded() throws {
        let sample = try invitableSample()
        defer { sample.cleanup() }
        // A mail program that holds on to its message while the flag exists: the send stands still mid-way.
        let flag = try sample.scratch.write("hold", "")
        let script = try sample.scratch.write("held-mailer", "#!/bin/sh\ncat > /dev/null\nwhile [ -e \"\(flag)\" ]; do sleep 0.05; done\n")
        #expect(chmod(script, 0o755) == 0)
        try sample.edit("convene.yaml", "  send_command: /usr/sbin/sendmail -t -i", "  send_command: [\(script), -t]")
        let send = try FaultTests.start(sample, ["invite", "spring-2027", "--send"])
        defer { if send.isRunning { kill(send.processIdentifier, SIGKILL) }; send.waitUntilExit() }
        let log = sample.path + "/meetings/spring-2027/sent.log"
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("\tin-flight\t") { usleep(50_000) }
        // The first message is with the mail program, the send holds the writer lock: status reads the recorded
        // state at once. Had the send kept the view, status would wait and fail at the (short) lock timeout.
        let status = try sample.run(["status", "spring-2027", "--format", "json"], environment: ["CONVENE_LOCK_TIMEOUT": "20"])
        #expect(send.isRunning, "the send ended before status was run: the test proves nothing")
        #expect(status.status == 0, "\(status.stderr)")
        #expect(!status.stderr.contains("waiting for another convene"))
        #expect(status.stdout.contains("\"state\" : \"invited\"") || status.stdout.contains("\"state\": \"invited\""), "status did not see the recorded invitation")
        try FileManager.default.removeItem(atPath: flag)
        send.waitUntilExit()
        #expect(send.terminationStatus == 0)
    }
}

/// Two results, set from two threads.
final class ResultPair: @unchecked Sendable {
    private var values: [CLI.Result?] = [nil, nil]
    private let lock = NSLock()
    func set(_ index: Int, _ value: CLI.Result?) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> CLI.Result? { lock.withLock { values[index] } }
}
