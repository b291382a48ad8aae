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
        writeAll(line + "\n", to: STDERR_FILENO)
    }

    static func write(_ text: String) {
        writeAll(text, to: STDOUT_FILENO)
    }

    /// Any error (a full disk, a closed pipe) stops the output; an interrupted call is retried.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        Descriptor.writeAll(Data(text.utf8), to: descriptor)
    }
}
