import ConveneCore
import Foundation
import ICalendar

/// `convene actions remind`: before the next meeting, one mail per responsible person listing their pending action
/// items (open or in progress), the overdue ones marked — Outlook users do not see VTODO feeds, a mail reaches them.
/// An item without a responsible person goes to its town's head of main office (role `main-office`), else the
/// town's OB. The mail text comes from `Templates/actions-remind.<lang>.txt.mustache`.
///
/// The items are given, not read here: the caller passes the list `convene actions` shows (its one status API), so
/// reminders and lists never disagree about where an item stands. Messages are recorded in the next meeting's
/// `sent.log`; the Message-ID carries the day, so a rerun on the same day sends nothing new.
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

    /// Who is reminded of `item`: its responsible person, else its town's head of main office, else its town's OB.
    public func recipient(of item: ActionItem) -> Person? {
        if let id = item.responsible, let person = workspace.person(id) { return person }
        let town = workspace.people.filter { $0.town == item.town }
        return town.first { $0.role == .mainOffice } ?? town.first { $0.role == .ob }
    }

    /// One reminder per person with pending items among `items` (others are left out).
    /// - Parameter today: what "overdue" is measured against.
    /// - Throws: `WorkspaceProblem` from a template or a name that cannot go into a mail header.
    public func round(items: [ActionItem], today: LocalDate, now: Instant) throws(WorkspaceProblem) -> DocumentRound {
        let zone = try CalendarTimeZone(identifier: workspace.network.timeZone)
        let pending = items.filter(\.status.isPending)
        let day = zone.localTime(of: now).date.description.replacingOccurrences(of: "-", with: "")
        // Without a chosen slot the meeting has no date yet: the mail names it without one.
        let date = meeting.chosen.map { language.date(zone.localTime(of: $0.start).date) }
        var order: [String] = []
        var byPerson: [String: (person: Person, items: [ActionItem])] = [:]
        var unreached: [ActionItem] = []
        for item in pending {
            guard let person = recipient(of: item) else { unreached.append(item); continue }
            if byPerson[person.id] == nil { order.append(person.id); byPerson[person.id] = (person, []) }
            byPerson[person.id]?.items.append(item)
        }
        let subject = language == .de ? "Erinnerung: offene Aufgaben vor „\(meeting.title)“" + (date.map { " am \($0)" } ?? "")
            : "Reminder: open action items before \(meeting.title)" + (date.map { " on \($0)" } ?? "")
        var messages: [OutgoingMessage] = []
        var contents: [String: String] = [:]
        for id in order {
            guard let (person, items) = byPerson[id] else { continue }
            let overdue = items.filter { item in item.due.map { $0 < today } ?? false }.count
            let rows: [[String: Any]] = items.map { item in
                [
                    "title": item.title, "town": workspace.town(item.town)?.name ?? item.town, "status": language.label(of: item.status),
                    "has_due": item.due != nil, "due": item.due.map(language.date) ?? "", "overdue": item.due.map { $0 < today } ?? false,
                    "meeting": workspace.meeting(item.meeting)?.title ?? item.meeting, "has_item": item.item != nil, "item": item.item ?? "",
                ]
            }
            let data: [String: Any] = [
                "greeting": language.greeting(for: person, name: person.name), "meeting_title": meeting.title,
                "has_date": date != nil, "date": date ?? "", "single": items.count == 1, "count": items.count, "items": rows,
                "has_overdue": overdue > 0, "overdue_count": overdue, "single_overdue": overdue == 1,
                "organizer": workspace.network.organizer.name,
            ]
            let plain = try DocumentMail.body("actions-remind", defaults: DefaultReminderTemplates.files, language: language, data: data,
                                              workspace: workspace, subject: "the reminder")
            let messageID = "\(meeting.id).actions-reminder-\(day).\(person.id)@\(workspace.organizerDomain)"
            let text = try DocumentMail.compose(workspace, to: person, subject: subject, plain: plain, language: language, now: now, zone: zone,
                                                messageID: messageID, meeting: meeting, attachments: [])
            var message = OutgoingMessage(file: "mail/\(person.id)-\(day).eml", recipient: person.email.lowercased(), recipientName: person.name,
                                          method: "ACTIONS", sequence: 0, messageID: messageID, subject: subject, calendar: "", text: text)
            message.distinctByMessageID = true
            messages.append(message)
            contents[messageID] = "\(items.count) item\(items.count == 1 ? "" : "s")" + (overdue > 0 ? ", \(overdue) overdue" : "")
        }
        var round = DocumentRound(files: [], messages: messages, contents: contents, what: "reminders of open action items before \(meeting.id)")
        round.unreached = unreached.map(\.id)
        return round
    }
}
