import Testing
@testable import ICalendar

@Suite struct FreeBusyWriterTests {
    @Test func writesVFREEBUSYThatReadsBackTheSame() throws {
        let w = window("2027-04-19", "2027-04-21")
        let busyIntervals = [
            Interval(start: Instant(rfc3339: "2027-04-19T06:00:00Z")!, end: Instant(rfc3339: "2027-04-19T08:00:00Z")!),
            Interval(start: Instant(rfc3339: "2027-04-20T12:00:00Z")!, end: Instant(rfc3339: "2027-04-20T12:30:00Z")!),
        ]
        let text = FreeBusyWriter.document(busy: busyIntervals, window: w, stamp: Instant(rfc3339: "2027-04-01T09:00:00Z")!, uid: "fb-1@convene")
        #expect(text == [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//convene//convene 0.1//EN", "BEGIN:VFREEBUSY",
            "UID:fb-1@convene", "DTSTAMP:20270401T090000Z", "DTSTART:20270418T220000Z", "DTEND:20270420T220000Z",
            "FREEBUSY;FBTYPE=BUSY:20270419T060000Z/20270419T080000Z",
            "FREEBUSY;FBTYPE=BUSY:20270420T120000Z/20270420T123000Z",
            "END:VFREEBUSY", "END:VCALENDAR", "",
        ].joined(separator: "\r\n"))
        let back = try BusyTimeReader.read(CalendarSource(name: "fb.ics", bytes: Array(text.utf8)), window: w, zone: berlin)
        #expect(back.intervals == busyIntervals)
        #expect(back.warnings.isEmpty)
    }
}
