import Testing
@testable import ICalendar

/// `RecurrenceRule` is the compact copy of libical's `icalrecurrencetype` (issue 10, issue 16 item 4):
/// every part of a rule must survive the copy, so libical iterates the same rule from it.
@Suite struct RecurrenceRuleTests {
    /// Rules as written → as libical writes them again after the copy (libical's own order of parts).
    @Test(arguments: [
        ("FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU"),
        ("FREQ=MONTHLY;BYDAY=3TU", "FREQ=MONTHLY;BYDAY=3TU"),
        ("FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=2", "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR"),
        ("FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3,10"),
        ("FREQ=DAILY;COUNT=10;BYHOUR=9,14;BYMINUTE=30", "FREQ=DAILY;COUNT=10;BYMINUTE=30;BYHOUR=9,14"),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"),
        ("FREQ=YEARLY;BYYEARDAY=1,100,-1;BYWEEKNO=20", "FREQ=YEARLY;BYYEARDAY=1,100,-1;BYWEEKNO=20"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15,-1;WKST=SU", "FREQ=MONTHLY;BYMONTHDAY=1,15,-1;WKST=SU"),
        ("FREQ=MINUTELY;INTERVAL=15;BYSECOND=0,30", "FREQ=MINUTELY;INTERVAL=15;BYSECOND=0,30"),
    ])
    func survivesTheCopy(_ written: String, _ expected: String) throws {
        let rule = try #require(RecurrenceRule(text: written))
        #expect(rule.text == expected)
    }

    @Test func keepsOnlyTheListsThatAreSet() throws {
        let rule = try #require(RecurrenceRule(text: "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"))
        #expect(rule.lists == [RecurrenceRule.List(part: .day, values: rule.lists[0].values),
                               RecurrenceRule.List(part: .month, values: [10])])
        #expect(rule.lists[0].values.count == 1)
        // libical's struct is kilobytes; the copy is a few words plus the lists that are set.
        #expect(MemoryLayout<RecurrenceRule>.size < 128)
    }

    @Test func untilIsKeptAsWritten() throws {
        let utc = try #require(RecurrenceRule(text: "FREQ=WEEKLY;UNTIL=20270430T220000Z"))
        #expect(utc.until == RecurrenceRule.Until(local: LocalDateTime(date: LocalDate(unchecked: 2027, 4, 30), hour: 22, minute: 0, second: 0),
                                                  isDate: false, isUTC: true))
        let date = try #require(RecurrenceRule(text: "FREQ=DAILY;UNTIL=20270430"))
        #expect(date.until?.isDate == true)
        #expect(date.until?.local.date == LocalDate(unchecked: 2027, 4, 30))
        #expect(try #require(RecurrenceRule(text: "FREQ=DAILY")).until == nil)
        #expect(RecurrenceRule(text: "BYDAY=MO") == nil)
    }
}
