import CLibical
import Foundation

/// How a time value is anchored: UTC, floating (wall clock of whoever reads it), or a zone.
/// The zones are owned by libical: built-in and shared zones live for the process, a file's own
/// ones as long as the parsed document that holds them.
enum ZoneRef: Equatable {
    case utc
    case floating
    case zone(ZoneHandle)
}

/// Wall-clock ↔ UTC conversion through libical's time zone code.
enum ZoneMath {
    /// UTC instant of a wall-clock time in `zone`.
    static func instant(_ local: LocalDateTime, in zone: OpaquePointer) -> Instant {
        instant(local, in: ZoneHandle(zone))
    }

    /// UTC instant of a wall-clock time in `zone`.
    /// Wraps `icaltimezone_convert_time`.
    static func instant(_ local: LocalDateTime, in zone: ZoneHandle) -> Instant {
        // libical expands a zone's transitions year by year up to the year asked for, which takes
        // seconds for a far-future year (a typo like DTEND:40541020). The Gregorian calendar and
        // yearly zone rules repeat every 400 years (146,097 days): convert in range and shift back.
        if local.date.year > farYear {
            let cycles = (local.date.year - farYear) / 400 + 1
            let shifted = LocalDateTime(wallSeconds: local.wallSeconds - Int64(cycles) * cycleSeconds)
            return instant(shifted, in: zone) + Int64(cycles) * cycleSeconds
        }
        // RFC 5545 §3.3.5: a local time in a gap (spring forward) is read with the offset from
        // before the gap; a local time that happens twice (fall back) means the first occurrence.
        // libical's own local→UTC conversion does neither, so probe the offsets a day before and a
        // day after and test which readings round-trip.
        let wall = local.wallSeconds
        let before = offset(at: Instant(secondsSince1970: wall - 86_400), in: zone)
        let after = offset(at: Instant(secondsSince1970: wall + 86_400), in: zone)
        if before == after { return Instant(secondsSince1970: wall - before) }
        let early = Instant(secondsSince1970: wall - before), late = Instant(secondsSince1970: wall - after)
        let earlyValid = offset(at: early, in: zone) == before, lateValid = offset(at: late, in: zone) == after
        switch (earlyValid, lateValid) {
        case (true, true): return min(early, late)
        case (false, true): return late
        default: return early
        }
    }

    /// Whether a wall-clock time occurs in `zone` (false inside a spring-forward gap).
    static func exists(_ local: LocalDateTime, in zone: OpaquePointer) -> Bool {
        exists(local, in: ZoneHandle(zone))
    }

    /// Whether a wall-clock time occurs in `zone` (false inside a spring-forward gap).
    static func exists(_ local: LocalDateTime, in zone: ZoneHandle) -> Bool {
        self.local(instant(local, in: zone), in: zone) == local
    }

    /// UTC offset of `zone` at `instant`, in seconds.
    static func offset(at instant: Instant, in zone: ZoneHandle) -> Int64 {
        local(instant, in: zone).wallSeconds - instant.secondsSince1970
    }

    /// Wall-clock time of `instant` in `zone`.
    static func local(_ instant: Instant, in zone: OpaquePointer) -> LocalDateTime {
        local(instant, in: ZoneHandle(zone))
    }

    /// Wall-clock time of `instant` in `zone`; a shared zone answers only for the years it was
    /// expanded through, later ones go to the file's own zone (see `SharedZones`).
    static func local(_ instant: Instant, in zone: ZoneHandle) -> LocalDateTime {
        let utc = instant.utc
        if utc.date.year > farYear {
            let cycles = (utc.date.year - farYear) / 400 + 1
            let shifted = local(instant - Int64(cycles) * cycleSeconds, in: zone)
            return LocalDateTime(wallSeconds: shifted.wallSeconds + Int64(cycles) * cycleSeconds)
        }
        var tt = icalTime(utc)
        icaltimezone_convert_time(&tt, icaltimezone_get_utc_timezone(), zone.zone(forUTCYear: utc.date.year))
        return fields(tt)
    }

    /// Beyond this year conversions are shifted by whole 400-year cycles.
    static let farYear = 2400
    static let cycleSeconds: Int64 = 146_097 * 86_400

    /// A libical time with `local`'s fields and no zone (floating); `isDate` makes it a DATE.
    static func icalTime(_ local: LocalDateTime, isDate: Bool = false) -> icaltimetype {
        var tt = icaltime_null_time()
        tt.year = Int32(local.date.year)
        tt.month = Int32(local.date.month)
        tt.day = Int32(local.date.day)
        tt.hour = isDate ? 0 : Int32(local.hour)
        tt.minute = isDate ? 0 : Int32(local.minute)
        tt.second = isDate ? 0 : Int32(local.second)
        tt.is_date = isDate ? 1 : 0
        return tt
    }

    /// The date and time fields of a libical time (already normalised by libical).
    static func fields(_ tt: icaltimetype) -> LocalDateTime {
        LocalDateTime(date: LocalDate(unchecked: Int(tt.year), Int(tt.month), Int(tt.day)),
                      hour: tt.is_date != 0 ? 0 : Int(tt.hour),
                      minute: tt.is_date != 0 ? 0 : Int(tt.minute),
                      second: tt.is_date != 0 ? 0 : Int(tt.second))
    }
}

/// Finds libical's built-in (IANA) zones, which libical reads from the system's zoneinfo.
enum BuiltinZones {
    /// The built-in zone for an IANA name such as `Europe/Berlin`, or `nil`.
    /// Wraps `icaltimezone_get_builtin_timezone`.
    static func zone(named name: String) -> OpaquePointer? {
        let lowered = name.lowercased()
        if lowered == "utc" || lowered == "gmt" || lowered == "z" || lowered == "etc/utc" || lowered == "etc/gmt"
            || lowered == "etc/zulu" || lowered == "zulu" || lowered == "universal" {
            return icaltimezone_get_utc_timezone()
        }
        // libical looks names up as paths below the zoneinfo folder: accept names only.
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains(".."), !name.contains("\0"),
              name.utf8.count < 128 else { return nil }
        return lock.withLock { icaltimezone_get_builtin_timezone(name) }
    }

    /// libical 3.0 guards its built-in zone list and each zone's cache of transitions with its own
    /// mutexes; this lock only keeps convene's name checks and lookups in one order.
    static let lock = NSRecursiveLock()
}

extension CalendarTimeZone {
    /// libical's built-in zone of the same name, for the libical calls that need one (writing a
    /// VTIMEZONE, reading floating times). CalendarTimeZone reads the same zoneinfo file, so the
    /// lookup fails only if that file vanished while convene runs.
    /// Wraps `icaltimezone_get_builtin_timezone`.
    var pointer: OpaquePointer {
        guard let pointer = BuiltinZones.zone(named: identifier) else {
            preconditionFailure("libical cannot load time zone data that was readable at start")
        }
        return pointer
    }
}
