import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 (a kernel-picked port) for HTTPTransfer's tests: one thread per
/// connection, one request per connection (`Connection: close`), every request recorded as it arrived.
final class LocalHTTPServer: @unchecked Sendable {
    struct Received: Sendable {
        var method: String
        var path: String
        /// Header names lowercased.
        var headers: [String: String]
        var body: Data
    }

    enum Reply: Sendable {
        /// A whole answer with its Content-Length.
        case answer(Int, headers: [(String, String)] = [], body: Data = Data())
        /// Headers announcing `length` bytes, then `first` of them, then nothing until the server stops.
        case announce(length: Int, first: Data)
        /// No Content-Length: `chunk` written `times` times, then the connection closed.
        case stream(chunk: Data, times: Int)
        /// Reads the request and never answers.
        case silence
        /// `answer` after `seconds`.
        indirect case delayed(Double, Reply)
    }

    private(set) var port = 0
    private let listener: Int32
    private let handler: @Sendable (Received, Int) -> Reply
    private let lock = NSLock()
    private var log: [Received] = []
    private let stopped = DispatchSemaphore(value: 0)

    /// The requests served so far, in order of arrival.
    var requests: [Received] { lock.withLock { log } }

    init(_ handler: @escaping @Sendable (Received, Int) -> Reply) throws {
        self.handler = handler
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(listener, raw, length) == 0 && listen(listener, 16) == 0 && getsockname(listener, raw, &length) == 0
            }
        }
        guard bound else { close(listener); throw POSIXError(.EADDRINUSE) }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    /// Stops accepting and releases every connection that waits.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for _ in 0..<64 { stopped.signal() }
    }

    func url(_ path: String, host: String = "127.0.0.1") -> URL { URL(string: "http://\(host):\(port)\(path)")! }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            Thread { [self] in serve(client) }.start()
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            bytes += buffer[0..<count]
            headEnd = bytes.indices.dropLast(3).first { Array(bytes[$0..<$0 + 4]) == separator }
        }
        let head = String(decoding: bytes[0..<headEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(headEnd! + 4)...])
        let expected = Int(headers["content-length"] ?? "0") ?? 0
        while body.count < expected {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            body += buffer[0..<count]
        }
        let received = Received(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: Data(body))
        lock.withLock { log.append(received) }
        reply(handler(received, port), to: client)
    }

    private func reply(_ reply: Reply, to client: Int32) {
        switch reply {
        case .answer(let status, let extra, let body):
            write(client, responseHead(status, extra + [("Content-Length", "\(body.count)")]) + body)
        case .announce(let length, let first):
            write(client, responseHead(200, [("Content-Type", "text/calendar"), ("Content-Length", "\(length)")]) + first)
            _ = stopped.wait(timeout: .now() + 10)
        case .stream(let chunk, let times):
            guard write(client, responseHead(200, [("Content-Type", "text/calendar")])) else { return }
            for _ in 0..<times { guard write(client, chunk) else { return } }
        case .silence:
            _ = stopped.wait(timeout: .now() + 10)
        case .delayed(let seconds, let later):
            guard stopped.wait(timeout: .now() + seconds) == .timedOut else { return }
            self.reply(later, to: client)
        }
    }

    private func responseHead(_ status: Int, _ headers: [(String, String)]) -> Data {
        let lines = ["HTTP/1.1 \(status) Status"] + headers.map { "\($0.0): \($0.1)" } + ["Connection: close", "", ""]
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    /// Writes everything; false once the client has gone (MSG_NOSIGNAL: no SIGPIPE).
    @discardableResult
    private func write(_ client: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }
}
