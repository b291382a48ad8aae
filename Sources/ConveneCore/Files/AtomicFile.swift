import CalendarValues
import Foundation

/// Writes that never lose data: a temporary file in the same folder, flushed to disk, then
/// `rename(2)` — a reader (or a run killed half-way) sees the old file or the new one, never a mix.
///
/// - A rewritten file keeps its permission bits (a `chmod 600` file stays 600).
/// - Inside a workspace (a folder above holding `convene.yaml`), nothing is written through a
///   symbolic link that leads out of it (a linked `out/`, `topics/`, `.convene/` or meeting folder).
/// - The temporary file is removed on every error; one left by a killed run (`.NAME.tmp-PID-…`
///   of a process that is gone) is removed by the next write into that folder.
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating the folder if needed.
    /// - Parameter durable: flush the data to disk before the rename (`fsync`), so even a power
    ///   cut leaves the old or the new file — for state and logs; generated output that is
    ///   rewritten freely skips it (a killed process never tears a file either way).
    /// - Throws: `WorkspaceProblem` naming the file (workspace-relative inside a workspace).
    /// - Parameter newMode: the permission bits of a file that does not exist yet (default: 0666 less the umask).
    public static func write(_ data: Data, to url: URL, durable: Bool = false, newMode: mode_t? = nil) throws(WorkspaceProblem) {
        let folder = url.deletingLastPathComponent().standardizedFileURL
        let target = folder.appendingPathComponent(url.lastPathComponent)
        let display = Containment.display(target)
        try Containment.check(folder, display: display)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceProblem(file: display, "cannot create its folder (permission denied or disk full)")
        }
        try Containment.check(folder, display: display)
        TemporaryFiles.sweep(folder: folder)
        var existing = stat()
        let mode: mode_t? = lstat(target.path, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFREG ? existing.st_mode & 0o7777 : newMode
        let temporary = try TemporaryFiles.create(for: target, display: display, data: data, mode: mode, durable: durable)
        if rename(temporary, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WorkspaceProblem(file: display, "cannot replace file (\(reason)); the old one is unchanged")
        }
    }
}

/// Backups of files a person wrote, before convene replaces them: `NAME.bak`, then `NAME.bak.2`,
/// `NAME.bak.3` … — a backup is never overwritten, the highest number is the newest.
public enum Backup {
    /// Copies the file at `url` (if there is one) to the next free backup name.
    /// - Returns: the backup's URL, or nil when there was no file.
    /// - Throws: `WorkspaceProblem` when the copy cannot be made (then nothing may be replaced).
    @discardableResult
    public static func keep(_ url: URL) throws(WorkspaceProblem) -> URL? {
        let display = Containment.display(url)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data = try SafeRead.contents(of: url, display: display)
        var info = stat()
        let mode: mode_t? = stat(url.path, &info) == 0 ? info.st_mode & 0o7777 : nil
        let folder = url.deletingLastPathComponent()
        try Containment.check(folder, display: display)
        let temporary = try TemporaryFiles.create(for: url, display: display, data: data, mode: mode, durable: true)
        defer { unlink(temporary) }
        var number = 1
        while number < 100_000 {
            let candidate = url.appendingPathExtension(number == 1 ? "bak" : "bak.\(number)")
            // link(2) fails when the name exists: no backup is ever replaced, even by a concurrent run.
            if link(temporary, candidate.path) == 0 { return candidate }
            guard errno == EEXIST else {
                throw WorkspaceProblem(file: display, "cannot keep a backup copy (\(String(cString: strerror(errno)))); nothing was replaced")
            }
            number += 1
        }
        throw WorkspaceProblem(file: display, "has 100000 backup copies; remove old ones; nothing was replaced")
    }
}

/// Where a write may go: nowhere outside the workspace it is in.
enum Containment {
    /// The workspace a path lies in (lexically): the nearest folder above holding `convene.yaml`.
    static func workspace(of url: URL) -> URL? {
        var current = url.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(Workspace.networkFile).path) { return current }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// The path as convene names it in messages: workspace-relative inside a workspace.
    static func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        guard let root = workspace(of: url.deletingLastPathComponent()) else { return path }
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// Refuses a folder inside a workspace that resolves (through symbolic links) to a place outside it.
    static func check(_ folder: URL, display: String) throws(WorkspaceProblem) {
        guard let root = workspace(of: folder), let realRoot = resolved(root.path) else { return }
        // The nearest part of the path that exists decides where the rest would be created.
        var existing = folder.standardizedFileURL
        while !FileManager.default.fileExists(atPath: existing.path) {
            let parent = existing.deletingLastPathComponent()
            if parent.path == existing.path { return }
            existing = parent
        }
        guard let real = resolved(existing.path) else { return }
        let prefix = realRoot.hasSuffix("/") ? realRoot : realRoot + "/"
        if real != realRoot && !real.hasPrefix(prefix) {
            throw WorkspaceProblem(file: display, "is reached through a symbolic link that leads out of the workspace; not written "
                                   + "(replace the link by a folder)")
        }
    }

    private static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// convene's temporary files: `.NAME.tmp-PID-RANDOM` beside the file they become.
enum TemporaryFiles {
    static let infix = ".tmp-"

