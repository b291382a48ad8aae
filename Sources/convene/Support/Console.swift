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

    /// `write(2)` until everything is out, retrying when a signal (the mail program's SIGCHLD) interrupts it;
    /// `FileHandle.write` would trap there. Any other error (a full disk) stops the output.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            guard var pointer = buffer.baseAddress else { return }
            var left = buffer.count
            while left > 0 {
                let written = Foundation.write(descriptor, pointer, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                pointer += written
                left -= written
            }
        }
    }
}
