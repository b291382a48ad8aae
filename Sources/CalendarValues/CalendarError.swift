/// A problem with an input file: where it is and what is wrong. The message never quotes text
/// content of the file (summaries, descriptions, attendees): calendar exports hold personal data.
public struct CalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it (`<stdin>` for standard input).
    public var file: String
    /// 1-based line number, when known.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE[:LINE]: message`.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// A recoverable problem: reported as a warning, the rest of the file is used.
public typealias Diagnostic = CalendarError
