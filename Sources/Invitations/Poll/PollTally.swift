import ConveneCore
import Foundation
import ICalendar

/// Collects poll answers: iTIP REPLYs to the tentative holds and a CSV of votes
/// (`person,start,vote[,stamp]` with vote `yes`, `if-need-be` or `no`). Each answer carries the time it was
/// given — a reply its DTSTAMP; a CSV row its `stamp` column, or, without one, the time the file was last saved
/// (never later than now; standard input: now), later rows of one file replacing earlier ones — and the newest
/// answer per person and slot wins by the rule `rsvp` uses too (`PollState.supersedes`), so a reply that came in
/// later is never overwritten by an older answer read afterwards.
public struct PollTally: Sendable {
    public let workspace: Workspace
    public let meeting: Meeting
    public let zone: CalendarTimeZone

    public init(workspace: Workspace, meeting: Meeting, zone: CalendarTimeZone) {
        self.workspace = workspace
        self.meeting = meeting
        self.zone = zone
    }

    public struct Tally: Sendable {
        /// person id → slot start → vote.
        public var votes: [String: [Instant: Vote]] = [:]
        /// person id → slot start → when that vote was given.
        public var stamps: [String: [Instant: Instant]] = [:]
        public var warnings: [Diagnostic] = []
        public var counted = 0
    }

    /// One input of a tally, as `sources` reads it: the bytes, and when the file was last saved (a vote table's
    /// rows without a `stamp` were given then; nil for standard input).
    public struct Source: Sendable {
        public var source: CalendarSource
        public var saved: Instant?

        public init(_ source: CalendarSource, saved: Instant? = nil) {
            self.source = source
            self.saved = saved
        }
    }

    /// Tallies every source (`.csv` by name, else iCalendar) from the values given; reads no file.
    /// - Parameter now: the present (`CONVENE_NOW`): a reply stamped more than a day later is ignored, a CSV
    ///   saved later (or read from standard input) counts as saved now.
    /// - Throws: `WorkspaceErrors` for inputs that cannot be used at all.
    public func tally(_ sources: [Source], now: Instant) throws(WorkspaceErrors) -> Tally {
        var tally = Tally()
        var problems: [WorkspaceProblem] = []
        for input in sources {
            let source = input.source
            do {
                if source.name.lowercased().hasSuffix(".csv") {
                    let saved = min(now, input.saved ?? now)
                    var rows: [String: (line: Int, person: String, start: Instant, vote: Vote, stamp: Instant?)] = [:]
                    for row in try csvVotes(source) { rows["\(row.person) \(row.start.secondsSince1970)"] = row }
                    for row in rows.values.sorted(by: { $0.line < $1.line }) {
                        record(&tally, person: row.person, start: row.start, vote: row.vote, stamp: row.stamp ?? saved)
                    }
                } else {
                    try replies(source, into: &tally, now: now)
                }
            } catch {
                problems.append(error)
            }
        }
        guard problems.isEmpty else { throw WorkspaceErrors(problems: problems) }
        return tally
    }

    private func record(_ tally: inout Tally, person: String, start: Instant, vote: Vote, stamp: Instant) {
        if let previous = tally.stamps[person]?[start], let old = tally.votes[person]?[start] {
            let new = PollState.Answer(attendee: person, uid: "", vote: vote, stamp: stamp)
            guard PollState.supersedes(new, PollState.Answer(attendee: person, uid: "", vote: old, stamp: previous)) else { return }
        } else {
            tally.counted += 1
        }
        tally.stamps[person, default: [:]][start] = stamp
        tally.votes[person, default: [:]][start] = vote
    }

    private func replies(_ source: CalendarSource, into tally: inout Tally, now: Instant) throws(CalendarError) {
        let message = try ITIPReader.read(source)
        guard message.method?.uppercased() == "REPLY" else {
            throw CalendarError(file: source.name, "not an iTIP reply (METHOD is \(Quoting.short(message.method ?? "missing")), expected REPLY)")
        }
        let prefix = "hold-\(meeting.id)-"
        for reply in message.replies {
            guard reply.uid.hasPrefix(prefix), let start = Self.start(fromHoldUID: reply.uid, prefix: prefix) else {
                tally.warnings.append(Diagnostic(file: source.name, "a reply to an event that is not a hold of \(meeting.id) was ignored"))
                continue
            }
            guard let person = workspace.person(email: reply.attendee) else {
                tally.warnings.append(Diagnostic(file: source.name, "a reply from an address that is not in people.yaml was ignored"))
                continue
            }
            // The rules of rsvp: an answer is ordered by its DTSTAMP, and none may claim to be written later than it arrives.
            guard let stamp = reply.stamp else {
                tally.warnings.append(Diagnostic(file: source.name, "\(person.id)'s reply has no DTSTAMP, so it cannot be ordered against other answers; ignored"))
                continue
            }
            if ReplyIntake.isFromTheFuture(stamp, now: now) {
                tally.warnings.append(Diagnostic(file: source.name, "\(person.id)'s reply has a DTSTAMP more than a day in the future; ignored"))
                continue
            }
            guard let vote = PollIntake.vote(reply.participation) else {
                tally.warnings.append(Diagnostic(file: source.name, "\(person.id) answered \(reply.participation); only ACCEPTED, TENTATIVE and DECLINED count"))
                continue
            }
            record(&tally, person: person.id, start: start, vote: vote, stamp: stamp)
        }
    }

