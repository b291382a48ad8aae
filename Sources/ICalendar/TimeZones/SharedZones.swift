import CLibical
import Foundation

/// One libical zone per distinct VTIMEZONE, shared by every file (and every thread) that embeds
/// it, so that libical expands the zone's rules once per run instead of once per file.
///
/// libical expands a zone lazily: the first conversion steps every STANDARD / DAYLIGHT rule from
/// its DTSTART (Outlook writes 1601) up to the year asked for plus five, through its recurrence
/// code — about 70 M instructions for Outlook's `W. Europe Standard Time`, more than parsing a
/// file of a thousand events. A later year re-expands from the start.
///
/// Thread-safety (libical 3.0, `icaltimezone.c`): what a conversion mutates is the zone's table
/// of changes. `icaltimezone_get_utc_offset_of_utc_time` — the one conversion `ZoneMath` uses —
/// extends the table under libical's global `changes_mutex`; libical 3.0.16 (Debian 12) also
/// searches it under that mutex (its disassembly: lock, extension, search, unlock), but a libical
/// that searched outside it would let a second thread asking for a later year free the table under
/// a reader. A shared zone is therefore expanded once, here, under `lock`, through a year fixed
/// when it is made, before any other thread sees it, and never asked about a later year:
/// `ZoneHandle` sends conversions of later years to the file's own zone, which only the reading
/// thread uses. A shared zone's component is never read after it is made (its offset spread is
/// computed from the file's own component).
enum SharedZones {
    /// At most this many distinct zones are kept (they live for the process); beyond it every file
    /// keeps its own zone, as before. Real runs see a handful; this bounds fuzzing.
    static let capacity = 64

    /// The handle for a file's own zone `own` (built by libical from the file's VTIMEZONE):
    /// the shared zone of the same observances, expanded through `year` at least if it is new.
    /// - Parameter year: the latest year the caller expects to convert (the window's end, plus a margin).
    static func handle(for own: OpaquePointer, expandingThrough year: Int) -> ZoneHandle {
        guard let component = icaltimezone_get_component(own), let key = key(of: component) else { return ZoneHandle(own) }
        return lock.withLock {
            if let entry = zones[key] { return ZoneHandle(shared: entry.zone, years: entry.years, own: own) }
            guard zones.count < capacity, let (zone, trimmed) = makeZone(from: component, number: zones.count + 1) else { return ZoneHandle(own) }
            let covered = min(max(year, trimYear), ZoneMath.farYear + 1)
            // Expand now, while no other thread can see the zone: one conversion in `covered`.
            var probe = ZoneMath.icalTime(LocalDateTime(date: LocalDate(unchecked: covered, 12, 31), hour: 12, minute: 0, second: 0))
            icaltimezone_convert_time(&probe, icaltimezone_get_utc_timezone(), zone)
            let entry = Entry(zone: zone, years: (trimmed ? trimYear : Int.min)...covered)
            zones[key] = entry
            return ZoneHandle(shared: entry.zone, years: entry.years, own: own)
        }
    }

