import Foundation
import ICalendar

/// Where convene writes, and whether it may colour it.
enum Console {
    /// Colour only on a terminal, never with NO_COLOR (https://no-color.org).
    static var colorEnabled: Bool {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) != 0
    }

    static func error(_ problem: CalendarError) { writeError("convene: error: \(problem)") }
    static func warning(_ problem: Diagnostic) { writeError("convene: warning: \(problem)") }

    static func writeError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// "Now", fixed by `CONVENE_NOW` (RFC 3339) for reproducible output.
enum Clock {
    static func now() throws -> Instant {
        if let text = ProcessInfo.processInfo.environment["CONVENE_NOW"], !text.isEmpty {
            guard let instant = Instant(rfc3339: text) else {
                throw CalendarError(file: "CONVENE_NOW", "'\(text)' is not an RFC 3339 time such as 2027-04-01T09:00:00Z")
            }
            return instant
        }
        return Instant(secondsSince1970: Int64(Date().timeIntervalSince1970))
    }
}

extension CalendarError {
    /// Prints the error as `convene: error: …` and ends with exit status 1.
    func exit() -> Never {
        Console.error(self)
        Foundation.exit(1)
    }
}
