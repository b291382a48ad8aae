import CalendarValues

/// How a holiday's date follows from the year.
enum DateRule: Sendable {
    /// The same day every year.
    case fixed(month: Int, day: Int)
    /// `offset` days after Easter Sunday (negative: before).
    case easter(offset: Int)
    /// Buß- und Bettag: the last Wednesday before 23 November (16–22 November).
    case wednesdayBefore23November

    func date(in year: Int) -> LocalDate {
        switch self {
        case .fixed(let month, let day):
            return LocalDate(year: year, month: month, day: day)!
        case .easter(let offset):
            return Easter.sunday(of: year).adding(days: offset)
        case .wednesdayBefore23November:
            let november22 = LocalDate(year: year, month: 11, day: 22)!
            // ISO weekday 3 is Wednesday; step back to it (0 days if the 22nd is one).
            return november22.adding(days: -((november22.isoWeekday - 3 + 7) % 7))
        }
    }
}

/// Where and in which years a holiday is statutory: a list of (states, years) clauses, any of
/// which may apply.
struct Observance: Sendable {
    var states: Set<GermanState>
    var years: ClosedRange<Int>

    /// Every year the rules cover: the state holiday laws as they stand since reunification.
    static let always = 1990...Int.max

    init(_ states: [GermanState], years: ClosedRange<Int> = always) {
        self.states = Set(states)
        self.years = years
    }

    init(_ states: [GermanState], since year: Int) {
        self.init(states, years: year...Int.max)
    }

    static let everywhere = [Observance(GermanState.allCases)]
}

/// One statutory holiday of German state law.
struct HolidayRule: Sendable {
    var name: String
    var date: DateRule
    var observed: [Observance]

    func applies(to state: GermanState, in year: Int) -> Bool {
        observed.contains { $0.states.contains(state) && $0.years.contains(year) }
    }
}

extension HolidayRule {
    /// All holidays, in calendar order. When two fall on the same day (Christi Himmelfahrt on
    /// 1 May 2008) they are listed in this order.
    ///
    /// Sources: the holiday laws of the 16 states (FTG, FeiertagsG, SächsSFG, …) as summarised in
    /// https://de.wikipedia.org/wiki/Gesetzliche_Feiertage_in_Deutschland, cross-checked against
    /// python `holidays` 0.108 (Tests/CrossCheck/test_holidays_reference.py).
    ///
    /// Only holidays that hold in the whole state are listed. Left out on purpose, as python
    /// `holidays` does in its default (public) category:
    /// - Mariä Himmelfahrt in Bayern: statutory only in municipalities with a predominantly
    ///   Catholic population (BayFTG Art. 1 Abs. 1 Nr. 2) — most, but not all, of the state.
    /// - Fronleichnam in Sachsen and Thüringen: only in named municipalities with a Catholic
    ///   tradition (parts of the Sorbian area of Upper Lusatia, the Eichsfeld).
    /// - Augsburger Hohes Friedensfest (8 August): the city of Augsburg only.
    static let all: [HolidayRule] = [
        HolidayRule(name: "Neujahr", date: .fixed(month: 1, day: 1), observed: Observance.everywhere),
        HolidayRule(name: "Heilige Drei Könige", date: .fixed(month: 1, day: 6),
                    observed: [Observance([.bw, .by, .st])]),
        HolidayRule(name: "Internationaler Frauentag", date: .fixed(month: 3, day: 8),
                    observed: [Observance([.be], since: 2019), Observance([.mv], since: 2023)]),
        HolidayRule(name: "Karfreitag", date: .easter(offset: -2), observed: Observance.everywhere),
        HolidayRule(name: "Ostersonntag", date: .easter(offset: 0), observed: [Observance([.bb])]),
        HolidayRule(name: "Ostermontag", date: .easter(offset: 1), observed: Observance.everywhere),
        HolidayRule(name: "Tag der Arbeit", date: .fixed(month: 5, day: 1), observed: Observance.everywhere),
        // Berlin, once each: the 75th and 80th anniversaries of the end of the war in Europe.
        HolidayRule(name: "Tag der Befreiung", date: .fixed(month: 5, day: 8),
                    observed: [Observance([.be], years: 2020...2020), Observance([.be], years: 2025...2025)]),
        HolidayRule(name: "Christi Himmelfahrt", date: .easter(offset: 39), observed: Observance.everywhere),
        HolidayRule(name: "Pfingstsonntag", date: .easter(offset: 49), observed: [Observance([.bb])]),
        HolidayRule(name: "Pfingstmontag", date: .easter(offset: 50), observed: Observance.everywhere),
        HolidayRule(name: "Fronleichnam", date: .easter(offset: 60),
                    observed: [Observance([.bw, .by, .he, .nw, .rp, .sl])]),
        // Berlin, once: the 75th anniversary of the uprising in the GDR.
        HolidayRule(name: "75. Jahrestag des Aufstandes vom 17. Juni 1953", date: .fixed(month: 6, day: 17),
                    observed: [Observance([.be], years: 2028...2028)]),
        HolidayRule(name: "Mariä Himmelfahrt", date: .fixed(month: 8, day: 15), observed: [Observance([.sl])]),
        HolidayRule(name: "Weltkindertag", date: .fixed(month: 9, day: 20), observed: [Observance([.th], since: 2019)]),
        HolidayRule(name: "Tag der Deutschen Einheit", date: .fixed(month: 10, day: 3), observed: Observance.everywhere),
        HolidayRule(name: "Reformationstag", date: .fixed(month: 10, day: 31), observed: [
            Observance([.bb, .mv, .sn, .st, .th]),
            Observance([.hb, .hh, .ni, .sh], since: 2018),
            // 500 years of the Reformation: once in every state.
            Observance(GermanState.allCases, years: 2017...2017),
        ]),
        HolidayRule(name: "Allerheiligen", date: .fixed(month: 11, day: 1),
                    observed: [Observance([.bw, .by, .nw, .rp, .sl])]),
        // Abolished everywhere else from 1995 to fund the long-term care insurance.
        HolidayRule(name: "Buß- und Bettag", date: .wednesdayBefore23November, observed: [Observance([.sn])]),
        HolidayRule(name: "Erster Weihnachtstag", date: .fixed(month: 12, day: 25), observed: Observance.everywhere),
        HolidayRule(name: "Zweiter Weihnachtstag", date: .fixed(month: 12, day: 26), observed: Observance.everywhere),
    ]
}
