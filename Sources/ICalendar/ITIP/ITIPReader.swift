import CLibical
import Foundation

/// One attendee's answer in an iTIP REPLY (RFC 5546 §3.2.3).
public struct ITIPReply: Sendable, Equatable {
    public var uid: String
    /// Lower-cased address without `mailto:`.
    public var attendee: String
    /// `ACCEPTED`, `DECLINED`, `TENTATIVE`, `DELEGATED`, `NEEDS-ACTION`, …
    public var participation: String
    public var stamp: Instant?
    public var sequence: Int
    /// Lower-cased address the attendee delegated to, if any.
    public var delegatedTo: String?
    /// Lower-cased address of whoever delegated to this attendee, if any.
    public var delegatedFrom: String? = nil
    public var recurrenceID: Instant?
    /// The event's DTSTART–DTEND as the message gives it: in a COUNTER (RFC 5546 §3.2.7), the time the attendee
    /// suggests instead. Nil when either is missing or floating.
    public var proposed: Interval? = nil
}

/// An iTIP message: its METHOD and the replies it carries.
public struct ITIPMessage: Sendable, Equatable {
    public var method: String?
    public var replies: [ITIPReply]
}

/// Reads iTIP messages (.ics with METHOD) through libical, with the same bad-input checks as
/// calendar imports.
public enum ITIPReader {
    /// - Throws: `CalendarError` for input that is not iCalendar or broken.
    public static func read(_ source: CalendarSource) throws(CalendarError) -> ITIPMessage {
        let (document, _) = try ParsedDocument.load(source)
        var method: String?
        var replies: [ITIPReply] = []
        for calendar in document.calendars {
            if let property = icalcomponent_get_first_property(calendar, ICAL_METHOD_PROPERTY),
               let text = icalproperty_method_to_string(icalproperty_get_method(property)) {
                method = String(cString: text)
            }
            for event in ParsedDocument.children(of: calendar, kind: ICAL_VEVENT_COMPONENT) {
                guard let uidText = icalcomponent_get_uid(event) else { continue }
                let uid = String(cString: uidText)
                var stamp: Instant?
                if let property = icalcomponent_get_first_property(event, ICAL_DTSTAMP_PROPERTY) {
                    stamp = Instant(utc: ZoneMath.fields(icalproperty_get_dtstamp(property)))
                }
                var recurrenceID: Instant?
                if let property = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY) {
                    let tt = icalproperty_get_recurrenceid(property)
                    if icaltime_is_utc(tt) != 0 { recurrenceID = Instant(utc: ZoneMath.fields(tt)) }
                }
                let sequence = icalcomponent_get_first_property(event, ICAL_SEQUENCE_PROPERTY).map { Int(icalproperty_get_sequence($0)) } ?? 0
                var proposed: Interval?
                if let start = eventTime(event, ICAL_DTSTART_PROPERTY), let end = eventTime(event, ICAL_DTEND_PROPERTY), start < end {
                    proposed = Interval(start: start, end: end)
                }
                for attendee in ParsedDocument.properties(of: event, kind: ICAL_ATTENDEE_PROPERTY) {
                    guard let value = icalproperty_get_attendee(attendee) else { continue }
                    var partstat = "NEEDS-ACTION"
                    if let parameter = icalproperty_get_first_parameter(attendee, ICAL_PARTSTAT_PARAMETER),
                       let text = icalparameter_enum_to_string(Int32(icalparameter_get_partstat(parameter).rawValue)) {
                        partstat = String(cString: text)
                    }
                    var delegatedTo: String?
                    if let parameter = icalproperty_get_first_parameter(attendee, ICAL_DELEGATEDTO_PARAMETER),
                       let text = icalparameter_get_delegatedto(parameter) {
                        delegatedTo = address(String(cString: text))
                    }
                    var delegatedFrom: String?
                    if let parameter = icalproperty_get_first_parameter(attendee, ICAL_DELEGATEDFROM_PARAMETER),
                       let text = icalparameter_get_delegatedfrom(parameter) {
                        delegatedFrom = address(String(cString: text))
                    }
                    replies.append(ITIPReply(uid: uid, attendee: address(String(cString: value)), participation: partstat,
                                             stamp: stamp, sequence: sequence, delegatedTo: delegatedTo, delegatedFrom: delegatedFrom,
                                             recurrenceID: recurrenceID, proposed: proposed))
                }
            }
        }
        return ITIPMessage(method: method, replies: replies)
    }

    /// DTSTART or DTEND of `event` as an instant: UTC, a zone the calendar embeds, or a built-in IANA zone; nil
    /// for a floating time or an unknown zone. Wraps `icalproperty_get_datetime_with_component`.
    static func eventTime(_ event: OpaquePointer, _ kind: icalproperty_kind) -> Instant? {
        guard let property = icalcomponent_get_first_property(event, kind) else { return nil }
        let time = icalproperty_get_datetime_with_component(property, event)
        guard icaltime_is_null_time(time) == 0, time.is_date == 0 else { return nil }
        if icaltime_is_utc(time) != 0 { return Instant(utc: ZoneMath.fields(time)) }
        if let zone = time.zone { return ZoneMath.instant(ZoneMath.fields(time), in: zone) }
        if let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER), let name = icalparameter_get_tzid(parameter),
           let zone = BuiltinZones.zone(named: String(cString: name)) {
            return ZoneMath.instant(ZoneMath.fields(time), in: zone)
        }
        return nil
    }

    /// `mailto:Anna@Example.org` → `anna@example.org`.
    public static func address(_ uri: String) -> String {
        var text = uri.trimmingCharacters(in: .whitespaces)
        if text.lowercased().hasPrefix("mailto:") { text.removeFirst(7) }
        return text.lowercased()
    }
}
