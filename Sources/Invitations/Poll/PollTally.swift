import ConveneCore
import Foundation
import ICalendar

/// Collects poll answers: iTIP REPLYs to the tentative holds and a CSV of votes
/// (`person,start,vote` with vote `yes`, `if-need-be` or `no`). The newest answer per person and
/// slot wins (DTSTAMP for replies; CSV rows count as newer than any reply and later rows win).
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
        public var warnings: [Diagnostic] = []
        public var counted = 0
    }

    /// Reads every source (`.csv` by name, else iCalendar).
    /// - Throws: `WorkspaceErrors` for files that cannot be used at all.
    public func tally(_ sources: [CalendarSource]) throws(WorkspaceErrors) -> Tally {
        var tally = Tally()
        var stamps: [String: [Instant: Instant]] = [:]
        var problems: [WorkspaceProblem] = []
        let csvStamp = Instant(secondsSince1970: Int64.max / 2)
        for source in sources {
            do {
                if source.name.lowercased().hasSuffix(".csv") {
                    for (line, person, start, vote) in try csvVotes(source) {
                        record(&tally, &stamps, person: person, start: start, vote: vote, stamp: csvStamp + Int64(line))
                    }
                } else {
                    try replies(source, into: &tally, stamps: &stamps)
                }
            } catch {
                problems.append(error)
            }
        }
        guard problems.isEmpty else { throw WorkspaceErrors(problems: problems) }
        return tally
    }

    private func record(_ tally: inout Tally, _ stamps: inout [String: [Instant: Instant]], person: String, start: Instant,
                        vote: Vote, stamp: Instant) {
        if let previous = stamps[person]?[start], previous > stamp { return }
        if stamps[person]?[start] == nil { tally.counted += 1 }
        stamps[person, default: [:]][start] = stamp
        tally.votes[person, default: [:]][start] = vote
    }

    private func replies(_ source: CalendarSource, into tally: inout Tally, stamps: inout [String: [Instant: Instant]]) throws(CalendarError) {
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
            let vote: Vote
            switch reply.participation {
            case "ACCEPTED": vote = .yes
            case "TENTATIVE": vote = .ifNeedBe
            case "DECLINED": vote = .no
            default:
                tally.warnings.append(Diagnostic(file: source.name, "\(person.id) answered \(reply.participation); only ACCEPTED, TENTATIVE and DECLINED count"))
                continue
            }
            record(&tally, &stamps, person: person.id, start: start, vote: vote, stamp: reply.stamp ?? Instant(secondsSince1970: 0))
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

    /// Rows of `person,start,vote`; a header row is skipped; `start` is local (`2027-04-20T12:30`)
    /// in the network's zone or RFC 3339.
    private func csvVotes(_ source: CalendarSource) throws(CalendarError) -> [(Int, String, Instant, Vote)] {
        guard let text = String(bytes: source.bytes, encoding: .utf8) else {
            throw CalendarError(file: source.name, "not UTF-8 text")
        }
        var rows: [(Int, String, Instant, Vote)] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: line.contains(";") ? ";" : ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            if index == 0 && fields.first?.lowercased() == "person" { continue }
            guard fields.count == 3 else {
                throw CalendarError(file: source.name, line: index + 1, "expected 3 fields person,start,vote")
            }
            guard workspace.person(fields[0]) != nil else {
                throw CalendarError(file: source.name, line: index + 1, "unknown person '\(Quoting.short(fields[0]))'")
            }
            let start: Instant
            if let instant = Instant(rfc3339: fields[1]) { start = instant } else if fields[1].count > 10, let local = LocalDateTime(iso: fields[1]) {
                start = zone.instant(for: local)
            } else {
                throw CalendarError(file: source.name, line: index + 1, "start '\(Quoting.short(fields[1]))' is not like 2027-04-20T12:30")
            }
            guard let vote = Vote(rawValue: fields[2].lowercased()) else {
                throw CalendarError(file: source.name, line: index + 1, "vote '\(Quoting.short(fields[2]))' must be yes, if-need-be or no")
            }
            rows.append((index + 1, fields[0], start, vote))
        }
        return rows
    }
}

extension PollTally {
    /// Records a tally's votes in the meeting's poll (`poll.yaml`), when one was sent: each vote for a hold's start
    /// becomes that person's answer to the hold, stamped `now` (what the organizer types in or saves is the newest
    /// word). Votes for times the poll does not hold are left out. Holds the workspace lock.
    /// - Returns: the number of answers recorded, or nil when no poll was sent.
    /// - Throws: `WorkspaceProblem` when `poll.yaml` is broken or was edited by hand (without `force`).
    public func record(_ tally: Tally, now: Instant, force: Bool) throws(WorkspaceProblem) -> Int? {
        try workspace.withWriteLock { () throws(WorkspaceProblem) -> Int? in
            guard var poll = try PollState.read(meeting, in: workspace) else { return nil }
            let before = poll
            var recorded = 0
            for (personID, votes) in tally.votes {
                guard let person = workspace.person(personID) else { continue }
                for (start, vote) in votes {
                    guard let hold = poll.holds.first(where: { $0.slot.start == start }) else { continue }
                    if poll.answer(of: person.email, to: hold.uid)?.vote == vote { continue }
                    if poll.record(PollState.Answer(attendee: person.email, uid: hold.uid, vote: vote, stamp: now)) { recorded += 1 }
                }
            }
            if poll != before { try poll.write(meeting, in: workspace, force: force) }
            return recorded
        }
    }
}
