import Testing
@testable import ICalendar

@Suite struct TimeZoneTests {
    static let outlookZone = """
        BEGIN:VTIMEZONE
        TZID:W. Europe Standard Time
        BEGIN:STANDARD
        DTSTART:16010101T030000
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:16010101T020000
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
        END:DAYLIGHT
        END:VTIMEZONE
        """

    @Test func outlookZoneWithVTIMEZONE() throws {
        let ics = calendar(TimeZoneTests.outlookZone + "\n" + event("DTSTART;TZID=W. Europe Standard Time:20270419T080000\nDTEND;TZID=W. Europe Standard Time:20270419T093000\nX-MICROSOFT-CDO-BUSYSTATUS:BUSY"))
        #expect(try busy(ics) == ["2027-04-19T06:00:00Z/2027-04-19T07:30:00Z"])
    }

    @Test func windowsNameWithoutVTIMEZONEMapsToIANA() throws {
        let ics = calendar(event("DTSTART;TZID=W. Europe Standard Time:20270119T080000\nDTEND;TZID=W. Europe Standard Time:20270119T090000"))
        #expect(try busy(ics) == ["2027-01-19T07:00:00Z/2027-01-19T08:00:00Z"])
        let pacific = calendar(event("DTSTART;TZID=Pacific Standard Time:20270419T080000\nDTEND;TZID=Pacific Standard Time:20270419T090000"))
        #expect(try busy(pacific) == ["2027-04-19T15:00:00Z/2027-04-19T16:00:00Z"])
    }

    @Test func embeddedVTIMEZONEWinsOverIANAName() throws {
        // A stale or odd VTIMEZONE named like an IANA zone: the file's rules are what its author saw.
        let stale = """
            BEGIN:VTIMEZONE
            TZID:Europe/Berlin
            BEGIN:STANDARD
            DTSTART:19700101T000000
            TZOFFSETFROM:+0300
            TZOFFSETTO:+0300
            END:STANDARD
            END:VTIMEZONE
            """
        let ics = calendar(stale + "\n" + event("DTSTART;TZID=Europe/Berlin:20270419T080000\nDTEND;TZID=Europe/Berlin:20270419T090000"))
        #expect(try busy(ics) == ["2027-04-19T05:00:00Z/2027-04-19T06:00:00Z"])
    }

    @Test func vendorPrefixedIANAName() throws {
        let ics = calendar(event("DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20270419T080000\nDTEND;TZID=/mozilla.org/20050126_1/Europe/Berlin:20270419T090000"))
        #expect(try busy(ics) == ["2027-04-19T06:00:00Z/2027-04-19T07:00:00Z"])
    }

    @Test func leadingSlashTZID() throws {
        let ics = calendar(event("DTSTART;TZID=/Europe/Stockholm:20270419T080000\nDTEND;TZID=/Europe/Stockholm:20270419T090000"))
        #expect(try busy(ics) == ["2027-04-19T06:00:00Z/2027-04-19T07:00:00Z"])
    }

    /// A TZID with neither VTIMEZONE nor IANA/Windows match is read in the reader's zone with a
    /// warning (as Thunderbird does) — never UTC, never a whole-file error, the name never quoted.
    @Test func unknownTZIDIsReadInTheGivenZoneWithAWarning() throws {
        let ics = calendar(event("DTSTART;TZID=Mars/Olympus_Mons:20270419T080000\nDTEND;TZID=Mars/Olympus_Mons:20270419T090000"))
        #expect(try busy(ics) == ["2027-04-19T06:00:00Z/2027-04-19T07:00:00Z"])
        #expect(try busy(ics, zone: CalendarTimeZone(identifier: "UTC")) == ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z"])
        let result = try BusyTimeReader.read(CalendarSource(name: "m.ics", bytes: Array(ics.utf8)), window: window("2027-04-01", "2027-05-01"), zone: berlin)
        #expect(result.warnings.map(\.description) == ["m.ics:4: unknown time zone (no VTIMEZONE in the file and not an IANA or Windows zone name): its times are read in Europe/Berlin"])
    }

    /// An embedded VTIMEZONE wins whatever its name: quoted, spaced or empty.
    @Test func embeddedVTIMEZONEWinsWhateverItsName() throws {
        for (vtimezone, parameter) in [("TZID:\"Rathaus Zeit\"", "TZID=Rathaus Zeit"), ("TZID: Rathaus Zeit ", "TZID=\"Rathaus Zeit\""),
                                       ("TZID:", "TZID=")] {
            let zone = TimeZoneTests.outlookZone.replacingOccurrences(of: "TZID:W. Europe Standard Time", with: vtimezone)
                .replacingOccurrences(of: "TZOFFSETTO:+0200", with: "TZOFFSETTO:+0300")
            let ics = calendar(zone + "\n" + event("DTSTART;\(parameter):20270419T080000\nDURATION:PT1H"))
            #expect(try busy(ics) == ["2027-04-19T05:00:00Z/2027-04-19T06:00:00Z"], "\(vtimezone)")
        }
    }
}
