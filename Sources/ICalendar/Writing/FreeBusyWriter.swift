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
        // The tree owns every component and property added to it and frees it once.
        let calendar = ComponentTree(ICAL_VCALENDAR_COMPONENT)
        calendar.root.add(icalproperty_new_version("2.0"))
        calendar.root.add(icalproperty_new_prodid(productID))
        calendar.root.addChild(ICAL_VFREEBUSY_COMPONENT) { freeBusy in
            freeBusy.add(icalproperty_new_uid(uid))
            freeBusy.add(icalproperty_new_dtstamp(utcTime(stamp)))
            freeBusy.add(icalproperty_new_dtstart(utcTime(window.start)))
            freeBusy.add(icalproperty_new_dtend(utcTime(window.end)))
            for interval in busy {
                var period = icalperiodtype()
                period.start = utcTime(interval.start)
                period.end = utcTime(interval.end)
                period.duration = icaldurationtype_null_duration()
                let property = icalproperty_new_freebusy(period)!
                icalproperty_add_parameter(property, icalparameter_new_fbtype(ICAL_FBTYPE_BUSY))
                freeBusy.add(property)
            }
        }
        return calendar.serialized()
    }

    /// PRODID of everything convene writes (RFC 5545 §3.7.3).
    public static let productID = "-//convene//convene 0.1//EN"

    static func utcTime(_ instant: Instant) -> icaltimetype {
        var tt = ZoneMath.icalTime(instant.utc)
        tt.zone = icaltimezone_get_utc_timezone()
        return tt
    }
}
