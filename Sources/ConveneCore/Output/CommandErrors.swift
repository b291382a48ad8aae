/// A command that did part of its work and could not do the rest — some messages not sent, some
/// replies rejected. The command has printed its report; the entry point prints one
/// `convene: error: …` line per entry of `lines` and ends with exit status 1.
///
/// The lines name files, people's addresses as configured and reasons, never calendar text.
public struct PartialFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line each, without the `convene: error:` prefix.
    public var lines: [String]

    public init(lines: [String]) { self.lines = lines }
    public init(_ summary: String) { self.lines = [summary] }

    public var description: String { lines.joined(separator: "\n") }
}

/// A value given on the command line that cannot be used (`--pick 99` for a listing of five).
/// Libraries throw it where only they can tell; the entry point shows it as a usage error — the
/// message, the usage line of the command that was run — with exit status 64.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A full sentence that tells the user what to give instead.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
