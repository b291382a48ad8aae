import ConveneCore
import ICalendar

/// Minutes of the frame items and breaks.
public enum FrameMinutes {
    public static let welcome = 10
    public static let minutesApproval = 5
    /// The review of open action items: a base plus a little per item, capped.
    public static let reviewBase = 5
    public static let reviewPerItem = 2
    public static let reviewMax = 20
    public static let otherBusiness = 10
    public static let nextMeeting = 5
    public static let coffee = 15
    public static let lunch = 60
    /// A coffee break comes after about this many minutes of sitting.
    public static let coffeeAfter = 90
    /// A coffee break needs at least this many minutes of agenda after it.
    public static let minimumAfterCoffee = 45

    /// TOP times lie on this grid (issue 15: 13:02 and 14:17 are not times a Tagesordnung gives): every length
    /// is a multiple of it, so items starting on the slot's grid start and end on it.
    public static let grid = 5

    /// Minutes of the review of `count` open action items, rounded up to the grid.
    public static func review(count: Int) -> Int { min(onGrid(reviewBase + reviewPerItem * count), reviewMax) }

    /// `minutes` rounded up to a multiple of `grid` (a topic estimated at 12 minutes gets 15).
    public static func onGrid(_ minutes: Int) -> Int { (minutes + grid - 1) / grid * grid }
}

/// The breaks a slot needs: lunch when the slot covers 12:00–13:00 on the network's clock, and a
/// coffee break after about 90 minutes in each stretch (before and after lunch) that is long enough
/// to go on for at least 45 minutes after it.
struct BreakPlan: Equatable {
    var lunch: Bool
    var coffeeBeforeLunch: Int
    var coffeeAfterLunch: Int

    var minutes: Int { (lunch ? FrameMinutes.lunch : 0) + FrameMinutes.coffee * (coffeeBeforeLunch + coffeeAfterLunch) }

    init(slot: Interval, zone: CalendarTimeZone) {
        let start = zone.localTime(of: slot.start), end = zone.localTime(of: slot.end)
        let noon = LocalDateTime(date: start.date, hour: 12), one = LocalDateTime(date: start.date, hour: 13)
        let total = Int(slot.duration / 60)
        lunch = start <= noon && one <= end
        if lunch {
            coffeeBeforeLunch = Self.coffeeBreaks(in: Int((noon.wallSeconds - start.wallSeconds) / 60))
            coffeeAfterLunch = Self.coffeeBreaks(in: Int((end.wallSeconds - one.wallSeconds) / 60))
        } else {
            coffeeBeforeLunch = Self.coffeeBreaks(in: total)
            coffeeAfterLunch = 0
        }
    }

    /// Breaks at 90, 90+15+90, … minutes while at least 45 minutes follow each.
    static func coffeeBreaks(in minutes: Int) -> Int {
        var count = 0, position = FrameMinutes.coffeeAfter
        while position + FrameMinutes.coffee + FrameMinutes.minimumAfterCoffee <= minutes {
            count += 1
            position += FrameMinutes.coffee + FrameMinutes.coffeeAfter
        }
        return count
    }
}

/// Lays items out from the start of the slot, inserting the planned breaks at item boundaries:
/// lunch at the boundary nearest 12:00 (between 11:15 and 13:00), coffee at the boundary nearest
/// 90 minutes after the start or the last break. Breaks are never placed before the first item, and
/// never more than planned, so the agenda ends no later than the budget allows.
struct Timetable {
    struct Entry {
        var kind: ItemKind
        var role: FrameRole?
        var topic: Topic?
        var town: String?
        var presenter: String?
        var minutes: Int
    }

    static func layout(_ entries: [Entry], slot: Interval, zone: CalendarTimeZone, plan: BreakPlan) -> [AgendaItem] {
        let day = zone.localTime(of: slot.start).date
        let noon = zone.instant(for: LocalDateTime(date: day, hour: 12))
        let lunchEarliest = noon - 45 * 60, lunchLatest = noon + 60 * 60
        var items: [AgendaItem] = []
        var time = slot.start
        var sinceBreak = 0
        var lunchLeft = plan.lunch
        var coffeeLeft = plan.coffeeBeforeLunch
        var remaining = entries.map(\.minutes).reduce(0, +)

        func addBreak(_ role: FrameRole, minutes: Int) {
            items.append(AgendaItem(number: nil, kind: .break, role: role, topic: nil, town: nil, presenter: nil, start: time,
                                    end: time + Int64(minutes) * 60))
            time = time + Int64(minutes) * 60
            sinceBreak = 0
        }

        for (index, entry) in entries.enumerated() {
            if index > 0 {
                let next = time + Int64(entry.minutes) * 60
                let isLast = index == entries.count - 1
                if lunchLeft, lunchEarliest <= time, time <= lunchLatest,
                   isLast || abs(time - noon) <= abs(next - noon) || next > lunchLatest {
                    addBreak(.lunch, minutes: FrameMinutes.lunch)
                    lunchLeft = false
                    coffeeLeft = plan.coffeeAfterLunch
                } else if coffeeLeft > 0, sinceBreak >= FrameMinutes.minimumAfterCoffee, remaining >= FrameMinutes.minimumAfterCoffee,
                          abs(sinceBreak - FrameMinutes.coffeeAfter) <= abs(sinceBreak + entry.minutes - FrameMinutes.coffeeAfter),
                          !(lunchLeft && time >= noon - 60 * 60) {
                    // (No coffee within the hour before lunch.)
                    addBreak(.coffee, minutes: FrameMinutes.coffee)
                    coffeeLeft -= 1
                }
            }
            let end = time + Int64(entry.minutes) * 60
            items.append(AgendaItem(number: nil, kind: entry.kind, role: entry.role, topic: entry.topic, town: entry.town,
                                    presenter: entry.presenter, start: time, end: end))
            time = end
            sinceBreak += entry.minutes
            remaining -= entry.minutes
        }
        // TOP numbers: every item but the breaks, from 1.
        var number = 0
        for index in items.indices where !items[index].isBreak {
            number += 1
            items[index].number = String(number)
        }
        return items
    }
}
