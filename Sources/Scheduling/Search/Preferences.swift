import CalendarValues
import ConveneCore
import Holidays

/// Soft preferences and their documented weights. A slot's preference value is
/// `max(0, 1 − Σ penalties)`; the score of a candidate is
/// `0.4·required + 0.3·towns + 0.2·people + 0.1·preference` (each a share in 0…1).
public enum Preferences {
    public static let bridgeDay = 0.5
    public static let mondayMorning = 0.2
    public static let fridayAfternoon = 0.3
    public static let lunchHour = 0.1
    public static let outsideCoreHours = 0.1
    /// 09:00–16:00.
    public static let coreHours = (start: 9 * 60, end: 16 * 60)

    public static let weights = (required: 0.4, towns: 0.3, people: 0.2, preference: 0.1)

    /// What a person whose time is unknown (reason `no-data`) counts for in the shares, against 1 for a free
    /// person: about half, as Microsoft Graph's findMeetingTimes rates unknown availability. Unknown never breaks
    /// a hard rule (it may be free) and never counts as attending.
    public static let unknownShare = 0.5

    /// A working day squeezed between a holiday and a weekend (Friday after Ascension Day).
    public static func isBridgeDay(_ date: LocalDate, region: GermanState) -> Bool {
        let weekday = date.isoWeekday
        guard weekday <= 5, PublicHolidays.holiday(on: date, region: region) == nil else { return false }
        let before = date.adding(days: -1), after = date.adding(days: 1)
        let holidayBefore = PublicHolidays.holiday(on: before, region: region) != nil
        let holidayAfter = PublicHolidays.holiday(on: after, region: region) != nil
        return (holidayBefore && after.isoWeekday >= 6) || (holidayAfter && before.isoWeekday >= 6)
    }

    /// Penalties for a slot from `start` to `end` minutes after local midnight on `date`.
    public static func penalties(date: LocalDate, start: Int, end: Int, region: GermanState) -> [(note: String, weight: Double)] {
        var result: [(String, Double)] = []
        if isBridgeDay(date, region: region) { result.append(("bridge day", bridgeDay)) }
        if date.isoWeekday == 1 && start < 12 * 60 { result.append(("Monday morning", mondayMorning)) }
        if date.isoWeekday == 5 && end > 12 * 60 { result.append(("Friday afternoon", fridayAfternoon)) }
        if start < 13 * 60 && end > 12 * 60 { result.append(("lunch hour", lunchHour)) }
        if start < coreHours.start || end > coreHours.end { result.append(("outside core hours", outsideCoreHours)) }
        return result
    }
}
