import Testing
@testable import ICalendar

/// The busy-time rules of `convene freebusy`, one case each.
@Suite struct BusyRulesTests {
    @Test func singleZonedEvent() throws {
        let ics = calendar(event("DTSTART;TZID=Europe/Berlin:20270419T080000\nDTEND;TZID=Europe/Berlin:20270419T100000"))
        #expect(try busy(ics) == ["2027-04-19T06:00:00Z/2027-04-19T08:00:00Z"])
    }

    @Test func transparentCancelledAndFreeAreNotBusy() throws {
        for marker in ["TRANSP:TRANSPARENT", "STATUS:CANCELLED", "X-MICROSOFT-CDO-BUSYSTATUS:FREE"] {
            let ics = calendar(event("DTSTART:20270419T080000Z\nDTEND:20270419T100000Z\n\(marker)"))
            #expect(try busy(ics) == [], "\(marker)")
        }
        for marker in ["TRANSP:OPAQUE", "STATUS:TENTATIVE", "X-MICROSOFT-CDO-BUSYSTATUS:OOF", "X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE"] {
            let ics = calendar(event("DTSTART:20270419T080000Z\nDTEND:20270419T100000Z\n\(marker)"))
            #expect(try busy(ics) == ["2027-04-19T08:00:00Z/2027-04-19T10:00:00Z"], "\(marker)")
        }
    }

    @Test func allDayEventsAreWholeLocalDays() throws {
        let ics = calendar(event("DTSTART;VALUE=DATE:20270503\nDTEND;VALUE=DATE:20270505"))
        #expect(try busy(ics) == ["2027-05-02T22:00:00Z/2027-05-04T22:00:00Z"])
        let newYork = try CalendarTimeZone(identifier: "America/New_York")
        #expect(try busy(ics, zone: newYork) == ["2027-05-03T04:00:00Z/2027-05-05T04:00:00Z"])
    }

    @Test func floatingTimesAreReadInTheGivenZone() throws {
        let ics = calendar(event("DTSTART:20270419T080000\nDTEND:20270419T090000"))
        #expect(try busy(ics) == ["2027-04-19T06:00:00Z/2027-04-19T07:00:00Z"])
        #expect(try busy(ics, zone: CalendarTimeZone(identifier: "UTC")) == ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z"])
    }

    @Test func endRules() throws {
        // DURATION when there is no DTEND.
        #expect(try busy(calendar(event("DTSTART:20270419T080000Z\nDURATION:PT90M"))) == ["2027-04-19T08:00:00Z/2027-04-19T09:30:00Z"])
        // DTEND wins over DURATION.
        #expect(try busy(calendar(event("DTSTART:20270419T080000Z\nDURATION:PT90M\nDTEND:20270419T083000Z"))) == ["2027-04-19T08:00:00Z/2027-04-19T08:30:00Z"])
        #expect(try busy(calendar(event("DTSTART:20270419T080000Z\nDTEND:20270419T083000Z\nDURATION:PT90M"))) == ["2027-04-19T08:00:00Z/2027-04-19T08:30:00Z"])
        // A DATE start without end is one day.
        #expect(try busy(calendar(event("DTSTART;VALUE=DATE:20270419"))) == ["2027-04-18T22:00:00Z/2027-04-19T22:00:00Z"])
        // A date-time without end has zero length and is dropped.
        #expect(try busy(calendar(event("DTSTART:20270419T080000Z"))) == [])
        // P1D on a DATE start across the DST change stays a whole local day (23 hours).
        #expect(try busy(calendar(event("DTSTART;VALUE=DATE:20270328\nDURATION:P1D"))) == ["2027-03-27T23:00:00Z/2027-03-28T22:00:00Z"])
    }

    @Test func clippedSortedAndMerged() throws {
        let ics = calendar([
            event("DTSTART:20270419T100000Z\nDTEND:20270419T120000Z", uid: "a"),
            event("DTSTART:20270419T080000Z\nDTEND:20270419T100000Z", uid: "b"),
            event("DTSTART:20270419T110000Z\nDTEND:20270419T130000Z", uid: "c"),
            event("DTSTART:20270418T200000Z\nDTEND:20270419T010000Z", uid: "d"),
        ].joined(separator: "\n"))
        #expect(try busy(ics, from: "2027-04-19", to: "2027-04-20") ==
                ["2027-04-18T22:00:00Z/2027-04-19T01:00:00Z", "2027-04-19T08:00:00Z/2027-04-19T13:00:00Z"])
    }

    @Test func freeBusyPeriods() throws {
        let ics = calendar("""
            BEGIN:VFREEBUSY
            UID:fb@test
            DTSTAMP:20260101T000000Z
            FREEBUSY:20270419T080000Z/20270419T090000Z
            FREEBUSY;FBTYPE=BUSY-TENTATIVE:20270419T100000Z/PT30M,20270419T120000Z/PT30M
            FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20270420T080000Z/20270420T090000Z
            FREEBUSY;FBTYPE=X-SOMETHING:20270421T080000Z/20270421T090000Z
            FREEBUSY;FBTYPE=FREE:20270419T080000Z/20270419T200000Z
            END:VFREEBUSY
            """)
        #expect(try busy(ics) == [
            "2027-04-19T08:00:00Z/2027-04-19T09:00:00Z", "2027-04-19T10:00:00Z/2027-04-19T10:30:00Z",
            "2027-04-19T12:00:00Z/2027-04-19T12:30:00Z", "2027-04-20T08:00:00Z/2027-04-20T09:00:00Z",
            "2027-04-21T08:00:00Z/2027-04-21T09:00:00Z",
        ])
    }

    @Test func severalCalendarsInOneFileAndLineFeedsOnly() throws {
        let one = calendar(event("DTSTART:20270419T080000Z\nDTEND:20270419T090000Z", uid: "a"), lineEnding: "\n")
        let two = calendar(event("DTSTART:20270420T080000Z\nDTEND:20270420T090000Z", uid: "b"), lineEnding: "\n")
        #expect(try busy(one + two) == ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z", "2027-04-20T08:00:00Z/2027-04-20T09:00:00Z"])
    }

    @Test func foldedLinesAndByteOrderMark() throws {
        let ics = "\u{FEFF}" + calendar(event("DTSTART;TZID=Europe/\r\n Berlin:20270419T0800\r\n 00\r\nDTEND;TZID=Europe/Berlin:20270419T100000\r\nSUMMARY:Sitzung mit sehr langem Titel über Digitalisierung, E-Akte und Parkraumman\r\n agement"))
        #expect(try busy(ics) == ["2027-04-19T06:00:00Z/2027-04-19T08:00:00Z"])
    }
}
