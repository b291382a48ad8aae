import CalendarValues
import ConveneCore
import Foundation

/// Puts iCalendar resources into a shared CalDAV collection and takes them out again (RFC 4791 §5.3.2,
/// RFC 4918 §9.7, §9.6), with the preconditions of RFC 7232: `If-None-Match: *` for a resource convene has
/// not put there yet, `If-Match: <etag>` for one it has — a resource someone changed on the server is
/// never overwritten (HTTP 412). Every exchange goes through `HTTPTransfer` with credentials from `Netrc`;
/// failures are one line naming the host and the status, never the collection's URL (it may hold a secret).
public struct CalDAVPublisher: Sendable {
    /// The collection (`publish.caldav` or `publish.tasks` in convene.yaml).
    public var collection: URL
    public var netrc: Netrc
    /// The configuration key the collection comes from, for messages: `publish.caldav`, `publish.tasks`.
    public var setting: String
    var limits: HTTPTransfer.Limits

    /// The timeout of one exchange is `CONVENE_FETCH_TIMEOUT` seconds (default 20), as for fetching.
    public init(collection: URL, setting: String, netrc: Netrc = .standard(),
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.collection = collection
        self.setting = setting
        self.netrc = netrc
        let timeout = environment["CONVENE_FETCH_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 && $0 <= 600 ? $0 : nil } ?? 20
        limits = HTTPTransfer.Limits(timeout: timeout, maximumBytes: 1 << 20, maximumRedirects: 3)
    }

    /// The host, the only part of the collection's URL convene prints.
    public var host: String { collection.host ?? "?" }

    /// The resource name for an item: the UID with everything but letters, digits and `-._@` replaced, `.ics`.
    public static func resourceName(_ uid: String) -> String {
        String(uid.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-._@".contains($0)) ? $0 : "-" }) + ".ics"
    }

    /// The fingerprint of a resource: SHA-256 of its text without DTSTAMP lines (a rerun at another time is no change).
    public static func fingerprint(_ text: String) -> String {
        let lines = text.components(separatedBy: "\r\n").filter { !$0.hasPrefix("DTSTAMP") }
        return SHA256.hex(Array(lines.joined(separator: "\r\n").utf8))
    }

    /// PUTs `text` (a VCALENDAR without METHOD) as `name`: created when `etag` is nil, else replaced if the
    /// server still has the version with that ETag.
    /// - Parameters:
    ///   - what: the item in words for messages (`the event of spring-2027`).
    ///   - record: the file recording what convene published, for the advice on a 412.
    /// - Returns: the new ETag (empty when the server gives none, even on a HEAD after the PUT).
    /// - Throws: `WorkspaceProblem` naming convene.yaml, the host and the status; for 412 what to do.
    public func put(_ text: String, as name: String, replacing etag: String?, what: String, record: String) throws(WorkspaceProblem) -> String {
        let url = collection.appendingPathComponent(name)
        var headers = ["Content-Type": "text/calendar; charset=utf-8"]
        if let etag, !etag.isEmpty { headers["If-Match"] = etag } else if etag == nil { headers["If-None-Match"] = "*" }
        let response = try exchange(url, method: "PUT", headers: headers, body: Data(text.utf8))
        switch response.status {
        case 200, 201, 204:
            if let tag = response.header("ETag"), !tag.isEmpty { return tag }
            // Some servers give the ETag only on a read (RFC 4791 §5.3.4 allows it when the data was changed).
            let read = try exchange(url, method: "HEAD", headers: [:], body: nil)
            return read.status == 200 ? read.header("ETag") ?? "" : ""
        case 412:
            throw failure(etag == nil
                ? "HTTP 412: the collection on \(host) already holds \(what), not put there by convene (or \(record) was lost); delete it there to publish again"
                : "HTTP 412: \(what) was changed or removed on \(host) since convene published it; look at it there, then delete it there and its entry in \(record) to publish convene's version again")
        default:
            throw failure(LiveCalendarFetcher.statusProblem(response.status, url: url, netrc: netrc))
        }
    }

    /// DELETEs `name` if it is still the version with `etag`; one already gone is fine.
    /// - Throws: `WorkspaceProblem` naming the host and the status.
    public func delete(_ name: String, etag: String, what: String, record: String) throws(WorkspaceProblem) {
        let url = collection.appendingPathComponent(name)
        let response = try exchange(url, method: "DELETE", headers: etag.isEmpty ? [:] : ["If-Match": etag], body: nil)
        switch response.status {
        case 200, 202, 204, 404, 410: return
        case 412: throw failure("HTTP 412: \(what) was changed on \(host) since convene published it; delete it there by hand, and its entry in \(record)")
        default: throw failure(LiveCalendarFetcher.statusProblem(response.status, url: url, netrc: netrc))
        }
    }

    private func exchange(_ url: URL, method: String, headers: [String: String], body: Data?) throws(WorkspaceProblem) -> HTTPTransfer.Response {
        let request = HTTPTransfer.Request(url: url, method: method, headers: headers, body: body)
        switch HTTPTransfer.perform(request, credentials: url.host.flatMap(netrc.login(for:)), limits: limits) {
        case .success(let response): return response
        case .failure(.unauthorized): throw failure(LiveCalendarFetcher.statusProblem(401, url: url, netrc: netrc))
        case .failure(let other): throw failure(other.message)
        }
    }

    private func failure(_ why: String) -> WorkspaceProblem {
        WorkspaceProblem(file: Workspace.networkFile, "\(setting): publishing to \(host): \(why)")
    }
}
