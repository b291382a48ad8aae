import CalendarValues
import ConveneCore
import Foundation

/// ConveneCore's `CalendarFetching` over HTTP: iCalendar feeds with a conditional GET, CalDAV
/// collections with a free-busy-query REPORT for the window (a calendar-query time-range REPORT where
/// the server refuses it). Sources are fetched by a bounded pool of threads, each exchange within
/// its timeout and body limit. Credentials come from `Netrc`; what is remembered between runs is in
/// `FetchRecords` (never the raw answer: its busy time goes into the busy cache by content hash).
public struct LiveCalendarFetcher: CalendarFetching {
    public var root: URL
    /// Use the last answers without asking any server (`--offline`).
    public var offline: Bool
    public var now: Instant
    public var netrc: Netrc
    /// Reads Radicale's one-VFREEBUSY-per-busy-interval answers into the standard shape.
    public var reader: any BusyTimeReading
    public var zone: CalendarTimeZone
    public var poolSize: Int
    var limits: HTTPTransfer.Limits
    /// How many answers were read in full and how many were "not modified", for the last `fetch`.
    public let counters = Counters()

    public final class Counters: @unchecked Sendable {
        private let lock = NSLock()
        private var values: (read: Int, notModified: Int) = (0, 0)
        public var read: Int { lock.withLock { values.read } }
        public var notModified: Int { lock.withLock { values.notModified } }
        func count(notModified: Bool) { lock.withLock { if notModified { values.notModified += 1 } else { values.read += 1 } } }
    }

    /// The timeout per source (`CONVENE_FETCH_TIMEOUT` seconds, default 20), the body limit (32 MiB)
    /// and at most 5 redirects; 8 sources at a time.
    public init(root: URL, reader: any BusyTimeReading, zone: CalendarTimeZone, now: Instant, offline: Bool = false,
                netrc: Netrc = .standard(), environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.root = root
        self.reader = reader
        self.zone = zone
        self.now = now
        self.offline = offline
        self.netrc = netrc
        self.poolSize = 8
        let timeout = environment["CONVENE_FETCH_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 && $0 <= 600 ? $0 : nil } ?? 20
        self.limits = HTTPTransfer.Limits(timeout: timeout, maximumBytes: 32 << 20, maximumRedirects: 5)
    }

    public func fetch(_ sources: [LiveSource], window: Interval, isCached: @escaping @Sendable (LiveSource, String) -> Bool) -> [LiveSource: FetchOutcome] {
        let records = FetchRecords.load(root)
        let outcomes = LockedSlots<(FetchOutcome, FetchRecord)>(count: sources.count)
        let next = Counter()
        let group = DispatchGroup()
        let work: @Sendable () -> Void = {
            while true {
                let position = next.take()
                guard position < sources.count else { return }
                let source = sources[position]
                let record = records[source.location.key]
                let cached = record?.contentHash.map { isCached(source, $0) } ?? false
                outcomes.set(position, offline ? offlineAnswer(source, record, cached: cached)
                                               : fetch(source, window: window, record: record, cached: cached))
            }
        }
        for _ in 0..<min(poolSize, sources.count) {
            group.enter()
            Thread { work(); group.leave() }.start()
        }
        group.wait()
        var result: [LiveSource: FetchOutcome] = [:]
        var updates: [String: FetchRecord] = [:]
        for (position, source) in sources.enumerated() {
            guard let (outcome, record) = outcomes.get(position) else { continue }
            result[source] = outcome
            if !offline { updates[source.location.key] = record }
        }
        FetchRecords.merge(updates, into: root)
        return result
    }

    // MARK: One source

    private func warning(_ source: LiveSource, _ why: String) -> Diagnostic {
        Diagnostic(file: Workspace.peopleFile, "\(source.person): \(source.location.display): \(why); the time counts as unknown")
    }

    private func offlineAnswer(_ source: LiveSource, _ record: FetchRecord?, cached: Bool) -> (FetchOutcome, FetchRecord) {
        let record = record ?? FetchRecord(kind: source.location.kind, host: source.location.host, person: source.person)
        guard let hash = record.contentHash, cached, let fetched = record.fetched.flatMap(Instant.init(rfc3339:)) else {
            return (.failed(warning(source, "offline, and never fetched for this question")), record)
        }
        let note = Diagnostic(file: Workspace.peopleFile,
                              "\(source.person): \(source.location.display): offline, using the answer fetched \(Age.words(now - fetched)) ago (\(fetched.rfc3339))")
        return (.content(contentHash: hash, bytes: nil, notes: [note]), record)
    }

    private func fetch(_ source: LiveSource, window: Interval, record old: FetchRecord?, cached: Bool) -> (FetchOutcome, FetchRecord) {
        var record = old ?? FetchRecord(kind: source.location.kind, host: source.location.host, person: source.person)
        (record.kind, record.host, record.person) = (source.location.kind, source.location.host, source.person)
        let answer: Answer
        switch source.location {
        case .feed(let url): answer = fetchFeed(url, record: record, cached: cached)
        case .caldav(let url, let read): answer = fetchCalDAV(url, read: read, window: window, record: record, cached: cached)
        case .file: answer = .failed("not a live source")
        }
        switch answer {
        case .failed(let why):
            record.lastError = why
            record.lastErrorAt = now.rfc3339
            return (.failed(warning(source, why)), record)
        case .notModified:
            counters.count(notModified: true)
            record.fetched = now.rfc3339
            record.lastError = nil
            record.lastErrorAt = nil
            return (.content(contentHash: record.contentHash ?? "", bytes: nil, notes: []), record)
        case .content(let bytes, let validators):
            counters.count(notModified: false)
            let hash = SHA256.hex(bytes)
            record.contentHash = hash
            (record.etag, record.lastModified, record.version) = (validators.etag, validators.lastModified, validators.version)
            record.fetched = now.rfc3339
            (record.coversStart, record.coversEnd) = (window.start.rfc3339, window.end.rfc3339)
            record.lastError = nil
            record.lastErrorAt = nil
            return (.content(contentHash: hash, bytes: bytes, notes: []), record)
        }
    }

    enum Answer {
        case content([UInt8], Validators)
        case notModified
        case failed(String)
    }

    struct Validators {
        var etag: String?
        var lastModified: String?
        var version: String?
    }

    func exchange(_ url: URL, method: String, headers: [String: String] = [:], body: Data? = nil) -> Result<HTTPTransfer.Response, HTTPTransfer.Failure> {
        HTTPTransfer.perform(HTTPTransfer.Request(url: url, method: method, headers: headers, body: body),
                             credentials: url.host.flatMap(netrc.login(for:)), limits: limits)
    }

    /// A failed exchange in words naming no URL.
    func problem(_ failure: HTTPTransfer.Failure, url: URL) -> String {
        failure == .unauthorized ? statusProblem(401, url: url) : failure.message
    }

    /// A status that is not an answer, in words naming no URL.
    func statusProblem(_ status: Int, url: URL) -> String { Self.statusProblem(status, url: url, netrc: netrc) }

    /// A status that is not an answer, in words naming no URL; a 401 says whether `netrc` had credentials.
    static func statusProblem(_ status: Int, url: URL, netrc: Netrc) -> String {
        switch status {
        case 401: netrc.login(for: url.host ?? "") == nil
            ? "HTTP 401: the server wants credentials (add machine \(url.host ?? "?") to ~/.netrc or the file named by CONVENE_NETRC)"
            : "HTTP 401: the credentials for \(url.host ?? "?") were refused"
        case 403: "HTTP 403: access refused"
        case 404: "HTTP 404: not found (the address changed or was withdrawn?)"
        case 300..<400: "HTTP \(status): a redirect convene did not follow"
        case 500..<600: "HTTP \(status): the server failed"
        default: "HTTP \(status): not an answer convene can use"
        }
    }

    /// Whether the body is iCalendar text (an HTML login page or error page is not).
    static func isCalendar(_ bytes: [UInt8]) -> Bool {
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        while start < bytes.endIndex, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[start]) { start += 1 }
        let prefix = String(decoding: bytes[start..<min(bytes.endIndex, start + 15)], as: UTF8.self).uppercased()
        return prefix.hasPrefix("BEGIN:VCALENDAR")
    }

