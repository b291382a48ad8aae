import CLibical
import Foundation

/// Owns the libical component trees of one file or of one part of it (the results of
/// `icalparser_parse_string`) and frees them. A big file is read in parts (`ParsePipeline`), each a
/// document of its own. Not thread-safe: libical components move internal iterators even when read.
final class ParsedDocument {
    /// The roots: each a VCALENDAR, or an XROOT holding several.
    let roots: [OpaquePointer]
    /// The VCALENDARs in file order.
    let calendars: [OpaquePointer]
    /// For each entry of `calendars`: the line of each direct child component, in libical's order
    /// of the children (`libicalOrder`).
    let componentLines: [[Int]]
    /// For each entry of `calendars`, in the same order: whether each direct child is this part's own (false: a copy
    /// of a VTIMEZONE that another part of the file holds, there only so that TZIDs resolve).
    let owned: [[Bool]]
    /// Whether the calendar's own properties are in this part (only the first part of a file has them).
    let hasCalendarProperties: Bool

    /// - Parameters:
    ///   - layout: per calendar, the line of each direct child in file order and whether it is a VTIMEZONE.
    ///   - owned: per calendar, in file order, whether each child is this part's own (default: all).
    fileprivate init(roots: [OpaquePointer], layout: [[(line: Int, isTimezone: Bool)]], owned: [[Bool]]? = nil,
                     hasCalendarProperties: Bool = true) {
        self.roots = roots
        self.calendars = roots.flatMap { root in
            icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT ? [root] : ParsedDocument.children(of: root, kind: ICAL_VCALENDAR_COMPONENT)
        }
        let timezones = layout.map { $0.map(\.isTimezone) }
        componentLines = zip(layout, timezones).map { ParsedDocument.libicalOrder($0.map(\.line), isTimezone: $1) }
        self.owned = owned.map { zip($0, timezones).map { ParsedDocument.libicalOrder($0, isTimezone: $1) } }
            ?? layout.map { Array(repeating: true, count: $0.count) }
        self.hasCalendarProperties = hasCalendarProperties
    }

    /// `items` (one per direct child of a calendar, in file order) in the order libical keeps the
    /// children: `icalcomponent_add_component` puts each VTIMEZONE in front of the others (so they
    /// come first, the last one first), every other component at the end.
    static func libicalOrder<T>(_ items: [T], isTimezone: [Bool]) -> [T] {
        guard items.count == isTimezone.count, isTimezone.contains(true) else { return items }
        return items.indices.filter { isTimezone[$0] }.reversed().map { items[$0] } + items.indices.filter { !isTimezone[$0] }.map { items[$0] }
    }

    /// Per calendar of a layout: the line of each direct child and whether it is a VTIMEZONE, in file order.
    static func childLayout(_ calendars: [ContentLineScanner.CalendarLayout]) -> [[(line: Int, isTimezone: Bool)]] {
        calendars.map { $0.children.map { (line: $0.line, isTimezone: $0.isTimezone) } }
    }

    deinit { roots.forEach { icalcomponent_free($0) } }

    /// Removes every direct child of the calendars except their VTIMEZONEs, whose zones the values
    /// read from this document still use, and returns them: removed from its parent, each is the
    /// caller's to free (`icalcomponent_free`). Wraps `icalcomponent_remove_component`.
    func detachAllButTimezones() -> [OpaquePointer] {
        var detached: [OpaquePointer] = []
        for calendar in calendars {
            for child in ParsedDocument.children(of: calendar) where icalcomponent_isa(child) != ICAL_VTIMEZONE_COMPONENT {
                icalcomponent_remove_component(calendar, child)
                detached.append(child)
            }
        }
        return detached
    }

