#if canImport(Glibc)
import Glibc
#endif
/// A first pass over the raw bytes of an iCalendar file, before libical sees them.
///
/// libical is lenient in ways that give silently wrong answers: it normalises impossible dates
/// (`20251345` becomes 2026-02-15), accepts truncated files, and reports no line numbers. This
/// scanner rejects what must not be read (binary data, absurd line lengths, broken structure) with
/// a file and line, and records where each component begins so later diagnostics can name a line
/// too. A bad time value or rule is lenient like the clients, loud unlike them: it becomes a
/// warning and a repair — the best reading (a trimmed value, a date written with `Z` read as the
/// date, a rule with COUNT and UNTIL ending at whichever comes first) or the line left out — so
/// libical never sees it; an event whose start or RECURRENCE-ID cannot be read is left out. In a
/// component that can never be busy (VTODO, VJOURNAL, VALARM, timezone parts outside a VTIMEZONE)
/// nothing is fatal. It reads only property names and the values of time properties; text values
/// (summaries, attendees, …) are never looked at or echoed, and neither are the values it rejects.
struct ContentLineScanner {
    /// Longest physical line accepted. Exports fold at 75 octets (RFC 5545 §3.1); even unfolded
    /// producers stay far below this.
    static let maximumLineLength = 1 << 20

    struct Result {
        /// Each VCALENDAR in file order, with where its direct child components start.
        var calendars: [CalendarLayout] = []
        /// Recoverable problems: line and a message that quotes nothing from the file.
        var warnings: [(line: Int, message: String)] = []
        /// Byte ranges to replace before libical parses the text (see `Repair`), in file order.
        var repairs: [Repair] = []
        /// Lines of the VEVENTs to leave out (their start or RECURRENCE-ID cannot be read; warned).
        var ignoredEvents: Set<Int> = []
        /// Line of the first invalid UTF-8 sequence, if any.
        var firstNonUTF8Line: Int?
        /// Where junk after the last END:VCALENDAR starts (byte offset, line): ignored with a warning.
        var trailingJunk: (offset: Int, line: Int)?

        /// The result of scanning the bytes again after `repairs` were applied, without the second
        /// pass: a repair keeps every line where it was and replaces bytes inside one logical line
        /// that starts where the repair does, so only the byte offsets of later lines move (by the
        /// length differences of the repairs before them); lines, warnings and events stay. Nil when
        /// a repair replaced the first line that is not UTF-8 (the replacement is ASCII, so a
        /// second scan would find a later one, or none): scan again then.
        func applyingRepairs() -> Result? {
            if let line = firstNonUTF8Line, repairs.contains(where: { $0.lines.contains(line) }) { return nil }
            // Running sums of the length changes, in file order (repairs are recorded in file order).
            var starts: [Int] = []
            var shifts: [Int] = []
            starts.reserveCapacity(repairs.count)
            shifts.reserveCapacity(repairs.count)
            var total = 0
            for repair in repairs {
                total += repair.bytes.count - repair.range.count
                starts.append(repair.range.lowerBound)
                shifts.append(total)
            }
            func shifted(_ offset: Int) -> Int {
                // The number of repairs starting before `offset` (binary search).
                var low = 0, high = starts.count
                while low < high {
                    let middle = (low + high) / 2
                    if starts[middle] < offset { low = middle + 1 } else { high = middle }
                }
                return low == 0 ? offset : offset + shifts[low - 1]
            }
            var result = self
            result.repairs = []
            for index in result.calendars.indices {
                result.calendars[index].begin = shifted(calendars[index].begin)
                result.calendars[index].end = shifted(calendars[index].end)
                for child in result.calendars[index].children.indices {
                    result.calendars[index].children[child].offset = shifted(calendars[index].children[child].offset)
                }
            }
            if let junk = trailingJunk { result.trailingJunk = (shifted(junk.offset), junk.line) }
            return result
        }
    }

    let file: String

    /// A replacement of `range` of the scanned bytes that keeps every line where it was (folded
    /// with empty continuation lines), so line numbers stay true.
    struct Repair {
        var range: Range<Int>
        var bytes: [UInt8]
        /// The physical lines the replaced logical line spans.
        var lines: ClosedRange<Int>
    }