    // MARK: Feeds

    private func fetchFeed(_ url: URL, record: FetchRecord, cached: Bool) -> Answer {
        var headers = ["Accept": "text/calendar, */*;q=0.1"]
        // Conditional only when the busy time of the last answer is still cached: a 304 then parses nothing.
        if cached, record.contentHash != nil {
            if let etag = record.etag { headers["If-None-Match"] = etag }
            if let modified = record.lastModified { headers["If-Modified-Since"] = modified }
        }
        switch exchange(url, method: "GET", headers: headers) {
        case .failure(let failure): return .failed(problem(failure, url: url))
        case .success(let response):
            if response.status == 304, cached { return .notModified }
            guard response.status == 200 else { return .failed(statusProblem(response.status, url: url)) }
            let bytes = [UInt8](response.body)
            guard Self.isCalendar(bytes) else {
                let type = response.header("Content-Type")?.lowercased() ?? ""
                return .failed(type.contains("html") ? "answered with an HTML page, not iCalendar (a login page?)" : "the answer is not iCalendar")
            }
            return .content(bytes, Validators(etag: response.header("ETag"), lastModified: response.header("Last-Modified")))
        }
    }
}

/// Hands out 0, 1, 2, … to the pool's threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take() -> Int { lock.withLock { defer { value += 1 }; return value } }
}

/// Ages in words: `45 s`, `12 min`, `3 h`, `2 days`.
public enum Age {
    public static func words(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        switch s {
        case ..<120: return "\(s) s"
        case ..<7200: return "\(s / 60) min"
        case ..<(2 * 86_400): return "\(s / 3600) h"
        default: return "\(s / 86_400) days"
        }
    }
}
