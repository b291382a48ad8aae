#if canImport(Glibc)
import Glibc
#endif
/// A first pass over the raw bytes of an iCalendar file, before libical sees them.
///
/// libical is lenient in ways that give silently wrong answers: it normalises impossible dates
/// (`20251345` becomes 2026-02-15), accepts truncated files, and reports no line numbers. This
/// scanner rejects what must not be read (binary data, absurd line lengths, broken structure,
/// impossible or malformed time values) with a file and line, and records where each component
/// begins so later diagnostics can name a line too. It reads only property names and the values of
/// time properties; text values (summaries, attendees, …) are never looked at or echoed.
struct ContentLineScanner {
    /// Longest physical line accepted. Exports fold at 75 octets (RFC 5545 §3.1); even unfolded
    /// producers stay far below this.
    static let maximumLineLength = 1 << 20

    struct Result {
        /// Each VCALENDAR in file order, with where its direct child components start.
        var calendars: [CalendarLayout] = []
        /// For each VCALENDAR in file order: the line of each of its direct child components.
        var componentLines: [[Int]] { calendars.map { $0.children.map(\.line) } }
        var warnings: [String] = []
        /// Line of the first invalid UTF-8 sequence, if any.
        var firstNonUTF8Line: Int?
        /// Where junk after the last END:VCALENDAR starts (byte offset, line): ignored with a warning.
        var trailingJunk: (offset: Int, line: Int)?
    }

    let file: String

    /// Byte layout of one VCALENDAR: where it begins, where its END line begins, and where each
    /// direct child component begins (a child runs to the next child or to the END line).
    struct CalendarLayout {
        struct Child {
            var line: Int
            var offset: Int
            var isTimezone: Bool
        }
        var begin: Int
        var end: Int
        var children: [Child]
    }

    /// Scans `bytes` (without a BOM).
    /// - Throws: `CalendarError` naming the line of the first fatal problem.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws(CalendarError) -> Result {
        var result = Result()
        var stack: [(name: [UInt8], line: Int)] = []
        var sawCalendar = false
        var lineNumber = 0
        var position = 0
        let count = bytes.count
        // The logical line being assembled (only for properties whose values we check).
        var pendingKind: CheckedProperty?
        var pendingLine = 0
        var pendingOffset = 0
        var pendingBytes: [UInt8] = []
        var pendingWanted = false
        var pendingActive = false
        var lastContentLine = 0

        func flush() throws(CalendarError) {
            guard pendingActive else { return }
            pendingActive = false
            try handle(kind: pendingKind, line: pendingLine, offset: pendingOffset, logical: pendingWanted ? pendingBytes : [],
                       stack: &stack, result: &result, sawCalendar: &sawCalendar)
        }

