import ConveneCore
import Holidays
import CalendarValues

/// Renders holidays for people and for scripts.
public enum HolidaysReport {
    /// The contract shape: `{"region":"DE-BW","holidays":[{"date":"2027-01-01","name":"Neujahr"}]}`
    /// on one line; non-ASCII letters stay as they are.
    public static func json(_ holidays: [Holiday], region: GermanState) -> String {
        let items: [JSON] = holidays.map { .object([("date", .string($0.date.description)), ("name", .string($0.name))]) }
        return JSON.object([("region", .string(region.rawValue)), ("holidays", .array(items))]).rendered()
    }


    /// A header, one aligned line per holiday (`06.05.2027  Do  Christi Himmelfahrt`; in English
    /// `06 May 2027  Thu  Christi Himmelfahrt` — the names are the laws' German names in every language), a count.
    public static func text(_ holidays: [Holiday], year: Int, region: GermanState, language: Language = .de) -> String {
        var out = "Public holidays \(year) in \(region.name) (\(region.rawValue))\n\n"
        for holiday in holidays {
            switch language {
            case .de: out += "\(GermanDate.numeric(holiday.date))  \(holiday.date.weekday.germanAbbreviation)  \(holiday.name)\n"
            case .en:
                let date = holiday.date
                out += "\(GermanDate.two(date.day)) \(date.englishMonthAbbreviation) \(date.year)  \(date.weekday.englishAbbreviation)  \(holiday.name)\n"
            }
        }
        out += "\n\(holidays.count) public holiday\(holidays.count == 1 ? "" : "s").\n"
        return out
    }
}
