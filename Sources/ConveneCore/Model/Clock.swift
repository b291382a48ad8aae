import Foundation
import CalendarValues

/// "Now" for everything convene stamps or compares with the present: DTSTAMP, the `picked:` time
/// of a slot, a topic's `created` date, what counts as overdue.
///
/// `CONVENE_NOW` (RFC 3339) fixes it for reproducible output; this is the only code that reads
/// it. Commands ask once and hand the instant (or the day) to the builders, which never look at
/// the system clock themselves.
public enum Clock {
    /// The environment variable that fixes "now".
    public static let variable = "CONVENE_NOW"

    /// `CONVENE_NOW` if set, else the system clock, to the second.
    /// - Throws: `WorkspaceProblem` naming `CONVENE_NOW` when it is not an RFC 3339 time.
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) throws(WorkspaceProblem) -> Instant {
        if let text = environment[variable], !text.isEmpty {
            guard let instant = Instant(rfc3339: text) else {
                throw WorkspaceProblem(file: variable, "'\(text)' is not an RFC 3339 time such as 2027-04-01T09:00:00Z")
            }
            return instant
        }
        return Instant(secondsSince1970: Int64(Date().timeIntervalSince1970))
    }

    /// Today in the network's time zone.
    /// - Throws: `WorkspaceProblem` for a malformed `CONVENE_NOW`.
    public static func today(in workspace: Workspace,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws(WorkspaceProblem) -> LocalDate {
        try workspace.timeZone().localTime(of: now(environment: environment)).date
    }
}

extension Workspace {
    /// The network's time zone (`time_zone` in convene.yaml, checked when the workspace loads).
    /// - Throws: `WorkspaceProblem` naming convene.yaml when the zone cannot be used.
    public func timeZone() throws(WorkspaceProblem) -> CalendarTimeZone {
        do { return try CalendarTimeZone(identifier: network.timeZone) } catch {
            throw WorkspaceProblem(file: Workspace.networkFile, error.message)
        }
    }
}
