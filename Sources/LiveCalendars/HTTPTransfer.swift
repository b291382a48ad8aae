import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange through URLSession, made synchronous for the fetch pool, with convene's limits:
/// a User-Agent, a timeout for the whole exchange, at most `maximumRedirects` redirects (credentials are
/// dropped when one leads to another host, and an https URL is never redirected to plain http), and a
/// body limit checked against Content-Length first and then while reading (a larger body is not read on).
/// Nothing is cached or written to disk (an ephemeral session without URL cache or cookies).
struct HTTPTransfer {
    struct Limits: Sendable {
        var timeout: TimeInterval
        var maximumBytes: Int
        var maximumRedirects: Int
    }

    struct Response {
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
        /// HTTP 401 (URLSession turns it into an authentication challenge, answered by cancelling).
        case unauthorized

        var message: String {
            switch self {
            case .timeout: "no answer within the timeout"
            case .tooLarge(let limit): "the answer is larger than \(limit >> 20) MiB (not read on)"
            case .redirectLoop: "too many redirects (a redirect loop?)"
            case .insecureRedirect: "redirected from https to plain http (refused)"
            case .unreachable(let why): why
            case .unauthorized: "HTTP 401"
            }
        }
    }

    static let userAgent = "convene/1 (calendar free/busy; +https://convene.invalid)"

    /// Performs `request` with an Authorization header for `credentials` (sent to the request's own host only).
    static func perform(_ request: URLRequest, credentials: Netrc.Login?, limits: Limits) -> Result<Response, Failure> {
        var request = request
        request.timeoutInterval = limits.timeout
        request.cachePolicy = .reloadIgnoringLocalCacheData
        request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        if let credentials {
            let token = Data("\(credentials.user):\(credentials.password)".utf8).base64EncodedString()
            request.setValue("Basic \(token)", forHTTPHeaderField: "Authorization")
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = limits.timeout
        configuration.timeoutIntervalForResource = limits.timeout
        let state = TransferState(limits: limits, origin: request.url)
        let session = URLSession(configuration: configuration, delegate: state, delegateQueue: nil)
        let task = session.dataTask(with: request)
        task.resume()
        // A backstop beyond URLSession's own timers: a server that accepts and never answers must not hang us.
        if state.done.wait(timeout: .now() + limits.timeout + 2) == .timedOut {
            state.fail(.timeout)
            task.cancel()
            _ = state.done.wait(timeout: .now() + 2)
        }
        session.invalidateAndCancel()
        return state.result()
    }
}

/// The delegate of one exchange; its mutable state is guarded by a lock (URLSession calls it on its queue).
private final class TransferState: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let limits: HTTPTransfer.Limits
    let origin: URL?
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var body = Data()
    private var response: HTTPURLResponse?
    private var failure: HTTPTransfer.Failure?
    private var redirects = 0
    private var error: Error?

    init(limits: HTTPTransfer.Limits, origin: URL?) {
        self.limits = limits
        self.origin = origin
    }

    func fail(_ failure: HTTPTransfer.Failure) {
        lock.withLock { if self.failure == nil { self.failure = failure } }
    }

    func result() -> Result<HTTPTransfer.Response, HTTPTransfer.Failure> {
        lock.withLock {
            if let failure { return .failure(failure) }
            if let error {
                let code = (error as NSError).code
                if code == NSURLErrorTimedOut { return .failure(.timeout) }
                // NSError descriptions hold the full URL: map them to words of our own.
                let why = switch code {
                case NSURLErrorCannotConnectToHost: "connection refused"
                case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: "host not found"
                case NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate, NSURLErrorServerCertificateHasUnknownRoot,
                     NSURLErrorServerCertificateNotYetValid, NSURLErrorSecureConnectionFailed: "TLS certificate not trusted"
                case NSURLErrorNetworkConnectionLost: "connection lost"
                case NSURLErrorNotConnectedToInternet: "no network"
                case NSURLErrorHTTPTooManyRedirects: "too many redirects (a redirect loop?)"
                default: "network error \(code)"
                }
                return .failure(.unreachable(why))
            }
            guard let response else { return .failure(.unreachable("no response")) }
            var headers: [String: String] = [:]
            for (key, value) in response.allHeaderFields {
                if let key = key as? String, let value = value as? String { headers[key] = value }
            }
            return .success(HTTPTransfer.Response(status: response.statusCode, headers: headers, body: body))
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        lock.withLock { self.response = http }
        // Refused before reading a byte of the body when the server announces too much.
        if response.expectedContentLength > Int64(limits.maximumBytes) {
            fail(.tooLarge(limits.maximumBytes))
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = lock.withLock { () -> Bool in
            body.append(data)
            return body.count > limits.maximumBytes
        }
        if over {
            fail(.tooLarge(limits.maximumBytes))
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        let count = lock.withLock { () -> Int in
            redirects += 1
            return redirects
        }
        guard count <= limits.maximumRedirects else {
            fail(.redirectLoop)
            completionHandler(nil)
            return
        }
        if origin?.scheme == "https" && request.url?.scheme != "https" {
            fail(.insecureRedirect)
            completionHandler(nil)
            return
        }
        var next = request
        // Credentials are for the host they were looked up for.
        if request.url?.host?.lowercased() != origin?.host?.lowercased() {
            next.setValue(nil, forHTTPHeaderField: "Authorization")
        }
        completionHandler(next)
    }

    /// convene sends its credentials up front; a challenge means they were missing or refused (HTTP 401).
    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        // Certificates are verified by the default handling; only a login challenge is refused here.
        guard [NSURLAuthenticationMethodHTTPBasic, NSURLAuthenticationMethodHTTPDigest, NSURLAuthenticationMethodDefault]
            .contains(challenge.protectionSpace.authenticationMethod) else {
            completionHandler(.performDefaultHandling, nil)
            return
        }
        fail(.unauthorized)
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.withLock { self.error = error }
        done.signal()
    }
}
