import Foundation
import ConveneCore
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
