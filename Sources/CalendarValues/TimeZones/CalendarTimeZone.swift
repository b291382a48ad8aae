import Foundation

/// An IANA time zone (`Europe/Berlin`) or UTC, read from the system's zoneinfo in pure Swift — the
/// same TZif files libical reads, so the zone agrees with ICalendar's libical zones to the second
/// (a test compares them hour by hour over 1970–2100).
///
/// Wall-clock → instant follows RFC 5545 §3.3.5, as ICalendar's `ZoneMath` does: a wall-clock time
/// in a spring-forward gap is read with the offset from before the gap; one that happens twice
/// (fall back) means the first occurrence.
///
/// ```swift
/// let berlin = try CalendarTimeZone(identifier: "Europe/Berlin")
/// berlin.instant(for: LocalDateTime(iso: "2027-04-19T08:00")!).rfc3339 // "2027-04-19T06:00:00Z"
/// ```
public struct CalendarTimeZone: Sendable, Equatable {
    /// The IANA name the zone was created with.
    public let identifier: String
    let rules: ZoneRules

    /// Where the IANA zones are (package tzdata).
    public static let zoneinfoDirectory = "/usr/share/zoneinfo"

    /// Loads an IANA zone (`Europe/Berlin`) or UTC (`UTC`, `GMT`, `Etc/UTC`, `Z`, … in any case).
    /// - Throws: `CalendarError` when zone data is missing (no `Europe/Berlin` in the zoneinfo
    ///   folder) or the name is unknown.
    public init(identifier: String) throws(CalendarError) {
        try self.init(identifier: identifier, zoneinfo: Self.zoneinfoDirectory)
    }

    /// Loads a zone from another zoneinfo folder (tests: a missing one).
    package init(identifier: String, zoneinfo directory: String) throws(CalendarError) {
        guard ZoneCache.shared.rules(named: "Europe/Berlin", directory: directory) != nil else {
            throw CalendarError(file: directory, "no time zone data: cannot load Europe/Berlin (install the tzdata package)")
        }
        let rules: ZoneRules?
        if Self.isUTC(identifier) {
            rules = ZoneRules.utc
        } else if Self.isZoneName(identifier) {
            rules = ZoneCache.shared.rules(named: identifier, directory: directory)
        } else {
            rules = nil
        }
        guard let rules else {
            throw CalendarError(file: "--tz", "unknown time zone '\(identifier)' (expected an IANA name such as Europe/Berlin)")
        }
        self.identifier = identifier
        self.rules = rules
    }

    /// The instant of a wall-clock time in this zone (gap: offset from before; fold: the first).
    public func instant(for local: LocalDateTime) -> Instant {
        // Probe the offsets a day before and a day after and test which readings round-trip —
        // exactly what ICalendar's ZoneMath does with libical's zones.
        let wall = local.wallSeconds
        let before = rules.offset(at: wall - 86_400)
        let after = rules.offset(at: wall + 86_400)
        if before == after { return Instant(secondsSince1970: wall - before) }
        let early = wall - before, late = wall - after
        let earlyValid = rules.offset(at: early) == before, lateValid = rules.offset(at: late) == after
        switch (earlyValid, lateValid) {
        case (true, true): return Instant(secondsSince1970: min(early, late))
        case (false, true): return Instant(secondsSince1970: late)
        default: return Instant(secondsSince1970: early)
        }
    }

    /// The wall-clock time of an instant in this zone.
    public func localTime(of instant: Instant) -> LocalDateTime {
        LocalDateTime(wallSeconds: instant.secondsSince1970 + rules.offset(at: instant.secondsSince1970))
    }

    /// The zone's offset from UTC at `instant`, in seconds (east positive: `3600` for CET).
    public func utcOffset(at instant: Instant) -> Int64 { rules.offset(at: instant.secondsSince1970) }

    /// Whether a wall-clock time occurs in this zone (false inside a spring-forward gap).
    public func exists(_ local: LocalDateTime) -> Bool { localTime(of: instant(for: local)) == local }

    /// Zones are equal when they are the same zone data (every UTC alias is UTC).
    public static func == (a: CalendarTimeZone, b: CalendarTimeZone) -> Bool { a.rules === b.rules }

    /// The names libical (and so ICalendar) reads as UTC without zone data.
    static func isUTC(_ name: String) -> Bool {
        ["utc", "gmt", "z", "etc/utc", "etc/gmt", "etc/zulu", "zulu", "universal"].contains(name.lowercased())
    }

    /// A name, never a path out of the zoneinfo folder.
    static func isZoneName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix("/") && !name.contains("..") && !name.contains("\0") && name.utf8.count < 128
    }
}

/// Loaded zones by folder and name; a zone's file is read once per process.
final class ZoneCache: @unchecked Sendable {
    static let shared = ZoneCache()
    private let lock = NSLock()
    /// Guarded by `lock`; `nil` remembers a name that is not a zone.
    private var loaded: [String: ZoneRules?] = [:]

    func rules(named name: String, directory: String) -> ZoneRules? {
        let key = directory + "\0" + name
        lock.lock()
        defer { lock.unlock() }
        if let known = loaded[key] { return known }
        let rules = FileManager.default.contents(atPath: directory + "/" + name).flatMap { TZif.parse([UInt8]($0)) }
        loaded[key] = .some(rules)
        return rules
    }
}
