import ConveneCore
import Foundation
import ICalendar

/// `convene actions remind`: before the next meeting, one mail per responsible person listing their pending action
/// items (open or in progress) and the decisions with a due date their town is responsible for, the overdue ones
/// marked — Outlook users do not see VTODO feeds, a mail reaches them. An item without a responsible person, and a
/// decision (which names a town, not a person), go to the town's head of main office (role `main-office`), else the
/// town's OB; a town's contact gets one mail with both. The mail text comes from
/// `Templates/actions-remind.<lang>.txt.mustache`.
///
/// Which decisions: pending (open or in progress), with a `due` date and a `town`. A decision without a town is the
/// network's as a whole: its due date is the date the Beschlusskontrolle (`convene decisions`, reviewed at every
/// meeting) marks it overdue by, and nobody is mailed about it — the summary names it (`round.unassigned`), so the
/// organizer sees it. A decision without a due date has nothing falling due and is not reminded of.
///
/// The items and decisions are given, not read here: the caller passes the lists `convene actions` and
/// `convene decisions` show (the one status view), so reminders and lists never disagree about where something
/// stands. Messages are recorded in the next meeting's `sent.log`; the Message-ID carries the day, so a rerun on the
/// same day sends nothing new.
public struct ActionReminders: Sendable {
    public var workspace: Workspace
    /// The meeting the reminders go out before (its `sent.log` and `out/reminders/`).
    public var meeting: Meeting
    public var language: Language

    public init(workspace: Workspace, meeting: Meeting, language: Language) {
        self.workspace = workspace
        self.meeting = meeting
        self.language = language
    }

    /// The next meeting after `now`: the earliest whose chosen slot starts later, else whose window has not ended.
    /// - Throws: `WorkspaceProblem` naming the meetings folder when there is none.
    public static func nextMeeting(in workspace: Workspace, now: Instant, zone: CalendarTimeZone) throws(WorkspaceProblem) -> Meeting {
        let today = zone.localTime(of: now).date
        let upcoming = workspace.meetings.compactMap { meeting -> (Meeting, Int64)? in
            if let slot = meeting.chosen { return slot.start > now ? (meeting, slot.start.secondsSince1970) : nil }
            return meeting.window.last >= today ? (meeting, Int64(meeting.window.first.daysSinceEpoch) * 86_400) : nil
        }
        guard let next = upcoming.min(by: { ($0.1, $0.0.id) < ($1.1, $1.0.id) })?.0 else {
            throw WorkspaceProblem(file: MeetingFolder.parent, "no upcoming meeting to send reminders before; name one with --before MEETING")
        }
        return next
    }

    /// `meetings/<id>/out/reminders`.
    public var folder: String { meeting.files.remindersOutFolder }

    /// Who is reminded of `item`: its responsible person, else its town's contact.
    public func recipient(of item: ActionItem) -> Person? {
        if let id = item.responsible, let person = workspace.person(id) { return person }
        return contact(of: item.town)
    }

    /// Who is reminded of a decision: its town's contact (nil for a decision without a town).
    public func recipient(of decision: TrackedDecision) -> Person? { decision.town.flatMap(contact(of:)) }

    /// A town's head of main office, else its OB.
    private func contact(of town: String) -> Person? {
        let people = workspace.people.filter { $0.town == town }
        return people.first { $0.role == .mainOffice } ?? people.first { $0.role == .ob }
    }

    /// Keys of the template's list elements (the list of items or of decisions may be empty).
    static let elementKeys: Set<String> = ["title", "town", "status", "has_due", "due", "overdue", "meeting", "has_item", "item", "number", "text"]