    /// Parses NUL-terminated iCalendar text. Wraps `icalparser_parse_string`.
    fileprivate static func parse(_ text: [UInt8]) -> OpaquePointer? {
        convene_clear_icalerrno()
        return text.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { icalparser_parse_string($0) }
        }
    }

    /// A file's text after the pre-scan: repaired, without BOM and junk, with its layout.
    struct Prepared {
        var bytes: [UInt8]
        var scan: ContentLineScanner.Result
    }

    /// Checks a source with the pre-scan (the same bad-input rules everywhere), applies its
    /// repairs and drops a BOM and junk after the last calendar.
    /// - Throws: `CalendarError` naming the file and line.
    static func prepare(_ source: CalendarSource) throws(CalendarError) -> Prepared {
        var bytes = source.bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard !bytes.isEmpty else { throw CalendarError(file: source.name, "empty file: no BEGIN:VCALENDAR") }
        let scanner = ContentLineScanner(file: source.name)
        var scan: ContentLineScanner.Result
        do {
            scan = try bytes.withUnsafeBufferPointer { (buffer) throws(CalendarError) in try scanner.scan(buffer) }
        } catch let error where error.message.hasPrefix(ContentLineScanner.controlCharacterMessage) && !bytes.contains(0) {
            // A stray control character (a vertical tab in a description) in a text file without
            // NUL bytes: real clients import it, so it becomes a space, with a warning.
            var replaced = 0
            for index in bytes.indices where bytes[index] != 10 && ContentLineScanner.isControl(bytes[index]) {
                bytes[index] = 32
                replaced += 1
            }
            scan = try bytes.withUnsafeBufferPointer { (buffer) throws(CalendarError) in try scanner.scan(buffer) }
            scan.warnings.insert((error.line ?? 1, "\(replaced) control character\(replaced == 1 ? "" : "s") (not allowed in iCalendar text) read as spaces"), at: 0)
        }
        if !scan.repairs.isEmpty {
            // The best readings of bad lines (the pre-scan warned): same lines, new bytes, so
            // libical never sees what it would misread. The layout moves with the bytes; only when
            // a repair replaced the first non-UTF-8 line is the text scanned a second time.
            for repair in scan.repairs.reversed() { bytes.replaceSubrange(repair.range, with: repair.bytes) }
            if let repaired = scan.applyingRepairs() {
                scan = repaired
            } else {
                var repaired = try bytes.withUnsafeBufferPointer { (buffer) throws(CalendarError) in try scanner.scan(buffer) }
                repaired.warnings = scan.warnings
                repaired.ignoredEvents = scan.ignoredEvents
                repaired.repairs = []
                scan = repaired
            }
        }
        if let junk = scan.trailingJunk { bytes.removeSubrange(junk.offset...) }
        return Prepared(bytes: bytes, scan: scan)
    }

    /// The whole file parsed at once (small inputs: iTIP messages, tests).
    /// - Throws: `CalendarError` naming the file and line.
    static func load(_ source: CalendarSource) throws(CalendarError) -> (ParsedDocument, ContentLineScanner.Result) {
        let prepared = try prepare(source)
        guard let root = parse(prepared.bytes + [0]) else {
            throw CalendarError(file: source.name, "libical could not parse this file as iCalendar")
        }
        return (ParsedDocument(roots: [root], layout: childLayout(prepared.scan.calendars)), prepared.scan)
    }

    /// libical's zone for the VTIMEZONE `tzid` of the first calendar, built from the file's text.
    /// Wraps `icalcomponent_get_timezone`.
    func embeddedZone(named tzid: String) -> OpaquePointer? {
        calendars.first.flatMap { icalcomponent_get_timezone($0, tzid) }
    }

    /// Direct children of `component`, in order.
    /// Wraps `icalcomponent_get_first_component` / `_next_component`.
    static func children(of component: OpaquePointer, kind: icalcomponent_kind = ICAL_ANY_COMPONENT) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = icalcomponent_get_first_component(component, kind)
        while let c = child {
            result.append(c)
            child = icalcomponent_get_next_component(component, kind)
        }
        return result
    }

    /// Calls `body` for each direct property of `component` (no array: this runs for every
    /// component of big files). `body` must not iterate `component`'s properties itself.
    @inline(__always)
    static func forEachProperty(of component: OpaquePointer, kind: icalproperty_kind = ICAL_ANY_PROPERTY,
                                _ body: (OpaquePointer) throws(CalendarError) -> Void) throws(CalendarError) {
        var property = icalcomponent_get_first_property(component, kind)
        while let p = property {
            try body(p)
            property = icalcomponent_get_next_property(component, kind)
        }
    }

    /// Whether `component` or any component inside it has a property of `kind`.
    static func containsProperty(_ component: OpaquePointer, kind: icalproperty_kind) -> Bool {
        if icalcomponent_get_first_property(component, kind) != nil { return true }
        var child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT)
        while let c = child {
            if containsProperty(c, kind: kind) { return true }
            child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)
        }
        return false
    }

    /// Direct properties of `component`, in order.
    static func properties(of component: OpaquePointer, kind: icalproperty_kind = ICAL_ANY_PROPERTY) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var property = icalcomponent_get_first_property(component, kind)
        while let p = property {
            result.append(p)
            property = icalcomponent_get_next_property(component, kind)
        }
        return result
    }
}

