import Foundation
import SampleSupport
import Testing

/// `convene freebusy` is a contract: these tests pin its shape.
@Suite(.serialized) struct FreebusyCommandTests {
    static let council = vcalendar("""
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
        BEGIN:VEVENT
        UID:council@bruchsal.example
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=W. Europe Standard Time:20260120T160000
        DTEND;TZID=W. Europe Standard Time:20260120T190000
        RRULE:FREQ=MONTHLY;BYDAY=3TU
        SUMMARY:CANARY-CLI Gemeinderatssitzung
        LOCATION:CANARY-CLI Rathaus
        X-MICROSOFT-CDO-BUSYSTATUS:BUSY
        END:VEVENT
        BEGIN:VEVENT
        UID:council@bruchsal.example
        DTSTAMP:20260101T000000Z
        RECURRENCE-ID;TZID=W. Europe Standard Time:20270420T160000
        DTSTART;TZID=W. Europe Standard Time:20270422T090000
        DTEND;TZID=W. Europe Standard Time:20270422T120000
        SUMMARY:CANARY-CLI moved
        END:VEVENT
        BEGIN:VEVENT
        UID:vacation@bruchsal.example
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:20270506
        DTEND;VALUE=DATE:20270508
        SUMMARY:CANARY-CLI Urlaub
        X-MICROSOFT-CDO-BUSYSTATUS:OOF
        END:VEVENT
        BEGIN:VEVENT
        UID:reminder@bruchsal.example
        DTSTAMP:20260101T000000Z
        DTSTART:20270419T080000Z
        DTEND:20270419T090000Z
        SUMMARY:CANARY-CLI reminder
        X-MICROSOFT-CDO-BUSYSTATUS:FREE
        END:VEVENT
        """)

    static let freeBusy = vcalendar("""
        BEGIN:VFREEBUSY
        UID:fb@rastatt.example
        DTSTAMP:20270401T000000Z
        DTSTART:20270419T000000Z
        DTEND:20270515T000000Z
        FREEBUSY;FBTYPE=BUSY:20270419T070000Z/20270419T100000Z
        FREEBUSY;FBTYPE=BUSY-TENTATIVE:20270422T110000Z/PT1H
        FREEBUSY;FBTYPE=FREE:20270423T070000Z/20270423T100000Z
        END:VFREEBUSY
        """)

    let window = ["--from", "2027-04-19", "--to", "2027-05-15"]

