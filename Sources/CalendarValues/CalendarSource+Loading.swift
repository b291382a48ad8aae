import Foundation

extension CalendarSource {
    /// Largest calendar file read (a decade of a busy person's calendar is a few MiB).
    public static let maximumFileSize = 256 << 20

    /// Reads the calendars named on a command line: files, folders (every `*.ics` directly inside,
    /// sorted by name) and `-` for standard input.
    /// - Throws: `CalendarError` naming the path that cannot be read, or a folder without `.ics` files.
    public static func load(_ paths: [String], extensions: [String] = [".ics"], standardInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) throws(CalendarError) -> [CalendarSource] {
        var sources: [CalendarSource] = []
        for path in paths {
            if path == "-" {
                sources.append(CalendarSource(name: "<stdin>", bytes: [UInt8](standardInput())))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CalendarError(file: path, "no such file or folder")
            }
            if isDirectory.boolValue {
                let names: [String]
                do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                    throw CalendarError(file: path, "cannot list folder (\(error.localizedDescription))")
                }
                let calendars = names.filter { name in !name.hasPrefix(".") && extensions.contains { name.lowercased().hasSuffix($0) } }.sorted()
                guard !calendars.isEmpty else { throw CalendarError(file: path, "folder holds no \(extensions.joined(separator: " or ")) files") }
                for name in calendars {
                    sources.append(try read((path as NSString).appendingPathComponent(name)))
                }
            } else {
                sources.append(try read(path))
            }
        }
        return sources
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
