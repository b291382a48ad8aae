import CLibical
import Foundation

extension TodoStatus {
    /// The libical STATUS value of this status.
    var libical: icalproperty_status {
        switch self {
        case .needsAction: return ICAL_STATUS_NEEDSACTION
        case .inProcess: return ICAL_STATUS_INPROCESS
        case .completed: return ICAL_STATUS_COMPLETED
        case .cancelled: return ICAL_STATUS_CANCELLED
        }
    }
}

/// One to-do (VTODO, RFC 5545 §3.6.2) to write: an action item as a task feed entry.
public struct TodoDescription: Sendable, Equatable {
    /// A stable UID derived from the item's id, never random.
    public var uid: String
    /// DTSTAMP (inject `CONVENE_NOW` for reproducible output).
    public var stamp: Instant
    public var summary: String
    /// DUE, written as a DATE (`DUE;VALUE=DATE:20270228`).
    public var due: LocalDate?
    public var status: TodoStatus
    /// CATEGORIES values (the town id).
    public var categories: [String]
    /// RELATED-TO: the UID of the meeting the to-do came from (RFC 5545 §3.8.4.5, RELTYPE=PARENT by default).
    public var relatedTo: String?
    public var description: String?

    public init(uid: String, stamp: Instant, summary: String, due: LocalDate? = nil, status: TodoStatus, categories: [String] = [],
                relatedTo: String? = nil, description: String? = nil) {
        self.uid = uid
        self.stamp = stamp
        self.summary = summary
        self.due = due
        self.status = status
        self.categories = categories
        self.relatedTo = relatedTo
        self.description = description
    }
}

/// Builds VTODO documents through libical.
public enum TodoWriter {
    /// One VCALENDAR (no METHOD: a feed to subscribe to or import) holding one VTODO per to-do.
    /// - Returns: the text with CRLF line endings and 75-octet folding, as libical writes it.
    public static func document(todos: [TodoDescription]) -> String {
        // The tree owns every component and property added to it and frees it once.
        let calendar = ComponentTree(ICAL_VCALENDAR_COMPONENT)
        calendar.root.add(icalproperty_new_version("2.0"))
        calendar.root.add(icalproperty_new_prodid(FreeBusyWriter.productID))
        for todo in todos {
            calendar.root.addChild(ICAL_VTODO_COMPONENT) { component in
                component.add(icalproperty_new_uid(todo.uid))
                component.add(icalproperty_new_dtstamp(FreeBusyWriter.utcTime(todo.stamp)))
                component.add(icalproperty_new_summary(todo.summary))
                if let due = todo.due {
                    var tt = icaltime_null_time()
                    tt.year = Int32(due.year)
                    tt.month = Int32(due.month)
                    tt.day = Int32(due.day)
                    tt.is_date = 1
                    component.add(icalproperty_new_due(tt))
                }
                component.add(icalproperty_new_status(todo.status.libical))
                for category in todo.categories { component.add(icalproperty_new_categories(category)) }
                if let related = todo.relatedTo { component.add(icalproperty_new_relatedto(related)) }
                if let description = todo.description { component.add(icalproperty_new_description(description)) }
            }
        }
        return calendar.serialized()
    }
}
