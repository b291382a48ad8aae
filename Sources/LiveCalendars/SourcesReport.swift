import CalendarValues
import ConveneCore
import Foundation

/// `convene sources [MEETING]`: per person (the meeting's invitees, or everybody) each calendar
/// source — kind, host (or a file's path), the last successful fetch and its age, the range that
/// answer covers, the last error — from the fetch records; it asks no server.
public struct SourcesReport: Sendable {
    public struct Row: Sendable, Equatable {
        public var person: String
        public var kind: String
        /// The host of a live source; the path of a file.
        public var host: String
        public var lastFetch: Instant?
        public var ageSeconds: Int64?
        public var covers: Interval?
        public var lastError: String?
        /// A live source whose last attempt failed, or that was never fetched.
        public var failing: Bool
    }

    public var rows: [Row]

    public init(workspace: Workspace, meeting: Meeting? = nil, now: Instant) {
        let records = FetchRecords.load(workspace.root)
        let people = meeting.map { workspace.invitees(of: $0) } ?? workspace.people
        rows = people.flatMap { person in
            person.sources.map { location in
                let record = records[location.key]
                let fetched = record?.fetched.flatMap(Instant.init(rfc3339:))
                let live = location.url != nil
                return Row(person: person.id, kind: location.kind, host: location.host, lastFetch: fetched,
                           ageSeconds: fetched.map { max(0, now - $0) }, covers: record?.covers, lastError: record?.lastError,
                           failing: live && (record?.lastError != nil || fetched == nil))
            }
        }
    }

    /// Live sources whose last attempt failed or that were never fetched.
    public var failing: [Row] { rows.filter(\.failing) }

    /// `{"sources":[{"person","kind","host","last_fetch","age_seconds","covers":{"start","end"}|null,"last_error"}]}`.
    public func json() -> JSON {
        .object([("sources", .array(rows.map { row in
            .object([
                ("person", .string(row.person)), ("kind", .string(row.kind)), ("host", .string(row.host)),
                ("last_fetch", row.lastFetch.map { .string($0.rfc3339) } ?? .null),
                ("age_seconds", row.ageSeconds.map { .int(Int($0)) } ?? .null),
                ("covers", row.covers.map { .object([("start", .string($0.start.rfc3339)), ("end", .string($0.end.rfc3339))]) } ?? .null),
                ("last_error", row.lastError.map(JSON.string) ?? .null),
            ])
        }))])
    }

    /// A table: person, kind, host or file, last fetch (age), covers, last error.
    public func text(zone: CalendarTimeZone, style: TextStyle) -> String {
        guard !rows.isEmpty else { return "No calendar sources.\n" }
        let table = TextTable(header: ["person", "kind", "host / file", "last fetch", "covers", "last error"], rows: rows.map { row in
            let local = { (instant: Instant) -> String in
                let time = zone.localTime(of: instant)
                return "\(time.date) \(GermanDate.clock(time))"
            }
            let fetched: String = switch (row.kind, row.lastFetch) {
            case ("file", _): "(read each run)"
            case (_, let time?): "\(local(time)) (\(Age.words(row.ageSeconds ?? 0)) ago)"
            case (_, nil): "never"
            }
            let covers = row.covers.map { "\(zone.localTime(of: $0.start).date)..\(zone.localTime(of: $0.end - 1).date)" } ?? "-"
            return [row.person, row.kind, row.host, fetched, covers, row.lastError.map { style.red($0) } ?? "-"]
        })
        return table.render(style: style)
    }
}