        while position < count {
            lineNumber += 1
            // Find the end of this physical line (memchr is vectorised), then check its bytes.
            let base = bytes.baseAddress!
            let end: Int
            if let hit = memchr(base + position, 10, count - position) {
                end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            } else {
                end = count
            }
            if end - position > ContentLineScanner.maximumLineLength {
                throw CalendarError(file: file, line: lineNumber,
                                    "line is longer than \(ContentLineScanner.maximumLineLength / 1024 / 1024) MiB; not a calendar export")
            }
            // One pass: OR all bytes (non-ASCII shows in bit 7) and flag control characters other
            // than TAB and CR, and DEL.
            var flags: UInt8 = 0
            ContentLineScanner.byteClass.withUnsafeBufferPointer { table in
                for k in position..<end { flags |= table[Int(base[k])] }
            }
            if flags & 1 != 0 {
                var k = position
                while !ContentLineScanner.isControl(base[k]) { k += 1 }
                throw CalendarError(file: file, line: lineNumber,
                                    "binary data (control character 0x\(String(base[k], radix: 16))); not an iCalendar text file")
            }
            let asciiOnly = flags & 0x80 == 0
            var contentEnd = end
            if contentEnd > position, bytes[contentEnd - 1] == 13 { contentEnd -= 1 }
            if !asciiOnly, result.firstNonUTF8Line == nil,
               !isValidUTF8(UnsafeBufferPointer(rebasing: bytes[position..<contentEnd])) {
                result.firstNonUTF8Line = lineNumber
            }
            let next = end + 1
            if contentEnd == position {
                // Blank lines are tolerated (many exporters end with one).
                position = next
                continue
            }
            let first = bytes[position]
            if first == 32 || first == 9 {
                // A continuation (RFC 5545 §3.1 folding).
                guard pendingActive else {
                    throw CalendarError(file: file, line: lineNumber, "folded continuation line without a property before it")
                }
                if pendingWanted {
                    pendingBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(position + 1)..<contentEnd]))
                }
                position = next
                continue
            }
            try flush()
            lastContentLine = lineNumber
            // Property name: up to ';' or ':'.
            var nameEnd = position
            while nameEnd < contentEnd, bytes[nameEnd] != 59, bytes[nameEnd] != 58 { nameEnd += 1 }
            pendingKind = CheckedProperty.match(UnsafeBufferPointer(rebasing: bytes[position..<nameEnd]))
            pendingLine = lineNumber
            pendingOffset = position
            pendingActive = true
            pendingWanted = pendingKind != nil
            if pendingWanted {
                pendingBytes.removeAll(keepingCapacity: true)
                pendingBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[nameEnd..<contentEnd]))
            }
            position = next
        }
        try flush()
        if let open = stack.last {
            throw CalendarError(file: file, line: max(lastContentLine, open.line),
                                "truncated: BEGIN:\(String(decoding: open.name, as: UTF8.self)) at line \(open.line) has no END")
        }
        guard sawCalendar else {
            throw CalendarError(file: file, line: lineNumber == 0 ? nil : 1, "empty file: no BEGIN:VCALENDAR")
        }
        return result
    }

    // MARK: - Properties

    /// Per byte value: bit 0 = control character, bit 7 = not ASCII. One table load per byte.
    static let byteClass: [UInt8] = (0...255).map { c in isControl(UInt8(c)) ? 1 : (c >= 0x80 ? 0x80 : 0) }

    /// C0 controls other than TAB and CR, and DEL: never in iCalendar text (RFC 5545 §3.1).
    @inline(__always)
    static func isControl(_ c: UInt8) -> Bool { (c < 32 && c != 9 && c != 13) || c == 0x7F }

    /// The properties whose values the scanner checks; everything else is skipped unread.
    enum CheckedProperty: String, CaseIterable {
        case begin = "BEGIN", end = "END", dtstart = "DTSTART", dtend = "DTEND", due = "DUE"
        case recurrenceID = "RECURRENCE-ID", exdate = "EXDATE", rdate = "RDATE", duration = "DURATION"
        case rrule = "RRULE", exrule = "EXRULE", freebusy = "FREEBUSY"

        static let byLength: [Int: [(CheckedProperty, [UInt8])]] = Dictionary(grouping: allCases.map { ($0, Array($0.rawValue.utf8)) },
                                                                           by: { $0.1.count })

        /// The property named by `bytes` (case-insensitive), without allocating.
        @inline(__always)
        static func match(_ bytes: UnsafeBufferPointer<UInt8>) -> CheckedProperty? {
            guard let candidates = byLength[bytes.count] else { return nil }
            outer: for (kind, name) in candidates {
                for i in 0..<name.count {
                    let c = bytes[i]
                    if (c >= 97 && c <= 122 ? c - 32 : c) != name[i] { continue outer }
                }
                return kind
            }
            return nil
        }
    }

    private func handle(kind: CheckedProperty?, line: Int, offset: Int, logical: [UInt8],
                        stack: inout [(name: [UInt8], line: Int)], result: inout Result,
                        sawCalendar: inout Bool) throws(CalendarError) {
        if stack.isEmpty && kind != .begin {
            guard sawCalendar else { throw CalendarError(file: file, line: line, "not an iCalendar file (expected BEGIN:VCALENDAR)") }
            // Junk after the last calendar (a stray line some exporters append) is ignored; junk
            // between calendars is an error (below, at the next BEGIN).
            if result.trailingJunk == nil { result.trailingJunk = (offset, line) }
            return
        }
        if stack.isEmpty, let junk = result.trailingJunk {
            throw CalendarError(file: file, line: junk.line, "content between END:VCALENDAR and the next BEGIN:VCALENDAR")
        }
        guard let kind, !logical.isEmpty else { return }
        let name = kind.rawValue
        let value = try split(logical, name: name, line: line)
        switch kind {
        case .begin:
            let component = upper(value)
            if stack.isEmpty {
                guard component == ContentLineScanner.vcalendar else {
                    throw CalendarError(file: file, line: line, "not an iCalendar file (expected BEGIN:VCALENDAR)")
                }
                sawCalendar = true
                result.calendars.append(CalendarLayout(begin: offset, end: offset, children: []))
            } else if stack.count == 1 {
                result.calendars[result.calendars.count - 1].children.append(
                    .init(line: line, offset: offset, isTimezone: component == ContentLineScanner.vtimezone))
            }
            guard !component.isEmpty else { throw CalendarError(file: file, line: line, "BEGIN without a component name") }
            stack.append((component, line))
        case .end:
            guard let open = stack.last else {
                throw CalendarError(file: file, line: line, "\(Self.endName(upper(value))) without BEGIN")
            }
            guard value.count == open.name.count, upper(value) == open.name else {
                throw CalendarError(file: file, line: line,
                                    "\(Self.endName(upper(value))) does not close BEGIN:\(String(decoding: open.name, as: UTF8.self)) at line \(open.line)")
            }
            stack.removeLast()
            if stack.isEmpty { result.calendars[result.calendars.count - 1].end = offset }
        case .dtstart, .dtend, .due, .recurrenceID:
            try checkDateOrDateTime(value, property: name, line: line, allowPeriod: false)
        case .exdate:
            for item in value.split(separator: 44, omittingEmptySubsequences: false) {
                try checkDateOrDateTime(item, property: name, line: line, allowPeriod: false)
            }
        case .rdate:
            for item in value.split(separator: 44, omittingEmptySubsequences: false) {
                try checkDateOrDateTime(item, property: name, line: line, allowPeriod: true)
            }
        case .freebusy:
            for item in value.split(separator: 44, omittingEmptySubsequences: false) {
                try checkPeriod(item, property: name, line: line)
            }
        case .duration:
            guard TimeValueSyntax.duration(value) != nil else {
                throw CalendarError(file: file, line: line, "DURATION: not a valid duration")
            }
        case .rrule, .exrule:
            try checkRecurrenceRule(value, property: name, line: line)
        }
    }

    static let vcalendar = Array("VCALENDAR".utf8)
    /// `END:NAME` for messages — only when NAME is a component name (RFC 5545 iana-token, short):
    /// after a lost line break the "name" is appointment text, which must not be echoed.
    static func endName(_ value: [UInt8]) -> String {
        let isToken = !value.isEmpty && value.count <= 40 && value.allSatisfy { $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }
        return isToken ? "END:" + String(decoding: value, as: UTF8.self) : "an END line with a malformed component name"
    }

    static let vtimezone = Array("VTIMEZONE".utf8)

    /// The value of `;PARAM=…:value` (name already removed): after the first colon outside quotes.
    private func split(_ logical: [UInt8], name: String, line: Int) throws(CalendarError) -> ArraySlice<UInt8> {
        var inQuotes = false
        for index in logical.indices {
            let c = logical[index]
            if c == 34 { inQuotes.toggle() }
            if c == 58 && !inQuotes { return logical[(index + 1)...] }
        }
        throw CalendarError(file: file, line: line, "\(name) has no value (missing ':')")
    }

    private func checkDateOrDateTime(_ value: ArraySlice<UInt8>, property: String, line: Int, allowPeriod: Bool) throws(CalendarError) {
        if allowPeriod, value.contains(47) {
            return try checkPeriod(value, property: property, line: line)
        }
        switch TimeValueSyntax.dateOrDateTime(value) {
        case .valid: return
        case .malformed:
            throw CalendarError(file: file, line: line, "\(property): not a valid date or date-time")
        case .impossible(let shown):
            throw CalendarError(file: file, line: line, "\(property): impossible date or time \(shown)")
        }
    }

    private func checkPeriod(_ value: ArraySlice<UInt8>, property: String, line: Int) throws(CalendarError) {
        let parts = value.split(separator: 47, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw CalendarError(file: file, line: line, "\(property): not a valid period (start/end or start/duration)")
        }
        try checkDateOrDateTime(parts[0], property: property, line: line, allowPeriod: false)
        let second = parts[1]
        if second.first == UInt8(ascii: "P") || second.first == UInt8(ascii: "+") || second.first == UInt8(ascii: "-") {
            guard TimeValueSyntax.duration(second) != nil else {
                throw CalendarError(file: file, line: line, "\(property): not a valid period duration")
            }
        } else {
            try checkDateOrDateTime(second, property: property, line: line, allowPeriod: false)
        }
    }

    private func checkRecurrenceRule(_ value: ArraySlice<UInt8>, property: String, line: Int) throws(CalendarError) {
        var sawFrequency = false
        for part in value.split(separator: 59) {
            let pieces = part.split(separator: 61, maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else {
                throw CalendarError(file: file, line: line, "\(property): malformed rule part (expected NAME=VALUE)")
            }
            let key = String(decoding: upper(pieces[0]), as: UTF8.self)
            let argument = pieces[1]
            switch key {
            case "FREQ":
                let frequency = String(decoding: upper(argument), as: UTF8.self)
                guard ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"].contains(frequency) else {
                    throw CalendarError(file: file, line: line, "\(property): unknown FREQ \(frequency.prefix(20))")
                }
                sawFrequency = true
            case "UNTIL":
                try checkDateOrDateTime(argument, property: "\(property) UNTIL", line: line, allowPeriod: false)
            case "COUNT", "INTERVAL":
                guard let number = Int(String(decoding: argument, as: UTF8.self)), number >= (key == "COUNT" ? 0 : 1) else {
                    throw CalendarError(file: file, line: line, "\(property): \(key) must be a positive number")
                }
            default:
                break // BYxxx, WKST, RSCALE, SKIP: libical checks them; a rule it cannot run is an error later.
            }
        }
        guard sawFrequency else { throw CalendarError(file: file, line: line, "\(property): no FREQ") }
    }
}