/// Small typed readers over libical properties. Strings are copied out at once: libical's
/// non-`_r` getters return memory it may reuse.
enum PropertyReader {
    /// TZID parameter. Wraps `icalparameter_get_tzid`.
    static func tzid(_ property: OpaquePointer) -> String? {
        guard let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER),
              let text = icalparameter_get_tzid(parameter) else { return nil }
        return String(cString: text)
    }

    /// Name of an X- property (e.g. `X-MICROSOFT-CDO-BUSYSTATUS`). Wraps `icalproperty_get_x_name`.
    static func xName(_ property: OpaquePointer) -> String? {
        guard let name = icalproperty_get_x_name(property) else { return nil }
        return String(cString: name)
    }

    /// Value of the X- parameter `name` (e.g. `X-CONVENE-UNTIL`), if present.
    /// Wraps `icalparameter_get_xname` / `icalparameter_get_xvalue`.
    static func xParameter(_ property: OpaquePointer, named name: String) -> String? {
        var parameter = icalproperty_get_first_parameter(property, ICAL_X_PARAMETER)
        while let p = parameter {
            if let x = icalparameter_get_xname(p), String(cString: x).uppercased() == name,
               let value = icalparameter_get_xvalue(p) {
                return String(cString: value)
            }
            parameter = icalproperty_get_next_parameter(property, ICAL_X_PARAMETER)
        }
        return nil
    }

    /// Value of an X- property. Wraps `icalproperty_get_x`.
    static func xValue(_ property: OpaquePointer) -> String? {
        guard let value = icalproperty_get_x(property) else { return nil }
        return String(cString: value)
    }
}

/// Reads a prepared file in parts of about `partBytes` of whole components, one after another on
/// the reader's thread: libical's tree of a whole big file is many times the file's size, so only
/// one part's tree exists at a time. Only a file with one VCALENDAR is cut (a TZID may name a
/// VTIMEZONE of another VCALENDAR); a cut falls between direct children of the calendar — events
/// never span components. Every part repeats the calendar's VTIMEZONEs in their order (so a TZID
/// resolves as in the whole file), marked as copies outside the part that holds them; only the
/// first part holds the calendar's own properties. Lines stay the original file's.
///
/// The parts are not parsed ahead on other threads: that was measured (issue 16) to cost more than
/// it saves — on the 10k calendar 1.14× the C baseline's CPU time with one helper against 0.96×
/// without, and more wall time too on a machine whose other core is busy (files of a folder are
/// read in parallel already, one per core).
final class ParsePipeline {
    /// Files at least this big are cut into parts of about this size.
    static let partBytes = 256 << 10

    private struct Part {
        /// The calendar's header (first part only), then byte ranges of the file in order; the
        /// text ends with END:VCALENDAR.
        var header: Range<Int>?
        var ranges: [Range<Int>]
        var children: [(line: Int, isTimezone: Bool)]
        var owned: [Bool]
    }

