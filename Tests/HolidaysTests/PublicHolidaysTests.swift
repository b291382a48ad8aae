import CalendarValues
import Testing
@testable import Holidays

/// `"2027-05-06"` → LocalDate, for readable tables.
private func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

private func names(_ year: Int, _ region: GermanState) throws -> [String: String] {
    var byDate: [String: String] = [:]
    for holiday in try PublicHolidays.holidays(in: year, region: region) {
        byDate[holiday.date.description, default: ""] += holiday.name
    }
    return byDate
}

@Suite struct PublicHolidaysTests {
    @Test func badenWuerttemberg2027Exactly() throws {
        let expected = [
            ("2027-01-01", "Neujahr"),
            ("2027-01-06", "Heilige Drei Könige"),
            ("2027-03-26", "Karfreitag"),
            ("2027-03-29", "Ostermontag"),
            ("2027-05-01", "Tag der Arbeit"),
            ("2027-05-06", "Christi Himmelfahrt"),
            ("2027-05-17", "Pfingstmontag"),
            ("2027-05-27", "Fronleichnam"),
            ("2027-10-03", "Tag der Deutschen Einheit"),
            ("2027-11-01", "Allerheiligen"),
            ("2027-12-25", "Erster Weihnachtstag"),
            ("2027-12-26", "Zweiter Weihnachtstag"),
        ].map { Holiday(date: day($0.0), name: $0.1) }
        #expect(try PublicHolidays.holidays(in: 2027, region: .bw) == expected)
    }

