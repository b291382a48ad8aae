import CLibical
import Foundation

/// One event to write (RFC 5545 §3.6.1). Times are instants; they are written as local times in
/// the writer's zone with `TZID=<IANA name>` and a matching VTIMEZONE.
public struct EventDescription: Sendable, Equatable {
    public var uid: String
    public var sequence: Int?
    public var stamp: Instant
    public var start: Instant
    public var end: Instant
    public var summary: String
    public var location: String?
    public var description: String?
    /// The description as HTML, written as `X-ALT-DESC;FMTTYPE=text/html` (read by Outlook).
    public var htmlDescription: String?
    /// `TENTATIVE`, `CONFIRMED` or `CANCELLED`.
    public var status: String?
    /// COMMENT (RFC 5545 §3.8.1.4), e.g. the reason of a cancellation.
    public var comment: String?
    /// ORGANIZER (RFC 5545 §3.8.4.3), written as a `mailto:` URI with CN.
    public var organizer: Participant?
    /// ATTENDEEs (§3.8.4.1), `mailto:` with CN, ROLE, PARTSTAT=NEEDS-ACTION, RSVP=TRUE, CUTYPE=INDIVIDUAL.
    public var attendees: [Participant] = []
    /// A display alarm this many minutes before the start (VALARM, §3.6.6).
    public var alarmMinutesBefore: Int?
    /// `X-MICROSOFT-CDO-BUSYSTATUS` (`TENTATIVE` for a poll's hold): how Outlook shows the time;
    /// STATUS alone leaves a hold "busy" there.
    public var busyStatus: String?

    public init(uid: String, sequence: Int? = nil, stamp: Instant, start: Instant, end: Instant, summary: String,
                location: String? = nil, description: String? = nil, status: String? = nil) {
        self.uid = uid
        self.sequence = sequence
        self.stamp = stamp
        self.start = start
        self.end = end
        self.summary = summary
        self.location = location
        self.description = description
        self.status = status
    }
}

/// A person in an invitation.
public struct Participant: Sendable, Equatable {
    public var name: String
    public var email: String
    /// `CHAIR`, `REQ-PARTICIPANT` or `OPT-PARTICIPANT`.
    public var role: String
    /// PARTSTAT: `NEEDS-ACTION` in requests; `ACCEPTED`, `DECLINED`, `TENTATIVE`, `DELEGATED` in replies.
    public var participation: String
    /// RSVP=TRUE: the organizer asks for an answer.
    public var rsvp: Bool

    public init(name: String, email: String, role: String = "REQ-PARTICIPANT", participation: String = "NEEDS-ACTION", rsvp: Bool = true) {
        self.name = name
        self.email = email
        self.role = role
        self.participation = participation
        self.rsvp = rsvp
    }
}

/// Builds iCalendar documents through libical: CRLF, 75-octet folding and escaping are libical's.
public enum CalendarWriter {
    /// A VCALENDAR with the zone's VTIMEZONE and the events.
    /// - Parameter method: the iTIP method (`REQUEST`, `CANCEL`, …) for iMIP mail; `nil` for files
    ///   meant for import or download, which must carry none.
    public static func document(events: [EventDescription], zone: CalendarTimeZone, method: String? = nil) -> String {
        // The tree owns everything added to it and frees it once.
        let calendar = ComponentTree(ICAL_VCALENDAR_COMPONENT)
        calendar.root.add(icalproperty_new_version("2.0"))
        calendar.root.add(icalproperty_new_prodid(FreeBusyWriter.productID))
        if let method { calendar.root.add(icalproperty_new_method(icalproperty_string_to_method(method))) }
        let zoned = zone.identifier != "UTC"
        if zoned, let timezone = timezoneComponent(zone) { calendar.root.adopt(timezone) }
        for event in events {
            calendar.root.addChild(ICAL_VEVENT_COMPONENT) { component in add(event, to: component, zone: zone, zoned: zoned) }
        }
        return calendar.serialized()
    }

