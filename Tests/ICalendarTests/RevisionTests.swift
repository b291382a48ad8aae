import Testing
@testable import ICalendar

/// Several components with one UID (RFC 5545 §3.8.7.4, RFC 5546 §2.1.4–2.1.5): the newest revision
/// of the series counts, with the overrides that belong to it.
@Suite struct RevisionTests {
    func master(_ start: String, _ extra: String = "", sequence: Int? = nil, stamp: String = "20260101T000000Z") -> String {
        "BEGIN:VEVENT\nUID:r@test\nDTSTAMP:\(stamp)\n" + (sequence.map { "SEQUENCE:\($0)\n" } ?? "")
            + "DTSTART:\(start)\nDURATION:PT1H\n\(extra)\nEND:VEVENT"
    }

    @Test func theHighestSEQUENCEIsTheCurrentMaster() throws {
        let ics = calendar(master("20270419T080000Z", sequence: 2) + "\n" + master("20270420T080000Z", sequence: 1)
                           + "\n" + master("20270421T080000Z"))
        #expect(try busy(ics) == ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z"])
    }

    @Test func onEqualSEQUENCETheLaterDTSTAMPWins() throws {
        let ics = calendar(master("20270419T080000Z", sequence: 1, stamp: "20260301T000000Z") + "\n"
                           + master("20270420T080000Z", sequence: 1, stamp: "20260302T000000Z"))
        #expect(try busy(ics) == ["2027-04-20T08:00:00Z/2027-04-20T09:00:00Z"])
    }

    @Test func onEqualDTSTAMPTheLaterLASTMODIFIEDWins() throws {
        let ics = calendar(master("20270419T080000Z", "LAST-MODIFIED:20260305T000000Z", sequence: 1) + "\n"
                           + master("20270420T080000Z", "LAST-MODIFIED:20260304T000000Z", sequence: 1))
        #expect(try busy(ics) == ["2027-04-19T08:00:00Z/2027-04-19T09:00:00Z"])
    }

    @Test func anOverrideOfASupersededRevisionIsDropped() throws {
        // SEQUENCE 2 moved the weekly series from Monday to Tuesday; the SEQUENCE 1 override names a
        // Monday that no longer exists. An older override of an instance that still exists stays.
        let series = master("20270420T080000Z", "RRULE:FREQ=WEEKLY;COUNT=3", sequence: 2)
        let stale = "BEGIN:VEVENT\nUID:r@test\nDTSTAMP:20260101T000000Z\nSEQUENCE:1\nRECURRENCE-ID:20270426T080000Z\nDTSTART:20270426T150000Z\nDURATION:PT1H\nEND:VEVENT"
        let current = "BEGIN:VEVENT\nUID:r@test\nDTSTAMP:20260101T000000Z\nSEQUENCE:1\nRECURRENCE-ID:20270427T080000Z\nDTSTART:20270427T150000Z\nDURATION:PT1H\nEND:VEVENT"
        #expect(try busy(calendar(series + "\n" + stale + "\n" + current)) == [
            "2027-04-20T08:00:00Z/2027-04-20T09:00:00Z", "2027-04-27T15:00:00Z/2027-04-27T16:00:00Z",
            "2027-05-04T08:00:00Z/2027-05-04T09:00:00Z"])
        // With the master's SEQUENCE the override is current and counts although it names no instance.
        let same = stale.replacingOccurrences(of: "SEQUENCE:1", with: "SEQUENCE:2")
        #expect(try busy(calendar(series + "\n" + same)).contains("2027-04-26T15:00:00Z/2027-04-26T16:00:00Z"))
    }

    @Test func anOverrideTheCurrentRevisionExcludesIsDropped() throws {
        let series = master("20270419T080000Z", "RRULE:FREQ=DAILY;COUNT=3\nEXDATE:20270420T080000Z", sequence: 3)
        let override = "BEGIN:VEVENT\nUID:r@test\nDTSTAMP:20260101T000000Z\nSEQUENCE:2\nRECURRENCE-ID:20270420T080000Z\nDTSTART:20270420T150000Z\nDURATION:PT1H\nEND:VEVENT"
        #expect(try busy(calendar(series + "\n" + override)) == [
            "2027-04-19T08:00:00Z/2027-04-19T09:00:00Z", "2027-04-21T08:00:00Z/2027-04-21T09:00:00Z"])
    }

    @Test func ofTwoOverridesOfOneInstanceTheNewestCounts() throws {
        let series = master("20270419T080000Z", "RRULE:FREQ=DAILY;COUNT=2", sequence: 1)
        func override(_ sequence: Int, _ hour: String) -> String {
            "BEGIN:VEVENT\nUID:r@test\nDTSTAMP:20260101T000000Z\nSEQUENCE:\(sequence)\nRECURRENCE-ID:20270420T080000Z\nDTSTART:20270420T\(hour)0000Z\nDURATION:PT1H\nEND:VEVENT"
        }
        #expect(try busy(calendar(series + "\n" + override(3, "15") + "\n" + override(2, "12"))) == [
            "2027-04-19T08:00:00Z/2027-04-19T09:00:00Z", "2027-04-20T15:00:00Z/2027-04-20T16:00:00Z"])
    }
}
