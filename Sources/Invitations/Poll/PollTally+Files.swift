import ConveneCore
import Foundation
import ICalendar

extension PollTally {
    /// The answers named on the command line: reply files (.ics), vote tables (.csv), `-` for
    /// standard input, and folders, of which every *.ics and *.csv is read (sorted by name) — each with when it
    /// was last saved (its modification time; nil for standard input). The one place a tally reads files.
    /// - Throws: `WorkspaceProblem` for a folder with neither, or a file that cannot be read.
    public static func sources(_ paths: [String]) throws(WorkspaceProblem) -> [Source] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let picked = names.filter { $0.lowercased().hasSuffix(".ics") || $0.lowercased().hasSuffix(".csv") }.sorted()
                if picked.isEmpty { throw WorkspaceProblem(file: path, "folder holds no .ics or .csv files") }
                files += picked.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return try CalendarSource.load(files).map { source in
            var info = stat()
            guard source.name != "<stdin>", stat(source.name, &info) == 0 else { return Source(source) }
            return Source(source, saved: Instant(secondsSince1970: Int64(info.st_mtim.tv_sec)))
        }
    }
}