    /// Where a property sits, which decides how bad its value is.
    enum Context {
        /// A VEVENT directly in a VCALENDAR (the component line given).
        case event(Int)
        /// A VFREEBUSY directly in a VCALENDAR.
        case freeBusy
        /// A VTIMEZONE or its STANDARD / DAYLIGHT parts.
        case timezone
        /// Anything that is never busy: VTODO, VJOURNAL, VALARM, stray timezone parts, unknown components.
        case never
    }

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
        /// End of the logical line's content (before CR LF), how many physical lines it spans beyond
        /// the first, and whether it ends in CR LF.
        var pendingEnd = 0
        var pendingFolds = 0
        var pendingCRLF = true
        var lastContentLine = 0

        func flush() throws(CalendarError) {
            guard pendingActive else { return }
            pendingActive = false
            let place = LinePlace(line: pendingLine, offset: pendingOffset, end: pendingEnd, folds: pendingFolds, crlf: pendingCRLF)
            try handle(kind: pendingKind, place: place, logical: pendingWanted ? pendingBytes : [],
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
                                    "\(ContentLineScanner.controlCharacterMessage)0x\(String(base[k], radix: 16))); not an iCalendar text file")
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
                pendingEnd = contentEnd
                pendingFolds += 1
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
            pendingEnd = contentEnd
            pendingFolds = 0
            pendingCRLF = contentEnd < end
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
                                "truncated: \(ContentLineScanner.begin(open.name)) at line \(open.line) has no END")
        }

        guard sawCalendar else {
            throw CalendarError(file: file, line: lineNumber == 0 ? nil : 1, "empty file: no BEGIN:VCALENDAR")
        }
        return result
    }

    // MARK: - Properties

    /// How the error for a control character begins (`ParsedDocument` retries without them).
    static let controlCharacterMessage = "binary data (control character "

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

    /// Where a logical line lies in the scanned bytes.
    struct LinePlace {
        var line: Int
        var offset: Int
        var end: Int
        var folds: Int
        var crlf: Bool

        var lines: ClosedRange<Int> { line...(line + folds) }
    }

    /// Component names convene knows; any other name is never echoed (it may carry personal data).
    static let knownComponents: Set<[UInt8]> = Set(["VCALENDAR", "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "STANDARD",
                                                    "DAYLIGHT", "VALARM", "VAVAILABILITY", "AVAILABLE"].map { Array($0.utf8) })

    /// `BEGIN:VEVENT` for a known component, else `BEGIN` alone.
    static func begin(_ name: [UInt8]) -> String {
        knownComponents.contains(name) ? "BEGIN:\(String(decoding: name, as: UTF8.self))" : "BEGIN"
    }

    private func handle(kind: CheckedProperty?, place: LinePlace, logical: [UInt8],
                        stack: inout [(name: [UInt8], line: Int)], result: inout Result,
                        sawCalendar: inout Bool) throws(CalendarError) {
        let line = place.line, offset = place.offset
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
        if kind == .begin || kind == .end {
            let value = try split(logical, name: name, line: line)
            try structure(kind, value: value, place: place, stack: &stack, result: &result, sawCalendar: &sawCalendar)
            return
        }
        let context = ContentLineScanner.context(of: stack)
        var verdict: Verdict
        if let raw = try? split(logical, name: name, line: line) {
            let value = ContentLineScanner.trimmed(raw)
            verdict = check(kind, value: value, context: context)
            if case .ok = verdict, value.count != raw.count {
                verdict = .rewrite(value: Array(value), parameter: nil, message: "spaces around the value; read without them")
            }
        } else {
            verdict = .drop("has no value (missing ':')")
        }
        func replace(with text: [UInt8]) {
            var bytes = text
            for _ in 0..<place.folds { bytes += place.crlf ? [13, 10, 32] : [10, 32] }
            result.repairs.append(Repair(range: place.offset..<place.end, bytes: bytes, lines: place.lines))
        }
        let dropped = ContentLineScanner.ignoredLine
        switch (verdict, context) {
        case (.ok, _):
            return
        case (.fatal(let message), .timezone):
            throw CalendarError(file: file, line: line, "\(name): \(message)")
        case (_, .never):
            result.warnings.append((line, "\(name): \(verdict.message ?? ""); ignored (in a component that is never busy)"))
            replace(with: dropped)
        case (.ignoreEvent(let message), .event(let eventLine)), (.fatal(let message), .event(let eventLine)):
            result.warnings.append((line, "\(name): \(message); the event is ignored"))
            result.ignoredEvents.insert(eventLine)
            replace(with: dropped)
        case (.rewrite(let value, let parameter, let message), _):
            result.warnings.append((line, "\(name): \(message)"))
            let prefix = logical.prefix(logical.count - ContentLineScanner.valueLength(logical))
            replace(with: Array(name.utf8) + (parameter ?? []) + prefix + value)
        case (.drop(let message), _), (.ignoreEvent(let message), _), (.fatal(let message), _):
            result.warnings.append((line, "\(name): \(message)" + (message.contains("ignored") ? "" : "; ignored")))
            replace(with: dropped)
        }
    }

    /// What a line left out becomes: a property libical keeps and convene never reads.
    static let ignoredLine = Array("X-CONVENE-IGNORED:1".utf8)

    /// What to do with a property value.
    enum Verdict {
        case ok
        /// Read `value` instead (with an extra `;NAME=value` parameter), saying why.
        case rewrite(value: [UInt8], parameter: [UInt8]?, message: String)
        /// Leave the line out.
        case drop(String)
        /// Leave the event out (its start or identity cannot be read); elsewhere like `drop`.
        case ignoreEvent(String)
        /// The file cannot be read right without it (a VTIMEZONE onset); elsewhere like `ignoreEvent`.
        case fatal(String)

        var message: String? {
            switch self {
            case .ok: return nil
            case .rewrite(_, _, let message), .drop(let message), .ignoreEvent(let message), .fatal(let message): return message
            }
        }
    }

    static func context(of stack: [(name: [UInt8], line: Int)]) -> Context {
        if stack.count == 2, stack[1].name == veventName { return .event(stack[1].line) }
        if stack.count == 2, stack[1].name == vfreebusyName { return .freeBusy }
        if stack.count >= 2, stack[1].name == vtimezone {
            if stack.count == 2 { return .timezone }
            if stack.count == 3, stack[2].name == standardName || stack[2].name == daylightName { return .timezone }
        }
        return .never
    }

    static let veventName = Array("VEVENT".utf8)
    static let vfreebusyName = Array("VFREEBUSY".utf8)
    static let standardName = Array("STANDARD".utf8)
    static let daylightName = Array("DAYLIGHT".utf8)

    /// The value without leading and trailing spaces and tabs.
    static func trimmed(_ value: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var v = value
        while let c = v.first, c == 32 || c == 9 { v = v.dropFirst() }
        while let c = v.last, c == 32 || c == 9 { v = v.dropLast() }
        return v
    }

    /// Length of the value of `;PARAM=…:value` (after the first colon outside quotes).
    static func valueLength(_ logical: [UInt8]) -> Int {
        var inQuotes = false
        for index in logical.indices {
            let c = logical[index]
            if c == 34 { inQuotes.toggle() }
            if c == 58 && !inQuotes { return logical.count - index - 1 }
        }
        return 0
    }

    private func structure(_ kind: CheckedProperty, value: ArraySlice<UInt8>, place: LinePlace,
                           stack: inout [(name: [UInt8], line: Int)], result: inout Result,
                           sawCalendar: inout Bool) throws(CalendarError) {
        let line = place.line, offset = place.offset
        let component = upper(ContentLineScanner.trimmed(value))
        if kind == .begin {
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
            return
        }
        guard let open = stack.last else {
            throw CalendarError(file: file, line: line, "END without BEGIN")
        }
        guard component == open.name else {
            // A misspelt END (`END:VCALENDARD`, `END:VTOOD`) closes the innermost component, with
            // a warning; one that names an outer open component means the structure is broken.
            if stack.dropLast().contains(where: { $0.name == component }) {
                throw CalendarError(file: file, line: line, "END does not match the \(ContentLineScanner.begin(open.name)) at line \(open.line)")
            }
            result.warnings.append((line, "END does not match the \(ContentLineScanner.begin(open.name)) at line \(open.line); read as its END"))
            result.repairs.append(Repair(range: place.offset..<place.end, bytes: Array("END:".utf8) + open.name
                + Array(repeating: place.crlf ? [13, 10, 32] : [10, 32], count: place.folds).flatMap { $0 }, lines: place.lines))
            stack.removeLast()
            if stack.isEmpty { result.calendars[result.calendars.count - 1].end = offset }
            return
        }
        stack.removeLast()
        if stack.isEmpty { result.calendars[result.calendars.count - 1].end = offset }
    }

    private func check(_ kind: CheckedProperty, value: ArraySlice<UInt8>, context: Context) -> Verdict {
        switch kind {
        case .begin, .end:
            return .ok
        case .dtstart, .dtend, .due, .recurrenceID:
            if value.isEmpty { return failure(kind, "empty value", context: context) }
            switch ContentLineScanner.dateValue(value) {
            case .valid: return .ok
            case .dateWithZ(let date):
                return .rewrite(value: date, parameter: nil, message: "a date written with a UTC 'Z'; read as the date")
            case .malformed: return failure(kind, "not a valid date or date-time", context: context)
            case .impossible: return failure(kind, "impossible date or time", context: context)
            }
        case .exdate, .rdate, .freebusy:
            return checkList(kind, value, context: context)
        case .duration:
            if value.isEmpty { return .drop("empty value") }
            return TimeValueSyntax.duration(value) == nil ? .drop("not a valid duration") : .ok
        case .rrule, .exrule:
            return checkRecurrenceRule(value)
        }
    }

    /// A bad start or identity: the event cannot be placed; a bad VTIMEZONE onset is fatal.
    private func failure(_ kind: CheckedProperty, _ message: String, context: Context) -> Verdict {
        switch (kind, context) {
        case (.dtstart, .timezone): return .fatal(message)
        case (.dtstart, .event), (.recurrenceID, .event): return .ignoreEvent(message)
        case (.dtend, .event): return .drop(message + "; ignored, the event lasts as if it had no DTEND")
        default: return .drop(message)
        }
    }

    enum DateCheck { case valid, dateWithZ([UInt8]), malformed, impossible }

    static func dateValue(_ value: ArraySlice<UInt8>) -> DateCheck {
        if value.count == 9, value.last == UInt8(ascii: "Z") || value.last == UInt8(ascii: "z"),
           case .valid = TimeValueSyntax.dateOrDateTime(value.dropLast()) {
            return .dateWithZ(Array(value.dropLast()))
        }
        switch TimeValueSyntax.dateOrDateTime(value) {
        case .valid: return .valid
        case .malformed: return .malformed
        case .impossible: return .impossible
        }
    }

    /// EXDATE, RDATE and FREEBUSY lists: bad items are left out, the rest is read.
    private func checkList(_ kind: CheckedProperty, _ value: ArraySlice<UInt8>, context: Context) -> Verdict {
        if value.isEmpty { return .drop("empty value") }
        var kept: [ArraySlice<UInt8>] = []
        var spaced = false, withZ = false, bad = 0
        for raw in value.split(separator: 44, omittingEmptySubsequences: false) {
            let item = ContentLineScanner.trimmed(raw)
            if item.count != raw.count { spaced = true }
            if kind == .freebusy || item.contains(47) {
                if kind == .exdate || !isPeriod(item) { bad += 1 } else { kept.append(item) }
                continue
            }
            switch ContentLineScanner.dateValue(item) {
            case .valid: kept.append(item)
            case .dateWithZ(let date): kept.append(date[...]); withZ = true
            case .malformed, .impossible: bad += 1
            }
        }
        guard spaced || withZ || bad > 0 else { return .ok }
        let what = kind == .freebusy ? "period" : kind == .rdate ? "date, date-time or period" : "date or date-time"
        if kept.isEmpty { return .drop(kept.count + bad <= 1 && value.isEmpty ? "empty value" : "not a valid \(what)") }
        var notes: [String] = []
        if bad > 0 { notes.append("\(bad) of \(bad + kept.count) values not a valid \(what); the rest is read") }
        if withZ { notes.append("a date written with a UTC 'Z'; read as the date") }
        if spaced { notes.append("spaces around a value; read without them") }
        let message = notes.joined(separator: "; ")
        return .rewrite(value: Array(kept.joined(separator: [44])), parameter: nil, message: message)
    }

    private func isPeriod(_ value: ArraySlice<UInt8>) -> Bool {
        let parts = value.split(separator: 47, omittingEmptySubsequences: false)
        guard parts.count == 2, case .valid = TimeValueSyntax.dateOrDateTime(parts[0]) else { return false }
        let second = parts[1]
        if second.first == UInt8(ascii: "P") || second.first == UInt8(ascii: "+") || second.first == UInt8(ascii: "-") {
            return TimeValueSyntax.duration(second) != nil
        }
        if case .valid = TimeValueSyntax.dateOrDateTime(second) { return true }
        return false
    }

    /// RFC 5545 §3.3.10. What libical would reject is decided here: a rule whose meaning is clear
    /// is read as meant (a negative COUNT or a bad INTERVAL left out; COUNT with UNTIL ends at
    /// whichever comes first — UNTIL travels in an `X-CONVENE-UNTIL` parameter that the reader
    /// applies itself); anything else leaves the rule out, so only DTSTART counts.
    static let ruleParts: Set<String> = ["FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY",
                                         "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST", "RSCALE", "SKIP"]

    private func checkRecurrenceRule(_ value: ArraySlice<UInt8>) -> Verdict {
        let ignored = "; the rule is ignored, only DTSTART counts"
        if value.isEmpty { return .drop("empty rule") }
        var sawFrequency = false
        var kept: [ArraySlice<UInt8>] = []
        var until: ArraySlice<UInt8>?
        var count: Int?
        var notes: [String] = []
        for part in value.split(separator: 59) {
            let pieces = part.split(separator: 61, maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { return .drop("malformed rule part (expected NAME=VALUE)" + ignored) }
            let key = String(decoding: upper(ContentLineScanner.trimmed(pieces[0])), as: UTF8.self)
            let argument = ContentLineScanner.trimmed(pieces[1])
            guard ContentLineScanner.ruleParts.contains(key) else { return .drop("unknown rule part" + ignored) }
            switch key {
            case "FREQ":
                let frequency = String(decoding: upper(argument), as: UTF8.self)
                guard ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"].contains(frequency) else {
                    return .drop("unknown FREQ" + ignored)
                }
                sawFrequency = true
            case "UNTIL":
                switch ContentLineScanner.dateValue(argument) {
                case .valid: until = argument
                case .dateWithZ(let date): until = date[...]; notes.append("UNTIL is a date written with a UTC 'Z', read as the date")
                case .malformed, .impossible: return .drop("UNTIL is not a valid date or date-time" + ignored)
                }
                continue
            case "COUNT":
                guard let number = Int(String(decoding: argument, as: UTF8.self)) else { return .drop("COUNT is not a number" + ignored) }
                if number < 0 { notes.append("negative COUNT left out"); continue }
                if number == 0 { return .drop("COUNT=0" + ignored) }
                count = number
            case "INTERVAL":
                guard let number = Int(String(decoding: argument, as: UTF8.self)), number >= 1 else {
                    notes.append("INTERVAL is not a positive number, read as 1")
                    continue
                }
            default:
                break // BYxxx, WKST, RSCALE, SKIP: libical checks them; a rule it rejects is a warning from libical.
            }
            kept.append(part)
        }
        guard sawFrequency else { return .drop("no FREQ" + ignored) }
        var parameter: [UInt8]?
        if let until {
            if count != nil {
                notes.append("both COUNT and UNTIL (RFC 5545 §3.3.10 allows one); the series ends at whichever comes first")
                parameter = Array(";X-CONVENE-UNTIL=".utf8) + until
            } else {
                kept.append(Array("UNTIL=".utf8)[...] + until)
            }
        }
        guard !notes.isEmpty else { return .ok }
        return .rewrite(value: Array(kept.joined(separator: [59])), parameter: parameter, message: notes.joined(separator: "; "))
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
