import CLibical
import Foundation

import Dispatch

/// Owns the libical component trees of one file (the results of `icalparser_parse_string`) and
/// frees them. Big files are parsed in two halves on two threads (see `load`), so there may be
/// two roots. Not thread-safe: libical components move internal iterators even when read.
final class ParsedDocument {
    /// The roots: each a VCALENDAR, or an XROOT holding several.
    let roots: [OpaquePointer]
    /// The VCALENDARs in file order (a calendar parsed in two halves appears twice).
    let calendars: [OpaquePointer]
    /// For each entry of `calendars`: the line of each direct child component, when known.
    let componentLines: [[Int]]

    private init(roots: [OpaquePointer], componentLines: [[Int]]) {
        self.roots = roots
        self.calendars = roots.flatMap { root in
            icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT ? [root] : ParsedDocument.children(of: root, kind: ICAL_VCALENDAR_COMPONENT)
        }
        self.componentLines = componentLines
    }

    deinit { roots.forEach { icalcomponent_free($0) } }

    /// Parses NUL-terminated iCalendar text. Wraps `icalparser_parse_string`.
    private static func parse(_ text: [UInt8]) -> OpaquePointer? {
        convene_clear_icalerrno()
        return text.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { icalparser_parse_string($0) }
        }
    }

    /// Files larger than this are parsed in two halves concurrently.
    static let splitThreshold = 256 << 10

    /// Checks a source with the pre-scan (the same bad-input rules everywhere), drops a BOM and
    /// junk after the last calendar, and parses the rest through libical. A big file is cut at a
    /// component boundary of its largest calendar into two texts — the second repeats the
    /// calendar's header and VTIMEZONEs — and both are parsed at once: libical's parser is
    /// single-threaded, this machine has two cores, and events never span components.
    /// - Throws: `CalendarError` naming the file and line.
    static func load(_ source: CalendarSource) throws(CalendarError) -> (ParsedDocument, ContentLineScanner.Result) {
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
        let lines = scan.componentLines
        var texts: [[UInt8]] = []
        var textLines: [[[Int]]] = []
        if bytes.count >= splitThreshold, let (index, cut) = splitPoint(scan.calendars) {
            let layout = scan.calendars[index]
            let firstChild = layout.children[0].offset
            var first = Array(bytes[..<layout.children[cut].offset])
            first += Array("END:VCALENDAR\r\n".utf8)
            var second = Array(bytes[layout.begin..<firstChild])
            var secondLines: [Int] = []
            for (k, child) in layout.children.enumerated() where child.isTimezone && k < cut {
                let end = k + 1 < layout.children.count ? layout.children[k + 1].offset : layout.end
                second += bytes[child.offset..<end]
                secondLines.append(child.line)
            }
            second += bytes[layout.children[cut].offset...]
            texts = [first + [0], second + [0]]
            textLines = [Array(lines[...index]), [secondLines + layout.children[cut...].map(\.line)] + Array(lines[(index + 1)...])]
            textLines[0][index] = Array(textLines[0][index].prefix(cut))
        } else {
            texts = [bytes + [0]]
            textLines = [lines]
        }
        let results = RootBox(count: texts.count)
        let inputs = texts
        DispatchQueue.concurrentPerform(iterations: inputs.count) { results.set($0, parse(inputs[$0])) }
        let roots = (0..<texts.count).compactMap { results.get($0) }
        guard roots.count == texts.count else {
            roots.forEach { icalcomponent_free($0) }
            throw CalendarError(file: source.name, "libical could not parse this file as iCalendar")
        }
        // Line maps per parsed calendar; if libical saw a different structure, lines are dropped.
        let document = ParsedDocument(roots: roots, componentLines: textLines.flatMap { $0 })
        return (document, scan)
    }

    /// Where to cut: the calendar with the most non-timezone children, at the child where half
    /// of its bytes lie before; nil if no calendar has two events to separate.
    private static func splitPoint(_ calendars: [ContentLineScanner.CalendarLayout]) -> (Int, Int)? {
        guard let (index, layout) = calendars.enumerated().max(by: { $0.element.end - $0.element.begin < $1.element.end - $1.element.begin }),
              layout.children.filter({ !$0.isTimezone }).count >= 2 else { return nil }
        let middle = (layout.begin + layout.end) / 2
        guard let cut = layout.children.indices.first(where: { layout.children[$0].offset >= middle && !layout.children[$0].isTimezone }),
              cut > 0 else { return nil }
        return (index, cut)
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

/// Parse results written from worker threads.
private final class RootBox: @unchecked Sendable {
    private var values: [OpaquePointer?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: OpaquePointer?) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> OpaquePointer? { lock.withLock { values[index] } }
}
