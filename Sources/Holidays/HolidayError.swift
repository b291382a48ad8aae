/// Why a holiday question could not be answered.
public enum HolidayError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The year lies outside ``PublicHolidays/supportedYears``; the rules are only kept for those.
    case unsupportedYear(Int)

    /// One sentence for a person, e.g. "year 1990 is outside 1995–2100".
    public var description: String {
        switch self {
        case .unsupportedYear(let year):
            let years = PublicHolidays.supportedYears
            return "year \(year) is outside \(years.lowerBound)–\(years.upperBound)"
        }
    }
}