    @Test func berlin2027IsTheFederalMinimumPlusFrauentag() throws {
        let got = try PublicHolidays.holidays(in: 2027, region: .be).map(\.description)
        #expect(got == [
            "2027-01-01 Neujahr", "2027-03-08 Internationaler Frauentag", "2027-03-26 Karfreitag",
            "2027-03-29 Ostermontag", "2027-05-01 Tag der Arbeit", "2027-05-06 Christi Himmelfahrt",
            "2027-05-17 Pfingstmontag", "2027-10-03 Tag der Deutschen Einheit",
            "2027-12-25 Erster Weihnachtstag", "2027-12-26 Zweiter Weihnachtstag",
        ])
    }

    @Test(arguments: GermanState.allCases)
    func reformationstag2017InEveryState(region: GermanState) throws {
        let reformation = try PublicHolidays.holidays(in: 2017, region: region).filter { $0.date == day("2017-10-31") }
        #expect(reformation == [Holiday(date: day("2017-10-31"), name: "Reformationstag")])
    }

    /// (state, date of the first year, name): not a holiday the year before, a holiday from then on.
    @Test(arguments: [
        (GermanState.hb, "2018-10-31", "Reformationstag"),
        (.hh, "2018-10-31", "Reformationstag"),
        (.ni, "2018-10-31", "Reformationstag"),
        (.sh, "2018-10-31", "Reformationstag"),
        (.be, "2019-03-08", "Internationaler Frauentag"),
        (.mv, "2023-03-08", "Internationaler Frauentag"),
        (.th, "2019-09-20", "Weltkindertag"),
    ])
    func stateDaysStartInTheirYear(region: GermanState, first: String, name: String) throws {
        let date = day(first)
        // For Reformationstag the year before is 2016: 2017 was the nationwide one-off.
        let yearBefore = name == "Reformationstag" ? 2016 : date.year - 1
        #expect(PublicHolidays.holiday(on: LocalDate(year: yearBefore, month: date.month, day: date.day)!, region: region) == nil)
        for year in date.year...PublicHolidays.supportedYears.upperBound {
            #expect(PublicHolidays.holiday(on: LocalDate(year: year, month: date.month, day: date.day)!, region: region) == name)
        }
    }

    @Test(arguments: [
        (GermanState.bb, "Reformationstag"), (.mv, "Reformationstag"), (.sn, "Reformationstag"),
        (.st, "Reformationstag"), (.th, "Reformationstag"),
    ])
    func reformationstagInTheEastEveryYear(region: GermanState, name: String) {
        for year in PublicHolidays.supportedYears {
            #expect(PublicHolidays.holiday(on: LocalDate(year: year, month: 10, day: 31)!, region: region) == name)
        }
    }

    @Test func reformationstagNotInTheSouthWestAfter2017() {
        for region in [GermanState.bw, .by, .be, .he, .nw, .rp, .sl] {
            #expect(PublicHolidays.holiday(on: day("2016-10-31"), region: region) == nil)
            #expect(PublicHolidays.holiday(on: day("2018-10-31"), region: region) == nil)
            #expect(PublicHolidays.holiday(on: day("2027-10-31"), region: region) == nil)
        }
    }

    @Test func berlinOneOffDays() {
        #expect(PublicHolidays.holiday(on: day("2020-05-08"), region: .be) == "Tag der Befreiung")
        #expect(PublicHolidays.holiday(on: day("2025-05-08"), region: .be) == "Tag der Befreiung")
        #expect(PublicHolidays.holiday(on: day("2028-06-17"), region: .be) == "75. Jahrestag des Aufstandes vom 17. Juni 1953")
        for year in [2019, 2021, 2024, 2026, 2030] {
            #expect(PublicHolidays.holiday(on: LocalDate(year: year, month: 5, day: 8)!, region: .be) == nil)
        }
        #expect(PublicHolidays.holiday(on: day("2027-06-17"), region: .be) == nil)
        #expect(PublicHolidays.holiday(on: day("2020-05-08"), region: .bb) == nil)
        #expect(PublicHolidays.holiday(on: day("2028-06-17"), region: .bb) == nil)
    }

    @Test func brandenburgKeepsEasterAndWhitSunday() throws {
        let got = try names(2027, .bb)
        #expect(got["2027-03-28"] == "Ostersonntag")
        #expect(got["2027-05-16"] == "Pfingstsonntag")
        #expect(try names(2027, .be)["2027-03-28"] == nil)
    }

    @Test func catholicDays() throws {
        #expect(try names(2027, .sl)["2027-08-15"] == "Mariä Himmelfahrt")
        // Bayern: only in Catholic municipalities, so not a statewide holiday (as python holidays).
        #expect(try names(2027, .by)["2027-08-15"] == nil)
        // Fronleichnam: statewide in BW, BY, HE, NW, RP, SL; in SN and TH only locally.
        for region in GermanState.allCases {
            let statewide: Set<GermanState> = [.bw, .by, .he, .nw, .rp, .sl]
            #expect((try names(2027, region)["2027-05-27"] == "Fronleichnam") == statewide.contains(region), "\(region)")
        }
        for region in GermanState.allCases {
            let statewide: Set<GermanState> = [.bw, .by, .nw, .rp, .sl]
            #expect((try names(2027, region)["2027-11-01"] == "Allerheiligen") == statewide.contains(region), "\(region)")
            let epiphany: Set<GermanState> = [.bw, .by, .st]
            #expect((try names(2027, region)["2027-01-06"] == "Heilige Drei Könige") == epiphany.contains(region), "\(region)")
        }
    }

    /// Buß- und Bettag: the Wednesday before 23 November, in Sachsen only.
    @Test(arguments: [
        (1995, "1995-11-22"), (2000, "2000-11-22"), (2017, "2017-11-22"), (2020, "2020-11-18"),
        (2021, "2021-11-17"), (2022, "2022-11-16"), (2023, "2023-11-22"), (2024, "2024-11-20"),
        (2025, "2025-11-19"), (2026, "2026-11-18"), (2027, "2027-11-17"), (2100, "2100-11-17"),
    ])
    func bussUndBettag(year: Int, expected: String) throws {
        let found = try PublicHolidays.holidays(in: year, region: .sn).filter { $0.name == "Buß- und Bettag" }
        #expect(found.map(\.date.description) == [expected])
        #expect(found.first?.date.isoWeekday == 3)
        #expect(try PublicHolidays.holidays(in: year, region: .by).allSatisfy { $0.name != "Buß- und Bettag" })
    }

    @Test func twoHolidaysOnOneDay() throws {
        // Easter 2008 was 23 March, so Christi Himmelfahrt fell on 1 May.
        let may1 = try PublicHolidays.holidays(in: 2008, region: .bw).filter { $0.date == day("2008-05-01") }
        #expect(may1.map(\.name) == ["Tag der Arbeit", "Christi Himmelfahrt"])
        #expect(PublicHolidays.holiday(on: day("2008-05-01"), region: .bw) == "Tag der Arbeit; Christi Himmelfahrt")
    }

    @Test func yearsOutsideTheRulesAreErrors() {
        #expect(throws: HolidayError.unsupportedYear(1994)) { try PublicHolidays.holidays(in: 1994, region: .bw) }
        #expect(throws: HolidayError.unsupportedYear(2101)) { try PublicHolidays.holidays(in: 2101, region: .sn) }
        #expect(HolidayError.unsupportedYear(1990).description == "year 1990 is outside 1995–2100")
        #expect(HolidayError.unsupportedYear(2101).description == "year 2101 is outside 1995–2100")
        #expect(PublicHolidays.holiday(on: day("1994-12-25"), region: .bw) == nil)
        #expect(PublicHolidays.holiday(on: day("2101-01-01"), region: .bw) == nil)
        #expect(throws: Never.self) { try PublicHolidays.holidays(in: 1995, region: .bw) }
        #expect(throws: Never.self) { try PublicHolidays.holidays(in: 2100, region: .bw) }
    }

    /// Every day of every supported year: the lookup agrees with the yearly list.
    @Test(arguments: GermanState.allCases)
    func lookupAgreesWithYearlyList(region: GermanState) throws {
        for year in PublicHolidays.supportedYears {
            let list = try PublicHolidays.holidays(in: year, region: region)
            #expect(list == list.sorted { $0.date < $1.date })
            #expect(list.allSatisfy { $0.date.year == year })
            var expected: [LocalDate: String] = [:]
            for holiday in list {
                expected[holiday.date] = expected[holiday.date].map { $0 + PublicHolidays.nameSeparator + holiday.name } ?? holiday.name
            }
            var date = LocalDate(year: year, month: 1, day: 1)!
            while date.year == year {
                let got = PublicHolidays.holiday(on: date, region: region)
                if got != expected[date] {
                    Issue.record("\(region.rawValue) \(date): lookup \(got ?? "nil"), list \(expected[date] ?? "nil")")
                }
                date = date.adding(days: 1)
            }
        }
    }

    @Test func everyStateHasTheFederalDays() throws {
        for region in GermanState.allCases {
            let got = try names(2030, region)
            #expect(got["2030-01-01"] == "Neujahr")
            #expect(got["2030-05-01"] == "Tag der Arbeit")
            #expect(got["2030-10-03"] == "Tag der Deutschen Einheit")
            #expect(got["2030-12-25"] == "Erster Weihnachtstag")
            #expect(got["2030-12-26"] == "Zweiter Weihnachtstag")
        }
    }

    @Test func stateCodesAndNames() {
        #expect(GermanState.allCases.count == 16)
        #expect(Set(GermanState.allCases.map(\.name)).count == 16)
        #expect(GermanState(code: "DE-BW") == .bw)
        #expect(GermanState(code: "de-th")?.name == "Thüringen")
        #expect(GermanState(code: "BW") == nil)
        #expect(GermanState(code: "DE-XX") == nil)
        #expect(GermanState.by.name == "Bayern")
    }
}
