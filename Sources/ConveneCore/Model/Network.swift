import CalendarValues
import Foundation
import Holidays

/// The network of towns and how it meets: from `convene.yaml`.
public struct Network: Sendable, Equatable {
    public var name: String
    public var organizer: Organizer
    /// IANA zone of the network; all local times are read in it.
    public var timeZone: String
    public var holidayRegion: GermanState
    public var workingHours: WorkingHours
    public var locations: [Location]
    /// Minutes from a town to a location: `travelMinutes[locationID][townID]`.
    public var travelMinutes: [String: [String: Int]]
    /// Extra blackout days for everybody (e.g. bridge days the administration closes), as .ics
    /// files relative to the workspace: every day touched by one of their events is blocked.
    public var blackoutCalendars: [String]
    /// How invitations leave: `mail:` in convene.yaml.
    public var mail: MailSettings = .standard
    /// Where `invite --publish` and `actions publish` write: `publish:` in convene.yaml (none: nothing is published).
    public var publish: PublishSettings?
    /// How decisions are numbered: `decision_numbers:` in convene.yaml (default `{year}/{n:02}`).
    public var decisionNumbers: DecisionNumberScheme = .standard
    /// The language of what convene writes for people and of dates in its reports (`language:` in convene.yaml,
    /// German by default): what every `--lang` option falls back to.
    public var language: Language = .de

    public func location(_ id: String) -> Location? { locations.first { $0.id == id } }
}

/// Delivery of invitation mail: a sendmail-compatible command that reads one message on stdin
/// and takes the recipients from its headers (`-t`). convene has no SMTP client of its own.
public struct MailSettings: Sendable, Equatable {
    /// The program and its arguments (no shell involved).
    public var sendCommand: [String]

    public init(sendCommand: [String]) { self.sendCommand = sendCommand }

    /// `/usr/sbin/sendmail -t -i`: every MTA ships it (`msmtp -t` works the same way).
    public static let standard = MailSettings(sendCommand: ["/usr/sbin/sendmail", "-t", "-i"])
}

/// The network's shared CalDAV collections (`publish:` in convene.yaml): the calendar the meetings
/// are put into and the task list the action items are kept in. Either may be missing. The URLs are
/// never printed (they may hold a secret): messages name the host only.
public struct PublishSettings: Sendable, Equatable {
    /// The calendar collection for `invite --publish` and `cancel --publish` (`publish.caldav`).
    public var calendar: URL?
    /// The task list collection for `actions publish` (`publish.tasks`).
    public var tasks: URL?

    public init(calendar: URL?, tasks: URL?) {
        self.calendar = calendar
        self.tasks = tasks
    }
}

public struct Organizer: Sendable, Equatable {
    public var name: String
    public var email: String
}

public struct Location: Sendable, Equatable {
    public var id: String
    public var name: String
    public var address: String
    public var town: String?
}

/// Minutes since local midnight: a time of day.
public struct ClockTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var minutes: Int
    public init(minutes: Int) { self.minutes = minutes }
    public init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 24 * 60 else { return nil }
        minutes = h * 60 + m
    }
    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutes < b.minutes }
    public var description: String {
        "\(minutes / 60 < 10 ? "0" : "")\(minutes / 60):\(minutes % 60 < 10 ? "0" : "")\(minutes % 60)"
    }
}

/// Working hours per ISO weekday (1 = Monday … 7 = Sunday); a missing day is not a working day.
public struct WorkingHours: Sendable, Equatable {
    public var days: [Int: ClosedRange<ClockTime>]

    public init(days: [Int: ClosedRange<ClockTime>]) { self.days = days }

    /// Monday to Friday, 08:00–17:00.
    public static let standard = WorkingHours(days: Dictionary(uniqueKeysWithValues: (1...5).map {
        ($0, ClockTime(minutes: 8 * 60)...ClockTime(minutes: 17 * 60))
    }))

    /// `monday` … `sunday`, the keys of `working_hours`.
    public static let weekdayNames = Weekday.allCases.map(\.key)

    public func hours(on date: LocalDate) -> ClosedRange<ClockTime>? { days[date.isoWeekday] }
}