/// Syntax of iCalendar time values (RFC 5545 §3.3.4–3.3.6, §3.3.9), checked on raw bytes.
enum TimeValueSyntax {
    enum Check { case valid, malformed, impossible(String) }

    /// `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]`.
    static func dateOrDateTime(_ v: ArraySlice<UInt8>) -> Check {
        guard v.count == 8 || v.count == 15 || v.count == 16 else { return .malformed }
        let b = v.startIndex
        guard let y = digits(v, 0, 4), let m = digits(v, 4, 2), let d = digits(v, 6, 2) else { return .malformed }
        var time: (Int, Int, Int)?
        if v.count > 8 {
            guard v[b + 8] == UInt8(ascii: "T") || v[b + 8] == UInt8(ascii: "t"),
                  let h = digits(v, 9, 2), let mi = digits(v, 11, 2), let s = digits(v, 13, 2) else { return .malformed }
            if v.count == 16, v[b + 15] != UInt8(ascii: "Z"), v[b + 15] != UInt8(ascii: "z") { return .malformed }
            time = (h, mi, s)
        }
        // Build the message text only on the error path.
        func shown() -> String {
            "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))" + (time.map { " \(pad($0.0, 2)):\(pad($0.1, 2)):\(pad($0.2, 2))" } ?? "")
        }
        if let (h, mi, s) = time, !(h < 24 && mi < 60 && s <= 60) { return .impossible(shown()) }
        guard LocalDate(year: y, month: m, day: d) != nil else { return .impossible(shown()) }
        return .valid
    }

