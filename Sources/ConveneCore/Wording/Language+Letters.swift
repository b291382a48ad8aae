import CalendarValues

extension Language {
    /// The opening line of a letter (DOMAIN: letters and forms of address):
    /// „Sehr geehrter Herr Oberbürgermeister Dr. Arnold,", „Sehr geehrte Frau Müller,", for a function
    /// mailbox „Sehr geehrte Damen und Herren,", with nothing given „Guten Tag Jürgen Weiß,".
    /// English: „Dear Dr. Arnold,", „Dear Ms Müller,", „Dear Sir or Madam,", „Dear Jürgen Weiß,".
    /// - Parameters:
    ///   - person: the addressee from people.yaml, if known.
    ///   - name: the name to use when `person` is nil (an address no longer in people.yaml).
    public func greeting(for person: Person?, name: String?) -> String {
        let address = person?.address ?? FormOfAddress()
        let fullName = person?.name ?? name
        let surname = address.surname ?? fullName.flatMap { $0.split(separator: " ").last.map(String.init) }
        func joined(_ parts: [String?]) -> String { parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ") }
        switch (self, address.salutation) {
        case (.de, .none?): return "Sehr geehrte Damen und Herren,"
        case (.en, .none?): return "Dear Sir or Madam,"
        case (.de, .herr?): return joined(["Sehr geehrter Herr", address.office, address.title, surname]) + ","
        case (.de, .frau?): return joined(["Sehr geehrte Frau", address.office, address.title, surname]) + ","
        case (.en, .herr?): return joined(["Dear", address.title ?? "Mr", surname]) + ","
        case (.en, .frau?): return joined(["Dear", address.title ?? "Ms", surname]) + ","
        case (.de, nil): return fullName.map { joined(["Guten Tag", address.title, $0]) + "," } ?? "Guten Tag,"
        case (.en, nil): return fullName.map { joined(["Dear", address.title, $0]) + "," } ?? "Hello,"
        }
    }

    /// `Mittwoch, 12.05.2027, 12:30 Uhr` or `Wednesday, 12 May 2027, 12:30`: a point in time in a letter.
    public func letterTime(_ time: LocalDateTime) -> String {
        switch self {
        case .de: return "\(time.date.weekday.germanName), \(GermanDate.numeric(time.date)), \(GermanDate.clock(time)) Uhr"
        case .en: return "\(Self.englishName(time.date.weekday)), \(date(time.date)), \(GermanDate.clock(time))"
        }
    }

    /// `Mittwoch, 12.05.2027, 12:30–16:00 Uhr` or `Wednesday, 12 May 2027, 12:30–16:00`.
    public func letterSpan(_ from: LocalDateTime, _ to: LocalDateTime) -> String {
        let endDay = from.date == to.date ? "" : "\(date(to.date)), "
        switch self {
        case .de: return "\(from.date.weekday.germanName), \(GermanDate.numeric(from.date)), \(GermanDate.clock(from))–\(endDay)\(GermanDate.clock(to)) Uhr"
        case .en: return "\(Self.englishName(from.date.weekday)), \(date(from.date)), \(GermanDate.clock(from))–\(endDay)\(GermanDate.clock(to))"
        }
    }

    /// `Monday` … `Sunday`.
    static func englishName(_ day: Weekday) -> String { day.key.prefix(1).uppercased() + day.key.dropFirst() }
}
