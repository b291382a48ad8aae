import Testing
@testable import ICalendar

/// Recurrence expansion, as a table: event lines → expected busy intervals (UTC).
@Suite struct RecurrenceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var ics: String
        var from = "2027-01-01"
        var to = "2028-01-01"
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "third Tuesday across DST (CET → CEST)",
             ics: calendar(event("DTSTART;TZID=Europe/Berlin:20270216T170000\nDTEND;TZID=Europe/Berlin:20270216T190000\nRRULE:FREQ=MONTHLY;BYDAY=3TU;COUNT=3")),
             expected: ["2027-02-16T16:00:00Z/2027-02-16T18:00:00Z", "2027-03-16T16:00:00Z/2027-03-16T18:00:00Z",
                        "2027-04-20T15:00:00Z/2027-04-20T17:00:00Z"]),
        Case(name: "weekly with UNTIL in UTC and EXDATE",
             ics: calendar(event("DTSTART;TZID=Europe/Berlin:20270405T090000\nDTEND;TZID=Europe/Berlin:20270405T100000\nRRULE:FREQ=WEEKLY;UNTIL=20270426T070000Z\nEXDATE;TZID=Europe/Berlin:20270412T090000")),
             expected: ["2027-04-05T07:00:00Z/2027-04-05T08:00:00Z", "2027-04-19T07:00:00Z/2027-04-19T08:00:00Z",
                        "2027-04-26T07:00:00Z/2027-04-26T08:00:00Z"]),
        Case(name: "UNTIL before the last candidate excludes it",
             ics: calendar(event("DTSTART;TZID=Europe/Berlin:20270405T090000\nDTEND;TZID=Europe/Berlin:20270405T100000\nRRULE:FREQ=WEEKLY;UNTIL=20270419T065959Z")),
             expected: ["2027-04-05T07:00:00Z/2027-04-05T08:00:00Z", "2027-04-12T07:00:00Z/2027-04-12T08:00:00Z"]),
        Case(name: "daily all-day with DATE EXDATE and DATE UNTIL",
             ics: calendar(event("DTSTART;VALUE=DATE:20270419\nDTEND;VALUE=DATE:20270420\nRRULE:FREQ=DAILY;UNTIL=20270422\nEXDATE;VALUE=DATE:20270420,20270421")),
             expected: ["2027-04-18T22:00:00Z/2027-04-19T22:00:00Z", "2027-04-21T22:00:00Z/2027-04-22T22:00:00Z"]),
        Case(name: "RDATE as DATE-TIME, DATE and PERIOD",
             ics: calendar(event("DTSTART:20270419T080000Z\nDTEND:20270419T090000Z\nRDATE:20270420T100000Z\nRDATE;VALUE=PERIOD:20270421T120000Z/PT3H,20270422T120000Z/20270422T123000Z")),
             expected: ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z", "2027-04-20T10:00:00Z/2027-04-20T11:00:00Z",
                        "2027-04-21T12:00:00Z/2027-04-21T15:00:00Z", "2027-04-22T12:00:00Z/2027-04-22T12:30:00Z"]),
        Case(name: "override moves an instance, another cancels one, a third is transparent",
             ics: calendar([
                event("DTSTART;TZID=Europe/Berlin:20270419T090000\nDTEND;TZID=Europe/Berlin:20270419T100000\nRRULE:FREQ=DAILY;COUNT=4"),
                event("RECURRENCE-ID;TZID=Europe/Berlin:20270420T090000\nDTSTART;TZID=Europe/Berlin:20270420T140000\nDTEND;TZID=Europe/Berlin:20270420T160000"),
                event("RECURRENCE-ID;TZID=Europe/Berlin:20270421T090000\nDTSTART;TZID=Europe/Berlin:20270421T090000\nDTEND;TZID=Europe/Berlin:20270421T100000\nSTATUS:CANCELLED"),
                event("RECURRENCE-ID:20270422T070000Z\nDTSTART;TZID=Europe/Berlin:20270422T090000\nDTEND;TZID=Europe/Berlin:20270422T100000\nTRANSP:TRANSPARENT"),
             ].joined(separator: "\n")),
             expected: ["2027-04-19T07:00:00Z/2027-04-19T08:00:00Z", "2027-04-20T12:00:00Z/2027-04-20T14:00:00Z"]),
        Case(name: "override is busy although the series is cancelled",
             ics: calendar([
                event("DTSTART:20270419T090000Z\nDTEND:20270419T100000Z\nRRULE:FREQ=DAILY;COUNT=3\nSTATUS:CANCELLED"),
                event("RECURRENCE-ID:20270420T090000Z\nDTSTART:20270420T090000Z\nDTEND:20270420T100000Z\nSTATUS:CONFIRMED"),
             ].joined(separator: "\n")),
             expected: ["2027-04-20T09:00:00Z/2027-04-20T10:00:00Z"]),
        Case(name: "override without master and override matching no instance",
             ics: calendar([
                event("RECURRENCE-ID:20270420T090000Z\nDTSTART:20270420T090000Z\nDTEND:20270420T100000Z", uid: "orphan"),
                event("DTSTART:20270419T090000Z\nDTEND:20270419T100000Z\nRRULE:FREQ=DAILY;COUNT=1", uid: "s"),
                event("RECURRENCE-ID:20270425T090000Z\nDTSTART:20270425T110000Z\nDTEND:20270425T120000Z", uid: "s"),
             ].joined(separator: "\n")),
             expected: ["2027-04-19T09:00:00Z/2027-04-19T10:00:00Z", "2027-04-20T09:00:00Z/2027-04-20T10:00:00Z",
                        "2027-04-25T11:00:00Z/2027-04-25T12:00:00Z"]),
        Case(name: "open-ended daily series only inside the window",
             ics: calendar(event("DTSTART;TZID=Europe/Berlin:20200101T120000\nDTEND;TZID=Europe/Berlin:20200101T123000\nRRULE:FREQ=DAILY")),
             from: "2027-04-19", to: "2027-04-21",
             expected: ["2027-04-19T10:00:00Z/2027-04-19T10:30:00Z", "2027-04-20T10:00:00Z/2027-04-20T10:30:00Z"]),
        Case(name: "instance starting before the window reaches into it",
             ics: calendar(event("DTSTART;TZID=Europe/Berlin:20270101T220000\nDTEND;TZID=Europe/Berlin:20270102T020000\nRRULE:FREQ=WEEKLY;BYDAY=SU")),
             from: "2027-04-19", to: "2027-04-20",
             expected: ["2027-04-18T22:00:00Z/2027-04-19T00:00:00Z"]),
        Case(name: "EXRULE removes instances",
             ics: calendar(event("DTSTART:20270419T090000Z\nDTEND:20270419T100000Z\nRRULE:FREQ=DAILY;COUNT=5\nEXRULE:FREQ=DAILY;INTERVAL=2;COUNT=3")),
             expected: ["2027-04-20T09:00:00Z/2027-04-20T10:00:00Z", "2027-04-22T09:00:00Z/2027-04-22T10:00:00Z"]),
        Case(name: "UTC series keeps UTC times across DST",
             ics: calendar(event("DTSTART:20270325T080000Z\nDTEND:20270325T090000Z\nRRULE:FREQ=WEEKLY;COUNT=2")),
             expected: ["2027-03-25T08:00:00Z/2027-03-25T09:00:00Z", "2027-04-01T08:00:00Z/2027-04-01T09:00:00Z"]),
        Case(name: "zoned series keeps local times across DST",
             ics: calendar(event("DTSTART;TZID=Europe/Berlin:20271025T080000\nDTEND;TZID=Europe/Berlin:20271025T090000\nRRULE:FREQ=WEEKLY;COUNT=2")),
             expected: ["2027-10-25T06:00:00Z/2027-10-25T07:00:00Z", "2027-11-01T07:00:00Z/2027-11-01T08:00:00Z"]),
        Case(name: "DATE RECURRENCE-ID overrides an all-day instance",
             ics: calendar([
                event("DTSTART;VALUE=DATE:20270419\nRRULE:FREQ=WEEKLY;COUNT=2"),
                event("RECURRENCE-ID;VALUE=DATE:20270426\nDTSTART;VALUE=DATE:20270427\nTRANSP:TRANSPARENT"),
             ].joined(separator: "\n")),
             expected: ["2027-04-18T22:00:00Z/2027-04-19T22:00:00Z"]),
        Case(name: "RANGE=THISANDFUTURE moves later instances too",
             ics: calendar([
                event("DTSTART;TZID=Europe/Berlin:20270419T100000\nDTEND;TZID=Europe/Berlin:20270419T110000\nRRULE:FREQ=DAILY;COUNT=4"),
                event("RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20270421T100000\nDTSTART;TZID=Europe/Berlin:20270421T120000\nDTEND;TZID=Europe/Berlin:20270421T123000"),
             ].joined(separator: "\n")),
             expected: ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z", "2027-04-20T08:00:00Z/2027-04-20T09:00:00Z",
                        "2027-04-21T10:00:00Z/2027-04-21T10:30:00Z", "2027-04-22T10:00:00Z/2027-04-22T10:30:00Z"]),
        Case(name: "rule instances at a local time that does not exist are dropped (RFC 5545 §3.3.10)",
             ics: calendar(event("DTSTART;TZID=Europe/Berlin:20270327T023000\nDTEND;TZID=Europe/Berlin:20270327T030000\nRRULE:FREQ=DAILY;UNTIL=20270329T235959Z")),
             expected: ["2027-03-27T01:30:00Z/2027-03-27T02:00:00Z", "2027-03-29T00:30:00Z/2027-03-29T01:00:00Z"]),
        Case(name: "DTSTART in the gap uses the offset before it; an ambiguous time means the first",
             ics: calendar([
                event("DTSTART;TZID=Europe/Berlin:20270328T023000\nDTEND;TZID=Europe/Berlin:20270328T040000", uid: "gap"),
                event("DTSTART;TZID=Europe/Berlin:20271031T023000\nDTEND;TZID=Europe/Berlin:20271031T040000", uid: "overlap"),
             ].joined(separator: "\n")),
             expected: ["2027-03-28T01:30:00Z/2027-03-28T02:00:00Z", "2027-10-31T00:30:00Z/2027-10-31T03:00:00Z"]),
    ]

    @Test(arguments: cases)
    func expands(_ c: Case) throws {
        #expect(try busy(c.ics, from: c.from, to: c.to) == c.expected)
    }
}
