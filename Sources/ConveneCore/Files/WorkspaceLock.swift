import Foundation
import CalendarValues

/// The one writer lock of a workspace: an advisory `flock(2)` on `.convene/lock`. Every command
/// that changes the workspace holds it from the moment it reads the state it is going to change
/// until the last file is written (for `invite --send`, until the last message is handed over),
/// so two runs at once never lose an update, never issue the same SEQUENCE twice and never mail
/// the same message twice. Readers do not take it: every write is a rename, so they see the old
/// or the new file, never half of one.
///
/// A second writer waits, says so once on standard error, and gives up after
/// `CONVENE_LOCK_TIMEOUT` seconds (default 120) with a one-line error. The lock is reentrant
/// within a process (a library call that locks inside a locked block just goes on) and is released
/// by the kernel when the process ends, however it ends.
public enum WorkspaceLock {
    /// Where the lock lives, relative to the workspace root.
    public static let file = ".convene/lock"

    /// How long a writer waits for another one, in seconds (`CONVENE_LOCK_TIMEOUT`, default 120).
    public static var timeout: Double {
        if let text = ProcessInfo.processInfo.environment["CONVENE_LOCK_TIMEOUT"], let value = Double(text),
           value.isFinite, value >= 0, value <= 86_400 { return value }
        return 120
    }

    /// Called once when a writer has to wait (default: one line on standard error).
    nonisolated(unsafe) public static var onWait: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data("convene: \(line)\n".utf8))
    }

    private struct Held {
        var descriptor: Int32
        var depth: Int
        var thread: pthread_t
    }
    private static let registry = NSLock()
    nonisolated(unsafe) private static var held: [String: Held] = [:]

    /// Runs `body` holding the lock of the workspace at `root`.
    /// - Throws: `WorkspaceProblem` naming `.convene/lock` when the lock cannot be taken in time,
    ///   or whatever `body` throws.
    public static func withLock<T>(_ root: URL, _ body: () throws(WorkspaceProblem) -> T) throws(WorkspaceProblem) -> T {
        let key = try identity(root, create: true) ?? root.standardizedFileURL.path
        try acquire(key, root: root)
        defer { release(key) }
        return try body()
    }

    /// Whether this thread holds the lock of the workspace at `root`.
    public static func isHeld(_ root: URL) -> Bool {
        guard let key = try? identity(root, create: false) else { return false }
        return registry.withLock {
            guard let entry = held[key] else { return false }
            return pthread_equal(entry.thread, pthread_self()) != 0
        }
    }

    /// The lock file's device and inode: one key however the workspace's path is spelled (a
    /// relative path, a symbolic link on the way), so reentrancy never locks against itself.
    private static func identity(_ root: URL, create: Bool) throws(WorkspaceProblem) -> String? {
        let folder = root.appendingPathComponent(".convene")
        var info = stat()
        if lstat(folder.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            throw WorkspaceProblem(file: ".convene", "is a symbolic link; convene keeps its lock and cache inside the workspace (remove the link)")
        }
        let path = root.appendingPathComponent(file).path
        if create {
            _ = mkdir(folder.path, 0o755)
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard descriptor >= 0 else {
                throw WorkspaceProblem(file: file, "cannot open the workspace lock (\(String(cString: strerror(errno))))")
            }
            close(descriptor)
        }
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino)"
    }

    private static func acquire(_ key: String, root: URL) throws(WorkspaceProblem) {
        let me = pthread_self()
        let deadline = Date().addingTimeInterval(timeout)
        var announced = false
        // Another thread of this process holding it counts as another writer.
        while true {
            let state: Int = registry.withLock {
                guard var entry = held[key] else { return 0 }
                if pthread_equal(entry.thread, me) != 0 {
                    entry.depth += 1
                    held[key] = entry
                    return 1
                }
                return 2
            }
            if state == 1 { return }
            if state == 0 { break }
            if Date() >= deadline { throw busy() }
            if !announced { announced = true; onWait(waitingLine) }
            usleep(20_000)
        }
        let descriptor = open(root.appendingPathComponent(file).path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw WorkspaceProblem(file: file, "cannot open the workspace lock (\(String(cString: strerror(errno))))")
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw WorkspaceProblem(file: file, "cannot lock the workspace (\(reason))")
            }
            if Date() >= deadline {
                close(descriptor)
                throw busy()
            }
            if !announced { announced = true; onWait(waitingLine) }
            usleep(20_000)
        }
        let claimed: Bool = registry.withLock {
            guard held[key] == nil else { return false }
            held[key] = Held(descriptor: descriptor, depth: 1, thread: me)
            return true
        }
        guard claimed else {
            // Cannot happen (another thread of ours would hold the flock), but never keep two.
            close(descriptor)
            throw busy()
        }
        // Under the lock nobody else writes: what killed runs left behind can go.
        TemporaryFiles.sweep(workspace: root)
    }

    private static func release(_ key: String) {
        registry.withLock {
            guard var entry = held[key] else { return }
            entry.depth -= 1
            if entry.depth > 0 {
                held[key] = entry
                return
            }
            held[key] = nil
            flock(entry.descriptor, LOCK_UN)
            close(entry.descriptor)
        }
    }

    private static var waitingLine: String {
        "waiting for another convene that is changing this workspace (\(file)) …"
    }

    private static func busy() -> WorkspaceProblem {
        let seconds = timeout < 10 ? String(format: "%g", timeout) : String(Int(timeout))
        return WorkspaceProblem(file: file, "another convene has been changing this workspace for \(seconds) s; "
                         + "nothing was changed; try again when it has finished")
    }
}

extension Workspace {
    /// Runs `body` holding the workspace's writer lock (see `WorkspaceLock`).
    /// - Throws: `WorkspaceProblem` when the lock cannot be taken in time, or whatever `body` throws.
    public func withWriteLock<T>(_ body: () throws(WorkspaceProblem) -> T) throws(WorkspaceProblem) -> T {
        try WorkspaceLock.withLock(root, body)
    }
}
