import Foundation
import CalendarValues

/// The one writer lock of a workspace: an advisory `flock(2)` on `.convene/lock`. Every command
/// that changes the workspace holds it from the moment it reads the state it is going to change
/// until the last file is written (for `invite --send`, until the last message is handed over),
/// so two runs at once never lose an update, never issue the same SEQUENCE twice and never mail
/// the same message twice.
///
/// Readers never see a change half applied: every write is a rename (old or new file, never half
/// of one), and a change of several files (the invitation state and its out/ files; a slot and its
/// retimed agenda) is applied under an exclusive `flock` on `.convene/view`, which a reading
/// command holds shared from loading the workspace to its end (`readConsistently`). A long send
/// gives the view back once its state is recorded (`publish`), so `status` can watch it go out.
/// A process that holds the view shared gives it up before it waits for the writer lock, so two
/// commands that read and then write never wait for each other.
///
/// A second writer waits, says so once on standard error, and gives up after
/// `CONVENE_LOCK_TIMEOUT` seconds (default 120) with a one-line error that says what held it up: another
/// convene *changing* the workspace (the writer lock, or a reader waiting for a change to be applied) or
/// *reading* it (a writer waiting for the readers of `.convene/view` to finish). The lock is reentrant
/// within a process (a library call that locks inside a locked block just goes on) and is released
/// by the kernel when the process ends, however it ends.
public enum WorkspaceLock {
    /// Where the lock lives, relative to the workspace root.
    public static let file = ".convene/lock"

    /// The lock readers share and a writer takes exclusively while it applies a change.
    public static let viewFile = ".convene/view"

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

    /// What a waiting command waits for, as its messages name it.
    enum Holder {
        /// Another writer (`.convene/lock`), or a change being applied (`.convene/view` held exclusively).
        case changing
        /// Readers holding `.convene/view` shared.
        case reading

        var file: String { self == .changing ? WorkspaceLock.file : WorkspaceLock.viewFile }
    }

    private struct Held {
        var descriptor: Int32
        var depth: Int
        var thread: pthread_t
        /// The exclusive lock on the view; -1 once given back (`publish`).
        var view: Int32
    }
    private static let registry = NSLock()
    nonisolated(unsafe) private static var held: [String: Held] = [:]
    /// Workspaces whose view this process holds shared: the descriptor of each.
    nonisolated(unsafe) private static var reading: [String: Int32] = [:]

    /// Runs `body` holding the lock of the workspace at `root`.
    /// - Throws: `WorkspaceProblem` naming `.convene/lock` when the lock cannot be taken in time,
    ///   or whatever `body` throws.
    public static func withLock<T>(_ root: URL, _ body: () throws(WorkspaceProblem) -> T) throws(WorkspaceProblem) -> T {
        let key = try identity(root, create: true) ?? root.standardizedFileURL.path
        try acquire(key, root: root)
        defer { release(key) }
        return try body()
    }

