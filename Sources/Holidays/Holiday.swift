import CalendarValues

/// A public holiday: a date and its German name, e.g. `2027-05-06 Christi Himmelfahrt`.
public struct Holiday: Sendable, Hashable, CustomStringConvertible {
    /// The day of the holiday.
    public var date: LocalDate
    /// The holiday's German name as the state laws and calendars use it, e.g. "Tag der Arbeit".
    public var name: String

    /// Creates a holiday.
    /// - Parameters:
    ///   - date: The day of the holiday.
    ///   - name: Its German name.
    public init(date: LocalDate, name: String) {
        self.date = date
        self.name = name
    }

    /// `YYYY-MM-DD name`, e.g. `2027-01-01 Neujahr`.
    public var description: String { "\(date) \(name)" }
}
