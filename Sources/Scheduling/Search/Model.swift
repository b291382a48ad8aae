import CalendarValues
import ConveneCore

/// Why a person cannot come to a slot. Never says what the appointment is.
public enum UnavailableReason: String, Sendable, CaseIterable, Comparable {
    /// Declared away in people.yaml.
    case absent
    /// A personal blackout day (e.g. school holidays) or a public holiday of the person's region.
    case holiday
    /// Outside the person's own working hours.
    case outsideHours = "outside-hours"
    /// A busy interval overlaps the slot.
    case busy
    /// The slot is free but travel to or from the location is not.
    case travel
    /// Answered "no" in a poll.
    case declined
    /// No data speaks for the time (no calendar at all, or a VFREEBUSY that covers another range): unknown, which
    /// is not free. The only soft reason: it does not break a hard rule, but scores `Preferences.unknownShare` of free.
    case noData = "no-data"

    /// Compact codes for the search's reason matrix (0 = can come).
    var code: UInt8 {
        switch self {
        case .absent: return 1
        case .holiday: return 2
        case .outsideHours: return 3
        case .busy: return 4
        case .travel: return 5
        case .declined: return 6
        case .noData: return 7
        }
    }

    @inline(__always)
    static func decode(_ code: UInt8) -> UnavailableReason? {
        switch code {
        case 1: return .absent
        case 2: return .holiday
        case 3: return .outsideHours
        case 4: return .busy
        case 5: return .travel
        case 6: return .declined
        case 7: return .noData
        default: return nil
        }
    }

    public static func < (a: UnavailableReason, b: UnavailableReason) -> Bool { a.code < b.code }
}

public struct Unavailability: Sendable, Equatable {
    public var person: String
    public var reason: UnavailableReason
}

/// A ranked candidate slot and its explanation.
public struct Candidate: Sendable, Equatable {
    public var slot: Interval
    public var date: LocalDate
    public var score: Double
    /// Invitees who can come, in workspace order.
    public var attending: [String]
    public var unavailable: [Unavailability]
    /// Towns not represented under the meeting's rule.
    public var townsMissing: [String]
    /// Preference notes that lowered the score (`bridge day`, `Friday afternoon`, …).
    public var notes: [String]
    /// Poll votes, when tallied: person → vote.
    public var votes: [String: Vote] = [:]
    /// The poll option this slot was offered as (`SearchOptions.polled`), nil when the poll did not ask about it.
    public var pollOption: Int? = nil
}

/// A hard rule and how many slots it blocks.
public struct Blocker: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        case requiredPerson(String)
        case town(String)
    }
    public var rule: Rule
    public var blockedSlots: Int
}

/// A change to the meeting that would make slots feasible.
public struct Relaxation: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        case personOptional(String)
        case townOptional(String)
        case windowLonger(days: Int)
    }
    public var change: Change
    public var candidates: Int
}

public struct SearchResult: Sendable {
    public var meeting: Meeting
    /// The ranked, diversified top list.
    public var candidates: [Candidate]
    /// Feasible slots in the window (before the top-list cut).
    public var feasibleCount: Int
    /// Every feasible slot, by start.
    public var feasibleSlots: [Interval]
    /// Slots examined (working time on working days, no holidays).
    public var slotCount: Int
    /// Days skipped and why (`holiday name`, `blackout`), for display.
    public var skippedDays: [(date: LocalDate, reason: String)]
    /// When nothing fits: the rules that block most, most first.
    public var blockers: [Blocker]
    /// When nothing fits: changes that would help, best first.
    public var relaxations: [Relaxation]
    /// Invitees without any calendar (their time is unknown, reason `no-data`).
    public var withoutCalendar: [String]
    /// Share of required people (or OBs/deputies for town rules) free, per examined slot: for the heatmap.
    public var grid: [GridCell]
    /// A poll was sent for the meeting: polled slots rank first (`SearchOptions.polled`).
    public var polled = false
}

/// One examined slot for the heatmap.
public struct GridCell: Sendable, Equatable {
    public var date: LocalDate
    public var startMinute: Int
    public var freeShare: Double
    public var feasible: Bool
}
