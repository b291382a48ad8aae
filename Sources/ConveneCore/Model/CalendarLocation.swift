import CalendarValues
import Foundation

/// Where a person's calendar comes from: one entry of `calendars:` in people.yaml.
///
/// A file (the default, relative to the workspace), an iCalendar feed (`https://`, `webcal://`,
/// or `http://` on loopback or with `insecure: true`), or a CalDAV calendar collection
/// (`{caldav: URL}`). A URL may hold a secret (Google's private address, Outlook's published
/// calendar): nothing convene prints or stores names more of it than `host`; metadata is keyed by
/// `key`, a SHA-256 of the URL.
public enum CalendarLocation: Hashable, Sendable {
    /// A workspace-relative path.
    case file(String)
    /// An iCalendar feed fetched with GET (`webcal://` is read as `https://`).
    case feed(URL)
    /// A CalDAV calendar collection asked with REPORT (RFC 4791 §7.10, §7.8).
    case caldav(URL, read: CalDAVReading = .freeBusy)

    /// The kind as people.yaml and `convene sources` name it.
    public var kind: String {
        switch self {
        case .file: "file"
        case .feed: "ics-url"
        case .caldav: "caldav"
        }
    }

    /// The workspace-relative path of a file source.
    public var path: String? {
        if case .file(let path) = self { return path }
        return nil
    }

    /// The URL of a live source (never printed: it may hold a secret).
    public var url: URL? {
        switch self {
        case .file: nil
        case .feed(let url), .caldav(let url, _): url
        }
    }

    /// The host of a live source, the only part of its URL convene ever prints; the path of a file.
    public var host: String {
        switch self {
        case .file(let path): path
        case .feed(let url), .caldav(let url, _): url.host ?? "?"
        }
    }

    /// A stable key for metadata and messages that do not reveal the URL: `kind:` + SHA-256 of the URL.
    public var key: String {
        switch self {
        case .file(let path): "file:" + path
        case .feed(let url): kind + ":" + SHA256.hex(Array(url.absoluteString.utf8))
        case .caldav(let url, let read): kind + ":" + SHA256.hex(Array("\(read.rawValue) \(url.absoluteString)".utf8))
        }
    }

    /// What a message may call the source: `caldav on cal.example.org`, or the file's path.
    public var display: String {
        switch self {
        case .file(let path): path
        case .feed, .caldav: "\(kind) on \(host)"
        }
    }
}

/// What convene asks a CalDAV collection for.
public enum CalDAVReading: String, Hashable, Sendable, CaseIterable {
    /// A free-busy-query REPORT for the window: the server says what is busy (a calendar-query
    /// time-range REPORT where it refuses that). Nothing but busy time crosses the network.
    case freeBusy = "free-busy"
    /// Every event of the collection (a calendar-query REPORT without time range), read by the same
    /// rules as files (Outlook's busy status, convene's recurrence rules): for servers whose own
    /// free-busy or time-range evaluation misses events — Xandikos 0.2 expands no recurring series.
    case events
}

extension CalendarLocation {
    /// Why a URL entry is refused: a sentence that never quotes the URL.
    public enum URLProblem: Error, Equatable {
        case notAURL, scheme, credentialsInURL, plainHTTP, insecureNeedsHTTP

        public var message: String {
            switch self {
            case .notAURL: "is not a valid URL with a host"
            case .scheme: "must be an https://, webcal:// or http:// URL (or a file path in the workspace)"
            case .credentialsInURL: "holds a user name or password; credentials belong in ~/.netrc (or the file named by CONVENE_NETRC), never in people.yaml"
            case .plainHTTP: "uses plain http:// to a host that is not loopback; use https://, or add insecure: true to accept it"
            case .insecureNeedsHTTP: "insecure: true is only for plain http:// URLs (https:// certificates are always verified)"
            }
        }
    }

    /// Whether `host` is the machine itself (127.0.0.0/8, ::1, localhost).
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }

    /// Whether `text` looks like a URL rather than a path (it has a scheme).
    public static func looksLikeURL(_ text: String) -> Bool {
        guard let colon = text.range(of: "://") else { return false }
        let scheme = text[..<colon.lowerBound]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    /// Validates a feed or CalDAV URL: https (certificates verified), webcal (read as https), or
    /// http to loopback, or anywhere with `insecure`.
    /// - Throws: `URLProblem`, whose message never quotes the URL.
    public static func validatedURL(_ text: String, insecure: Bool, caldav: Bool) throws(URLProblem) -> URL {
        guard var components = URLComponents(string: text), let host = components.host, !host.isEmpty else { throw .notAURL }
        if components.user != nil || components.password != nil { throw .credentialsInURL }
        switch components.scheme?.lowercased() {
        case "https":
            if insecure { throw .insecureNeedsHTTP }
        case "webcal" where !caldav:
            if insecure { throw .insecureNeedsHTTP }
            components.scheme = "https"
        case "http":
            if !insecure && !isLoopback(host) { throw .plainHTTP }
        default:
            throw .scheme
        }
        guard let url = components.url else { throw .notAURL }
        return url
    }
}
