import Foundation
import Testing
@testable import ICalendar

/// Every kind of bad input gives a `CalendarError` with a useful line — never a crash, a hang or a
/// silently wrong answer.
@Suite struct BadInputTests {
    @Test func notICalendar() {
        #expect(readError("Hello, this is a letter.\n")?.description == "bad.ics:1: not an iCalendar file (expected BEGIN:VCALENDAR)")
        #expect(readError("BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n")?.description == "bad.ics:1: not an iCalendar file (expected BEGIN:VCALENDAR)")
        #expect(readError("")?.description == "bad.ics: empty file: no BEGIN:VCALENDAR")
        #expect(readError("\r\n\r\n")?.message == "empty file: no BEGIN:VCALENDAR")
    }

    @Test func truncated() throws {
        let full = calendar(event("DTSTART:20270419T080000Z\nDTEND:20270419T090000Z"))
        let missingEnd = String(full[..<full.range(of: "END:VCALENDAR")!.lowerBound])
        #expect(readError(missingEnd)?.description == "bad.ics:9: truncated: BEGIN:VCALENDAR at line 1 has no END")
        let midEvent = String(full[..<full.range(of: "DTEND")!.lowerBound]) + "DTEN"
        #expect(readError(midEvent)?.description == "bad.ics:8: truncated: BEGIN:VEVENT at line 4 has no END")
        #expect(readError("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n")?.description
                == "bad.ics:3: END does not match the BEGIN:VEVENT at line 2")
        // A misspelt END closes the innermost component with a warning.
        let misspelt = calendar("BEGIN:VTODO\nUID:t\nEND:VTOOD\n" + event("DTSTART:20270419T080000Z\nDURATION:PT1H"))
            .replacingOccurrences(of: "END:VCALENDAR", with: "END:VCALENDARD") + calendar(event("DTSTART:20270420T080000Z\nDURATION:PT1H", uid: "b"))
        let result = try BusyTimeReader.read(CalendarSource(name: "m.ics", bytes: Array(misspelt.utf8)), window: window("2027-01-01", "2028-01-01"), zone: berlin)
        #expect(result.intervals.count == 2)
        #expect(result.warnings.map(\.description) == ["m.ics:6: END does not match the BEGIN:VTODO at line 4; read as its END",
                                                       "m.ics:13: END does not match the BEGIN:VCALENDAR at line 1; read as its END"])
    }

    /// Bad time values are warnings with the best reading, never a whole-file error — except in a
    /// VTIMEZONE onset, which every time of the file depends on. No message shows the value.
    @Test func badTimeValuesAreWarnings() throws {
        func read(_ body: String) throws -> (busy: [String], warnings: [String]) {
            let result = try BusyTimeReader.read(CalendarSource(name: "w.ics", bytes: Array(calendar(body).utf8)),
                                                 window: window("2027-01-01", "2028-01-01"), zone: berlin)
            return (result.intervals.map { "\($0.start.rfc3339)/\($0.end.rfc3339)" }, result.warnings.map(\.message))
        }
        let impossible = try read(event("DTSTART:20251345T080000Z\nDTEND:20251346T090000Z"))
        #expect(impossible.busy == [])
        #expect(impossible.warnings == ["DTSTART: impossible date or time; the event is ignored",
                                        "DTEND: impossible date or time; ignored, the event lasts as if it had no DTEND"])
        #expect(try read(event("DTSTART:tomorrow")).warnings == ["DTSTART: not a valid date or date-time; the event is ignored"])
        let exdate = try read(event("DTSTART:20270419T080000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=2\nEXDATE:20270420T080000Z,20270431T080000Z"))
        #expect(exdate.busy == ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z"])
        #expect(exdate.warnings == ["EXDATE: 1 of 2 values not a valid date or date-time; the rest is read"])
        let until = try read(event("DTSTART:20270419T080000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;UNTIL=20271332"))
        #expect(until.busy == ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z"])
        #expect(until.warnings == ["RRULE: UNTIL is not a valid date or date-time; the rule is ignored, only DTSTART counts"])
        let duration = try read(event("DTSTART:20270419T080000Z\nDURATION:1 hour"))
        #expect(duration.warnings == ["DURATION: not a valid duration; ignored"])
        let frequency = try read(event("DTSTART:20270419T080000Z\nDURATION:PT1H\nRRULE:FREQ=FORTNIGHTLY"))
        #expect(frequency.busy == ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z"])
        #expect(frequency.warnings == ["RRULE: unknown FREQ; the rule is ignored, only DTSTART counts"])
        let part = try read(event("DTSTART:20270419T080000Z\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;UNTL=20191023;BYDAY=MO"))
        #expect(part.busy == ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z"])
        #expect(part.warnings == ["RRULE: unknown rule part; the rule is ignored, only DTSTART counts"])
        let badRecurrenceID = try read(event("DTSTART:20270419T080000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=2") + "\n"
                                       + event("RECURRENCE-ID:2027042\nDTSTART:20270420T150000Z\nDURATION:PT1H"))
        #expect(badRecurrenceID.busy == ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z", "2027-04-20T08:00:00Z/2027-04-20T09:00:00Z"])
        #expect(badRecurrenceID.warnings == ["RECURRENCE-ID: not a valid date or date-time; the event is ignored"])
        let swapped = try read(event("DTSTART:20270419T100000Z\nDTEND:20270419T080000Z"))
        #expect(swapped.busy == ["2027-04-19T08:00:00Z/2027-04-19T10:00:00Z"])
        #expect(swapped.warnings == ["VEVENT ends before it starts: read from DTEND to DTSTART"])
        let twice = try read(event("DTSTART:20270419T080000Z\nDTSTART:20270420T080000Z\nDURATION:PT1H"))
        #expect(twice.busy == ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z"])
        #expect(twice.warnings == ["VEVENT with several DTSTART: the first counts"])
        // A VTIMEZONE onset that cannot be read would shift every time of the file.
        let zone = TimeZoneTests.outlookZone.replacingOccurrences(of: "DTSTART:16010101T030000", with: "DTSTART:1601010")
        #expect(readError(calendar(zone + "\n" + event("DTSTART:20270419T080000Z")))?.message == "DTSTART: not a valid date or date-time")
    }

    @Test func hugeSingleLine() {
        var bytes = Array("BEGIN:VCALENDAR\r\nX-BLOB:".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "A"), count: 20 << 20)
        bytes += Array("\r\nEND:VCALENDAR\r\n".utf8)
        let error = readError(bytes: bytes)
        #expect(error?.description == "bad.ics:2: line is longer than 1 MiB; not a calendar export")
    }

    @Test func binaryGarbage() throws {
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(readError(bytes: garbage) != nil)
        #expect(readError(bytes: Array("BEGIN:VCALENDAR\r\n".utf8) + [0, 1, 2, 3] + Array("\r\nEND:VCALENDAR\r\n".utf8))?.description
                == "bad.ics:2: binary data (control character 0x0); not an iCalendar text file")
        // Without NUL bytes a stray control character is a space, with a warning.
        let tab = calendar(event("DTSTART:20270419T080000Z\nDURATION:PT1H\nDESCRIPTION:a\u{0B}b\u{0C}c"))
        let result = try BusyTimeReader.read(CalendarSource(name: "v.ics", bytes: Array(tab.utf8)), window: window("2027-01-01", "2028-01-01"), zone: berlin)
        #expect(result.intervals.count == 1)
        #expect(result.warnings.map(\.description) == ["v.ics:9: 2 control characters (not allowed in iCalendar text) read as spaces"])
    }

    @Test func rulesLibicalCannotRun() throws {
        // 30 February never happens: libical refuses the rule; DTSTART counts, with a warning.
        let ics = calendar(event("DTSTART:20270419T080000Z\nDTEND:20270419T090000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"))
        let result = try BusyTimeReader.read(CalendarSource(name: "r.ics", bytes: Array(ics.utf8)), window: window("2027-01-01", "2028-01-01"), zone: berlin)
        #expect(result.intervals.map(\.description) == ["[2027-04-19T08:00:00Z, 2027-04-19T09:00:00Z)"])
        #expect(result.warnings.map(\.description) == ["r.ics:4: RRULE cannot be expanded (libical rejects it); only DTSTART counts"])
    }

    @Test func oneBadPropertyIsAWarningAndTheRestIsUsed() throws {
        let ics = calendar(event("DTSTART:20270419T080000Z\nDTEND:20270419T090000Z\nTHIS LINE IS BROKEN\nATTENDEE;CN=\"unterminated:mailto:x@example.org"))
        let result = try BusyTimeReader.read(CalendarSource(name: "w.ics", bytes: Array(ics.utf8)), window: window("2027-01-01", "2028-01-01"), zone: berlin)
        #expect(result.intervals.count == 1)
        #expect(result.warnings.map(\.description) == ["w.ics:4: VEVENT: 1 invalid line ignored (COMPONENT-PARSE-ERROR)"])
    }

    @Test func junkAfterTheLastCalendarIsAWarning() throws {
        let ics = calendar(event("DTSTART:20270419T080000Z\nDTEND:20270419T090000Z")) + "X-COMMENT:exported by podio\r\n"
        let result = try BusyTimeReader.read(CalendarSource(name: "j.ics", bytes: Array(ics.utf8)), window: window("2027-01-01", "2028-01-01"), zone: berlin)
        #expect(result.intervals.count == 1)
        #expect(result.warnings.map(\.description) == ["j.ics:11: content after END:VCALENDAR ignored"])
        let between = calendar("") + "JUNK\r\n" + calendar("")
        #expect(readError(between)?.description == "bad.ics:5: content between END:VCALENDAR and the next BEGIN:VCALENDAR")
    }

    @Test func eventWithoutStartIsAWarning() throws {
        let ics = calendar(event("DTEND:20270419T090000Z", uid: "a") + "\n" + event("DTSTART:20270420T080000Z\nDTEND:20270420T090000Z", uid: "b"))
        let result = try BusyTimeReader.read(CalendarSource(name: "w.ics", bytes: Array(ics.utf8)), window: window("2027-01-01", "2028-01-01"), zone: berlin)
        #expect(result.intervals.count == 1)
        #expect(result.warnings.map(\.description) == ["w.ics:4: VEVENT without DTSTART ignored"])
    }

    @Test func latin1TextIsAWarning() throws {
        var bytes = Array(calendar(event("DTSTART:20270419T080000Z\nDTEND:20270419T090000Z\nSUMMARY:Br\u{FC}ckentag")).utf8)
        // Replace the UTF-8 ü (C3 BC) with Latin-1 FC.
        if let index = bytes.firstIndex(of: 0xC3) { bytes.replaceSubrange(index...(index + 1), with: [0xFC]) }
        let result = try BusyTimeReader.read(CalendarSource(name: "l.ics", bytes: bytes), window: window("2027-01-01", "2028-01-01"), zone: berlin)
        #expect(result.intervals.count == 1)
        #expect(result.warnings.map(\.description) == ["l.ics:9: not valid UTF-8; text may be garbled (times are unaffected)"])
    }
}