    /// One reminder per person with pending items among `items` or due decisions of their town among `decisions`
    /// (others are left out).
    /// - Parameter today: what "overdue" is measured against.
    /// - Throws: `WorkspaceProblem` from a template or a name that cannot go into a mail header.
    public func round(items: [ActionItem], decisions: [TrackedDecision] = [], today: LocalDate, now: Instant) throws(WorkspaceProblem) -> DocumentRound {
        let zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
        let pending = items.filter(\.status.isPending)
        let day = zone.localTime(of: now).date.description.replacingOccurrences(of: "-", with: "")
        // Without a chosen slot the meeting has no date yet: the mail names it without one.
        let date = meeting.chosen.map { language.date(zone.localTime(of: $0.start).date) }
        var order: [String] = []
        var byPerson: [String: (person: Person, items: [ActionItem], decisions: [TrackedDecision])] = [:]
        var unreached: [String] = []
        var unassigned: [String] = []
        func add(_ person: Person) {
            if byPerson[person.id] == nil { order.append(person.id); byPerson[person.id] = (person, [], []) }
        }
        for item in pending {
            guard let person = recipient(of: item) else { unreached.append(item.id); continue }
            add(person)
            byPerson[person.id]?.items.append(item)
        }
        for decision in decisions where decision.status.isPending && decision.due != nil {
            guard decision.town != nil else { unassigned.append(decision.number); continue }
            guard let person = recipient(of: decision) else { unreached.append(decision.number); continue }
            add(person)
            byPerson[person.id]?.decisions.append(decision)
        }
        var messages: [OutgoingMessage] = []
        var contents: [String: String] = [:]
        for id in order {
            guard let (person, items, decisions) = byPerson[id] else { continue }
            let overdueItems = items.filter { item in item.due.map { $0 < today } ?? false }.count
            let overdue = overdueItems + decisions.filter { decision in decision.due.map { $0 < today } ?? false }.count
            let subject = subject(date: date, items: !items.isEmpty, decisions: !decisions.isEmpty)
            let rows: [[String: Any]] = items.map { item in
                [
                    "title": item.title, "town": workspace.town(item.town)?.name ?? item.town, "status": language.label(of: item.status),
                    "has_due": item.due != nil, "due": item.due.map(language.date) ?? "", "overdue": item.due.map { $0 < today } ?? false,
                    "meeting": workspace.meeting(item.meeting)?.title ?? item.meeting, "has_item": item.item != nil, "item": item.item ?? "",
                ]
            }
            let decisionRows: [[String: Any]] = decisions.map { decision in
                [
                    "number": decision.number, "text": decision.text, "town": decision.town.map { workspace.town($0)?.name ?? $0 } ?? "",
                    "status": language.label(of: decision.status), "due": decision.due.map(language.date) ?? "",
                    "overdue": decision.due.map { $0 < today } ?? false,
                    "meeting": workspace.meeting(decision.meeting)?.title ?? decision.meeting, "has_item": decision.item != nil,
                    "item": decision.item ?? "",
                ]
            }
            let data: [String: Any] = [
                "greeting": language.greeting(for: person, name: person.name), "meeting_title": meeting.title,
                "has_date": date != nil, "date": date ?? "", "has_items": !items.isEmpty, "single": items.count == 1, "count": items.count,
                "items": rows, "has_decisions": !decisions.isEmpty, "single_decision": decisions.count == 1, "decision_count": decisions.count,
                "decisions": decisionRows, "decision_town": workspace.town(person.town)?.name ?? person.town,
                "single_entry": items.count + decisions.count == 1,
                "has_overdue": overdue > 0, "overdue_count": overdue, "single_overdue": overdue == 1,
                "organizer": workspace.network.organizer.name,
            ]
            let plain = try DocumentMail.body("actions-remind", defaults: DefaultReminderTemplates.files, language: language, data: data,
                                              known: Self.elementKeys, workspace: workspace, subject: "the reminder")
            let messageID = "\(meeting.id).actions-reminder-\(day).\(person.id)@\(workspace.organizerDomain)"
            let text = try DocumentMail.compose(workspace, to: person, subject: subject, plain: plain, language: language, now: now, zone: zone,
                                                messageID: messageID, meeting: meeting, attachments: [])
            var message = OutgoingMessage(file: MeetingFolder.reminderMailFile(person.id, day: day), recipient: person.email.lowercased(), recipientName: person.name,
                                          method: "ACTIONS", sequence: 0, messageID: messageID, subject: subject, calendar: "", text: text)
            message.distinctByMessageID = true
            messages.append(message)
            var carries: [String] = []
            if !items.isEmpty { carries.append("\(items.count) item\(items.count == 1 ? "" : "s")") }
            if !decisions.isEmpty { carries.append("\(decisions.count) decision\(decisions.count == 1 ? "" : "s")") }
            if overdue > 0 { carries.append("\(overdue) overdue") }
            contents[messageID] = carries.joined(separator: ", ")
        }
        let what = byPerson.values.contains { !$0.decisions.isEmpty } ? "reminders of open action items and decisions due before \(meeting.id)"
            : "reminders of open action items before \(meeting.id)"
        var round = DocumentRound(files: [], messages: messages, contents: contents, what: what)
        round.unreached = unreached
        round.unassigned = unassigned
        return round
    }

    /// „Erinnerung: offene Aufgaben vor „…“ am …" — „… und Beschlüsse …" when the mail carries decisions too.
    private func subject(date: String?, items: Bool, decisions: Bool) -> String {
        switch language {
        case .de:
            let what = items ? (decisions ? "offene Aufgaben und fällige Beschlüsse" : "offene Aufgaben") : "fällige Beschlüsse"
            return "Erinnerung: \(what) vor „\(meeting.title)“" + (date.map { " am \($0)" } ?? "")
        case .en:
            let what = items ? (decisions ? "open action items and decisions due" : "open action items") : "decisions due"
            return "Reminder: \(what) before \(meeting.title)" + (date.map { " on \($0)" } ?? "")
        }
    }
}
