import CalendarValues
import Synchronization

/// The statutory public holidays (*gesetzliche Feiertage*) of the 16 German states, computed
/// for any year in ``supportedYears``: fixed days, days that move with Easter, Buß- und Bettag,
/// the changes of the state laws (Reformationstag in the north since 2018, Internationaler
/// Frauentag in Berlin since 2019 and Mecklenburg-Vorpommern since 2023, Weltkindertag in
/// Thüringen since 2019) and one-off days (Reformationstag 2017 everywhere, Berlin's Tag der
/// Befreiung 2020 and 2025, 17 June 2028 in Berlin).
///
/// Only holidays of the whole state count: Mariä Himmelfahrt in Bayern and Fronleichnam in
/// Sachsen and Thüringen, which hold in Catholic municipalities only, are not listed — as in the
/// default category of python `holidays`. Sundays are not listed unless the law names them
/// (Ostersonntag and Pfingstsonntag in Brandenburg).
///
/// ```swift
/// let days = try PublicHolidays.holidays(in: 2027, region: .bw)
/// days.first  // 2027-01-01 Neujahr
/// PublicHolidays.holiday(on: LocalDate(year: 2027, month: 5, day: 27)!, region: .bw)  // "Fronleichnam"
/// ```
public enum PublicHolidays {
    /// The years the rules are kept for.
    public static let supportedYears: ClosedRange<Int> = 1995...2100

    /// Separates the names when two holidays fall on one day in ``holiday(on:region:)``.
    public static let nameSeparator = "; "

    /// The public holidays of `region` in `year`, sorted by date. Two holidays on one day
    /// (Tag der Arbeit and Christi Himmelfahrt on 1 May 2008) are two entries.
    /// - Parameters:
    ///   - year: A year in ``supportedYears``.
    ///   - region: The state.
    /// - Throws: ``HolidayError/unsupportedYear(_:)`` outside ``supportedYears``.
    public static func holidays(in year: Int, region: GermanState) throws -> [Holiday] {
        guard supportedYears.contains(year) else { throw HolidayError.unsupportedYear(year) }
        return compute(year: year, region: region)
    }

    /// The name of the public holiday on `date` in `region`, or `nil` on a working day (and for
    /// dates outside ``supportedYears``). Two holidays on one day give both names, joined by
    /// ``nameSeparator`` ("Tag der Arbeit; Christi Himmelfahrt").
    ///
    /// Answers from a table built on first use, so a scheduler may ask for every day it looks at.
    /// - Parameters:
    ///   - date: The day to look up.
    ///   - region: The state.
    public static func holiday(on date: LocalDate, region: GermanState) -> String? {
        guard supportedYears.contains(date.year) else { return nil }
        return tables.withLock { tables in
            if let table = tables[region] { return table[date.daysSinceEpoch] }
            let table = table(of: region)
            tables[region] = table
            return table[date.daysSinceEpoch]
        }
    }

    /// Days since 1970-01-01 → name(s), per state, each built when a day of that state is first asked for
    /// (a run asks about one state: building all sixteen cost every `propose` a few milliseconds).
    private static let tables = Mutex<[GermanState: [Int: String]]>([:])

    /// Days since 1970-01-01 → name(s) of one state, for every supported year.
    private static func table(of region: GermanState) -> [Int: String] {
        var days: [Int: String] = [:]
        for year in supportedYears {
            for holiday in compute(year: year, region: region) {
                let key = holiday.date.daysSinceEpoch
                days[key] = days[key].map { $0 + nameSeparator + holiday.name } ?? holiday.name
            }
        }
        return days
    }

    private static func compute(year: Int, region: GermanState) -> [Holiday] {
        HolidayRule.all.enumerated()
            .filter { $0.element.applies(to: region, in: year) }
            .map { (order: $0.offset, holiday: Holiday(date: $0.element.date.date(in: year), name: $0.element.name)) }
            .sorted { ($0.holiday.date, $0.order) < ($1.holiday.date, $1.order) }
            .map(\.holiday)
    }
}
