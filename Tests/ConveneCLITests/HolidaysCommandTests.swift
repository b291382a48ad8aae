import Foundation
import Testing

/// `convene holidays` is a contract: these tests pin its shape.
@Suite struct HolidaysCommandTests {
    static let badenWuerttemberg2027 = #"{"region":"DE-BW","holidays":[{"date":"2027-01-01","name":"Neujahr"},{"date":"2027-01-06","name":"Heilige Drei Könige"},{"date":"2027-03-26","name":"Karfreitag"},{"date":"2027-03-29","name":"Ostermontag"},{"date":"2027-05-01","name":"Tag der Arbeit"},{"date":"2027-05-06","name":"Christi Himmelfahrt"},{"date":"2027-05-17","name":"Pfingstmontag"},{"date":"2027-05-27","name":"Fronleichnam"},{"date":"2027-10-03","name":"Tag der Deutschen Einheit"},{"date":"2027-11-01","name":"Allerheiligen"},{"date":"2027-12-25","name":"Erster Weihnachtstag"},{"date":"2027-12-26","name":"Zweiter Weihnachtstag"}]}"#
        + "\n"

    @Test func jsonIsTheContractShape() throws {
        let result = try CLI.run(["holidays", "--year", "2027", "--region", "DE-BW", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == Self.badenWuerttemberg2027)
        // UTF-8, umlauts as they are, not \u escapes.
        #expect(Array(result.stdout.utf8).contains(0xC3))
        #expect(!result.stdout.contains(#"\u"#))
    }

    @Test func regionDefaultsToBadenWuerttemberg() throws {
        let result = try CLI.run(["holidays", "--year", "2027", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stdout == Self.badenWuerttemberg2027)
    }

    @Test func jsonParsesAndIsSortedForEveryState() throws {
        for code in ["DE-BB", "DE-BE", "DE-BY", "DE-SN", "DE-TH"] {
            let result = try CLI.run(["holidays", "--year", "2025", "--region", code, "--format", "json"])
            #expect(result.status == 0, "\(code)")
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(doc["region"] as? String == code)
            let holidays = try #require(doc["holidays"] as? [[String: String]])
            let dates = holidays.compactMap { $0["date"] }
            #expect(dates.count == holidays.count)
            #expect(dates == dates.sorted())
        }
    }

    @Test func stateSpecificDaysReachTheOutput() throws {
        let berlin = try CLI.run(["holidays", "--year", "2025", "--region", "DE-BE", "--format", "json"]).stdout
        #expect(berlin.contains(#"{"date":"2025-03-08","name":"Internationaler Frauentag"}"#))
        #expect(berlin.contains(#"{"date":"2025-05-08","name":"Tag der Befreiung"}"#))
        let saxony = try CLI.run(["holidays", "--year", "2027", "--region", "de-sn", "--format", "json"]).stdout
        #expect(saxony.hasPrefix(#"{"region":"DE-SN","#))
        #expect(saxony.contains(#"{"date":"2027-11-17","name":"Buß- und Bettag"}"#))
        let bavaria = try CLI.run(["holidays", "--year", "2027", "--region", "DE-BY", "--format", "json"]).stdout
        #expect(!bavaria.contains("Mariä Himmelfahrt"))
    }

    @Test func textIsAnAlignedTable() throws {
        let result = try CLI.run(["holidays", "--year", "2027", "--region", "DE-BW"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            Public holidays 2027 in Baden-Württemberg (DE-BW)

            01.01.2027  Fr  Neujahr
            06.01.2027  Mi  Heilige Drei Könige
            26.03.2027  Fr  Karfreitag
            29.03.2027  Mo  Ostermontag
            01.05.2027  Sa  Tag der Arbeit
            06.05.2027  Do  Christi Himmelfahrt
            17.05.2027  Mo  Pfingstmontag
            27.05.2027  Do  Fronleichnam
            03.10.2027  So  Tag der Deutschen Einheit
            01.11.2027  Mo  Allerheiligen
            25.12.2027  Sa  Erster Weihnachtstag
            26.12.2027  So  Zweiter Weihnachtstag

            12 public holidays.

            """)
    }

    @Test func twoHolidaysOnOneDayAreTwoLines() throws {
        let result = try CLI.run(["holidays", "--year", "2008", "--region", "DE-BW", "--format", "text"])
        #expect(result.stdout.contains("01.05.2008  Do  Tag der Arbeit\n01.05.2008  Do  Christi Himmelfahrt\n"))
    }

    @Test func unknownRegionNamesTheValidCodes() throws {
        let result = try CLI.run(["holidays", "--year", "2027", "--region", "DE-XX"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("convene: error: --region 'DE-XX' is not a German state; use one of DE-BB, DE-BE, DE-BW, DE-BY, DE-HB, DE-HE, DE-HH, DE-MV, DE-NI, DE-NW, DE-RP, DE-SH, DE-SL, DE-SN, DE-ST, DE-TH.\n"))
        let bare = try CLI.run(["holidays", "--year", "2027", "--region", "BW"])
        #expect(bare.status == 64)
        #expect(bare.stderr.contains("--region 'BW' is not a German state"))
    }

    @Test(arguments: ["1994", "2101"])
    func yearOutsideTheRulesIsAUsageError(year: String) throws {
        let result = try CLI.run(["holidays", "--year", year, "--format", "json"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("convene: error: --year \(year) is outside the supported years; give a year from 1995 to 2100.\n"))
    }

    @Test func firstAndLastSupportedYearsWork() throws {
        #expect(try CLI.run(["holidays", "--year", "1995", "--format", "json"]).status == 0)
        #expect(try CLI.run(["holidays", "--year", "2100", "--format", "json"]).status == 0)
    }

    @Test func yearIsRequiredAndNumeric() throws {
        let missing = try CLI.run(["holidays"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("--year"))
        let words = try CLI.run(["holidays", "--year", "next"])
        #expect(words.status == 64)
        let format = try CLI.run(["holidays", "--year", "2027", "--format", "ics"])
        #expect(format.status == 64)
    }
}
