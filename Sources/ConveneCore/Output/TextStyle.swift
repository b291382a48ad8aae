import CalendarValues
import Foundation

/// ANSI styling for terminal output that disappears when colour is off (not a TTY, or NO_COLOR).
public struct TextStyle: Sendable {
    public let enabled: Bool
    public init(enabled: Bool) { self.enabled = enabled }
    public func bold(_ s: String) -> String { enabled ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    public func dim(_ s: String) -> String { enabled ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
    public func red(_ s: String) -> String { enabled ? "\u{1B}[31m\(s)\u{1B}[0m" : s }
    public func green(_ s: String) -> String { enabled ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
    public func yellow(_ s: String) -> String { enabled ? "\u{1B}[33m\(s)\u{1B}[0m" : s }
}

/// Aligned plain-text tables; widths count characters, not bytes (umlauts).
public struct TextTable {
    public var header: [String]
    public var rows: [[String]]
    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    /// Rows as lines; the last column is not padded. `styleHeader` styles the header line.
    public func render(style: TextStyle) -> String {
        let columns = header.count
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < columns { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([style.bold(line(header))] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}

/// German date and weekday forms (`Di 20.04.2027`), as the network writes them (docs/ARCHITECTURE.md, "German forms").
public enum GermanDate {
    public static func short(_ date: LocalDate) -> String {
        "\(date.weekday.germanAbbreviation) \(numeric(date))"
    }

    /// `20.04.2027`.
    public static func numeric(_ date: LocalDate) -> String { "\(two(date.day)).\(two(date.month)).\(date.year)" }

    /// `12:30`.
    public static func clock(_ time: LocalDateTime) -> String { "\(two(time.hour)):\(two(time.minute))" }

    public static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