    /// Holds the view of the workspace at `root` shared until the process ends or writes to it:
    /// a writer in another process applies its change before or after what this one reads, never
    /// during it. Waits (saying so once) while one applies a change, for at most `timeout`. A
    /// workspace where the lock cannot be created (read-only) is read without it.
    /// - Throws: `WorkspaceProblem` naming `.convene/lock` when a change takes longer than `timeout`.
    public static func readConsistently(_ root: URL) throws(WorkspaceProblem) {
        guard let key = try? identity(root, create: true) else { return }
        let me = pthread_self()
        let skip: Bool = registry.withLock {
            if reading[key] != nil { return true }
            if let entry = held[key], pthread_equal(entry.thread, me) != 0 { return true }
            return false
        }
        if skip { return }
        let descriptor = open(root.appendingPathComponent(viewFile).path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { return }
        let deadline = Date().addingTimeInterval(timeout)
        var announced = false
        do {
            try wait(descriptor, LOCK_SH, until: deadline, announced: &announced, holder: .changing)
        } catch {
            close(descriptor)
            throw error
        }
        let kept: Bool = registry.withLock {
            guard reading[key] == nil else { return false }
            reading[key] = descriptor
            return true
        }
        if !kept { close(descriptor) }
    }

    /// Gives the view back before the lock is released: what the writer does from here on (a
    /// send that appends to its log message by message) may be watched. Only the thread that
    /// holds the lock can publish; elsewhere it does nothing.
    public static func publish(_ root: URL) {
        guard let key = try? identity(root, create: false) else { return }
        let me = pthread_self()
        registry.withLock {
            guard var entry = held[key], pthread_equal(entry.thread, me) != 0, entry.view >= 0 else { return }
            flock(entry.view, LOCK_UN)
            close(entry.view)
            entry.view = -1
            held[key] = entry
        }
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
            if Date() >= deadline { throw busy(.changing) }
            if !announced { announced = true; onWait(waitingLine(.changing)) }
            usleep(20_000)
        }
        // A reader that becomes a writer gives up its shared view first: two commands that both read
        // and then write would otherwise each wait for the other's view.
        registry.withLock {
            if let shared = reading.removeValue(forKey: key) {
                flock(shared, LOCK_UN)
                close(shared)
            }
        }
        let descriptor = open(root.appendingPathComponent(file).path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw WorkspaceProblem(file: file, "cannot open the workspace lock (\(String(cString: strerror(errno))))")
        }
        let view = open(root.appendingPathComponent(viewFile).path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard view >= 0 else {
            close(descriptor)
            throw WorkspaceProblem(file: viewFile, "cannot open the workspace lock (\(String(cString: strerror(errno))))")
        }
        do {
            try wait(descriptor, LOCK_EX, until: deadline, announced: &announced, holder: .changing)
            // Readers finish what they read before the change begins (a writer that holds the view has the lock too).
            try wait(view, LOCK_EX, until: deadline, announced: &announced, holder: .reading)
        } catch {
            close(view)
            close(descriptor)
            throw error
        }
        let claimed: Bool = registry.withLock {
            guard held[key] == nil else { return false }
            held[key] = Held(descriptor: descriptor, depth: 1, thread: me, view: view)
            return true
        }
        guard claimed else {
            // Cannot happen (another thread of ours would hold the flock), but never keep two.
            close(view)
            close(descriptor)
            throw busy(.changing)
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
            if entry.view >= 0 {
                flock(entry.view, LOCK_UN)
                close(entry.view)
            }
            flock(entry.descriptor, LOCK_UN)
            close(entry.descriptor)
        }
    }

    /// Takes `operation` on `descriptor`, polling until `deadline` (saying once that it waits, and for whom).
    private static func wait(_ descriptor: Int32, _ operation: Int32, until deadline: Date, announced: inout Bool,
                             holder: Holder) throws(WorkspaceProblem) {
        while flock(descriptor, operation | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw WorkspaceProblem(file: holder.file, "cannot lock the workspace (\(String(cString: strerror(errno))))")
            }
            if Date() >= deadline { throw busy(holder) }
            if !announced { announced = true; onWait(waitingLine(holder)) }
            usleep(20_000)
        }
    }

    static func waitingLine(_ holder: Holder) -> String {
        "waiting for another convene that is \(holder) this workspace (\(holder.file)) …"
    }

    static func busy(_ holder: Holder) -> WorkspaceProblem {
        let seconds = timeout < 10 ? String(format: "%g", timeout) : String(Int(timeout))
        return WorkspaceProblem(file: holder.file, "another convene has been \(holder) this workspace for \(seconds) s; "
                         + "nothing was changed; try again when it has finished")
    }
}

extension Workspace {
    /// Holds the workspace's view shared for the rest of the command (see `WorkspaceLock.readConsistently`).
    /// - Throws: `WorkspaceProblem` when a change takes longer than the lock timeout.
    public func readConsistently() throws(WorkspaceProblem) {
        try WorkspaceLock.readConsistently(root)
    }

    /// Runs `body` holding the workspace's writer lock (see `WorkspaceLock`).
    /// - Throws: `WorkspaceProblem` when the lock cannot be taken in time, or whatever `body` throws.
    public func withWriteLock<T>(_ body: () throws(WorkspaceProblem) -> T) throws(WorkspaceProblem) -> T {
        try WorkspaceLock.withLock(root, body)
    }
}
