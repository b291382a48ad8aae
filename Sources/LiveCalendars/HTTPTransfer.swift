import Foundation

/// One HTTP exchange through libcurl (`CurlEasy`, loaded on first use), synchronous for the fetch pool, with
/// convene's limits: a User-Agent, a timeout for the whole exchange (every hop within it, each with a connect
/// timeout), at most `maximumRedirects` redirects, followed here hop by hop (credentials are dropped when one
/// leads to another host, and an https URL is never redirected to plain http), and a body limit checked against
/// Content-Length first and then while reading (a larger body is not read on). Only http and https; certificates
/// verified; nothing is cached or written to disk (no cookies, no cache, no netrc of libcurl's own).
struct HTTPTransfer {
    struct Limits: Sendable {
        var timeout: TimeInterval
        var maximumBytes: Int
        var maximumRedirects: Int
    }

    /// What to send: the method, headers and body of the first hop.
    struct Request: Equatable {
        var url: URL
        var method: String
        var headers: [String: String]
        var body: Data?

        init(url: URL, method: String = "GET", headers: [String: String] = [:], body: Data? = nil) {
            (self.url, self.method, self.headers, self.body) = (url, method, headers, body)
        }
    }

    struct Response: Equatable {
        var status: Int
        var headers: [String: String]
        var body: Data

        func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// Why an exchange gave no response; the message names no URL (it may hold a secret).
    enum Failure: Error, Equatable {
        case timeout, tooLarge(Int), redirectLoop, insecureRedirect, unreachable(String)
        /// HTTP 401: convene sends its credentials up front, so they were missing or refused.
        case unauthorized
        /// libcurl could not be loaded; the words name what to install.
        case noLibrary(String)

        var message: String {
            switch self {
            case .timeout: "no answer within the timeout"
            case .tooLarge(let limit): "the answer is larger than \(limit >> 20) MiB (not read on)"
            case .redirectLoop: "too many redirects (a redirect loop?)"
            case .insecureRedirect: "redirected from https to plain http (refused)"
            case .unreachable(let why): why
            case .unauthorized: "HTTP 401"
            case .noLibrary(let why): why
            }
        }
    }

    static let userAgent = "convene/1 (calendar free/busy; +https://convene.invalid)"

    /// The longest a connection may take to open, within the exchange's timeout.
    static let connectTimeout: TimeInterval = 10

    /// Performs `request` with an Authorization header for `credentials` (sent to the request's own host only).
    static func perform(_ request: Request, credentials: Netrc.Login?, limits: Limits) -> Result<Response, Failure> {
        if let problem = CurlLibrary.load().problem { return .failure(.noLibrary(problem)) }
        guard let easy = CurlEasy() else { return .failure(.unreachable("libcurl could not start a transfer")) }
        let started = DispatchTime.now().uptimeNanoseconds
        let budget = UInt64(max(0, limits.timeout) * 1_000_000_000)
        let authorization = credentials.map { "Basic " + Data("\($0.user):\($0.password)".utf8).base64EncodedString() }
        var hop = Hop(request: request, authorized: authorization != nil)
        var redirects = 0
        while true {
            guard ["http", "https"].contains(hop.request.url.scheme?.lowercased() ?? "") else {
                return .failure(.unreachable("only http and https addresses are fetched"))
            }
            let spent = DispatchTime.now().uptimeNanoseconds - started
            guard spent < budget else { return .failure(.timeout) }
            let remaining = Int((budget - spent) / 1_000_000)
            var lines = hop.request.headers.sorted { $0.key < $1.key }
                .filter { !["user-agent", "authorization"].contains($0.key.lowercased()) }
                .map { "\($0.key): \($0.value)" }
            lines.append("User-Agent: \(userAgent)")
            if hop.authorized, let authorization { lines.append("Authorization: \(authorization)") }
            let answer: CurlAnswer
            switch easy.perform(CurlRequest(url: hop.request.url.absoluteString, method: hop.request.method, headers: lines,
                                            body: hop.request.body, timeoutMilliseconds: remaining,
                                            connectTimeoutMilliseconds: min(remaining, Int(connectTimeout * 1000)),
                                            maximumBytes: limits.maximumBytes)) {
            case .failure(let failure): return .failure(failure)
            case .success(let value): answer = value
            }
            if answer.status == 401 { return .failure(.unauthorized) }
            switch next(after: hop, status: answer.status, location: answer.redirectURL) {
            case nil: return .success(Response(status: answer.status, headers: answer.headers, body: answer.body))
            case .failure(let failure): return .failure(failure)
            case .success(let following):
                redirects += 1
                guard redirects <= limits.maximumRedirects else { return .failure(.redirectLoop) }
                hop = following
            }
        }
    }

    /// One hop of an exchange: the request and whether the credentials still go with it.
    struct Hop: Equatable {
        var request: Request
        var authorized: Bool
    }

    /// The hop a redirect leads to, nil when `status` is not one convene follows (the answer is then the
    /// response), or the failure that ends the exchange. 301, 302, 303, 307 and 308 with a `Location`, by the
    /// rules URLSession applied (RFC 9110 §15.4): 303 turns the request into a GET without body (a HEAD stays a
    /// HEAD, §15.4.4), 301 and 302 turn a POST into a GET, every other request goes on unchanged (307 and 308
    /// always). An https hop is never followed to plain http; the credentials go no further once a hop leaves
    /// the host they are for.
    static func next(after hop: Hop, status: Int, location: String?) -> Result<Hop, Failure>? {
        guard [301, 302, 303, 307, 308].contains(status), let location, let target = URL(string: location, relativeTo: hop.request.url)?.absoluteURL
        else { return nil }
        if hop.request.url.scheme?.lowercased() == "https", target.scheme?.lowercased() != "https" {
            return .failure(.insecureRedirect)
        }
        var following = hop
        following.request.url = target
        let method = hop.request.method
        if (status == 303 && method != "GET" && method != "HEAD") || ([301, 302].contains(status) && method == "POST") {
            following.request.method = "GET"
            following.request.body = nil
            following.request.headers = hop.request.headers.filter { !["content-type", "content-length"].contains($0.key.lowercased()) }
        }
        // Credentials are for the host they were looked up for.
        if target.host?.lowercased() != hop.request.url.host?.lowercased() { following.authorized = false }
        return .success(following)
    }
}