/// Regressions found by the cross-check and the fuzzer.
@Suite struct RegressionTests {
    /// libical has no name for VLOCATION (RFC 9073): reading one must not crash.
    @Test func unknownComponentKind() throws {
        let ics = calendar("BEGIN:VLOCATION\nUID:room-1@example.org\nNAME:Ratssaal\nEND:VLOCATION\n"
                           + event("DTSTART:20270420T080000Z\nDTEND:20270420T090000Z"))
        #expect(try busy(ics) == ["2027-04-20T08:00:00Z/2027-04-20T09:00:00Z"])
    }

    /// A far-future typo (year 4054) with Outlook's 1601 VTIMEZONE made libical expand 2,400
    /// years of transitions (seconds per file, a fuzzer timeout); now converted via 400-year cycles.
    @Test func farFutureEndIsFastAndRight() throws {
        let ics = calendar(TimeZoneTests.outlookZone + "\n" + event("DTSTART;TZID=W. Europe Standard Time:20270510T130000\nDTEND;TZID=W. Europe Standard Time:40541020T133000"))
        let clock = ContinuousClock()
        var intervals: [String]?
        let elapsed = clock.measure { intervals = try? busy(ics, from: "2027-05-10", to: "2027-05-11") }
        #expect(intervals == ["2027-05-10T11:00:00Z/2027-05-10T22:00:00Z"])
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        #expect(berlin.instant(for: LocalDateTime(iso: "4054-10-20T13:30")!).rfc3339 == "4054-10-20T11:30:00Z") // still CEST
        #expect(berlin.localTime(of: Instant(rfc3339: "4054-07-01T12:00:00Z")!).description == "4054-07-01T14:00:00")
    }
}

