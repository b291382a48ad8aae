import Foundation

extension CalendarSource {
    /// Largest calendar file read (a decade of a busy person's calendar is a few MiB).
    public static let maximumFileSize = 256 << 20

    /// Reads the calendars named on a command line: files, folders (every `*.ics` directly inside,
    /// sorted by name) and `-` for standard input.
    /// - Throws: `CalendarError` naming the path that cannot be read, or a folder without `.ics` files.
    public static func load(_ paths: [String], extensions: [String] = [".ics"], standardInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) throws(CalendarError) -> [CalendarSource] {
        try locate(paths, extensions: extensions, standardInput: standardInput).map { (pending) throws(CalendarError) in try pending.read() }
    }

    /// A calendar named on a command line, not read yet (so that many files can be read a few at a
    /// time): a file, standard input (already read: it can be read only once), or the problem that
    /// stopped the listing there.
    public enum Pending: Sendable {
        case file(String)
        case standardInput(CalendarSource)
        case problem(CalendarError)

        /// The calendar's bytes. Reading stops at the first problem, as `load` does.
        /// - Throws: `CalendarError` naming the path.
        public func read() throws(CalendarError) -> CalendarSource {
            switch self {
            case .file(let path): return try CalendarSource.read(path)
            case .standardInput(let source): return source
            case .problem(let error): throw error
            }
        }
    }

    /// What `load` would read, in the same order, without reading the files: a path that cannot be
    /// listed ends the list with its problem, where `load` would stop.
    public static func locate(_ paths: [String], extensions: [String] = [".ics"], standardInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) -> [Pending] {
        var pending: [Pending] = []
        for path in paths {
            if path == "-" {
                pending.append(.standardInput(CalendarSource(name: "<stdin>", bytes: [UInt8](standardInput()))))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return pending + [.problem(CalendarError(file: path, "no such file or folder"))]
            }
            if isDirectory.boolValue {
                let names: [String]
                do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                    return pending + [.problem(CalendarError(file: path, "cannot list folder (\(error.localizedDescription))"))]
                }
                let calendars = names.filter { name in !name.hasPrefix(".") && extensions.contains { name.lowercased().hasSuffix($0) } }.sorted()
                guard !calendars.isEmpty else {
                    return pending + [.problem(CalendarError(file: path, "folder holds no \(extensions.joined(separator: " or ")) files"))]
                }
                pending += calendars.map { .file((path as NSString).appendingPathComponent($0)) }
            } else {
                pending.append(.file(path))
            }
        }
        return pending
    }

    private static func read(_ path: String) throws(CalendarError) -> CalendarSource {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CalendarError(file: path, "cannot read file (permission denied or not a regular file)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw CalendarError(file: path, "cannot read file (\(error.localizedDescription))")
        }
        guard data.count <= maximumFileSize else {
            throw CalendarError(file: path, "file is larger than \(maximumFileSize >> 20) MiB; not a calendar export")
        }
        return CalendarSource(name: path, bytes: [UInt8](data))
    }
}
