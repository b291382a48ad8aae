import CLibical
import Foundation

/// Turns an iCalendar file (events, VFREEBUSY) into busy intervals — the privacy boundary: nothing
/// but intervals leaves this type. The rules (README, "What counts as busy"):
/// - VEVENT occurrences (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides applied) are busy unless the
///   component producing the occurrence says `TRANSP:TRANSPARENT`, `STATUS:CANCELLED` or
///   `X-MICROSOFT-CDO-BUSYSTATUS:FREE`;
/// - DATE starts are whole local days in the reader's zone, floating times are read in it;
/// - end: DTEND, else DURATION, else one day for a DATE start, else zero length;
/// - VFREEBUSY periods are busy unless `FBTYPE=FREE`.
public enum BusyTimeReader {
    /// Reads `source` and returns its busy time inside `window`.
    /// - Parameters:
    ///   - window: the half-open span of interest; intervals are clipped to it.
    ///   - zone: the zone for DATE values and floating times.
    /// - Throws: `CalendarError` for anything that would make the answer wrong: not iCalendar,
    ///   binary data, truncation, broken structure, a VTIMEZONE onset that cannot be read, rules
    ///   libical cannot run. Bad values elsewhere are warnings with the best reading (see
    ///   `ContentLineScanner`); an unresolvable TZID is read in `zone` with a warning.
    ///   - ignored: events (with their overrides) left out by UID.
    ///   - countEverything: count every event and period as busy, whatever its TRANSP, STATUS,
    ///     busy status or FBTYPE says — for blackout calendars (school holidays are often transparent).
    ///
    /// Safe to call from several threads at once for different sources: each call owns its libical
    /// tree, and libical guards its shared built-in zones with its own mutexes.
    public static func read(_ source: CalendarSource, window: Interval, zone: CalendarTimeZone,
                            countEverything: Bool = false, ignoring ignored: UIDFilter = UIDFilter()) throws(CalendarError) -> BusyTime {
        let prepared = try ParsedDocument.prepare(source)
        let scan = prepared.scan
        do {
            var reader = Reader(file: source.name, scan: scan, window: window, zone: zone.pointer,
                                zoneName: zone.identifier, countEverything: countEverything, ignored: ignored)
            for warning in scan.warnings {
                reader.warnings.append(Diagnostic(file: source.name, line: warning.line, warning.message))
            }
            if let junk = scan.trailingJunk {
                reader.warnings.append(Diagnostic(file: source.name, line: junk.line, "content after END:VCALENDAR ignored"))
            }
            if let line = scan.firstNonUTF8Line {
                reader.warnings.append(Diagnostic(file: source.name, line: line, "not valid UTF-8; text may be garbled (times are unaffected)"))
            }
            try reader.run(ParsePipeline(file: source.name, prepared: prepared))
            let busy = Interval.merged(reader.busy)
            return BusyTime(intervals: busy, unknown: Interval.subtracting(busy, from: reader.unknown()), warnings: reader.warnings)
        }
    }
}

/// What one VEVENT contributes, read out of libical into Swift values.
struct EventRecord {
    var uid: String?
    var line: Int?
    var start: TimeValue
    var end: EndSpec
    var recurrenceID: TimeValue?
    /// `RECURRENCE-ID;RANGE=THISANDFUTURE`: the change applies to later instances too.
    var thisAndFuture = false
    var busy: Bool
    /// RRULEs and EXRULEs, copied out of libical (see `RecurrenceRule`).
    var rules: [RecurrenceRule] = []
    var exclusionRules: [RecurrenceRule] = []
    var dates: [RecurrenceDate] = []
    var exclusions: [TimeValue] = []
    /// Which revision this is (RFC 5545 §3.8.7.4, RFC 5546 §2.1.4–2.1.5): SEQUENCE (default 0),
    /// then DTSTAMP, then LAST-MODIFIED decide which of several components with one UID is current.
    var revision = Revision()

    var recurs: Bool { !rules.isEmpty || !dates.isEmpty }
}

/// The order of revisions of one component: higher SEQUENCE, then later DTSTAMP, then later
/// LAST-MODIFIED is newer. A missing DTSTAMP or LAST-MODIFIED is older than any.
struct Revision: Comparable {
    var sequence = 0
    var stamp: Instant?
    var lastModified: Instant?

    static func < (a: Revision, b: Revision) -> Bool {
        if a.sequence != b.sequence { return a.sequence < b.sequence }
        let (sa, sb) = (a.stamp?.secondsSince1970 ?? .min, b.stamp?.secondsSince1970 ?? .min)
        if sa != sb { return sa < sb }
        return (a.lastModified?.secondsSince1970 ?? .min) < (b.lastModified?.secondsSince1970 ?? .min)
    }
}

/// A date or date-time as written, with its anchor.
struct TimeValue {
    var local: LocalDateTime
    var isDate: Bool
    var zone: ZoneRef
}

enum EndSpec {
    case at(TimeValue)
    case duration(days: Int, seconds: Int)
    case none
}

enum RecurrenceDate {
    case start(TimeValue)
    case period(TimeValue, EndSpec)
}

/// How long each occurrence lasts: a wall-clock part (nominal days and same-zone differences,
/// RFC 5545 §3.3.6) and an exact part (seconds).
struct Length {
    var wallSeconds: Int64
    var exactSeconds: Int64
}

