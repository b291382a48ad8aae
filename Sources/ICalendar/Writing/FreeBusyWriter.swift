import CLibical
import Foundation

/// Builds a VFREEBUSY document (RFC 5545 §3.6.4) through libical: what a person can send instead of
/// a whole calendar.
public enum FreeBusyWriter {
    /// Serializes `busy` (already merged and clipped) as one VCALENDAR holding one VFREEBUSY.
    /// - Parameters:
    ///   - window: becomes DTSTART/DTEND.
    ///   - stamp: DTSTAMP (inject `CONVENE_NOW` for reproducible output).
    ///   - uid: a stable UID derived from the request, never random.
    /// - Returns: the text with CRLF line endings and 75-octet folding, as libical writes it.
    public static func document(busy: [Interval], window: Interval, stamp: Instant, uid: String) -> String {
        // The calendar owns every component and property added to it; freed once below.
        let calendar = icalcomponent_new(ICAL_VCALENDAR_COMPONENT)!
        defer { icalcomponent_free(calendar) }
        icalcomponent_add_property(calendar, icalproperty_new_version("2.0"))
        icalcomponent_add_property(calendar, icalproperty_new_prodid(productID))
        let freeBusy = icalcomponent_new(ICAL_VFREEBUSY_COMPONENT)!
        icalcomponent_add_property(freeBusy, icalproperty_new_uid(uid))
        icalcomponent_add_property(freeBusy, icalproperty_new_dtstamp(utcTime(stamp)))
        icalcomponent_add_property(freeBusy, icalproperty_new_dtstart(utcTime(window.start)))
        icalcomponent_add_property(freeBusy, icalproperty_new_dtend(utcTime(window.end)))
        for interval in busy {
            var period = icalperiodtype()
            period.start = utcTime(interval.start)
            period.end = utcTime(interval.end)
            period.duration = icaldurationtype_null_duration()
            let property = icalproperty_new_freebusy(period)!
            icalproperty_add_parameter(property, icalparameter_new_fbtype(ICAL_FBTYPE_BUSY))
            icalcomponent_add_property(freeBusy, property)
        }
        icalcomponent_add_component(calendar, freeBusy)
        guard let text = icalcomponent_as_ical_string_r(calendar) else { return "" }
        defer { free(text) }
        return String(cString: text)
    }

    /// PRODID of everything convene writes (RFC 5545 §3.7.3).
    public static let productID = "-//convene//convene 0.1//EN"

    static func utcTime(_ instant: Instant) -> icaltimetype {
        var tt = ZoneMath.icalTime(instant.utc)
        tt.zone = icaltimezone_get_utc_timezone()
        return tt
    }
}