    /// `hold-<meeting>-20270420T103000Z@domain` → 2027-04-20T10:30:00Z.
    static func start(fromHoldUID uid: String, prefix: String) -> Instant? {
        let rest = uid.dropFirst(prefix.count).prefix { $0 != "@" }
        guard rest.count == 16 else { return nil }
        let t = Array(rest)
        let iso = "\(String(t[0..<4]))-\(String(t[4..<6]))-\(String(t[6..<8]))T\(String(t[9..<11])):\(String(t[11..<13])):\(String(t[13..<15]))Z"
        return Instant(rfc3339: iso)
    }

    /// Rows of `person,start,vote[,stamp]`; a header row is skipped; `start` and `stamp` are local
    /// (`2027-04-20T12:30`) in the network's zone or RFC 3339.
    private func csvVotes(_ source: CalendarSource) throws(CalendarError) -> [(line: Int, person: String, start: Instant, vote: Vote, stamp: Instant?)] {
        guard let text = String(bytes: source.bytes, encoding: .utf8) else {
            throw CalendarError(file: source.name, "not UTF-8 text")
        }
        func instant(_ field: String) -> Instant? {
            if let instant = Instant(rfc3339: field) { return instant }
            if field.count > 10, let local = LocalDateTime(iso: field) { return zone.instant(for: local) }
            return nil
        }
        var rows: [(line: Int, person: String, start: Instant, vote: Vote, stamp: Instant?)] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: line.contains(";") ? ";" : ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            if index == 0 && fields.first?.lowercased() == "person" { continue }
            guard fields.count == 3 || fields.count == 4 else {
                throw CalendarError(file: source.name, line: index + 1, "expected 3 or 4 fields person,start,vote[,stamp]")
            }
            guard workspace.person(fields[0]) != nil else {
                throw CalendarError(file: source.name, line: index + 1, "unknown person '\(Quoting.short(fields[0]))'")
            }
            guard let start = instant(fields[1]) else {
                throw CalendarError(file: source.name, line: index + 1, "start '\(Quoting.short(fields[1]))' is not like 2027-04-20T12:30")
            }
            guard let vote = Vote(rawValue: fields[2].lowercased()) else {
                throw CalendarError(file: source.name, line: index + 1, "vote '\(Quoting.short(fields[2]))' must be yes, if-need-be or no")
            }
            var stamp: Instant?
            if fields.count == 4, !fields[3].isEmpty {
                guard let given = instant(fields[3]) else {
                    throw CalendarError(file: source.name, line: index + 1,
                                        "stamp '\(Quoting.short(fields[3]))' is not like 2026-12-02T10:15 or 2026-12-02T09:15:00Z")
                }
                stamp = given
            }
            rows.append((index + 1, fields[0], start, vote, stamp))
        }
        return rows
    }
}

extension PollTally {
    /// Records a tally's votes in the meeting's poll (`poll.yaml`), when one was sent: each vote for a hold's start
    /// becomes that person's answer to the hold, stamped with the time it was given (`Tally.stamps`), and stands
    /// only where it supersedes the answer on record (`PollState.supersedes`, as for `rsvp`). Votes for times the
    /// poll does not hold are left out. Holds the workspace lock.
    /// - Returns: the number of answers recorded, or nil when no poll was sent.
    /// - Throws: `WorkspaceProblem` when `poll.yaml` is broken or was edited by hand (without `force`).
    public func record(_ tally: Tally, force: Bool) throws(WorkspaceProblem) -> Int? {
        try workspace.withWriteLock { () throws(WorkspaceProblem) -> Int? in
            guard var poll = try PollState.read(meeting, in: workspace) else { return nil }
            let before = poll
            var recorded = 0
            for (personID, votes) in tally.votes {
                guard let person = workspace.person(personID) else { continue }
                for (start, vote) in votes {
                    guard let hold = poll.holds.first(where: { $0.slot.start == start }), let stamp = tally.stamps[personID]?[start] else { continue }
                    let answer = PollState.Answer(attendee: person.email, uid: hold.uid, vote: vote, stamp: stamp)
                    if poll.answer(of: person.email, to: hold.uid) == answer { continue }
                    if poll.record(answer) { recorded += 1 }
                }
            }
            if poll != before { try poll.write(meeting, in: workspace, force: force) }
            return recorded
        }
    }
}
