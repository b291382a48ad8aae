import ConveneCore
import CalendarValues

/// The organizer's choice among the candidates of `convene propose MEETING --pick N|START`.
public struct SlotPick: Sendable, Equatable {
    /// The chosen slot.
    public var slot: Interval
    /// Set when a start was given that is not among the listed candidates (it is recorded as given).
    public var warning: Diagnostic?

    /// Resolves `text` — a candidate's number in `result`'s listing, or a local start such as
    /// `2027-04-20T13:30` in `zone` — to a slot of the meeting's length.
    /// - Throws: `UsageError` when `text` is neither.
    public init(_ text: String, in result: SearchResult, zone: CalendarTimeZone) throws(UsageError) {
        if let number = Int(text) {
            guard number >= 1, number <= result.candidates.count else {
                throw UsageError("--pick \(number): the listing has \(result.candidates.count) candidate(s).")
            }
            slot = result.candidates[number - 1].slot
        } else if let local = LocalDateTime(iso: text), text.count > 10 {
            let start = zone.instant(for: local)
            slot = Interval(start: start, end: start + Int64(result.meeting.durationMinutes) * 60)
            if !result.candidates.contains(where: { $0.slot.start == start }) {
                warning = Diagnostic(file: result.meeting.folder, "\(text) is not among the listed candidates; recorded as given")
            }
        } else {
            throw UsageError("--pick takes a candidate number or a local start like 2027-04-20T13:30.")
        }
    }

    /// Refuses a start that has passed: a meeting is picked for the future (`--past` records one held already).
    /// - Throws: `WorkspaceProblem` naming the slot file.
    public func requireFuture(of meeting: Meeting, now: Instant, given text: String) throws(WorkspaceProblem) {
        guard slot.start < now else { return }
        throw WorkspaceProblem(file: meeting.files.slotFile, "\(text) lies in the past; pick a time ahead (or add --past to record a meeting held already)")
    }

    /// Records the choice in the meeting's slot file (convene-owned: a hand edit is kept unless `force`).
    /// - Returns: the line that confirms it, naming the file (the day in `language`).
    /// - Throws: `WorkspaceProblem` when the file was edited by hand (without `force`) or cannot be written.
    public func record(for meeting: Meeting, in workspace: Workspace, picked: Instant, zone: CalendarTimeZone,
                       force: Bool, language: Language = .de) throws(WorkspaceProblem) -> String {
        let path = try ChosenSlot(slot: slot, picked: picked).write(for: meeting, in: workspace, force: force)
        let start = zone.localTime(of: slot.start), end = zone.localTime(of: slot.end)
        return "Recorded \(language.day(start.date)) \(language.clock(start))–\(language.clock(end)) for \(meeting.id) in \(path).\n"
    }
}
