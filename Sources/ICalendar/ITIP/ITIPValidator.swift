import CLibical
import Foundation

/// libical's check of an iTIP message against RFC 5546's per-method property rules
/// (`icalrestriction_check`): which properties a REQUEST, CANCEL or REPLY must, may and must not
/// carry. Used by the tests on everything convene sends, and available to callers that want to
/// vet a message before it leaves.
public enum ITIPValidator {
    /// The problems libical reports, one line each (component, then libical's message); empty
    /// when the message passes. Text libical cannot parse at all is one problem.
    public static func problems(in text: String) -> [String] {
        guard let root = text.withCString({ icalparser_parse_string($0) }) else { return ["not iCalendar: libical could not parse it"] }
        defer { icalcomponent_free(root) }
        guard icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT else { return ["not a VCALENDAR"] }
        // The check records each violation as an X-LIC-ERROR property in the offending component.
        _ = icalrestriction_check(root)
        var problems: [String] = []
        func collect(_ component: OpaquePointer) {
            let kind = icalcomponent_kind_to_string(icalcomponent_isa(component)).map { String(cString: $0) } ?? "component"
            for property in ParsedDocument.properties(of: component, kind: ICAL_XLICERROR_PROPERTY) {
                let message = icalproperty_get_xlicerror(property).map { String(cString: $0) } ?? "error"
                problems.append("\(kind): \(message)")
            }
            for child in ParsedDocument.children(of: component) { collect(child) }
        }
        collect(root)
        return problems
    }
}