    private let file: String
    private let bytes: [UInt8]
    private let wholeLayout: [[(line: Int, isTimezone: Bool)]]
    private let parts: [Part]
    /// The next part `next()` returns.
    private var nextToRead = 0

    init(file: String, prepared: ParsedDocument.Prepared) {
        self.file = file
        bytes = prepared.bytes
        wholeLayout = ParsedDocument.childLayout(prepared.scan.calendars)
        parts = ParsePipeline.cut(prepared)
    }

    /// How many parts the file is read in.
    var count: Int { max(parts.count, 1) }

    /// How many direct children the file's calendars have (VTIMEZONEs included): room to reserve
    /// for the records read from them.
    var childCount: Int { wholeLayout.reduce(0) { $0 + $1.count } }

    /// The parts of a single-calendar file at least `partBytes` big; empty: parse it whole.
    private static func cut(_ prepared: ParsedDocument.Prepared) -> [Part] {
        let layouts = prepared.scan.calendars
        guard prepared.bytes.count >= partBytes, layouts.count == 1, let layout = layouts.first,
              layout.children.filter({ !$0.isTimezone }).count >= 2 else { return [] }
        let children = layout.children
        func end(_ k: Int) -> Int { k + 1 < children.count ? children[k + 1].offset : layout.end }
        // Runs of whole children of about partBytes each.
        var runs: [Range<Int>] = []
        var first = 0
        while first < children.count {
            var last = first + 1
            while last < children.count, end(last) - children[first].offset <= partBytes { last += 1 }
            runs.append(first..<last)
            first = last
        }
        guard runs.count >= 2 else { return [] }
        let timezones = children.indices.filter { children[$0].isTimezone }
        return runs.enumerated().map { number, run in
            var part = Part(header: number == 0 ? layout.begin..<children[0].offset : nil, ranges: [], children: [], owned: [])
            for k in timezones where k < run.lowerBound {
                part.ranges.append(children[k].offset..<end(k))
                part.children.append((children[k].line, true))
                part.owned.append(false)
            }
            part.ranges.append(children[run.lowerBound].offset..<end(run.upperBound - 1))
            part.children += run.map { (children[$0].line, children[$0].isTimezone) }
            part.owned += Array(repeating: true, count: run.count)
            for k in timezones where k >= run.upperBound {
                part.ranges.append(children[k].offset..<end(k))
                part.children.append((children[k].line, true))
                part.owned.append(false)
            }
            return part
        }
    }

    /// The NUL-terminated text of part `index` (the whole file when it is not cut).
    private func text(_ index: Int) -> [UInt8] {
        guard !parts.isEmpty else { return bytes + [0] }
        let part = parts[index]
        var text: [UInt8] = []
        text.reserveCapacity(part.ranges.reduce(64) { $0 + $1.count } + (part.header?.count ?? 0))
        if let header = part.header { text += bytes[header] } else { text += Array("BEGIN:VCALENDAR\r\n".utf8) }
        for range in part.ranges { text += bytes[range] }
        text += Array("END:VCALENDAR\r\n".utf8)
        text.append(0)
        return text
    }

    /// Frees the part `next()` returned last but for its VTIMEZONEs (whose zones the records use).
    func release(_ document: ParsedDocument) {
        document.detachAllButTimezones().forEach { icalcomponent_free($0) }
    }

    /// The next part in file order, parsed, or nil after the last.
    /// - Throws: `CalendarError` when libical cannot parse it.
    func next() throws(CalendarError) -> ParsedDocument? {
        guard nextToRead < count else { return nil }
        let index = nextToRead
        nextToRead += 1
        guard let root = ParsedDocument.parse(text(index)) else {
            throw CalendarError(file: file, "libical could not parse this file as iCalendar")
        }
        guard !parts.isEmpty else { return ParsedDocument(roots: [root], layout: wholeLayout) }
        return ParsedDocument(roots: [root], layout: [parts[index].children], owned: [parts[index].owned],
                              hasCalendarProperties: index == 0)
    }
}
