import Foundation

/// Finds the programs convene hands work to (the mail program, WeasyPrint): never through a shell.
public enum ExternalProgram {
    /// A path (`/usr/bin/weasyprint`), or a name looked up in `PATH`; nil when no executable file is there.
    public static func resolve(_ program: String) -> URL? {
        guard !program.isEmpty else { return nil }
        if program.contains("/") {
            return FileManager.default.isExecutableFile(atPath: program) ? URL(fileURLWithPath: program) : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }
}