private struct Reader {
    let file: String
    /// The parts read so far: after its events are read, a part keeps only its VTIMEZONEs, whose
    /// zones the records use.
    private var documents: [ParsedDocument] = []
    /// The calendars of the part being read (where TZIDs resolve).
    private var calendars: [OpaquePointer] = []
    let scan: ContentLineScanner.Result
    let window: Interval
    /// Zone for DATE values and floating times.
    let zone: OpaquePointer
    var busy: [Interval] = []
    var warnings: [Diagnostic] = []
    /// Whether a component speaks for all time (a VEVENT, or a VFREEBUSY without DTSTART and DTEND).
    private var speaksForAllTime = false
    /// The DTSTART–DTEND ranges of the VFREEBUSY components (nil: open on that side).
    private var freeBusyRanges: [(start: Instant?, end: Instant?)] = []
    private var zoneCache: [String: ZoneRef] = [:]
    /// Zones built from this file's VTIMEZONEs (owned by `documents`, read by this reader only).
    private var embeddedZones: Set<OpaquePointer> = []
    /// The year a new shared zone is expanded through (`SharedZones`): the window's end and five
    /// years beyond, as far as libical would expand a file's own zone for the window.
    private var sharedZoneYear: Int { window.end.utc.date.year + 5 }
    /// Per zone: `offsetSpread`'s answer, once computed.
    private var offsetSpreads: [OpaquePointer: Int64?] = [:]
    /// TZIDs already warned about (once per file) and VTIMEZONE clones added (for unique names).
    private var warnedZones: Set<String> = []
    private var renamedZones = 0
    /// The reader's zone name, for messages.
    let zoneName: String

    /// Ignore TRANSP, STATUS, busy status and FBTYPE (blackout calendars).
    let countEverything: Bool

    /// Events left out by UID (convene's own invitation and holds of the meeting being planned).
    let ignored: UIDFilter

    init(file: String, scan: ContentLineScanner.Result, window: Interval, zone: OpaquePointer,
         zoneName: String, countEverything: Bool, ignored: UIDFilter = UIDFilter()) {
        self.ignored = ignored
        self.zoneName = zoneName
        self.countEverything = countEverything
        self.file = file
        self.scan = scan
        self.window = window
        self.zone = zone
    }

    /// A RRULE that runs this often before reaching the window is treated as an error, not a hang.
    static let iterationLimit = 2_000_000

    /// Reads the file part by part (`ParsePipeline`): each part's events become records, then its
    /// tree is freed but for the VTIMEZONEs; the revisions of all parts are decided together.
    mutating func run(_ pipeline: ParsePipeline) throws(CalendarError) {
        var events: [EventRecord] = []
        // Grown once, not by doubling: a big calendar's records are megabytes, and every doubling
        // is a copy into fresh pages.
        events.reserveCapacity(pipeline.childCount)
        while let document = try pipeline.next() {
            documents.append(document)
            calendars = document.calendars
            try read(document, into: &events)
            pipeline.release(document)
        }
        calendars = []
        try expand(events)
    }

    private mutating func read(_ document: ParsedDocument, into events: inout [EventRecord]) throws(CalendarError) {
        for (index, calendar) in document.calendars.enumerated() {
            zoneCache.removeAll(keepingCapacity: true)
            let children = ParsedDocument.children(of: calendar)
            let lines = index < document.componentLines.count ? document.componentLines[index] : []
            let linesMatch = lines.count == children.count
            let owned = linesMatch && index < document.owned.count ? document.owned[index] : []
            if document.hasCalendarProperties {
                collectParseErrors(in: calendar, kind: "VCALENDAR", line: nil, recursive: false)
            }
            for (position, child) in children.enumerated() {
                // A VTIMEZONE another part holds: there for its zone only.
                if position < owned.count, !owned[position] { continue }
                let line = linesMatch ? lines[position] : nil
                let kind = icalcomponent_isa(child)
                collectParseErrors(in: child, kind: icalcomponent_kind_to_string(kind).map { String(cString: $0) } ?? "component",
                                   line: line, recursive: true)
                if kind == ICAL_VEVENT_COMPONENT {
                    speaksForAllTime = true
                    // Its start or RECURRENCE-ID could not be read (the pre-scan warned).
                    if let line, scan.ignoredEvents.contains(line) { continue }
                    if let event = try record(child, calendar: calendar, line: line), !(event.uid.map(ignored.matches) ?? false) {
                        events.append(event)
                    }
                } else if kind == ICAL_VFREEBUSY_COMPONENT {
                    try readFreeBusy(child, calendar: calendar, line: line)
                }
            }
        }
    }

    // MARK: Diagnostics