    /// What decides a zone's conversions: the text of its STANDARD and DAYLIGHT parts in order
    /// (libical reads DTSTART, TZOFFSETFROM, TZOFFSETTO, RRULE and RDATE from them). The TZID,
    /// X-LIC-LOCATION, LAST-MODIFIED or TZURL do not change an answer, so two files that name the
    /// same rules differently share a zone. Nil when the zone has no such part.
    /// Wraps `icalcomponent_as_ical_string_r`.
    private static func key(of component: OpaquePointer) -> [UInt8]? {
        var key: [UInt8] = []
        var child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT)
        while let part = child {
            let kind = icalcomponent_isa(part)
            if kind == ICAL_XSTANDARD_COMPONENT || kind == ICAL_XDAYLIGHT_COMPONENT, let text = icalcomponent_as_ical_string_r(part) {
                // libical allocated the text; it is copied and freed at once.
                key.append(contentsOf: UnsafeRawBufferPointer(start: text, count: strlen(text)))
                free(text)
            }
            child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)
        }
        return key.isEmpty ? nil : key
    }

    /// The first UTC year a trimmed shared zone answers for (earlier years go to the file's own zone).
    static let trimYear = 1970

    /// A new zone owning a clone of `component`, renamed so no TZID of a file is copied, and
    /// whether its rules were trimmed to start shortly before `trimYear` (`trimmed(_:)`).
    /// Wraps `icalcomponent_new_clone`, `icaltimezone_new`, `icaltimezone_set_component`.
    private static func makeZone(from component: OpaquePointer, number: Int) -> (OpaquePointer, trimmed: Bool)? {
        guard let clone = icalcomponent_new_clone(component) else { return nil }
        var trimmed = false
        var part = icalcomponent_get_first_component(clone, ICAL_ANY_COMPONENT)
        while let observance = part {
            if icalcomponent_isa(observance) == ICAL_XSTANDARD_COMPONENT || icalcomponent_isa(observance) == ICAL_XDAYLIGHT_COMPONENT,
               trim(observance) { trimmed = true }
            part = icalcomponent_get_next_component(clone, ICAL_ANY_COMPONENT)
        }
        while let old = icalcomponent_get_first_property(clone, ICAL_TZID_PROPERTY) {
            icalcomponent_remove_property(clone, old)
            icalproperty_free(old)
        }
        // The clone owns the new property.
        icalcomponent_add_property(clone, icalproperty_new_tzid("convene-shared-zone-\(number)"))
        guard let zone = icaltimezone_new() else {
            icalcomponent_free(clone)
            return nil
        }
        // The zone owns the clone from here on; both live for the process.
        guard icaltimezone_set_component(zone, clone) != 0 else {
            icaltimezone_free(zone, 1)
            return nil
        }
        return (zone, trimmed)
    }

    /// Moves the DTSTART of a yearly STANDARD / DAYLIGHT rule that starts long before `trimYear`
    /// (Outlook: 1601) to its first onset in `trimYear - 5`, so libical expands 70 years instead of
    /// 430. libical converts a UTC time with the last change at or before it; every change the
    /// trim drops lies before that onset, which lies before `trimYear`, so for any time from
    /// `trimYear` on the last change is the same in both tables. The rule must produce the same
    /// onsets from there: yearly, every year, no COUNT, no RSCALE, month and day given by BYMONTH
    /// with BYDAY or BYMONTHDAY (only the time of day comes from DTSTART, and the onset keeps it),
    /// no BYYEARDAY, BYWEEKNO, BYSETPOS or time parts; anything else is left as written.
    /// Wraps `icalrecur_iterator_new`, `icalrecur_iterator_set_start`, `icalproperty_set_dtstart`.
    private static func trim(_ observance: OpaquePointer) -> Bool {
        guard icalcomponent_count_properties(observance, ICAL_RRULE_PROPERTY) == 1,
              icalcomponent_count_properties(observance, ICAL_DTSTART_PROPERTY) == 1,
              let ruleProperty = icalcomponent_get_first_property(observance, ICAL_RRULE_PROPERTY),
              let startProperty = icalcomponent_get_first_property(observance, ICAL_DTSTART_PROPERTY) else { return false }
        let rule = icalproperty_get_rrule(ruleProperty)
        let start = icalproperty_get_dtstart(startProperty)
        let from = trimYear - 5
        let parts = Set(RecurrenceRule(rule).lists.map(\.part))
        guard rule.freq == ICAL_YEARLY_RECURRENCE, rule.count == 0, rule.interval == 1, rule.rscale == nil,
              parts.contains(.month), parts.contains(.day) || parts.contains(.monthDay),
              parts.isSubset(of: [.month, .day, .monthDay]),
              icaltime_is_null_time(start) == 0, start.is_date == 0, icaltime_is_utc(start) == 0, Int(start.year) < from else { return false }
        guard let iterator = icalrecur_iterator_new(rule, start) else { return false }
        defer { icalrecur_iterator_free(iterator) }
        var jump = icaltime_null_time()
        (jump.year, jump.month, jump.day) = (Int32(from), 1, 1)
        guard icalrecur_iterator_set_start(iterator, jump) != 0 else { return false }
        let onset = icalrecur_iterator_next(iterator)
        // Only an onset in the year jumped to, after the rule's start, with DTSTART's time of day.
        guard icaltime_is_null_time(onset) == 0, Int(onset.year) == from, icaltime_compare(onset, start) > 0,
              onset.hour == start.hour, onset.minute == start.minute, onset.second == start.second else { return false }
        var value = start
        (value.year, value.month, value.day) = (onset.year, onset.month, onset.day)
        icalproperty_set_dtstart(startProperty, value)
        return true
    }

    private struct Entry {
        var zone: OpaquePointer
        var years: ClosedRange<Int>
    }

    nonisolated(unsafe) private static var zones: [[UInt8]: Entry] = [:]
    private static let lock = NSLock()
}

/// The libical zone a time value is converted with. For a built-in zone, or a file's own zone
/// that is not shared, one pointer. For an embedded VTIMEZONE shared across files
/// (`SharedZones`), the shared zone for the UTC years it answers for (expanded up front, never
/// changed again) and the file's own zone for the others (expanded lazily by libical, used by
/// one thread). Both give the same answers; only the cost differs.
struct ZoneHandle: Equatable {
    /// The zone for UTC years in `years`.
    let shared: OpaquePointer
    /// The UTC years `shared` answers for.
    let years: ClosedRange<Int>
    /// The file's own zone (or the same zone as `shared`).
    let own: OpaquePointer

    init(_ zone: OpaquePointer) {
        shared = zone
        years = Int.min...Int.max
        own = zone
    }

    init(shared: OpaquePointer, years: ClosedRange<Int>, own: OpaquePointer) {
        self.shared = shared
        self.years = years
        self.own = own
    }

    /// The zone to ask about a time in UTC year `year`.
    @inline(__always)
    func zone(forUTCYear year: Int) -> OpaquePointer { years.contains(year) ? shared : own }

    /// Equal when they convert alike: the same file's zone (a shared zone reached from two
    /// files is two handles, as the two files' zones were two zones).
    static func == (a: ZoneHandle, b: ZoneHandle) -> Bool { a.own == b.own }
}
