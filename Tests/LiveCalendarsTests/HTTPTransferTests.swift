import Foundation
import Testing
@testable import LiveCalendars

/// HTTPTransfer over libcurl against a local server: redirects followed hop by hop with the credentials kept
/// to their host, the redirect limit, the body limit by Content-Length and while reading, the timeout, 401.
@Suite struct HTTPTransferTests {
    let login = Netrc.Login(user: "anna", password: "pw-7Qx")
    let limits = HTTPTransfer.Limits(timeout: 10, maximumBytes: 1 << 20, maximumRedirects: 5)

    @Test func redirectsAreFollowedHopByHopAndCredentialsStayWithTheirHost() throws {
        let server = try LocalHTTPServer { request, port in
            switch request.path {
            case "/start": .answer(307, headers: [("Location", "/same")])
            case "/same": .answer(302, headers: [("Location", "http://localhost:\(port)/other")])
            case "/other": .answer(303, headers: [("Location", "http://127.0.0.1:\(port)/back")])
            case "/back": .answer(200, headers: [("ETag", "\"e1\""), ("X-Twice", "a"), ("x-twice", "b")], body: Data("done".utf8))
            default: .answer(404)
            }
        }
        defer { server.stop() }
        let request = HTTPTransfer.Request(url: server.url("/start"), method: "PUT",
                                           headers: ["Content-Type": "text/calendar", "If-Match": "\"e0\""], body: Data("payload".utf8))
        let response = try HTTPTransfer.perform(request, credentials: login, limits: limits).get()
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "done")
        #expect(response.header("etag") == "\"e1\"")
        #expect(response.header("X-Twice") == "a, b")
        let seen = server.requests
        #expect(seen.map(\.path) == ["/start", "/same", "/other", "/back"])
        // 307 and 302 keep a PUT and its body; 303 makes it a GET without one.
        #expect(seen.map(\.method) == ["PUT", "PUT", "PUT", "GET"])
        #expect(seen.map { String(decoding: $0.body, as: UTF8.self) } == ["payload", "payload", "payload", ""])
        #expect(seen[3].headers["content-type"] == nil)
        // Basic auth to the first host only; once another host was asked, not even back on the first.
        let basic = "Basic " + Data("anna:pw-7Qx".utf8).base64EncodedString()
        #expect(seen.map { $0.headers["authorization"] } == [basic, basic, nil, nil])
        #expect(seen[2].headers["host"] == "localhost:\(server.port)")
        #expect(seen.allSatisfy { $0.headers["user-agent"] == HTTPTransfer.userAgent })
        #expect(seen.allSatisfy { $0.headers["if-match"] == "\"e0\"" }, "conditions go on with the request")
    }

    @Test func redirectsStopAtTheLimit() throws {
        let server = try LocalHTTPServer { request, _ in
            let left = Int(request.path.dropFirst("/hop/".count)) ?? 0
            return left > 0 ? .answer(302, headers: [("Location", "/hop/\(left - 1)")]) : .answer(200, body: Data("end".utf8))
        }
        defer { server.stop() }
        let three = HTTPTransfer.Limits(timeout: 10, maximumBytes: 1 << 20, maximumRedirects: 3)
        #expect(try HTTPTransfer.perform(.init(url: server.url("/hop/3")), credentials: nil, limits: three).get().status == 200)
        #expect(HTTPTransfer.perform(.init(url: server.url("/hop/4")), credentials: nil, limits: three) == .failure(.redirectLoop))
        #expect(server.requests.count == 4 + 4, "the fourth redirect is not followed")
    }

    /// The rules of each hop, without a server (an https server is not at hand here).
    @Test func theRedirectRules() throws {
        func hop(_ url: String, _ method: String = "GET", body: String? = nil) -> HTTPTransfer.Hop {
            HTTPTransfer.Hop(request: .init(url: URL(string: url)!, method: method, headers: ["Content-Type": "text/xml", "Depth": "1"],
                                            body: body.map { Data($0.utf8) }), authorized: true)
        }
        func next(_ from: HTTPTransfer.Hop, _ status: Int, _ location: String?) throws -> HTTPTransfer.Hop? {
            try HTTPTransfer.next(after: from, status: status, location: location)?.get()
        }
        #expect(HTTPTransfer.next(after: hop("https://dav.example/c/"), status: 301, location: "http://dav.example/c/") == .failure(.insecureRedirect))
        #expect(try next(hop("http://dav.example/c/"), 301, "https://dav.example/c/")?.authorized == true, "up to https, same host")
        let moved = try #require(try next(hop("https://dav.example/c/"), 308, "https://other.example/c/"))
        #expect(moved.authorized == false && moved.request.url.absoluteString == "https://other.example/c/")
        #expect(try next(hop("http://a.example/x/y.ics"), 302, "z.ics")?.request.url.absoluteString == "http://a.example/x/z.ics")

        let post = try #require(try next(hop("http://a.example/", "POST", body: "b"), 301, "/p"))
        #expect(post.request.method == "GET" && post.request.body == nil && post.request.headers == ["Depth": "1"])
        #expect(try next(hop("http://a.example/", "POST", body: "b"), 302, "/p")?.request.method == "GET")
        for status in [301, 302, 307, 308] {
            let put = try #require(try next(hop("http://a.example/", "PUT", body: "b"), status, "/p"))
            #expect(put.request.method == "PUT" && put.request.body == Data("b".utf8), "\(status)")
        }
        #expect(try next(hop("http://a.example/", "REPORT", body: "q"), 307, "/r")?.request.body == Data("q".utf8))
        let seeOther = try #require(try next(hop("http://a.example/", "DELETE"), 303, "/d"))
        #expect(seeOther.request.method == "GET")
        #expect(try next(hop("http://a.example/", "HEAD"), 303, "/h")?.request.method == "HEAD")
        for status in [200, 300, 304, 305, 401] { #expect(try next(hop("http://a.example/"), status, "/x") == nil, "\(status)") }
        #expect(try next(hop("http://a.example/"), 302, nil) == nil, "a redirect without Location is the answer")
    }

    @Test func aBodyAnnouncedLargerThanTheLimitIsNotRead() throws {
        let server = try LocalHTTPServer { _, _ in .announce(length: 10 << 20, first: Data(repeating: 0x41, count: 1024)) }
        defer { server.stop() }
        let started = Date()
        #expect(HTTPTransfer.perform(.init(url: server.url("/huge.ics")), credentials: nil, limits: limits) == .failure(.tooLarge(1 << 20)))
        #expect(Date().timeIntervalSince(started) < 5, "refused at the headers, not after waiting for the body")
    }

    @Test func aBodyThatGrowsPastTheLimitIsCutOff() throws {
        let server = try LocalHTTPServer { request, _ in
            request.path == "/big" ? .stream(chunk: Data(repeating: 0x42, count: 65536), times: 40)
                                   : .stream(chunk: Data(repeating: 0x43, count: 65536), times: 16)
        }
        defer { server.stop() }
        #expect(HTTPTransfer.perform(.init(url: server.url("/big")), credentials: nil, limits: limits) == .failure(.tooLarge(1 << 20)))
        let exact = try HTTPTransfer.perform(.init(url: server.url("/exact")), credentials: nil, limits: limits).get()
        #expect(exact.body.count == 1 << 20, "exactly the limit is read")
    }

    @Test func aServerThatNeverAnswersTimesOut() throws {
        let server = try LocalHTTPServer { _, _ in .silence }
        defer { server.stop() }
        let short = HTTPTransfer.Limits(timeout: 1, maximumBytes: 1 << 20, maximumRedirects: 5)
        let started = Date()
        #expect(HTTPTransfer.perform(.init(url: server.url("/hang")), credentials: nil, limits: short) == .failure(.timeout))
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.9 && elapsed < 4, "\(elapsed) s")
    }

    /// The timeout is for the whole exchange: redirects that are each quick enough do not add up past it.
    @Test func theTimeoutCoversEveryHop() throws {
        let server = try LocalHTTPServer { request, _ in
            let left = Int(request.path.dropFirst("/slow/".count)) ?? 0
            return .delayed(0.3, left > 0 ? .answer(302, headers: [("Location", "/slow/\(left - 1)")]) : .answer(200))
        }
        defer { server.stop() }
        let short = HTTPTransfer.Limits(timeout: 1.5, maximumBytes: 1 << 20, maximumRedirects: 5)
        #expect(try HTTPTransfer.perform(.init(url: server.url("/slow/1")), credentials: nil, limits: short).get().status == 200)
        let started = Date()
        // six hops of 0.3 s: each within the timeout, together past it
        #expect(HTTPTransfer.perform(.init(url: server.url("/slow/5")), credentials: nil, limits: short) == .failure(.timeout))
        #expect(Date().timeIntervalSince(started) < 3)
    }

    @Test func a401IsUnauthorizedAndFailuresNameNoAddress() throws {
        let server = try LocalHTTPServer { _, _ in .answer(401, headers: [("WWW-Authenticate", "Basic realm=\"x\"")]) }
        defer { server.stop() }
        #expect(HTTPTransfer.perform(.init(url: server.url("/s3cret/")), credentials: login, limits: limits) == .failure(.unauthorized))
        // libcurl's codes become words of our own (curl's messages may hold the URL and are never shown).
        let words = [6, 7, 28, 60, 63, 99].map { CurlEasy.failure(.init(rawValue: UInt32($0)), maximumBytes: 1 << 20).message }
        #expect(words == ["host not found", "connection refused", "no answer within the timeout", "TLS certificate not trusted",
                          "the answer is larger than 1 MiB (not read on)", "network error (curl 99)"])
    }

    /// The loader's failure paths: a missing library and one that is not libcurl give words naming the package.
    @Test func aMissingLibcurlIsAProblemNamingThePackage() {
        #expect(CurlLibrary.probe("libconvene-no-such-curl.so.4") == .notInstalled)
        #expect(CurlLibrary.probe("libz.so.1") == .incomplete, "a library without curl_easy_init is not libcurl")
        #expect(CurlLibrary.probe("libcurl.so.4") == .loaded)
        #expect(CurlLibrary.Status.notInstalled.problem == "libcurl is not installed (apt install libcurl4)")
        #expect(CurlLibrary.Status.loaded.problem == nil)
        #expect(HTTPTransfer.Failure.noLibrary("libcurl is not installed (apt install libcurl4)").message
            == "libcurl is not installed (apt install libcurl4)")
    }
}
