import CalendarValues

/// Fetches live calendar sources (iCalendar feeds, CalDAV collections) for a window. Like
/// `BusyTimeReading`, a seam: the features see live sources only through it, the `LiveCalendars`
/// target implements it and the CLI passes it in.
public protocol CalendarFetching: Sendable {
    /// Fetches every source (in parallel, each within its timeout) and says for each what came back.
    /// - Parameters:
    ///   - sources: the live sources asked, each with the person whose calendar it is (for messages).
    ///   - window: the time the question is about (CalDAV asks the server for exactly this).
    ///   - isCached: whether the busy cache already holds the answer for a content hash; a source whose
    ///     last content is cached is asked conditionally (ETag / Last-Modified), else unconditionally.
    func fetch(_ sources: [LiveSource], window: Interval, isCached: @escaping @Sendable (LiveSource, String) -> Bool) -> [LiveSource: FetchOutcome]
}

/// One live source of one person.
public struct LiveSource: Hashable, Sendable {
    public var person: String
    public var location: CalendarLocation

    public init(person: String, location: CalendarLocation) {
        self.person = person
        self.location = location
    }
}

/// What fetching one live source gave.
public enum FetchOutcome: Sendable, Equatable {
    /// iCalendar text to read as busy time, identified by its SHA-256 (`contentHash`). `bytes` is nil
    /// when the server said "not modified" (or `--offline`): the busy cache holds the answer for
    /// `contentHash`. `notes` are warnings to show with the result (such as the age of an offline answer).
    case content(contentHash: String, bytes: [UInt8]?, notes: [Diagnostic])
    /// The source could not be read: one warning naming the person and the host (never the URL's
    /// path or query, never credentials). The person's time counts as unknown for the window.
    case failed(Diagnostic)
}
