import CalendarSources
import ConveneCore
import Holidays
import CalendarValues
import SampleSupport
import Testing
@testable import Scheduling

/// Library-level goldens of the text Scheduling produces (the CLI's goldens cover the commands).
@Suite struct ReportSnapshotTests {
    @Test func holidaysText() throws {
        let holidays = try PublicHolidays.holidays(in: 2027, region: .bw)
        try assertSnapshot(HolidaysReport.text(holidays, year: 2027, region: .bw), named: "holidays-2027-bw.txt")
        let json = HolidaysReport.json(Array(holidays.prefix(2)), region: .bw)
        #expect(json == #"{"region":"DE-BW","holidays":[{"date":"2027-01-01","name":"Neujahr"},{"date":"2027-01-06","name":"Heilige Drei Könige"}]}"#)
    }

    @Test func freeBusyTextAndJSON() throws {
        let window = Interval(start: at("2027-04-19T00:00"), end: at("2027-04-22T00:00"))
        let intervals = busy(("2027-04-19T08:00", "2027-04-19T10:00"), ("2027-04-20T13:30", "2027-04-21T00:00"))
        try assertSnapshot(FreeBusyReport.text(intervals, window: window, zone: berlin, fileCount: 2, style: TextStyle(enabled: false)),
                           named: "freebusy-three-days.txt")
        #expect(FreeBusyReport.json(intervals)
            == #"{"busy":[{"start":"2027-04-19T06:00:00Z","end":"2027-04-19T08:00:00Z"},{"start":"2027-04-20T11:30:00Z","end":"2027-04-20T22:00:00Z"}],"unknown":[],"warnings":0}"#)
        #expect(FreeBusyReport.json([]) == #"{"busy":[],"unknown":[],"warnings":0}"#)
    }
}
