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
        /// For each VCALENDAR in file order: the line of each of its direct child components.
        var componentLines: [[Int]] = []
        var warnings: [String] = []
        /// Line of the first invalid UTF-8 sequence, if any.
        var firstNonUTF8Line: Int?
        /// Where junk after the last END:VCALENDAR starts (byte offset, line): ignored with a warning.
        var trailingJunk: (offset: Int, line: Int)?
    }

    let file: String

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
        var pendingName: [UInt8] = []
        var pendingLine = 0
        var pendingOffset = 0
        var pendingBytes: [UInt8] = []
        var pendingWanted = false
        var pendingActive = false
        var lastContentLine = 0

        func flush() throws(CalendarError) {
            guard pendingActive else { return }
            pendingActive = false
            try handle(name: pendingName, line: pendingLine, offset: pendingOffset, logical: pendingWanted ? pendingBytes : [],
                       stack: &stack, result: &result, sawCalendar: &sawCalendar)
        }

        while position < count {
            lineNumber += 1
            // Find the end of this physical line.
            var end = position
            var asciiOnly = true
            while end < count {
                let c = bytes[end]
                if c == 10 { break }
                if c < 32 {
                    if c != 9 && c != 13 {
                        throw CalendarError(file: file, line: lineNumber,
                                            "binary data (control character 0x\(String(c, radix: 16))); not an iCalendar text file")
                    }
                } else if c >= 0x80 {
                    asciiOnly = false
                } else if c == 0x7F {
                    throw CalendarError(file: file, line: lineNumber, "binary data (control character 0x7f); not an iCalendar text file")
                }
                end += 1
                if end - position > ContentLineScanner.maximumLineLength {
                    throw CalendarError(file: file, line: lineNumber,
                                        "line is longer than \(ContentLineScanner.maximumLineLength / 1024 / 1024) MiB; not a calendar export")
                }
            }
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
            pendingName = upper(UnsafeBufferPointer(rebasing: bytes[position..<nameEnd]))
            pendingLine = lineNumber
            pendingOffset = position
            pendingActive = true
            pendingWanted = ContentLineScanner.checkedNames.contains(pendingName)
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

    static let checkedNames: Set<[UInt8]> = Set([
        "BEGIN", "END", "DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE", "DURATION",
        "RRULE", "EXRULE", "FREEBUSY",
    ].map { Array($0.utf8) })

    private func handle(name: [UInt8], line: Int, offset: Int, logical: [UInt8],
                        stack: inout [(name: [UInt8], line: Int)], result: inout Result,
                        sawCalendar: inout Bool) throws(CalendarError) {
        let nameString = String(decoding: name, as: UTF8.self)
        if stack.isEmpty && nameString != "BEGIN" {
            guard sawCalendar else { throw CalendarError(file: file, line: line, "not an iCalendar file (expected BEGIN:VCALENDAR)") }
            // Junk after the last calendar (a stray line some exporters append) is ignored; junk
            // between calendars is an error (below, at the next BEGIN).
            if result.trailingJunk == nil { result.trailingJunk = (offset, line) }
            return
        }
        if stack.isEmpty, let junk = result.trailingJunk {
            throw CalendarError(file: file, line: junk.line, "content between END:VCALENDAR and the next BEGIN:VCALENDAR")
        }
        guard !logical.isEmpty else { return }
        let (parameters, value) = try split(logical, name: nameString, line: line)
        switch nameString {
        case "BEGIN":
            let component = upper(value)
            if stack.isEmpty {
                guard component == Array("VCALENDAR".utf8) else {
                    throw CalendarError(file: file, line: line, "not an iCalendar file (expected BEGIN:VCALENDAR)")
                }
                sawCalendar = true
                result.componentLines.append([])
            } else if stack.count == 1 {
                result.componentLines[result.componentLines.count - 1].append(line)
            }
            guard !component.isEmpty else { throw CalendarError(file: file, line: line, "BEGIN without a component name") }
            stack.append((component, line))
        case "END":
            let component = upper(value)
            guard let open = stack.last else {
                throw CalendarError(file: file, line: line, "END:\(String(decoding: component, as: UTF8.self)) without BEGIN")
            }
            guard open.name == component else {
                throw CalendarError(file: file, line: line,
                                    "END:\(String(decoding: component, as: UTF8.self)) does not close BEGIN:\(String(decoding: open.name, as: UTF8.self)) at line \(open.line)")
            }
            stack.removeLast()
        case "DTSTART", "DTEND", "DUE", "RECURRENCE-ID":
            try checkDateOrDateTime(value, property: nameString, line: line, allowPeriod: false)
        case "EXDATE":
            for item in value.split(separator: 44, omittingEmptySubsequences: false) {
                try checkDateOrDateTime(Array(item), property: nameString, line: line, allowPeriod: false)
            }
        case "RDATE":
            for item in value.split(separator: 44, omittingEmptySubsequences: false) {
                try checkDateOrDateTime(Array(item), property: nameString, line: line, allowPeriod: true)
            }
        case "FREEBUSY":
            for item in value.split(separator: 44, omittingEmptySubsequences: false) {
                try checkPeriod(Array(item), property: nameString, line: line)
            }
        case "DURATION":
            guard TimeValueSyntax.duration(value) != nil else {
                throw CalendarError(file: file, line: line, "DURATION: not a valid duration")
            }
        case "RRULE", "EXRULE":
            try checkRecurrenceRule(value, property: nameString, line: line)
        default:
            break
        }
        _ = parameters
    }

    /// Splits `;PARAM=…:value` (name already removed) at the first colon outside quotes.
    private func split(_ logical: [UInt8], name: String, line: Int) throws(CalendarError) -> ([UInt8], [UInt8]) {
        var inQuotes = false
        for (index, c) in logical.enumerated() {
            if c == 34 { inQuotes.toggle() }
            if c == 58 && !inQuotes {
                return (Array(logical[..<index]), Array(logical[(index + 1)...]))
            }
        }
        throw CalendarError(file: file, line: line, "\(name) has no value (missing ':')")
    }

    private func checkDateOrDateTime(_ value: [UInt8], property: String, line: Int, allowPeriod: Bool) throws(CalendarError) {
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

    private func checkPeriod(_ value: [UInt8], property: String, line: Int) throws(CalendarError) {
        let parts = value.split(separator: 47, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw CalendarError(file: file, line: line, "\(property): not a valid period (start/end or start/duration)")
        }
        try checkDateOrDateTime(Array(parts[0]), property: property, line: line, allowPeriod: false)
        let second = Array(parts[1])
        if second.first == UInt8(ascii: "P") || second.first == UInt8(ascii: "+") || second.first == UInt8(ascii: "-") {
            guard TimeValueSyntax.duration(second) != nil else {
                throw CalendarError(file: file, line: line, "\(property): not a valid period duration")
            }
        } else {
            try checkDateOrDateTime(second, property: property, line: line, allowPeriod: false)
        }
    }

    private func checkRecurrenceRule(_ value: [UInt8], property: String, line: Int) throws(CalendarError) {
        var sawFrequency = false
        for part in value.split(separator: 59) {
            let pieces = part.split(separator: 61, maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else {
                throw CalendarError(file: file, line: line, "\(property): malformed rule part (expected NAME=VALUE)")
            }
            let key = String(decoding: upper(Array(pieces[0])), as: UTF8.self)
            let argument = Array(pieces[1])
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
    static func dateOrDateTime(_ v: [UInt8]) -> Check {
        guard v.count == 8 || v.count == 15 || v.count == 16 else { return .malformed }
        guard let y = digits(v, 0, 4), let m = digits(v, 4, 2), let d = digits(v, 6, 2) else { return .malformed }
        var shown = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        if v.count > 8 {
            guard v[8] == UInt8(ascii: "T") || v[8] == UInt8(ascii: "t"),
                  let h = digits(v, 9, 2), let mi = digits(v, 11, 2), let s = digits(v, 13, 2) else { return .malformed }
            if v.count == 16, v[15] != UInt8(ascii: "Z"), v[15] != UInt8(ascii: "z") { return .malformed }
            shown += " \(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))"
            guard h < 24, mi < 60, s <= 60 else { return .impossible(shown) }
        }
        guard LocalDate(year: y, month: m, day: d) != nil else { return .impossible(shown) }
        return .valid
    }

    /// `[+-]P…` (RFC 5545 §3.3.6): weeks, or days and/or a time part. Returns (sign, days, seconds).
    static func duration(_ v: [UInt8]) -> (negative: Bool, days: Int, seconds: Int)? {
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