    /// Turns libical's `X-LIC-ERROR` properties into warnings without quoting them (they echo the
    /// offending text, which may be personal data).
    private mutating func collectParseErrors(in component: OpaquePointer, kind: String, line: Int?, recursive: Bool) {
        // Fast path: most components have no X-LIC-ERROR anywhere.
        if recursive ? !ParsedDocument.containsProperty(component, kind: ICAL_XLICERROR_PROPERTY)
            : icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY) == nil { return }
        var types: [String] = []
        var stack = [component]
        while let current = stack.popLast() {
            for property in ParsedDocument.properties(of: current, kind: ICAL_XLICERROR_PROPERTY) {
                // Empty values (Google writes `DESCRIPTION:`) are valid TEXT (RFC 5545 §3.3.11);
                // libical flags them all the same.
                if let message = icalproperty_get_xlicerror(property), strncmp(message, "No value for ", 13) == 0 { continue }
                var type = "PARSE-ERROR"
                if let parameter = icalproperty_get_first_parameter(property, ICAL_XLICERRORTYPE_PARAMETER),
                   let text = icalparameter_as_ical_string_r(parameter) {
                    type = String(cString: text).replacingOccurrences(of: "X-LIC-ERRORTYPE=", with: "")
                    free(text)
                }
                types.append(type)
            }
            if recursive { stack.append(contentsOf: ParsedDocument.children(of: current)) }
        }
        guard !types.isEmpty else { return }
        let kinds = Array(Set(types)).sorted().joined(separator: ", ")
        let what = types.count == 1 ? "1 invalid line ignored" : "\(types.count) invalid lines ignored"
        warnings.append(Diagnostic(file: file, line: line, "\(kind): \(what) (\(kinds))"))
    }

    // MARK: Reading components

    private mutating func record(_ event: OpaquePointer, calendar: OpaquePointer, line: Int?) throws(CalendarError) -> EventRecord? {
        var start: TimeValue?
        var end: EndSpec = .none
        var duration: EndSpec?
        var recurrenceID: TimeValue?
        var thisAndFuture = false
        var uid: String?
        var busy = true
        var rules: [RecurrenceRule] = []
        var exclusionRules: [RecurrenceRule] = []
        var dates: [RecurrenceDate] = []
        var exclusions: [TimeValue] = []
        var revision = Revision()
        var severalStarts = false
        try ParsedDocument.forEachProperty(of: event) { (property) throws(CalendarError) in
            switch icalproperty_isa(property) {
            case ICAL_SEQUENCE_PROPERTY:
                revision.sequence = Int(icalproperty_get_sequence(property))
            case ICAL_DTSTAMP_PROPERTY:
                revision.stamp = utcInstant(icalproperty_get_dtstamp(property))
            case ICAL_LASTMODIFIED_PROPERTY:
                revision.lastModified = utcInstant(icalproperty_get_lastmodified(property))
            case ICAL_DTSTART_PROPERTY:
                // Several DTSTART (invalid, RFC 5545 §3.6.1): the first counts.
                if start == nil {
                    start = try timeValue(icalproperty_get_dtstart(property), property, calendar, line)
                } else {
                    severalStarts = true
                }
            case ICAL_DTEND_PROPERTY:
                end = .at(try timeValue(icalproperty_get_dtend(property), property, calendar, line))
            case ICAL_DURATION_PROPERTY:
                duration = endSpec(icalproperty_get_duration(property))
            case ICAL_RECURRENCEID_PROPERTY:
                recurrenceID = try timeValue(icalproperty_get_recurrenceid(property), property, calendar, line)
                if let range = icalproperty_get_first_parameter(property, ICAL_RANGE_PARAMETER),
                   icalparameter_get_range(range) == ICAL_RANGE_THISANDFUTURE { thisAndFuture = true }
            case ICAL_UID_PROPERTY:
                if let text = icalproperty_get_uid(property) { uid = String(cString: text) }
            case ICAL_TRANSP_PROPERTY:
                let transp = icalproperty_get_transp(property)
                if transp == ICAL_TRANSP_TRANSPARENT || transp == ICAL_TRANSP_TRANSPARENTNOCONFLICT { busy = false }
            case ICAL_STATUS_PROPERTY:
                if icalproperty_get_status(property) == ICAL_STATUS_CANCELLED { busy = false }
            case ICAL_X_PROPERTY:
                if PropertyReader.xName(property)?.uppercased() == "X-MICROSOFT-CDO-BUSYSTATUS",
                   PropertyReader.xValue(property)?.uppercased() == "FREE" { busy = false }
            case ICAL_RRULE_PROPERTY:
                var rule = RecurrenceRule(icalproperty_get_rrule(property))
                // COUNT with UNTIL: the pre-scan moved UNTIL here; `iterate` ends at whichever comes first.
                if let until = PropertyReader.xParameter(property, named: "X-CONVENE-UNTIL") {
                    rule.until = RecurrenceRule.until(icaltime_from_string(until))
                }
                rules.append(rule)
            case ICAL_EXRULE_PROPERTY:
                exclusionRules.append(RecurrenceRule(icalproperty_get_exrule(property)))
            case ICAL_RDATE_PROPERTY:
                let value = icalproperty_get_rdate(property)
                if icalperiodtype_is_null_period(value.period) == 0 {
                    let periodStart = try timeValue(value.period.start, property, calendar, line)
                    let periodEnd: EndSpec = icaltime_is_null_time(value.period.end) == 0
                        ? .at(try timeValue(value.period.end, property, calendar, line))
                        : endSpec(value.period.duration)
                    dates.append(.period(periodStart, periodEnd))
                } else {
                    dates.append(.start(try timeValue(value.time, property, calendar, line)))
                }
            case ICAL_EXDATE_PROPERTY:
                exclusions.append(try timeValue(icalproperty_get_exdate(property), property, calendar, line))
            default:
                break
            }
        }
        guard var start else {
            warnings.append(Diagnostic(file: file, line: line, "VEVENT without DTSTART ignored"))
            return nil
        }
        if severalStarts { warnings.append(Diagnostic(file: file, line: line, "VEVENT with several DTSTART: the first counts")) }
        if case .none = end, let duration { end = duration }
        // DTEND before DTSTART (invalid, RFC 5545 §3.8.2.2): read as the span between them, as
        // recurring-ical-events does, rather than as nothing.
        if case .at(let endValue) = end, endsBeforeStart(start, endValue) {
            warnings.append(Diagnostic(file: file, line: line, "VEVENT ends before it starts: read from DTEND to DTSTART"))
            end = .at(start)
            start = endValue
        }
        var record = EventRecord(uid: uid, line: line, start: start, end: end, recurrenceID: recurrenceID, busy: busy || countEverything,
                                 rules: rules, exclusionRules: exclusionRules, dates: dates, exclusions: exclusions)
        record.thisAndFuture = thisAndFuture
        record.revision = revision
        return record
    }

    /// DTSTAMP and LAST-MODIFIED are UTC (RFC 5545 §3.8.7.2–3); a zoned or floating one is only
    /// compared with others of its file, so its wall clock is read as UTC.
    private func utcInstant(_ tt: icaltimetype) -> Instant? {
        icaltime_is_null_time(tt) != 0 ? nil : Instant(utc: ZoneMath.fields(tt))
    }

    /// Whether `end` is earlier than `start` (as instants, `end` read with `start` as anchor). Two
    /// date-times in one embedded zone are decided from their wall clocks where the zone's offsets
    /// cannot reverse the order: the instants differ by the wall clocks' difference minus the
    /// offsets' difference, and every offset is one of the zone's TZOFFSETFROM / TZOFFSETTO values.
    /// That spares two zone conversions per event for the usual event that ends after it starts.
    private mutating func endsBeforeStart(_ start: TimeValue, _ end: TimeValue) -> Bool {
        let endZone = end.zone == .floating ? start.zone : end.zone
        if !start.isDate, !end.isDate, start.zone == endZone {
            let difference = end.local.wallSeconds - start.local.wallSeconds
            switch endZone {
            case .utc: return difference < 0
            case .zone(let zone):
                if let spread = offsetSpread(zone.own) {
                    if difference >= spread { return false }
                    if difference < -spread { return true }
                }
            case .floating: break
            }
        }
        return instant(end, anchor: start) < instant(start, anchor: start)
    }

    /// The largest difference between two UTC offsets of an embedded zone (its VTIMEZONE's
    /// TZOFFSETFROM and TZOFFSETTO values); nil for built-in zones, whose components other threads
    /// may be reading, and for a zone without offsets.
    /// Wraps `icaltimezone_get_component`, `icalproperty_get_tzoffsetfrom` / `_tzoffsetto`.
    private mutating func offsetSpread(_ zone: OpaquePointer) -> Int64? {
        if let known = offsetSpreads[zone] { return known }
        var spread: Int64?
        if embeddedZones.contains(zone), let component = icaltimezone_get_component(zone) {
            var low = Int64.max, high = Int64.min
            for kind in [ICAL_XSTANDARD_COMPONENT, ICAL_XDAYLIGHT_COMPONENT] {
                for observance in ParsedDocument.children(of: component, kind: kind) {
                    for property in ParsedDocument.properties(of: observance, kind: ICAL_TZOFFSETFROM_PROPERTY) {
                        let offset = Int64(icalproperty_get_tzoffsetfrom(property))
                        (low, high) = (min(low, offset), max(high, offset))
                    }
                    for property in ParsedDocument.properties(of: observance, kind: ICAL_TZOFFSETTO_PROPERTY) {
                        let offset = Int64(icalproperty_get_tzoffsetto(property))
                        (low, high) = (min(low, offset), max(high, offset))
                    }
                }
            }
            if low <= high { spread = high - low }
        }
        offsetSpreads[zone] = spread
        return spread
    }

    /// The window minus what the file speaks for: empty unless the file holds only VFREEBUSY
    /// components (and no events), each speaking for its DTSTART–DTEND range.
    func unknown() -> [Interval] {
        guard !speaksForAllTime, !freeBusyRanges.isEmpty else { return [] }
        let covered = freeBusyRanges.map { Interval(start: $0.start ?? window.start, end: $0.end ?? window.end) }
        return Interval.subtracting(Interval.merged(covered), from: [window])
    }

    private mutating func readFreeBusy(_ component: OpaquePointer, calendar: OpaquePointer, line: Int?) throws(CalendarError) {
        // RFC 5545 §3.6.4: DTSTART and DTEND of a VFREEBUSY are the range its periods speak for.
        var range: (start: Instant?, end: Instant?) = (nil, nil)
        if let property = icalcomponent_get_first_property(component, ICAL_DTSTART_PROPERTY) {
            let value = try timeValue(icalproperty_get_dtstart(property), property, calendar, line)
            range.start = instant(value, anchor: value)
        }
        if let property = icalcomponent_get_first_property(component, ICAL_DTEND_PROPERTY) {
            let value = try timeValue(icalproperty_get_dtend(property), property, calendar, line)
            range.end = instant(value, anchor: value)
        }
        if range.start == nil && range.end == nil { speaksForAllTime = true } else { freeBusyRanges.append(range) }
        for property in ParsedDocument.properties(of: component, kind: ICAL_FREEBUSY_PROPERTY) {
            if !countEverything, let parameter = icalproperty_get_first_parameter(property, ICAL_FBTYPE_PARAMETER),
               icalparameter_get_fbtype(parameter) == ICAL_FBTYPE_FREE { continue }
            let period = icalproperty_get_freebusy(property)
            let start = try timeValue(period.start, property, calendar, line)
            let end: EndSpec = icaltime_is_null_time(period.end) == 0
                ? .at(try timeValue(period.end, property, calendar, line))
                : endSpec(period.duration)
            let startInstant = instant(start, anchor: start)
            add(Interval(start: startInstant, end: endInstant(from: start, at: startInstant, spec: end, anchor: start)))
        }
    }

    private func endSpec(_ duration: icaldurationtype) -> EndSpec {
        let days = Int(duration.weeks) * 7 + Int(duration.days)
        let seconds = Int(duration.hours) * 3600 + Int(duration.minutes) * 60 + Int(duration.seconds)
        return duration.is_neg != 0 ? .duration(days: -days, seconds: -seconds) : .duration(days: days, seconds: seconds)
    }

    // MARK: Time values and zones

    private mutating func timeValue(_ tt: icaltimetype, _ property: OpaquePointer, _ calendar: OpaquePointer, _ line: Int?) throws(CalendarError) -> TimeValue {
        let local = ZoneMath.fields(tt)
        if tt.is_date != 0 { return TimeValue(local: local, isDate: true, zone: .floating) }
        if icaltime_is_utc(tt) != 0 { return TimeValue(local: local, isDate: false, zone: .utc) }
        guard let tzid = PropertyReader.tzid(property) else { return TimeValue(local: local, isDate: false, zone: .floating) }
        return TimeValue(local: local, isDate: false, zone: try resolve(tzid, calendar: calendar, line: line))
    }

    /// Resolves a TZID: an embedded VTIMEZONE (this VCALENDAR first, then the others in the file)
    /// always wins, whatever its name — also an empty one (Exchange 2010 writes `TZID=` and a
    /// VTIMEZONE with an empty TZID) or one written with quotes or spaces; then IANA names (also
    /// behind vendor prefixes such as `/mozilla.org/20050126_1/`); then Windows names. Anything
    /// else is read in the reader's zone with a warning, as Thunderbird does — never UTC.
    private mutating func resolve(_ tzid: String, calendar: OpaquePointer, line: Int?) throws(CalendarError) -> ZoneRef {
        if let cached = zoneCache[tzid] { return cached }
        var resolved: ZoneRef?
        for candidate in [calendar] + calendars where resolved == nil {
            if let embedded = embeddedZone(tzid, in: candidate) {
                // libical's expansion of the zone is paid once per run for all files that embed it.
                resolved = .zone(SharedZones.handle(for: embedded, expandingThrough: sharedZoneYear))
                embeddedZones.insert(embedded)
            }
        }
        if resolved == nil { resolved = Reader.builtin(tzid) }
        if resolved == nil {
            if warnedZones.insert(tzid).inserted {
                warnings.append(Diagnostic(file: file, line: line, "unknown time zone (no VTIMEZONE in the file and not an IANA or Windows "
                                           + "zone name): its times are read in \(zoneName)"))
            }
            resolved = .floating
        }
        zoneCache[tzid] = resolved
        return resolved!
    }

    /// The VTIMEZONE of `calendar` for `tzid`. libical finds exact names; a TZID that differs from
    /// the VTIMEZONE's only by quotes or surrounding spaces, or is empty (libical drops an empty
    /// `TZID:` from the VTIMEZONE), is matched here, and the VTIMEZONE is added again as a clone
    /// under a name of convene's own so libical can build the zone.
    /// Wraps `icalcomponent_get_timezone`, `icalcomponent_new_clone`, `icalcomponent_add_component`.
    private mutating func embeddedZone(_ tzid: String, in calendar: OpaquePointer) -> OpaquePointer? {
        if !tzid.isEmpty, let zone = icalcomponent_get_timezone(calendar, tzid), Reader.isUsable(zone) { return zone }
        let wanted = Reader.normalizedTZID(tzid)
        for component in ParsedDocument.children(of: calendar, kind: ICAL_VTIMEZONE_COMPONENT) {
            let property = icalcomponent_get_first_property(component, ICAL_TZID_PROPERTY)
            let name = property.flatMap { icalproperty_get_tzid($0) }.map { String(cString: $0) } ?? ""
            guard Reader.normalizedTZID(name) == wanted,
                  icalcomponent_count_components(component, ICAL_XSTANDARD_COMPONENT)
                    + icalcomponent_count_components(component, ICAL_XDAYLIGHT_COMPONENT) > 0,
                  let clone = icalcomponent_new_clone(component) else { continue }
            while let old = icalcomponent_get_first_property(clone, ICAL_TZID_PROPERTY) {
                icalcomponent_remove_property(clone, old)
                icalproperty_free(old)
            }
            renamedZones += 1
            let synthetic = "convene-matched-vtimezone-\(renamedZones)"
            // The clone owns the new property; the calendar owns the clone (freed with the document).
            icalcomponent_add_property(clone, icalproperty_new_tzid(synthetic))
            icalcomponent_add_component(calendar, clone)
            if let zone = icalcomponent_get_timezone(calendar, synthetic), Reader.isUsable(zone) { return zone }
        }
        return nil
    }

    /// A TZID compared without surrounding spaces and quotes.
    private static func normalizedTZID(_ tzid: String) -> String {
        tzid.trimmingCharacters(in: CharacterSet(charactersIn: " \t\""))
    }

    /// A VTIMEZONE without STANDARD or DAYLIGHT rules cannot convert anything.
    private static func isUsable(_ zone: OpaquePointer) -> Bool {
        guard let component = icaltimezone_get_component(zone) else { return false }
        return icalcomponent_count_components(component, ICAL_XSTANDARD_COMPONENT)
            + icalcomponent_count_components(component, ICAL_XDAYLIGHT_COMPONENT) > 0
    }

    private static func builtin(_ tzid: String) -> ZoneRef? {
        let name = tzid.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
        if let zone = BuiltinZones.zone(named: name) { return ref(zone) }
        if name.hasPrefix("/") {
            // Vendor prefixes: /freeassociation.sourceforge.net/Europe/Berlin, /mozilla.org/20050126_1/Europe/Berlin …
            // and a bare leading slash (/Europe/Stockholm).
            var parts = name.split(separator: "/").map(String.init)
            while !parts.isEmpty {
                if let zone = BuiltinZones.zone(named: parts.joined(separator: "/")) { return ref(zone) }
                parts.removeFirst()
            }
        }
        if let iana = WindowsZones.ianaName(for: name), let zone = BuiltinZones.zone(named: iana) { return ref(zone) }
        return nil
    }

    private static func ref(_ zone: OpaquePointer) -> ZoneRef {
        zone == icaltimezone_get_utc_timezone() ? .utc : .zone(ZoneHandle(zone))
    }

    /// The instant of `value`; floating values take `anchor`'s zone if it has one, else the reader's.
    private func instant(_ value: TimeValue, anchor: TimeValue) -> Instant {
        instant(wall: value.local, isDate: value.isDate, zone: value.zone == .floating ? anchor.zone : value.zone)
    }

    private func instant(wall: LocalDateTime, isDate: Bool, zone ref: ZoneRef) -> Instant {
        if isDate { return ZoneMath.instant(LocalDateTime(date: wall.date), in: zone) }
        switch ref {
        case .utc: return Instant(utc: wall)
        case .floating: return ZoneMath.instant(wall, in: zone)
        case .zone(let z): return ZoneMath.instant(wall, in: z)
        }
    }

    private func wall(of instant: Instant, zone ref: ZoneRef, isDate: Bool) -> LocalDateTime {
        if isDate { return ZoneMath.local(instant, in: zone) }
        switch ref {
        case .utc: return instant.utc
        case .floating: return ZoneMath.local(instant, in: zone)
        case .zone(let z): return ZoneMath.local(instant, in: z)
        }
    }

    /// Length of each occurrence of a component starting at `start` with `spec`.
    private func length(start: TimeValue, spec: EndSpec) -> Length {
        switch spec {
        case .none:
            return Length(wallSeconds: start.isDate ? 86_400 : 0, exactSeconds: 0)
        case .duration(let days, let seconds):
            return Length(wallSeconds: Int64(days) * 86_400, exactSeconds: Int64(seconds))
        case .at(let end):
            if start.isDate && end.isDate {
                return Length(wallSeconds: end.local.wallSeconds - start.local.wallSeconds, exactSeconds: 0)
            }
            if !start.isDate && !end.isDate && (start.zone == end.zone || end.zone == .floating) {
                return Length(wallSeconds: end.local.wallSeconds - start.local.wallSeconds, exactSeconds: 0)
            }
            return Length(wallSeconds: 0, exactSeconds: instant(end, anchor: start) - instant(start, anchor: start))
        }
    }

    private func endInstant(from start: TimeValue, at startInstant: Instant, spec: EndSpec, anchor: TimeValue) -> Instant {
        let length = length(start: start, spec: spec)
        return endInstant(wall: start.local, isDate: start.isDate, zone: start.zone == .floating ? anchor.zone : start.zone,
                          startInstant: startInstant, length: length)
    }

    private func endInstant(wall: LocalDateTime, isDate: Bool, zone ref: ZoneRef, startInstant: Instant, length: Length) -> Instant {
        var end = startInstant
        if length.wallSeconds != 0 {
            let endWall = LocalDateTime(wallSeconds: wall.wallSeconds + length.wallSeconds)
            end = ref == .utc && !isDate ? Instant(utc: endWall) : instant(wall: endWall, isDate: false,
                                                                           zone: isDate ? .floating : ref)
        }
        return end + length.exactSeconds
    }

    private mutating func add(_ interval: Interval) {
        if let clipped = interval.clipped(to: window) { busy.append(clipped) }
    }

    // MARK: Expansion

    /// A rule libical cannot run (it names no instance that exists, such as 30 February): only
    /// DTSTART counts, with one warning per event.
    private mutating func rejectedRule(line: Int?, _ name: String) {
        let message = "\(name) cannot be expanded (libical rejects it); only DTSTART counts"
        if !warnings.contains(where: { $0.line == line && $0.message == message }) {
            warnings.append(Diagnostic(file: file, line: line, message))
        }
    }

    /// A `RANGE=THISANDFUTURE` override: instances after `from` move by `delta` and last `duration`.
    struct FutureShift {
        var from: Instant
        var delta: Int64
        var duration: Int64
        var busy: Bool
    }

    /// Keeps, per UID, the current revision of the series and the overrides that belong to it
    /// (RFC 5545 §3.8.7.4, RFC 5546 §2.1.4): the master with the newest `Revision`; per
    /// RECURRENCE-ID the newest override; an override the current master excludes (EXDATE) is
    /// dropped, and so is one with a lower SEQUENCE than the master that names no instance of it
    /// (it belongs to a superseded revision). Events without UID are kept as they are.
    private func currentRevisions(_ events: [EventRecord]) throws(CalendarError) -> [EventRecord] {
        // Each UID (and each UID's RECURRENCE-ID) keeps the place of its first component in the
        // file, filled by its newest revision; masters first, so that an override before its
        // master finds the anchor (the first master's DTSTART) in the same table.
        // kept[p]: the place in `events` of the newest revision filling place p (-1: none).
        var kept = [Int](repeating: -1, count: events.count)
        var masters: [String: Int] = [:]
        masters.reserveCapacity(events.count)
        for (position, event) in events.enumerated() where event.recurrenceID == nil {
            guard let uid = event.uid else { kept[position] = position; continue }
            let first = Reader.firstPlace(of: uid, in: &masters, position)
            if first == position { kept[position] = position } else if events[kept[first]].revision < event.revision { kept[first] = position }
        }
        var overrides: [OverrideKey: Int] = [:]
        for (position, event) in events.enumerated() {
            guard let id = event.recurrenceID else { continue }
            guard let uid = event.uid else { kept[position] = position; continue }
            let anchor = masters[uid].map { events[$0].start } ?? id
            let key = OverrideKey(uid: uid, isDate: id.isDate,
                                  value: id.isDate ? Reader.dateKey(id.local.date) : instant(id, anchor: anchor).secondsSince1970)
            let first = Reader.firstPlace(of: key, in: &overrides, position)
            if first == position { kept[position] = position } else if events[kept[first]].revision < event.revision { kept[first] = position }
        }
        var result: [EventRecord] = []
        result.reserveCapacity(events.count)
        for place in kept where place >= 0 {
            let event = events[place]
            guard let id = event.recurrenceID, let uid = event.uid, let index = masters[uid], kept[index] >= 0 else {
                result.append(event)
                continue
            }
            let master = events[kept[index]]
            if excludes(master, id) { continue }
            if event.revision.sequence < master.revision.sequence, try !generates(master, id) { continue }
            result.append(event)
        }
        return result
    }

    /// One override per UID and RECURRENCE-ID (a DATE by its day, a date-time by its instant).
    private struct OverrideKey: Hashable {
        var uid: String
        var isDate: Bool
        var value: Int64
    }

    /// A date's fields as one number (the date as written: two dates are one key only if they are equal).
    private static func dateKey(_ date: LocalDate) -> Int64 {
        Int64(date.year) * 10_000 + Int64(date.month) * 100 + Int64(date.day)
    }

    /// The place recorded for `key`, or `position` (now recorded) if there is none: one hash lookup.
    private static func firstPlace<Key: Hashable>(of key: Key, in places: inout [Key: Int], _ position: Int) -> Int {
        func take(_ place: inout Int) -> Int {
            if place < 0 { place = position }
            return place
        }
        return take(&places[key, default: -1])
    }

    /// Whether an EXDATE of `master` names the instance `id`.
    private func excludes(_ master: EventRecord, _ id: TimeValue) -> Bool {
        master.exclusions.contains { exclusion in
            if exclusion.isDate || id.isDate || master.start.isDate { return exclusion.local.date == id.local.date }
            return instant(exclusion, anchor: master.start) == instant(id, anchor: master.start)
        }
    }

    /// Whether `master` generates an instance at `id` (DTSTART, RRULE or RDATE; a DATE `id`
    /// matches any instance on that date).
    private func generates(_ master: EventRecord, _ id: TimeValue) throws(CalendarError) -> Bool {
        let start = master.start
        let anchorZone: ZoneRef = start.isDate ? .floating : start.zone
        let target = instant(id, anchor: start)
        func matches(_ wall: LocalDateTime) -> Bool {
            if id.isDate || start.isDate { return wall.date == id.local.date }
            return self.instant(wall: wall, isDate: false, zone: anchorZone) == target
        }
        if matches(start.local) { return true }
        for date in master.dates {
            switch date {
            case .start(let value), .period(let value, _):
                if id.isDate || start.isDate ? value.local.date == id.local.date : instant(value, anchor: start) == target { return true }
            }
        }
        let idWall = id.isDate ? LocalDateTime(date: id.local.date).wallSeconds
            : wall(of: target, zone: anchorZone, isDate: start.isDate).wallSeconds
        var found = false
        for rule in master.rules where !found {
            _ = try iterate(rule, start: start, line: master.line, skipToWall: idWall - 2 * 86_400, limitWall: idWall + 2 * 86_400) { wall in
                if !found, matches(wall) { found = true }
            }
        }
        return found
    }

    private mutating func expand(_ events: [EventRecord]) throws(CalendarError) {
        let events = try currentRevisions(events)
        // The first master of each UID, by its place in `events` (records are large: not copied).
        var masters: [String: Int] = [:]
        masters.reserveCapacity(events.count)
        for (position, event) in events.enumerated() where event.recurrenceID == nil {
            if let uid = event.uid, masters[uid] == nil { masters[uid] = position }
        }
        // Overrides by UID (RFC 5545 §3.8.4.4): they replace the instance they name.
        var overridden: [String: (instants: Set<Instant>, dates: Set<LocalDate>)] = [:]
        var shifts: [String: [FutureShift]] = [:]
        for event in events {
            guard let id = event.recurrenceID, let uid = event.uid else { continue }
            // A floating RECURRENCE-ID is read like the series it belongs to.
            let anchor = masters[uid].map { events[$0].start } ?? id
            var entry = overridden[uid] ?? ([], [])
            if id.isDate { entry.dates.insert(id.local.date) } else { entry.instants.insert(instant(id, anchor: anchor)) }
            overridden[uid] = entry
            if event.thisAndFuture, !id.isDate {
                let from = instant(id, anchor: anchor)
                let start = instant(event.start, anchor: event.start)
                let end = endInstant(from: event.start, at: start, spec: event.end, anchor: event.start)
                shifts[uid, default: []].append(FutureShift(from: from, delta: start - from, duration: end - start, busy: event.busy))
            }
        }
        for event in events {
            if event.recurrenceID != nil {
                // An override is one occurrence with its own times and its own busy status.
                guard event.busy else { continue }
                let start = instant(event.start, anchor: event.start)
                add(Interval(start: start, end: endInstant(from: event.start, at: start, spec: event.end, anchor: event.start)))
                continue
            }
            let future = (event.uid.flatMap { shifts[$0] } ?? []).sorted { $0.from < $1.from }
            guard event.busy || future.contains(where: \.busy) else { continue }
            let replaced = event.uid.flatMap { overridden[$0] } ?? ([], [])
            try expandSeries(event, replaced: replaced, shifts: future)
        }
    }

    private mutating func expandSeries(_ event: EventRecord, replaced: (instants: Set<Instant>, dates: Set<LocalDate>),
                                       shifts: [FutureShift]) throws(CalendarError) {
        let start = event.start
        let anchorZone: ZoneRef = start.isDate ? .floating : start.zone
        let length = length(start: start, spec: event.end)
        // Excluded starts: EXDATE values and EXRULE instances.
        var excludedInstants = Set<Instant>()
        var excludedDates = Set<LocalDate>()
        for exclusion in event.exclusions {
            if exclusion.isDate || start.isDate { excludedDates.insert(exclusion.local.date) }
            else { excludedInstants.insert(instant(exclusion, anchor: start)) }
        }
        let windowWallStart = wall(of: window.start, zone: anchorZone, isDate: start.isDate).wallSeconds
        let windowWallEnd = wall(of: window.end, zone: anchorZone, isDate: start.isDate).wallSeconds
        // Wall clocks differ from UTC by at most 14 hours: a day of margin is enough.
        let margin: Int64 = 86_400
        let shifted = shifts.map { abs($0.delta) + max(0, $0.duration) }.max() ?? 0
        let lowWall = windowWallStart - max(0, length.wallSeconds + length.exactSeconds) - margin - shifted
        let highWall = windowWallEnd + margin + shifted
        for rule in event.exclusionRules {
            let expanded = try iterate(rule, start: start, line: event.line, skipToWall: lowWall, limitWall: highWall) { wall in
                if start.isDate { excludedDates.insert(wall.date) }
                else { excludedInstants.insert(self.instant(wall: wall, isDate: false, zone: anchorZone)) }
            }
            if !expanded { rejectedRule(line: event.line, "EXRULE") }
        }

        var seen = Set<Int64>()
        let gapZone: ZoneHandle? = start.isDate ? nil : {
            switch anchorZone {
            case .utc: return nil
            case .floating: return ZoneHandle(zone)
            case .zone(let z): return z
            }
        }()
        func occurrence(_ wall: LocalDateTime, _ self_: inout Reader, fromRule: Bool = false) {
            guard wall.wallSeconds >= lowWall, wall.wallSeconds <= highWall, seen.insert(wall.wallSeconds).inserted else { return }
            let startInstant = self_.instant(wall: wall, isDate: start.isDate, zone: anchorZone)
            // RFC 5545 §3.3.10: rule instances at a local time that does not exist are dropped.
            if fromRule, let gapZone, ZoneMath.local(startInstant, in: gapZone) != wall { return }
            if !excludedDates.isEmpty, excludedDates.contains(wall.date) { return }
            if excludedInstants.contains(startInstant) { return }
            if replaced.dates.contains(wall.date) && (start.isDate || !replaced.dates.isEmpty) { return }
            if replaced.instants.contains(startInstant) { return }
            if let shift = shifts.last(where: { $0.from < startInstant }) {
                if shift.busy { self_.add(Interval(start: startInstant + shift.delta, end: startInstant + shift.delta + shift.duration)) }
                return
            }
            guard event.busy else { return }
            let end = self_.endInstant(wall: wall, isDate: start.isDate, zone: anchorZone, startInstant: startInstant, length: length)
            self_.add(Interval(start: startInstant, end: end))
        }

        // DTSTART is always the first instance (RFC 5545 §3.8.5.3).
        occurrence(start.local, &self)
        for rule in event.rules {
            var collected: [LocalDateTime] = []
            if !(try iterate(rule, start: start, line: event.line, skipToWall: lowWall, limitWall: highWall) { collected.append($0) }) {
                rejectedRule(line: event.line, "RRULE")
            }
            for wall in collected { occurrence(wall, &self, fromRule: true) }
        }
        for date in event.dates {
            switch date {
            case .start(let value):
                let wall = value.zone == anchorZone || value.zone == .floating || value.isDate
                    ? value.local : self.wall(of: instant(value, anchor: start), zone: anchorZone, isDate: false)
                occurrence(value.isDate && !start.isDate ? LocalDateTime(date: value.local.date, hour: start.local.hour,
                                                                           minute: start.local.minute, second: start.local.second)
                                                          : wall, &self)
            case .period(let value, let spec):
                let periodStart = instant(value, anchor: start)
                if !event.busy || excludedInstants.contains(periodStart) || replaced.instants.contains(periodStart) { continue }
                add(Interval(start: periodStart, end: endInstant(from: value, at: periodStart, spec: spec, anchor: start)))
            }
        }
    }

    /// Runs a recurrence rule from `start` until its end, COUNT, or `limitWall` (wall-clock seconds
    /// in the series' own zone). UNTIL is applied here rather than by libical, so that a UTC UNTIL
    /// on a zoned series and a DATE UNTIL are compared correctly.
    /// - Returns: false if libical cannot run the rule (e.g. 30 February): the caller warns.
    private func iterate(_ rule: RecurrenceRule, start: TimeValue, line: Int?, skipToWall: Int64, limitWall: Int64,
                         _ body: (LocalDateTime) -> Void) throws(CalendarError) -> Bool {
        // Without COUNT, begin at the window instead of stepping through years of instances.
        let skipTo: Int64? = rule.count == 0 && skipToWall > start.local.wallSeconds + 86_400 ? skipToWall : nil
        let anchorZone: ZoneRef = start.isDate ? .floating : start.zone
        var untilCheck: ((LocalDateTime) -> Bool)?
        if let until = rule.until {
            let untilWall = until.local
            if start.isDate {
                // A DATE series ends on UNTIL's date as written, also when UNTIL is a date-time
                // (Google writes `UNTIL=20080323T235959Z`), as recurring-ical-events reads it.
                untilCheck = { $0.date > untilWall.date }
            } else if until.isDate {
                // A DATE UNTIL on a DATE-TIME series (invalid, RFC 5545 §3.3.10) is read as the
                // date: its 00:00 in the series' zone, as libical does.
                untilCheck = { $0.date >= untilWall.date }
            } else if until.isUTC {
                let untilInstant = Instant(utc: untilWall)
                untilCheck = { self.instant(wall: $0, isDate: start.isDate, zone: anchorZone) > untilInstant }
            } else {
                untilCheck = { $0.wallSeconds > untilWall.wallSeconds }
            }
        }
        var iterations = 0
        var tooMany = false
        let ran = rule.instances(start: start.local, isDate: start.isDate, skipTo: skipTo, limitWall: limitWall) { wall in
            iterations += 1
            if iterations > Reader.iterationLimit { tooMany = true; return false }
            if let untilCheck, untilCheck(wall) { return false }
            if wall.wallSeconds > limitWall { return false }
            body(wall)
            return true
        }
        if tooMany {
            throw CalendarError(file: file, line: line,
                                "RRULE yields more than \(Reader.iterationLimit) occurrences before the window ends")
        }
        return ran
    }
}
