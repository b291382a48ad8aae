/// A day of the week, numbered as ISO 8601 does (1 = Monday … 7 = Sunday), with every name convene
/// prints or reads for it — the one table of weekday names in the code.
public enum Weekday: Int, CaseIterable, Comparable, Sendable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// `monday` … `sunday`: the keys of `working_hours` in convene.yaml.
    public var key: String { Self.names[rawValue - 1].key }

    /// `Mon` … `Sun`: English text and RFC 5322 §3.3's `day-name` in a mail's Date header.
    public var englishAbbreviation: String { Self.names[rawValue - 1].english }

    /// `Mo` … `So` (DOMAIN.md: German dates are written `Di 20.04.2027`).
    public var germanAbbreviation: String { Self.names[rawValue - 1].germanShort }

    /// `Montag` … `Sonntag`.
    public var germanName: String { Self.names[rawValue - 1].german }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

    private static let names: [(key: String, english: String, germanShort: String, german: String)] = [
        ("monday", "Mon", "Mo", "Montag"),
        ("tuesday", "Tue", "Di", "Dienstag"),
        ("wednesday", "Wed", "Mi", "Mittwoch"),
        ("thursday", "Thu", "Do", "Donnerstag"),
        ("friday", "Fri", "Fr", "Freitag"),
        ("saturday", "Sat", "Sa", "Samstag"),
        ("sunday", "Sun", "So", "Sonntag"),
    ]
}

extension LocalDate {
    /// `Jan` … `Dec`: English text and RFC 5322 §3.3's `month` in a mail's Date header.
    public var englishMonthAbbreviation: String { Self.englishMonthAbbreviations[month - 1] }

    private static let englishMonthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
