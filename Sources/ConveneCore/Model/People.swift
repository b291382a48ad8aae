import CalendarValues

public struct Town: Sendable, Equatable {
    public var id: String
    public var name: String
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// The roles of the network's meetings (docs/ARCHITECTURE.md, "Roles").
public enum Role: String, Sendable, CaseIterable {
    case ob
    case mainOffice = "main-office"
    case it
    case digital
    case other
}

/// An inclusive range of local dates (`2027-05-03..2027-05-07`).
public struct DateRange: Sendable, Hashable, CustomStringConvertible {
    public var first: LocalDate
    public var last: LocalDate
    public init(first: LocalDate, last: LocalDate) {
        self.first = first
        self.last = last
    }
    public func contains(_ date: LocalDate) -> Bool { first <= date && date <= last }
    public var dayCount: Int { last.daysSinceEpoch - first.daysSinceEpoch + 1 }
    public var description: String { first == last ? "\(first)" : "\(first)..\(last)" }

    /// `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.components(separatedBy: "..")
        guard parts.count <= 2, let first = LocalDate(iso: parts[0].trimmingCharacters(in: .whitespaces)) else { return nil }
        let last = parts.count == 2 ? LocalDate(iso: parts[1].trimmingCharacters(in: .whitespaces)) : first
        guard let last, first <= last else { return nil }
        self.init(first: first, last: last)
    }
}

public struct Person: Sendable, Equatable {
    public var id: String
    public var name: String
    public var email: String
    public var town: String
    public var role: Role
    /// Who may stand in for this person (for an OB: the town is represented by either).
    public var deputy: String?
    /// Where this person's calendars come from, in the order of people.yaml: files (default
    /// `calendars/<id>.ics` when it exists), iCalendar feeds, CalDAV collections.
    public var sources: [CalendarLocation]
    /// The calendar files among `sources`, relative to the workspace.
    public var calendars: [String] {
        get { sources.compactMap(\.path) }
        set { sources = newValue.map(CalendarLocation.file) + sources.filter { $0.path == nil } }
    }
    /// Personal working hours (part-time): the network's hours with the weekdays the person listed replaced
    /// or taken off (`friday: off`); `nil` = the network's.
    public var workingHours: WorkingHours?
    /// Declared absences (leave not in any calendar).
    public var away: [DateRange]
    /// Personal blackout calendars (e.g. school holidays for staff with children).
    public var blackoutCalendars: [String]
    /// Other addresses this person's mail may come from (`aliases:`; Outlook answers from the
    /// mailbox's primary address): a reply sent from one counts as sent by the person.
    public var aliases: [String] = []
    /// How a letter addresses this person (`salutation`, `title`, `office`, `surname` in people.yaml; issue 15).
    public var address = FormOfAddress()

    public init(id: String, name: String, email: String, town: String, role: Role, deputy: String? = nil,
                calendars: [String] = [], workingHours: WorkingHours? = nil, away: [DateRange] = [], blackoutCalendars: [String] = []) {
        self.id = id
        self.name = name
        self.email = email
        self.town = town
        self.role = role
        self.deputy = deputy
        self.sources = calendars.map(CalendarLocation.file)
        self.workingHours = workingHours
        self.away = away
        self.blackoutCalendars = blackoutCalendars
    }
}

/// How letters address a person: „Sehr geehrter Herr Oberbürgermeister Dr. Arnold," (DOMAIN: letters).
/// Every field is optional; with none given a letter opens neutrally with the name.
public struct FormOfAddress: Sendable, Equatable {
    /// `Herr`, `Frau`, or `none` for a function mailbox („Sehr geehrte Damen und Herren").
    public enum Salutation: String, Sendable, CaseIterable {
        case herr = "Herr"
        case frau = "Frau"
        case none
    }

    public var salutation: Salutation?
    /// An academic title as written before the name: `Dr.`, `Prof. Dr.`.
    public var title: String?
    /// The office as written in the opening line: `Oberbürgermeister`, `Hauptamtsleiterin`.
    public var office: String?
    /// The family name the opening uses; default the last word of the name.
    public var surname: String?

    public init(salutation: Salutation? = nil, title: String? = nil, office: String? = nil, surname: String? = nil) {
        self.salutation = salutation
        self.title = title
        self.office = office
        self.surname = surname
    }

    /// True when nothing is given.
    public var isEmpty: Bool { salutation == nil && title == nil && office == nil && surname == nil }
}