/// libical keeps a calendar's VTIMEZONEs in front of its other components; a warning still names
/// the line of the component it is about when the VTIMEZONE comes after the events.
@Suite struct ComponentLineTests {
    @Test func aVTIMEZONEAfterTheEventsMovesNoLine() throws {
        let ics = calendar(event("DTSTART:20270420T080000Z\nDTEND:20270420T083000Z", uid: "a") + "\n"
            + event("DTSTART;TZID=W. Europe Standard Time:20270421T080000\nDURATION:PT1H\nTHIS LINE IS BROKEN", uid: "b") + "\n"
            + TimeZoneTests.outlookZone + "\n" + event("DTSTART:20270422T080000Z\nDURATION:PT1H", uid: "c"))
        let result = try BusyTimeReader.read(CalendarSource(name: "z.ics", bytes: Array(ics.utf8)), window: window("2027-04-19", "2027-04-26"), zone: berlin)
        #expect(result.intervals.count == 3)
        #expect(result.warnings.map(\.description) == ["z.ics:10: VEVENT: 1 invalid line ignored (COMPONENT-PARSE-ERROR)"])
    }
}

/// Big files are read in parts of about 256 KiB, parsed on several threads; the answer must not change.
@Suite struct SplitParseTests {
    @Test func bigFileGivesTheSameAnswerAsItsParts() throws {
        // A series in the first half, its override and a broken line near the end; >256 KiB.
        var body = [TimeZoneTests.outlookZone,
                    event("DTSTART;TZID=W. Europe Standard Time:20270405T090000\nDTEND;TZID=W. Europe Standard Time:20270405T100000\nRRULE:FREQ=WEEKLY;COUNT=10", uid: "series")]
        for day in 0..<2500 {
            let date = LocalDate(year: 2020, month: 1, day: 1)!.adding(days: day)
            let stamp = "\(date.year)\(date.month < 10 ? "0" : "")\(date.month)\(date.day < 10 ? "0" : "")\(date.day)"
            body.append(event("DTSTART:\(stamp)T120000Z\nDTEND:\(stamp)T130000Z\nSUMMARY:Filler event number \(day) with some text to make the file big", uid: "filler-\(day)"))
        }
        body.append(event("RECURRENCE-ID;TZID=W. Europe Standard Time:20270419T090000\nDTSTART;TZID=W. Europe Standard Time:20270419T140000\nDTEND;TZID=W. Europe Standard Time:20270419T150000", uid: "series"))
        body.append(event("DTSTART:20270420T080000Z\nDTEND:20270420T083000Z\nTHIS LINE IS BROKEN", uid: "last"))
        let ics = calendar(body.joined(separator: "\n"))
        #expect(ics.utf8.count > 300_000)
        let result = try BusyTimeReader.read(CalendarSource(name: "big.ics", bytes: Array(ics.utf8)),
                                             window: window("2027-04-12", "2027-04-27"), zone: berlin)
        #expect(result.intervals.map { "\($0.start.rfc3339)/\($0.end.rfc3339)" } == [
            "2027-04-12T07:00:00Z/2027-04-12T08:00:00Z",
            "2027-04-19T12:00:00Z/2027-04-19T13:00:00Z",
            "2027-04-20T08:00:00Z/2027-04-20T08:30:00Z",
            "2027-04-26T07:00:00Z/2027-04-26T08:00:00Z",
        ])
        let lines = ics.split(separator: "\r\n", omittingEmptySubsequences: false)
        let lastEventLine = lines.lastIndex { $0 == "BEGIN:VEVENT" }! + 1
        #expect(result.warnings.map(\.description) == ["big.ics:\(lastEventLine): VEVENT: 1 invalid line ignored (COMPONENT-PARSE-ERROR)"])
    }

    /// Five parts and more: the VTIMEZONE after every event, a newer revision of a series three
    /// parts after the old one, an override between them, a bad line in the calendar's header
    /// (warned once, not once per part) and one in the last part (its own line).
    @Test func manyPartsKeepZonesRevisionsAndLines() throws {
        let zone = "Europe/Berlin-custom"
        var body = ["THIS HEADER LINE IS BROKEN",
                    event("SEQUENCE:0\nDTSTART;TZID=\(zone):20270405T090000\nDTEND;TZID=\(zone):20270405T100000\nRRULE:FREQ=WEEKLY;COUNT=10", uid: "series")]
        func filler(_ day: Int) -> String {
            let date = LocalDate(year: 2020, month: 1, day: 1)!.adding(days: day % 2000)
            let stamp = String(format: "%04d%02d%02d", date.year, date.month, date.day)
            return event("DTSTART;TZID=\(zone):\(stamp)T120000\nDTEND;TZID=\(zone):\(stamp)T130000\nSUMMARY:Filler event number \(day) with some text to make the file big", uid: "filler-\(day)")
        }
        for day in 0..<4000 { body.append(filler(day)) }
        body.append(event("RECURRENCE-ID;TZID=\(zone):20270419T090000\nSEQUENCE:1\nDTSTART;TZID=\(zone):20270419T140000\nDTEND;TZID=\(zone):20270419T150000", uid: "series"))
        for day in 4000..<8000 { body.append(filler(day)) }
        // The newer revision moves the series to 11:00; the override (same SEQUENCE) stays and replaces
        // the 09:00 instance, which the new revision no longer has, so its 11:00 instance counts too.
        body.append(event("SEQUENCE:1\nDTSTART;TZID=\(zone):20270405T110000\nDTEND;TZID=\(zone):20270405T120000\nRRULE:FREQ=WEEKLY;COUNT=10", uid: "series"))
        body.append(event("DTSTART:20270420T080000Z\nDTEND:20270420T083000Z\nTHIS LINE IS BROKEN", uid: "last"))
        body.append(TimeZoneTests.outlookZone.replacingOccurrences(of: "TZID:W. Europe Standard Time", with: "TZID:\(zone)"))
        let ics = calendar(body.joined(separator: "\n"))
        let source = CalendarSource(name: "big.ics", bytes: Array(ics.utf8))
        #expect(try ParsePipeline(file: "big.ics", prepared: ParsedDocument.prepare(source)).count >= 5)
        let result = try BusyTimeReader.read(source, window: window("2027-04-12", "2027-04-27"), zone: berlin)
        #expect(result.intervals.map { "\($0.start.rfc3339)/\($0.end.rfc3339)" } == [
            "2027-04-12T09:00:00Z/2027-04-12T10:00:00Z",
            "2027-04-19T09:00:00Z/2027-04-19T10:00:00Z",
            "2027-04-19T12:00:00Z/2027-04-19T13:00:00Z",
            "2027-04-20T08:00:00Z/2027-04-20T08:30:00Z",
            "2027-04-26T09:00:00Z/2027-04-26T10:00:00Z",
        ])
        let lines = ics.split(separator: "\r\n", omittingEmptySubsequences: false)
        let lastEventLine = lines.lastIndex { $0 == "BEGIN:VEVENT" }! + 1
        #expect(result.warnings.map(\.description) == ["big.ics: VCALENDAR: 1 invalid line ignored (COMPONENT-PARSE-ERROR)",
                                                       "big.ics:\(lastEventLine): VEVENT: 1 invalid line ignored (COMPONENT-PARSE-ERROR)"])
    }
}
