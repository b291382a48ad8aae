import CalendarValues

/// How decisions are numbered (*Beschluss Nr. 2027/03*): `decision_numbers:` in convene.yaml, default
/// `"{year}/{n:02}"`. Placeholders: `{year}` (the meeting's year, four digits), `{yy}` (its last two digits), `{n}`
/// (the running number; `{n:02}`, `{n:03}` pad it with zeros). With a year in the pattern the count starts
/// afresh each year, without one it runs across the network's whole history. The rest is literal text of
/// letters, digits and `/ . - _` (numbers are typed as command arguments and keys of the register).
public struct DecisionNumberScheme: Sendable, Equatable, CustomStringConvertible {
    enum Part: Sendable, Equatable {
        case literal(String)
        case year
        case shortYear
        case counter(width: Int)
    }

    let parts: [Part]
    /// The pattern as written.
    public let pattern: String

    /// `{year}/{n:02}`: 2027/01, 2027/02 … counted per year.
    public static let standard = try! DecisionNumberScheme(pattern: "{year}/{n:02}")

    /// Whether the count starts afresh each year.
    public var perYear: Bool { parts.contains { $0 == .year || $0 == .shortYear } }

    /// Parses a pattern.
    /// - Throws: a message (no file, no line: the caller adds them) saying what is wrong.
    public init(pattern: String) throws(DecisionNumberScheme.Invalid) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(pattern)
        while let first = rest.first {
            if first == "{" {
                guard let close = rest.firstIndex(of: "}") else { throw Invalid("a '{' is not closed") }
                let name = rest[rest.index(after: rest.startIndex)..<close]
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                switch name {
                case "year": parts.append(.year)
                case "yy": parts.append(.shortYear)
                case "n": parts.append(.counter(width: 1))
                default:
                    guard name.hasPrefix("n:"), let width = Int(name.dropFirst(2)), (1...6).contains(width) else {
                        throw Invalid("unknown placeholder; use {year}, {yy}, {n} or {n:02}")
                    }
                    parts.append(.counter(width: width))
                }
                rest = rest[rest.index(after: close)...]
            } else {
                guard first.isASCII && (first.isLetter || first.isNumber || "/.-_".contains(first)) else {
                    throw Invalid("only letters, digits, / . - _ and the placeholders {year}, {yy}, {n} may appear")
                }
                literal.append(first)
                rest = rest.dropFirst()
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        let counters = parts.filter { if case .counter = $0 { return true } else { return false } }.count
        guard counters == 1 else { throw Invalid(counters == 0 ? "needs the running number {n}" : "has {n} more than once") }
        self.parts = parts
        self.pattern = pattern
    }

    /// The number of the `count`-th decision (from 1) of a meeting in `year`.
    public func number(year: Int, count: Int) -> String {
        parts.map { part -> String in
            switch part {
            case .literal(let text): return text
            case .year: return String(year)
            case .shortYear: return Self.padded(year % 100, 2)
            case .counter(let width): return Self.padded(count, width)
            }
        }.joined()
    }

    public var description: String { pattern }

    /// Whether `text` could be a decision number of some scheme (what a command argument or register key may be).
    public static func isPlausibleNumber(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/.-_".contains($0)) }
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// What is wrong with a pattern.
    public struct Invalid: Error, Sendable {
        public var message: String
        init(_ message: String) { self.message = message }
    }
}
