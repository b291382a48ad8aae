import ConveneCore
import Foundation
import CalendarValues
import Testing

/// The file layer under every writer (issue 11): modes kept, no write through a link out of the
/// workspace, leftovers of killed runs removed, backups never overwritten, only regular files read,
/// and a reentrant workspace lock.
@Suite(.serialized) struct SafeFilesTests {
    /// A scratch workspace (a folder with convene.yaml), removed by the caller.
    static func workspace() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convene-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("name: x\n".utf8).write(to: root.appendingPathComponent("convene.yaml"))
        return root
    }

    @Test func aRewriteKeepsTheMode() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("state.yaml")
        try AtomicFile.write(Data("a\n".utf8), to: file)
        #expect(chmod(file.path, 0o600) == 0)
        try AtomicFile.write(Data("b\n".utf8), to: file, durable: true)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(try String(contentsOf: file, encoding: .utf8) == "b\n")
    }

    @Test func aLinkOutOfTheWorkspaceIsRefusedALinkInsideIsFine() throws {
        let root = try Self.workspace()
        let outside = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: root); try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.removeItem(at: outside.appendingPathComponent("convene.yaml"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("out"), withDestinationURL: outside)
        let problem = #expect(throws: WorkspaceProblem.self) {
            try AtomicFile.write(Data("x".utf8), to: root.appendingPathComponent("out/sub/file.txt"))
        }
        #expect(problem?.description == "out/sub/file.txt: is reached through a symbolic link that leads out of the workspace; not written (replace the link by a folder)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("inside"), withDestinationURL: root.appendingPathComponent("real"))
        try AtomicFile.write(Data("y".utf8), to: root.appendingPathComponent("inside/file.txt"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("real/file.txt").path))
    }

    @Test func leftoversOfADeadRunAreRemovedOthersStay() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("topics")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A pid that is surely gone: a child that has exited and been reaped.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = folder.appendingPathComponent(".a.yaml.tmp-\(child.processIdentifier)-123")
        let alive = folder.appendingPathComponent(".b.yaml.tmp-1-456")  // pid 1 is alive
        let mine = folder.appendingPathComponent(".c.yaml.tmp-\(getpid())-789")
        for url in [dead, alive, mine] { try Data("half".utf8).write(to: url) }
        try AtomicFile.write(Data("t\n".utf8), to: folder.appendingPathComponent("t.yaml"))
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: alive.path))
        #expect(FileManager.default.fileExists(atPath: mine.path))
    }

    @Test func backupsAreNumberedAndNeverReplaced() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("minutes.yaml")
        for version in ["one", "two", "three"] {
            try Data(version.utf8).write(to: file)
            try Backup.keep(file)
        }
        #expect(try String(contentsOf: file.appendingPathExtension("bak"), encoding: .utf8) == "one")
        #expect(try String(contentsOf: file.appendingPathExtension("bak.2"), encoding: .utf8) == "two")
        #expect(try String(contentsOf: file.appendingPathExtension("bak.3"), encoding: .utf8) == "three")
        #expect(try Backup.keep(root.appendingPathComponent("missing.yaml")) == nil)
    }

    @Test func onlyRegularFilesWithinTheLimitAreRead() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let fifo = root.appendingPathComponent("pipe.ics")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let started = Date()
        let problem = #expect(throws: WorkspaceProblem.self) { try SafeRead.contents(of: fifo, display: "pipe.ics") }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(problem?.description == "pipe.ics: is a FIFO (named pipe), not a file; convene reads only regular files")
        let folder = #expect(throws: WorkspaceProblem.self) { try SafeRead.contents(of: root, display: "ws") }
        #expect(folder?.description == "ws: is a folder, not a file")
        let device = #expect(throws: WorkspaceProblem.self) { try SafeRead.contents(of: URL(fileURLWithPath: "/dev/zero"), display: "zero") }
        #expect(device?.description == "zero: is a device or socket, not a file; convene reads only regular files")
        let big = root.appendingPathComponent("big.ics")
        try Data(count: 11).write(to: big)
        let tooBig = #expect(throws: WorkspaceProblem.self) { try SafeRead.contents(of: big, display: "big.ics", limit: 10) }
        #expect(tooBig?.description.hasPrefix("big.ics: is larger than") == true)
        #expect(try SafeRead.contents(of: big, display: "big.ics", limit: 11).count == 11)
    }

    @Test func theLockIsReentrantHoweverThePathIsSpelled() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let alias = FileManager.default.temporaryDirectory.appendingPathComponent("convene-alias-\(UUID().uuidString)")
        try FileManager.default.createSymbolicLink(at: alias, withDestinationURL: root)
        defer { try? FileManager.default.removeItem(at: alias) }
        let started = Date()
        let depth = try WorkspaceLock.withLock(root) { () throws(WorkspaceProblem) -> Int in
            #expect(WorkspaceLock.isHeld(root))
            return try WorkspaceLock.withLock(alias) { () throws(WorkspaceProblem) -> Int in
                #expect(WorkspaceLock.isHeld(alias))
                return 2
            }
        }
        #expect(depth == 2)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(!WorkspaceLock.isHeld(root))
    }

    @Test func anotherThreadWaitsForTheLock() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let order = LockOrder()
        let entered = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = try? WorkspaceLock.withLock(root) { () throws(WorkspaceProblem) in
                entered.signal()
                usleep(300_000)
                order.append("first")
            }
            done.signal()
        }
        entered.wait()
        try WorkspaceLock.withLock(root) { () throws(WorkspaceProblem) in order.append("second") }
        done.wait()
        #expect(order.values == ["first", "second"])
    }
}

final class LockOrder: @unchecked Sendable {
    private var list: [String] = []
    private let lock = NSLock()
    func append(_ value: String) { lock.withLock { list.append(value) } }
    var values: [String] { lock.withLock { list } }
}