    @Test func jsonIsTheContractShape() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let a = try scratch.write("council.ics", Self.council)
        let b = try scratch.write("fb.ics", Self.freeBusy)
        let result = try CLI.run(["freebusy", a, b] + window + ["--format", "json"])
        #expect(result.status == 0)
        // fb.ics speaks for 00:00Z onwards; the window starts at local midnight, 22:00Z the day before.
        #expect(result.stderr == "")
        #expect(result.stdout == #"{"busy":[{"start":"2027-04-19T07:00:00Z","end":"2027-04-19T10:00:00Z"},{"start":"2027-04-22T07:00:00Z","end":"2027-04-22T10:00:00Z"},{"start":"2027-04-22T11:00:00Z","end":"2027-04-22T12:00:00Z"},{"start":"2027-05-05T22:00:00Z","end":"2027-05-07T22:00:00Z"}],"unknown":[{"start":"2027-04-18T22:00:00Z","end":"2027-04-19T00:00:00Z"}],"warnings":0}"# + "\n")
    }

    @Test func textListsEveryDay() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        try scratch.write("cal/council.ics", Self.council)
        try scratch.write("cal/fb.ics", Self.freeBusy)
        try scratch.write("cal/notes.txt", "not a calendar")
        let result = try CLI.run(["freebusy", "cal", "--from", "2027-04-19", "--to", "2027-04-26"], directory: scratch.url)
        #expect(result.status == 0)
        try assertSnapshot(result.stdout, named: "freebusy.txt")
    }

    @Test func icsIsOneVFREEBUSY() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let a = try scratch.write("council.ics", Self.council)
        let result = try CLI.run(["freebusy", a] + window + ["--format", "ics"], environment: ["CONVENE_NOW": "2027-04-01T09:00:00Z"])
        #expect(result.status == 0)
        try assertSnapshot(result.stdout, named: "freebusy.ics")
        // What it writes reads back to the same busy time.
        let back = try scratch.write("back.ics", result.stdout)
        let json1 = try CLI.run(["freebusy", a] + window + ["--format", "json"]).stdout
        let json2 = try CLI.run(["freebusy", back] + window + ["--format", "json"]).stdout
        #expect(json1 == json2)
    }

    @Test func standardInputAndLocalTimesAndZone() throws {
        let result = try CLI.run(["freebusy", "-", "--from", "2027-04-22T10:00", "--to", "2027-04-22T11:30", "--tz", "Europe/London",
                                  "--format", "json"], stdin: Data(Self.council.utf8))
        #expect(result.status == 0)
        #expect(result.stdout == #"{"busy":[{"start":"2027-04-22T09:00:00Z","end":"2027-04-22T10:00:00Z"}],"unknown":[],"warnings":0}"# + "\n")
    }

    @Test func nothingPersonalInAnyOutput() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let broken = Self.council.replacingOccurrences(of: "X-MICROSOFT-CDO-BUSYSTATUS:OOF", with: "CANARY-CLI BROKEN LINE")
        let a = try scratch.write("council.ics", broken)
        for format in ["text", "json", "ics"] {
            let result = try CLI.run(["freebusy", a] + window + ["--format", format])
            #expect(result.status == 0)
            #expect(result.stderr.contains("warning"))
            #expect(!result.stdout.contains("CANARY"))
            #expect(!result.stderr.contains("CANARY"))
        }
    }

    /// A VFREEBUSY speaks only for its DTSTART–DTEND: the rest of the window is unknown, in JSON
    /// and in the listing, unless another file says it is busy.
    @Test func unknownOutsideWhatAVFreeBusySpeaksFor() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let fb = try scratch.write("fb.ics", vcalendar("""
            BEGIN:VFREEBUSY
            UID:fb@rastatt.example
            DTSTAMP:20270401T000000Z
            DTSTART:20270419T000000Z
            DTEND:20270422T000000Z
            FREEBUSY;FBTYPE=BUSY:20270419T070000Z/20270419T100000Z
            END:VFREEBUSY
            """))
        let json = try CLI.run(["freebusy", fb, "--from", "2027-04-20", "--to", "2027-04-23", "--format", "json"])
        #expect(json.status == 0)
        #expect(json.stdout == #"{"busy":[],"unknown":[{"start":"2027-04-22T00:00:00Z","end":"2027-04-22T22:00:00Z"}],"warnings":0}"# + "\n")
        let other = try scratch.write("other.ics", vcalendar("BEGIN:VEVENT\nUID:o\nDTSTAMP:20260101T000000Z\nDTSTART:20270422T080000Z\nDTEND:20270422T090000Z\nEND:VEVENT"))
        let both = try CLI.run(["freebusy", fb, other, "--from", "2027-04-20", "--to", "2027-04-23", "--format", "json"])
        #expect(both.stdout == #"{"busy":[{"start":"2027-04-22T08:00:00Z","end":"2027-04-22T09:00:00Z"}],"unknown":[{"start":"2027-04-22T00:00:00Z","end":"2027-04-22T08:00:00Z"},{"start":"2027-04-22T09:00:00Z","end":"2027-04-22T22:00:00Z"}],"warnings":0}"# + "\n")
        let text = try CLI.run(["freebusy", fb, other, "--from", "2027-04-21", "--to", "2027-04-23"])
        #expect(text.stdout.contains("Wed 2027-04-21  free\n"))
        #expect(text.stdout.contains("Thu 2027-04-22  unknown 02:00–10:00  10:00–11:00  unknown 11:00–24:00\n"))
        #expect(text.stdout.contains("1 busy interval, 1 h 00 min in total; 21 h 00 min unknown (not covered by a VFREEBUSY).\n"))
    }

    @Test func helpTeachesTheContract() throws {
        let result = try CLI.run(["freebusy", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: convene freebusy <file> ... --from <start> --to <end> [--tz <tzid>] [--format <format>]"))
        #expect(result.stdout.contains("(default: Europe/Berlin)"))
    }

    @Test func usageErrors() throws {
        let bad = try CLI.run(["freebusy", "x.ics", "--from", "19.04.2027", "--to", "2027-05-15"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--from '19.04.2027' is not a date"))
        let reversed = try CLI.run(["freebusy", "x.ics", "--from", "2027-05-15", "--to", "2027-04-19"])
        #expect(reversed.status == 64)
        let zone = try CLI.run(["freebusy", "x.ics", "--from", "2027-04-19", "--to", "2027-05-15", "--tz", "Berlin"])
        #expect(zone.status == 1)
        #expect(zone.stderr == "convene: error: --tz: unknown time zone 'Berlin' (expected an IANA name such as Europe/Berlin)\n")
    }
}

/// Each kind of bad input: one line on stderr, exit status 1, nothing on stdout.
@Suite(.serialized) struct BadInputCommandTests {
    func expectOneLineError(_ files: [String], _ expected: String, stdin: Data? = nil, in scratch: Scratch,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try CLI.run(["freebusy"] + files + ["--from", "2027-04-19", "--to", "2027-05-15", "--format", "json"],
                                 stdin: stdin, directory: scratch.url)
        #expect(result.status == 1, sourceLocation: sourceLocation)
        #expect(result.stdout == "", sourceLocation: sourceLocation)
        #expect(result.stderr == "convene: error: \(expected)\n", sourceLocation: sourceLocation)
    }

    @Test func eachKind() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        try expectOneLineError(["missing.ics"], "missing.ics: no such file or folder", in: scratch)
        try scratch.write("empty/readme.txt", "")
        try expectOneLineError(["empty"], "empty: folder holds no .ics files", in: scratch)
        try scratch.write("letter.ics", "Dear Mayor,\r\nplease come.\r\n")
        try expectOneLineError(["letter.ics"], "letter.ics:1: not an iCalendar file (expected BEGIN:VCALENDAR)", in: scratch)
        try scratch.write("truncated.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270419T080000Z\r\n")
        try expectOneLineError(["truncated.ics"], "truncated.ics:5: truncated: BEGIN:VEVENT at line 3 has no END", in: scratch)
        try scratch.write("structure.ics", vcalendar("BEGIN:VEVENT\nUID:x\nDTSTAMP:20260101T000000Z\nDTSTART:20270419T080000\nEND:VCALENDAR"))
        try expectOneLineError(["structure.ics"], "structure.ics:8: END does not match the BEGIN:VEVENT at line 4", in: scratch)
        var huge = Data("BEGIN:VCALENDAR\r\nDESCRIPTION:".utf8)
        huge.append(Data(repeating: UInt8(ascii: "x"), count: 20 << 20))
        huge.append(Data("\r\nEND:VCALENDAR\r\n".utf8))
        try scratch.write("huge.ics", huge)
        try expectOneLineError(["huge.ics"], "huge.ics:2: line is longer than 1 MiB; not a calendar export", in: scratch)
        try scratch.write("binary.ics", Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 64)))
        try expectOneLineError(["binary.ics"], "binary.ics:1: binary data (control character 0x7f); not an iCalendar text file", in: scratch)
        try expectOneLineError(["-"], "<stdin>:1: not an iCalendar file (expected BEGIN:VCALENDAR)", stdin: Data("hello\n".utf8), in: scratch)
    }

    /// Bad values are warnings with the best reading (issue 12), counted in the JSON.
    @Test func badValuesAreWarnings() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        try scratch.write("impossible.ics", vcalendar("BEGIN:VEVENT\nUID:x\nDTSTAMP:20260101T000000Z\nDTSTART:20251345T080000\nEND:VEVENT"))
        try scratch.write("zone.ics", vcalendar("BEGIN:VEVENT\nUID:x\nDTSTAMP:20260101T000000Z\nDTSTART;TZID=Karlsruhe Local:20270419T080000\nDURATION:PT1H\nEND:VEVENT"))
        let result = try CLI.run(["freebusy", "impossible.ics", "zone.ics", "--from", "2027-04-19", "--to", "2027-05-15", "--format", "json"],
                                 directory: scratch.url)
        #expect(result.status == 0)
        #expect(result.stdout == #"{"busy":[{"start":"2027-04-19T06:00:00Z","end":"2027-04-19T07:00:00Z"}],"unknown":[],"warnings":2}"# + "\n")
        #expect(result.stderr == """
            convene: warning: impossible.ics:7: DTSTART: impossible date or time; the event is ignored
            convene: warning: zone.ics:4: unknown time zone (no VTIMEZONE in the file and not an IANA or Windows zone name): its times are read in Europe/Berlin

            """)
    }

    @Test func everyBadFileIsReportedNotJustTheFirst() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        try scratch.write("a.ics", "nope\n")
        try scratch.write("b.ics", "BEGIN:VCALENDAR\r\n")
        let result = try CLI.run(["freebusy", "a.ics", "b.ics", "--from", "2027-04-19", "--to", "2027-05-15"], directory: scratch.url)
        #expect(result.status == 1)
        #expect(result.stderr == "convene: error: a.ics:1: not an iCalendar file (expected BEGIN:VCALENDAR)\nconvene: error: b.ics:1: truncated: BEGIN:VCALENDAR at line 1 has no END\n")
    }

    @Test func randomGarbageNeverCrashes() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        var generator = SystemRandomNumberGenerator()
        for index in 0..<5 {
            let bytes = (0..<2048).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try scratch.write("g\(index).ics", Data(bytes))
            let result = try CLI.run(["freebusy", "g\(index).ics", "--from", "2027-04-19", "--to", "2027-05-15"], directory: scratch.url)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("convene: error: g\(index).ics"))
            #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        }
    }
}
