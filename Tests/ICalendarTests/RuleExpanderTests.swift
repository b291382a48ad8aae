import Testing
@testable import ICalendar

/// `RuleExpander` expands plain rules in Swift instead of libical (issue 16): it must give exactly
/// libical's instances. Thousands of seeded random rules and starts, run both ways, from DTSTART
/// and skipped ahead, compared instance for instance.
@Suite struct RuleExpanderTests {
    /// SplitMix64: the same cases on every run.
    struct Seeded {
        var state: UInt64
        mutating func next(_ range: ClosedRange<Int>) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return range.lowerBound + Int(z % UInt64(range.count))
        }
        mutating func pick<T>(_ values: [T]) -> T { values[next(0...values.count - 1)] }
    }

    static let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// A random rule, most of them built around DTSTART so that it is an instance of the rule.
    static func randomCase(_ random: inout Seeded) -> (text: String, start: LocalDateTime, isDate: Bool) {
        let date = LocalDate(daysSinceEpoch: random.next(7_300...24_000)) // 1989 … 2035
        let isDate = random.next(0...4) == 0
        let start = isDate ? LocalDateTime(date: date)
            : LocalDateTime(date: date, hour: random.next(0...23), minute: random.pick([0, 15, 30, 45]), second: 0)
        let own = days[date.isoWeekday - 1]
        var parts: [String] = []
        switch random.next(0...3) {
        case 0:
            parts.append("FREQ=DAILY")
        case 1:
            parts.append("FREQ=WEEKLY")
            if random.next(0...2) > 0 {
                var chosen = Set([own])
                for _ in 0..<random.next(0...3) { chosen.insert(random.pick(days)) }
                if chosen.count > 1, random.next(0...9) == 0 { chosen.remove(own) } // DTSTART not an instance: libical's
                parts.append("BYDAY=" + days.filter(chosen.contains).joined(separator: ","))
            }
        case 2:
            parts.append("FREQ=MONTHLY")
            let length = LocalDate.daysInMonth(year: date.year, month: date.month)
            switch random.next(0...3) {
            case 0:
                var values = [random.next(0...1) == 0 ? date.day : date.day - length - 1]
                for _ in 0..<random.next(0...2) {
                    values.append(random.next(0...1) == 0 ? random.next(1...31) : -random.next(1...31))
                }
                parts.append("BYMONTHDAY=" + values.map(String.init).joined(separator: ","))
            case 1:
                let nth = (date.day - 1) / 7 + 1
                let fromEnd = -((length - date.day) / 7 + 1)
                var values = ["\(random.pick([nth, fromEnd]))\(own)"]
                if random.next(0...2) == 0 { values.append("\(random.pick([1, 2, 3, 4, -1, -2]))\(random.pick(days))") }
                if random.next(0...4) == 0 { values.append(random.pick(days)) }
                parts.append("BYDAY=" + values.joined(separator: ","))
            case 2:
                parts.append("BYDAY=" + own)
            default:
                break // DTSTART's day of the month
            }
        default:
            parts.append("FREQ=YEARLY")
        }
        if random.next(0...2) == 0 { parts.append("INTERVAL=\(random.next(2...5))") }
        if random.next(0...2) == 0 { parts.append("COUNT=\(random.next(1...40))") }
        if random.next(0...3) == 0 { parts.append("WKST=" + random.pick(days)) }
        return (parts.joined(separator: ";"), start, isDate)
    }

    static func instances(_ run: ((LocalDateTime) -> Bool) -> Void, limit: Int) -> [LocalDateTime] {
        var found: [LocalDateTime] = []
        run { wall in
            found.append(wall)
            return found.count < limit
        }
        return found
    }

    @Test func swiftExpansionMatchesLibical() throws {
        var random = Seeded(state: 20_261_202)
        let limitWall = LocalDateTime(date: LocalDate(unchecked: 2100, 1, 1)).wallSeconds
        var compared = 0, skipped = 0
        var kinds = Set<String>()
        for _ in 0..<4_000 {
            let item = Self.randomCase(&random)
            let rule = try #require(RecurrenceRule(text: item.text))
            guard RuleExpander(rule, start: item.start, limitWall: limitWall) != nil else { continue }
            kinds.insert(String(item.text.prefix { $0 != ";" }) + (item.text.contains("BYDAY=") ? "+BYDAY" : "")
                         + (item.text.contains("BYMONTHDAY") ? "+BYMONTHDAY" : ""))
            var starts: [Int64?] = [nil]
            if rule.count == 0 {
                starts.append(item.start.wallSeconds + Int64(random.next(2...2_000)) * 86_400 + Int64(random.next(0...86_399)))
            }
            for skipTo in starts {
                let ours = Self.instances({ _ = rule.instances(start: item.start, isDate: item.isDate, skipTo: skipTo, limitWall: limitWall, $0) }, limit: 60)
                var theirs: [LocalDateTime] = []
                let ran = rule.libicalInstances(start: item.start, isDate: item.isDate, skipTo: skipTo) { wall in
                    theirs.append(wall)
                    return theirs.count < 60
                }
                #expect(ran)
                #expect(ours == theirs, "\(item.text) from \(item.start)\(skipTo.map { " skipped to \(LocalDateTime(wallSeconds: $0))" } ?? "")")
                if ours != theirs { return }
                compared += 1
                if skipTo != nil { skipped += 1 }
            }
        }
        // The comparison is not vacuous: most cases take the Swift path, of every kind.
        #expect(compared > 3_000)
        #expect(skipped > 1_000)
        #expect(kinds.isSuperset(of: ["FREQ=DAILY", "FREQ=WEEKLY", "FREQ=WEEKLY+BYDAY", "FREQ=MONTHLY",
                                      "FREQ=MONTHLY+BYDAY", "FREQ=MONTHLY+BYMONTHDAY", "FREQ=YEARLY"]))
    }

    /// Rules outside the plain subset go to libical.
    @Test(arguments: [
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=DAILY;BYHOUR=9,14",
        "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "FREQ=HOURLY;INTERVAL=2",
        "FREQ=WEEKLY;BYDAY=1MO",
        "FREQ=MONTHLY;BYDAY=TU;BYMONTHDAY=1,2,3,4,5,6,7",
    ])
    func declinesWhatIsNotPlain(_ text: String) throws {
        let rule = try #require(RecurrenceRule(text: text))
        let start = LocalDateTime(date: LocalDate(unchecked: 2027, 3, 28), hour: 9)
        #expect(RuleExpander(rule, start: start, limitWall: start.wallSeconds + 86_400 * 400) == nil)
    }

    /// A monthly series on the 31st, 29 February every year, and a start that is no instance of
    /// its rule: libical's reading, not ours.
    @Test func declinesWhereRFCAndLibicalMayDiffer() throws {
        let limit = LocalDateTime(date: LocalDate(unchecked: 2030, 1, 1)).wallSeconds
        #expect(RuleExpander(try #require(RecurrenceRule(text: "FREQ=MONTHLY")),
                             start: LocalDateTime(date: LocalDate(unchecked: 2027, 1, 31)), limitWall: limit) == nil)
        #expect(RuleExpander(try #require(RecurrenceRule(text: "FREQ=YEARLY")),
                             start: LocalDateTime(date: LocalDate(unchecked: 2028, 2, 29)), limitWall: limit) == nil)
        #expect(RuleExpander(try #require(RecurrenceRule(text: "FREQ=WEEKLY;BYDAY=TU")),
                             start: LocalDateTime(date: LocalDate(unchecked: 2027, 3, 29)), limitWall: limit) == nil)
        #expect(RuleExpander(try #require(RecurrenceRule(text: "FREQ=WEEKLY;BYDAY=MO")),
                             start: LocalDateTime(date: LocalDate(unchecked: 2027, 3, 29)), limitWall: limit) != nil)
    }
}
