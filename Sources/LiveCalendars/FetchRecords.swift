import CalendarValues
import ConveneCore
import Foundation

/// What convene remembers of each live source between runs, in `.convene/sources.json`: the validators
/// for conditional requests, the content hash of the last answer (its busy time is in the busy cache),
/// when it was fetched, the range it covers and the last error. Keyed by `CalendarLocation.key` (a
/// SHA-256 of the URL): no URL, no credentials, no calendar data.
public struct FetchRecord: Codable, Sendable, Equatable {
    public var kind: String
    public var host: String
    public var person: String
    /// HTTP validators of a feed (`ETag`, `Last-Modified`) or the collection's version token (CalDAV).
    public var etag: String?
    public var lastModified: String?
    public var version: String?
    /// SHA-256 of the last answer read.
    public var contentHash: String?
    /// RFC 3339, UTC: the last fetch that gave (or confirmed) an answer.
    public var fetched: String?
    /// The window the answer speaks for (CalDAV asks for it; a feed speaks for all time, recorded as asked).
    public var coversStart: String?
    public var coversEnd: String?
    /// The last failure (words of convene's, naming no URL) and when it happened.
    public var lastError: String?
    public var lastErrorAt: String?

    enum CodingKeys: String, CodingKey {
        case kind, host, person, etag, version, fetched
        case lastModified = "last_modified", contentHash = "content_hash", coversStart = "covers_start", coversEnd = "covers_end"
        case lastError = "last_error", lastErrorAt = "last_error_at"
    }

    public init(kind: String, host: String, person: String) {
        self.kind = kind
        self.host = host
        self.person = person
    }

    /// The covered range, when recorded.
    public var covers: Interval? {
        guard let start = coversStart.flatMap(Instant.init(rfc3339:)), let end = coversEnd.flatMap(Instant.init(rfc3339:)) else { return nil }
        return Interval(start: start, end: end)
    }
}

/// The file of fetch records.
public enum FetchRecords {
    /// `.convene/sources.json` in the workspace (named in ConveneCore, which knows every state file).
    public static let file = Workspace.fetchRecordsFile

    /// The records by source key; an unreadable file is an empty one (it is only a memory of the last fetch).
    public static func load(_ root: URL) -> [String: FetchRecord] {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path),
              let records = try? JSONDecoder().decode([String: FetchRecord].self, from: data) else { return [:] }
        return records
    }

    /// Replaces the records of `updates`, keeping the others, under the workspace lock (two runs at
    /// once must not lose each other's records).
    static func merge(_ updates: [String: FetchRecord], into root: URL) {
        guard !updates.isEmpty else { return }
        try? WorkspaceLock.withLock(root) { () throws(WorkspaceProblem) in
            var records = load(root)
            for (key, record) in updates { records[key] = record }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            guard let data = try? encoder.encode(records) else { return }
            try AtomicFile.write(data + Data("\n".utf8), to: root.appendingPathComponent(file))
        }
    }
}