    /// Creates the temporary file for `target` holding `data` (flushed to disk when `durable`) with `mode`.
    /// - Returns: its path. Removed again on every error.
    static func create(for target: URL, display: String, data: Data, mode: mode_t?, durable: Bool) throws(WorkspaceProblem) -> String {
        let folder = target.deletingLastPathComponent()
        let path = folder.appendingPathComponent(".\(target.lastPathComponent)\(infix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode ?? 0o666)
        guard descriptor >= 0 else {
            throw WorkspaceProblem(file: display, "cannot write (\(String(cString: strerror(errno))))")
        }
        var failure: String?
        if let mode, fchmod(descriptor, mode) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil {
            failure = Descriptor.writeAll(data, to: descriptor).map { String(cString: strerror($0)) }
        }
        if failure == nil, durable, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(path)
            throw WorkspaceProblem(file: display, "cannot write (\(failure)); the old file is unchanged")
        }
        return path
    }

    private static let swept = NSLock()
    nonisolated(unsafe) private static var sweptFolders: Set<String> = []

    /// Removes temporary files in `folder` left by convene runs that are gone (once per folder and process).
    static func sweep(folder: URL) {
        let first = swept.withLock { sweptFolders.insert(folder.standardizedFileURL.path).inserted }
        guard first, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(".") {
            guard let range = name.range(of: infix, options: .backwards) else { continue }
            let rest = name[range.upperBound...]
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
            if pid == getpid() { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder.appendingPathComponent(name).path) }
        }
    }

    /// Removes leftovers of killed runs throughout a workspace's own folders (not `calendars/`).
    static func sweep(workspace root: URL) {
        sweep(folder: root)
        for sub in [".convene", ".convene/cache", ".convene/cache/busy", "topics", "templates", Workspace.registerFolder] {
            sweep(folder: root.appendingPathComponent(sub))
        }
        let meetings = root.appendingPathComponent(MeetingFolder.parent)
        for id in (try? FileManager.default.contentsOfDirectory(atPath: meetings.path)) ?? [] where !id.hasPrefix(".") {
            let folder = meetings.appendingPathComponent(id)
            for sub in ["", "out", "out/mail"] { sweep(folder: sub.isEmpty ? folder : folder.appendingPathComponent(sub)) }
        }
    }
}

/// Reading a file convene was pointed at: regular files only (a FIFO would block forever, a device
/// never ends), at most `limit` bytes.
public enum SafeRead {
    /// The largest file convene reads: 256 MiB (as for `freebusy`).
    public static let limit = 256 << 20

    /// Refuses `path` (or, for a folder, its entries ending in one of `extensions`) unless it is a
    /// regular file, without opening anything (opening a FIFO blocks).
    /// - Throws: `WorkspaceProblem` naming the path.
    public static func requireRegularFiles(_ path: String, extensions: [String]) throws(WorkspaceProblem) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }  // the reader reports a missing file
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            where !name.hasPrefix(".") && extensions.contains(where: { name.lowercased().hasSuffix($0) }) {
                try requireRegular((path as NSString).appendingPathComponent(name))
            }
        } else {
            try requireRegular(path)
        }
    }

    private static func requireRegular(_ path: String) throws(WorkspaceProblem) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw WorkspaceProblem(file: path, "is a folder, not a file")
        case S_IFIFO: throw WorkspaceProblem(file: path, "is a FIFO (named pipe), not a file; convene reads only regular files")
        default: throw WorkspaceProblem(file: path, "is a device or socket, not a file; convene reads only regular files")
        }
    }

    /// The bytes of the regular file at `url`.
    /// - Throws: `WorkspaceProblem` naming `display` for a missing or unreadable file, a FIFO,
    ///   device, socket or folder, or a file larger than `limit`.
    public static func contents(of url: URL, display: String, limit: Int = SafeRead.limit) throws(WorkspaceProblem) -> Data {
        // O_NONBLOCK: opening a FIFO without a writer must not hang; fstat then refuses it.
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw WorkspaceProblem(file: display, "cannot read file (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw WorkspaceProblem(file: display, "cannot read file (\(String(cString: strerror(errno))))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw WorkspaceProblem(file: display, "is a folder, not a file")
        case S_IFIFO: throw WorkspaceProblem(file: display, "is a FIFO (named pipe), not a file; convene reads only regular files")
        default: throw WorkspaceProblem(file: display, "is a device or socket, not a file; convene reads only regular files")
        }
        guard Int(info.st_size) <= limit else {
            throw WorkspaceProblem(file: display, "is larger than \(limit >> 20) MiB; convene does not read it")
        }
        var data = Data(count: Int(info.st_size))
        var total = 0
        let failure: Int32? = data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) -> Int32? in
            while total < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + total, buffer.count - total)
                if count < 0 { if errno == EINTR || errno == EAGAIN { continue } else { return errno } }
                if count == 0 { break }
                total += count
            }
            return nil
        }
        if let failure { throw WorkspaceProblem(file: display, "cannot read file (\(String(cString: strerror(failure))))") }
        data.count = total
        return data
    }
}