    /// The properties (and the VALARM) of one VEVENT.
    private static func add(_ event: EventDescription, to component: ComponentNode, zone: CalendarTimeZone, zoned: Bool) {
        component.add(icalproperty_new_uid(event.uid))
        if let sequence = event.sequence { component.add(icalproperty_new_sequence(Int32(sequence))) }
        component.add(icalproperty_new_dtstamp(FreeBusyWriter.utcTime(event.stamp)))
        component.add(timeProperty(icalproperty_new_dtstart, event.start, zone: zone, zoned: zoned))
        component.add(timeProperty(icalproperty_new_dtend, event.end, zone: zone, zoned: zoned))
        component.add(icalproperty_new_summary(event.summary))
        if let location = event.location { component.add(icalproperty_new_location(location)) }
        if let description = event.description { component.add(icalproperty_new_description(description)) }
        if let html = event.htmlDescription {
            // libical escapes backslashes and line breaks in X- values but leaves commas and
            // semicolons as they are (an X- property may be multi-valued); readers take the
            // value as TEXT and get the HTML back unchanged (checked against python icalendar).
            let property = icalproperty_new_x(html)!
            icalproperty_set_x_name(property, "X-ALT-DESC")
            icalproperty_add_parameter(property, icalparameter_new_fmttype("text/html"))
            component.add(property)
        }
        if let comment = event.comment { component.add(icalproperty_new_comment(comment)) }
        if let status = event.status { component.add(icalproperty_new_status(icalproperty_string_to_status(status))) }
        if let busyStatus = event.busyStatus {
            let property = icalproperty_new_x(busyStatus)!
            icalproperty_set_x_name(property, "X-MICROSOFT-CDO-BUSYSTATUS")
            component.add(property)
        }
        if let organizer = event.organizer {
            let property = icalproperty_new_organizer("mailto:" + organizer.email)!
            icalproperty_add_parameter(property, icalparameter_new_cn(organizer.name))
            component.add(property)
        }
        for attendee in event.attendees {
            let property = icalproperty_new_attendee("mailto:" + attendee.email)!
            icalproperty_add_parameter(property, icalparameter_new_cn(attendee.name))
            let role: icalparameter_role
            switch attendee.role {
            case "CHAIR": role = ICAL_ROLE_CHAIR
            case "OPT-PARTICIPANT": role = ICAL_ROLE_OPTPARTICIPANT
            default: role = ICAL_ROLE_REQPARTICIPANT
            }
            icalproperty_add_parameter(property, icalparameter_new_role(role))
            icalproperty_add_parameter(property, icalparameter_new_partstat(partstat(attendee.participation)))
            if attendee.rsvp { icalproperty_add_parameter(property, icalparameter_new_rsvp(ICAL_RSVP_TRUE)) }
            icalproperty_add_parameter(property, icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL))
            component.add(property)
        }
        if let minutes = event.alarmMinutesBefore {
            component.addChild(ICAL_VALARM_COMPONENT) { alarm in
                alarm.add(icalproperty_new_action(ICAL_ACTION_DISPLAY))
                var trigger = icaltriggertype()
                trigger.time = icaltime_null_time()
                var duration = icaldurationtype_null_duration()
                duration.is_neg = 1
                if minutes % 1440 == 0 { duration.days = UInt32(minutes / 1440) } else { duration.minutes = UInt32(minutes) }
                trigger.duration = duration
                alarm.add(icalproperty_new_trigger(trigger))
                alarm.add(icalproperty_new_description(event.summary))
            }
        }
    }

    private static func partstat(_ text: String) -> icalparameter_partstat {
        switch text {
        case "ACCEPTED": return ICAL_PARTSTAT_ACCEPTED
        case "DECLINED": return ICAL_PARTSTAT_DECLINED
        case "TENTATIVE": return ICAL_PARTSTAT_TENTATIVE
        case "DELEGATED": return ICAL_PARTSTAT_DELEGATED
        default: return ICAL_PARTSTAT_NEEDSACTION
        }
    }

    /// DTSTART/DTEND as local time with `TZID=<IANA name>` (not libical's
    /// `/freeassociation.sourceforge.net/…` prefix, which clients do not know).
    private static func timeProperty(_ make: (icaltimetype) -> OpaquePointer?, _ instant: Instant, zone: CalendarTimeZone,
                                     zoned: Bool) -> OpaquePointer {
        guard zoned else { return make(FreeBusyWriter.utcTime(instant))! }
        let property = make(ZoneMath.icalTime(zone.localTime(of: instant)))!
        icalproperty_add_parameter(property, icalparameter_new_tzid(zone.identifier))
        return property
    }

    /// A clone of libical's VTIMEZONE for the zone, renamed to the IANA name and cut to the rules
    /// in force today: libical's copy carries the zone's whole history (local mean time with
    /// seconds offsets, wartime rules), which Outlook handles badly; clients want the current
    /// RRULE-style observances (INTEROP.md). Only the open-ended observances (RRULE without
    /// UNTIL) are kept; a zone without any keeps its latest observance. Valid for the times
    /// convene writes (meetings from now on), not for historical ones.
    /// The clone is owned by the caller (adopted by a `ComponentTree`, which then owns it).
    static func timezoneComponent(_ zone: CalendarTimeZone) -> OpaquePointer? {
        guard let original = icaltimezone_get_component(zone.pointer), let clone = icalcomponent_new_clone(original) else { return nil }
        if let tzid = icalcomponent_get_first_property(clone, ICAL_TZID_PROPERTY) {
            icalproperty_set_tzid(tzid, zone.identifier)
        }
        let observances = ParsedDocument.children(of: clone).filter {
            let kind = icalcomponent_isa($0)
            return kind == ICAL_XSTANDARD_COMPONENT || kind == ICAL_XDAYLIGHT_COMPONENT
        }
        let ongoing = observances.filter { observance in
            guard let rule = icalcomponent_get_first_property(observance, ICAL_RRULE_PROPERTY) else { return false }
            return icaltime_is_null_time(icalproperty_get_rrule(rule).until) != 0
        }
        let latest = observances.max { a, b in
            icaltime_compare(icalcomponent_get_dtstart(a), icalcomponent_get_dtstart(b)) < 0
        }
        let keep = ongoing.isEmpty ? latest.map { [$0] } ?? [] : ongoing
        for observance in observances where !keep.contains(observance) {
            // Removed from the clone, so freed here.
            icalcomponent_remove_component(clone, observance)
            icalcomponent_free(observance)
        }
        // libical starts the open-ended rules where its explicit transitions end (2037): move each
        // onset back to its first occurrence in 1970 so the rules cover every time written.
        for observance in ongoing {
            guard let ruleProperty = icalcomponent_get_first_property(observance, ICAL_RRULE_PROPERTY),
                  let start = icalcomponent_get_first_property(observance, ICAL_DTSTART_PROPERTY) else { continue }
            let rule = icalproperty_get_rrule(ruleProperty)
            var onset = icalproperty_get_dtstart(start)
            guard let date = firstOnset(rule, year: 1970) else { continue }
            onset.year = Int32(date.year)
            onset.month = Int32(date.month)
            onset.day = Int32(date.day)
            icalproperty_set_dtstart(start, onset)
        }
        return clone
    }

    /// The day a yearly `BYMONTH=m;BYDAY=±nDD` rule first fires in `year`.
    static func firstOnset(_ rule: icalrecurrencetype, year: Int) -> LocalDate? {
        guard rule.freq == ICAL_YEARLY_RECURRENCE else { return nil }
        let month = Int(rule.by_month.0), encodedDay = rule.by_day.0
        guard (1...12).contains(month), encodedDay != Int16(truncatingIfNeeded: ICAL_RECURRENCE_ARRAY_MAX.rawValue) else { return nil }
        let weekday = Int(icalrecurrencetype_day_day_of_week(encodedDay).rawValue) // 1 = Sunday … 7 = Saturday
        let position = Int(icalrecurrencetype_day_position(encodedDay))
        guard (1...7).contains(weekday), position != 0 else { return nil }
        let isoWeekday = weekday == 1 ? 7 : weekday - 1
        let days = LocalDate.daysInMonth(year: year, month: month)
        let candidates = (1...days).compactMap { LocalDate(year: year, month: month, day: $0) }.filter { $0.isoWeekday == isoWeekday }
        let index = position > 0 ? position - 1 : candidates.count + position
        return candidates.indices.contains(index) ? candidates[index] : nil
    }
}
