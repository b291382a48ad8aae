import CLibical

/// Owns one libical component tree (the result of `icalparser_parse_string`) and frees it.
/// Not thread-safe: libical components move internal iterators even when read.
final class ParsedDocument {
    /// The root: a VCALENDAR, or an XROOT holding several.
    let root: OpaquePointer
    /// The VCALENDARs in file order.
    let calendars: [OpaquePointer]

    /// Parses NUL-terminated iCalendar text.
    /// Wraps `icalparser_parse_string`; the tree is owned by this object.
    init?(text: UnsafePointer<CChar>) {
        convene_clear_icalerrno()
        guard let root = icalparser_parse_string(text) else { return nil }
        self.root = root
        if icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT {
            calendars = [root]
        } else {
            calendars = ParsedDocument.children(of: root, kind: ICAL_VCALENDAR_COMPONENT)
        }
    }

    deinit { icalcomponent_free(root) }

    /// Checks a source with the pre-scan (the same bad-input rules everywhere), drops a BOM and
    /// junk after the last calendar, and parses the rest through libical.
    /// - Throws: `CalendarError` naming the file and line.
    static func load(_ source: CalendarSource) throws(CalendarError) -> (ParsedDocument, ContentLineScanner.Result) {
        var bytes = source.bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard !bytes.isEmpty else { throw CalendarError(file: source.name, "empty file: no BEGIN:VCALENDAR") }
        let scanner = ContentLineScanner(file: source.name)
        let scan = try bytes.withUnsafeBufferPointer { (buffer) throws(CalendarError) in try scanner.scan(buffer) }
        if let junk = scan.trailingJunk { bytes.removeSubrange(junk.offset...) }
        bytes.append(0)
        let document: ParsedDocument? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { ParsedDocument(text: $0) }
        }
        guard let document else { throw CalendarError(file: source.name, "libical could not parse this file as iCalendar") }
        return (document, scan)
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

    /// Value of an X- property. Wraps `icalproperty_get_x`.
    static func xValue(_ property: OpaquePointer) -> String? {
        guard let value = icalproperty_get_x(property) else { return nil }
        return String(cString: value)
    }
}