    /// `[+-]P…` (RFC 5545 §3.3.6): weeks, or days and/or a time part. Returns (sign, days, seconds).
    static func duration(_ v: ArraySlice<UInt8>) -> (negative: Bool, days: Int, seconds: Int)? {
        let v = ContiguousArray(v)
        var i = 0
        var negative = false
        if i < v.count, v[i] == UInt8(ascii: "+") || v[i] == UInt8(ascii: "-") {
            negative = v[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < v.count, v[i] == UInt8(ascii: "P") else { return nil }
        i += 1
        var days = 0, seconds = 0
        var inTime = false
        var sawAny = false
        var number: Int?
        while i < v.count {
            let c = v[i]
            if c >= 48 && c <= 57 {
                number = (number ?? 0) * 10 + Int(c - 48)
                if number! > 100_000_000 { return nil }
            } else {
                switch c {
                case UInt8(ascii: "T"):
                    guard number == nil, !inTime else { return nil }
                    inTime = true
                case UInt8(ascii: "W"):
                    guard let n = number, !inTime else { return nil }
                    days += 7 * n; sawAny = true; number = nil
                case UInt8(ascii: "D"):
                    guard let n = number, !inTime else { return nil }
                    days += n; sawAny = true; number = nil
                case UInt8(ascii: "H"):
                    guard let n = number, inTime else { return nil }
                    seconds += 3600 * n; sawAny = true; number = nil
                case UInt8(ascii: "M"):
                    guard let n = number, inTime else { return nil }
                    seconds += 60 * n; sawAny = true; number = nil
                case UInt8(ascii: "S"):
                    guard let n = number, inTime else { return nil }
                    seconds += n; sawAny = true; number = nil
                default:
                    return nil
                }
            }
            i += 1
        }
        guard sawAny, number == nil else { return nil }
        return (negative, days, seconds)
    }
}

@inline(__always)
func upper<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
    bytes.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }
}

/// Strict UTF-8 validation (no overlongs, no surrogates, ≤ U+10FFFF).
func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = bytes.count
    while i < n {
        let c = bytes[i]
        if c < 0x80 { i += 1; continue }
        var need = 0
        var minimum: UInt32 = 0
        var code: UInt32 = 0
        if c & 0xE0 == 0xC0 { need = 1; code = UInt32(c & 0x1F); minimum = 0x80 }
        else if c & 0xF0 == 0xE0 { need = 2; code = UInt32(c & 0x0F); minimum = 0x800 }
        else if c & 0xF8 == 0xF0 { need = 3; code = UInt32(c & 0x07); minimum = 0x10000 }
        else { return false }
        guard i + need < n else { return false }
        for k in 1...need {
            let cc = bytes[i + k]
            guard cc & 0xC0 == 0x80 else { return false }
            code = code << 6 | UInt32(cc & 0x3F)
        }
        guard code >= minimum, code <= 0x10FFFF, !(0xD800...0xDFFF).contains(code) else { return false }
        i += need + 1
    }
    return true
}
