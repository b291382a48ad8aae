import CCurl
import Foundation

/// libcurl, loaded on first use (`ccurl_load`: dlopen of libcurl.so.4 and curl_global_init, once per process).
/// The one Swift file that touches CCurl: `CurlEasy` owns each handle; what a transfer gave is copied out
/// into Swift values before the handle is used again.
enum CurlLibrary {
    /// What loading libcurl gave, in words of our own (dlerror's text is never shown).
    enum Status: Equatable {
        case loaded, notInstalled, incomplete, initFailed

        init(_ status: CCurlLoadStatus) {
            switch status {
            case CCURL_LOADED: self = .loaded
            case CCURL_NOT_INSTALLED: self = .notInstalled
            case CCURL_INCOMPLETE: self = .incomplete
            default: self = .initFailed
            }
        }

        /// Why nothing can be fetched, naming what to install; nil when loaded.
        var problem: String? {
            switch self {
            case .loaded: nil
            case .notInstalled: "libcurl is not installed (apt install libcurl4)"
            case .incomplete: "the installed libcurl lacks functions convene needs (apt install libcurl4)"
            case .initFailed: "libcurl could not be initialised (apt install --reinstall libcurl4)"
            }
        }
    }

    /// Loads libcurl for this process (the first call does the work; `CONVENE_LIBCURL` names another library,
    /// for tests). Wraps `ccurl_load`.
    static func load() -> Status { Status(ccurl_load()) }

    /// Whether the library `name` could be loaded as libcurl, without keeping it. Wraps `ccurl_probe`.
    static func probe(_ name: String) -> Status { Status(ccurl_probe(name)) }
}

/// One request as libcurl performs it: a single exchange, redirects not followed.
struct CurlRequest {
    var url: String
    var method: String
    /// Header lines as sent (`Name: value`).
    var headers: [String]
    var body: Data?
    var timeoutMilliseconds: Int
    var connectTimeoutMilliseconds: Int
    var maximumBytes: Int
}

/// What one exchange gave, copied out of libcurl.
struct CurlAnswer {
    var status: Int
    /// The final response's headers; repeated names joined with ", " (RFC 9110 §5.3).
    var headers: [String: String]
    var body: Data
    /// `Location` resolved against the request's URL by libcurl (CURLINFO_REDIRECT_URL), when the answer has one.
    var redirectURL: String?
}

/// One libcurl easy handle (`CURL *`), freed in `deinit`. Not for two threads at once: every fetch thread makes its own.
final class CurlEasy {
    private let handle: OpaquePointer

    /// A handle, or nil when libcurl is not loaded or cannot make one. Wraps `curl_easy_init`.
    init?() {
        guard CurlLibrary.load() == .loaded, let handle = ccurl_easy_init() else { return nil }
        self.handle = handle
    }

    deinit { ccurl_easy_cleanup(handle) }

    /// Performs `request` (Wraps `curl_easy_perform`): http and https only, no redirect followed, certificates
    /// verified (libcurl's default), no netrc, cookie engine or cache (libcurl's defaults: nothing on disk),
    /// no signals (threads), the body limit checked against Content-Length before the body and while reading.
    func perform(_ request: CurlRequest) -> Result<CurlAnswer, HTTPTransfer.Failure> {
        ccurl_easy_reset(handle)
        let receiver = Receiver(maximumBytes: request.maximumBytes, method: request.method)
        // The header list is ours: curl_slist_append copies each line, the handle only borrows the list for this
        // transfer (CURLOPT_HTTPHEADER; reset at the next), and it is freed once here after the transfer.
        // Strings set with setopt are copied by libcurl.
        var list: OpaquePointer?
        defer { ccurl_slist_free_all(list) }
        var lines = request.headers
        // No `Expect: 100-continue` round trip for bodies; no form type curl would add to a body without one.
        lines.append("Expect:")
        if request.body != nil, !request.headers.contains(where: { $0.lowercased().hasPrefix("content-type:") }) {
            lines.append("Content-Type:")
        }
        for line in lines {
            guard let appended = ccurl_slist_append(list, line) else { return .failure(.unreachable("out of memory")) }
            list = appended
        }
        var failed = false
        func set(_ code: CCurlCode) { if code != CCURLE_OK { failed = true } }
        set(ccurl_setopt_string(handle, CCURLOPT_URL, request.url))
        set(ccurl_setopt_long(handle, CCURLOPT_NOSIGNAL, 1))
        set(ccurl_setopt_long(handle, CCURLOPT_FOLLOWLOCATION, 0))
        set(ccurl_setopt_long(handle, CCURLOPT_NETRC, 0))
        if ccurl_setopt_string(handle, CCURLOPT_PROTOCOLS_STR, "http,https") == CCURLE_UNKNOWN_OPTION {
            // libcurl before 7.85: the bit masks.
            set(ccurl_setopt_long(handle, CCURLOPT_PROTOCOLS, CCURL_PROTOCOLS_HTTP_HTTPS))
            set(ccurl_setopt_long(handle, CCURLOPT_REDIR_PROTOCOLS, CCURL_PROTOCOLS_HTTP_HTTPS))
        } else {
            set(ccurl_setopt_string(handle, CCURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        }
        set(ccurl_setopt_long(handle, CCURLOPT_TIMEOUT_MS, max(1, request.timeoutMilliseconds)))
        set(ccurl_setopt_long(handle, CCURLOPT_CONNECTTIMEOUT_MS, max(1, request.connectTimeoutMilliseconds)))
        // Every encoding libcurl decodes, as URLSession asked; the limit applies to the decoded bytes.
        set(ccurl_setopt_string(handle, CCURLOPT_ACCEPT_ENCODING, ""))
        set(ccurl_setopt_pointer(handle, CCURLOPT_HTTPHEADER, UnsafeRawPointer(list)))
        switch request.method {
        case "GET": set(ccurl_setopt_long(handle, CCURLOPT_HTTPGET, 1))
        case "HEAD": set(ccurl_setopt_long(handle, CCURLOPT_NOBODY, 1))
        default: set(ccurl_setopt_string(handle, CCURLOPT_CUSTOMREQUEST, request.method))
        }
        if let body = request.body {
            set(ccurl_setopt_offset(handle, CCURLOPT_POSTFIELDSIZE_LARGE, Int64(body.count)))
            // COPYPOSTFIELDS copies the bytes (POSTFIELDSIZE first), so they need not outlive this call.
            body.withUnsafeBytes { bytes in
                let empty: [UInt8] = [0]
                if let base = bytes.baseAddress {
                    set(ccurl_setopt_pointer(handle, CCURLOPT_COPYPOSTFIELDS, base))
                } else {
                    empty.withUnsafeBytes { set(ccurl_setopt_pointer(handle, CCURLOPT_COPYPOSTFIELDS, $0.baseAddress)) }
                }
            }
        }
        let context = Unmanaged.passUnretained(receiver).toOpaque()
        set(ccurl_setopt_pointer(handle, CCURLOPT_HEADERDATA, context))
        set(ccurl_setopt_pointer(handle, CCURLOPT_WRITEDATA, context))
        set(ccurl_setopt_callback(handle, CCURLOPT_HEADERFUNCTION) { data, size, count, context in
            let length = size * count
            guard let data, let context else { return length }
            let receiver = Unmanaged<Receiver>.fromOpaque(context).takeUnretainedValue()
            return receiver.header(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
        })
        set(ccurl_setopt_callback(handle, CCURLOPT_WRITEFUNCTION) { data, size, count, context in
            let length = size * count
            guard let data, let context else { return length }
            let receiver = Unmanaged<Receiver>.fromOpaque(context).takeUnretainedValue()
            return receiver.body(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
        })
        guard !failed else { return .failure(.unreachable("libcurl refused an option (apt install libcurl4)")) }

        let code = withExtendedLifetime(receiver) { ccurl_easy_perform(handle) }
        if receiver.tooLarge { return .failure(.tooLarge(request.maximumBytes)) }
        guard code == CCURLE_OK else { return .failure(Self.failure(code, maximumBytes: request.maximumBytes)) }
        var status = 0
        _ = ccurl_getinfo_long(handle, CCURLINFO_RESPONSE_CODE, &status)
        var location: UnsafePointer<CChar>?
        // Owned by the handle until its next transfer: copied at once.
        let redirect = ccurl_getinfo_string(handle, CCURLINFO_REDIRECT_URL, &location) == CCURLE_OK ? location.map { String(cString: $0) } : nil
        return .success(CurlAnswer(status: status, headers: receiver.headers, body: receiver.received, redirectURL: redirect))
    }

    /// libcurl's error codes in words naming no URL (curl's own messages may hold it: never shown).
    static func failure(_ code: CCurlCode, maximumBytes: Int) -> HTTPTransfer.Failure {
        switch code {
        case CCURLE_OPERATION_TIMEDOUT: .timeout
        case CCURLE_FILESIZE_EXCEEDED: .tooLarge(maximumBytes)
        case CCURLE_COULDNT_CONNECT: .unreachable("connection refused")
        case CCURLE_COULDNT_RESOLVE_HOST: .unreachable("host not found")
        case CCURLE_COULDNT_RESOLVE_PROXY: .unreachable("proxy not found")
        case CCURLE_PEER_FAILED_VERIFICATION: .unreachable("TLS certificate not trusted")
        case CCURLE_SSL_CONNECT_ERROR: .unreachable("TLS handshake failed")
        case CCURLE_SSL_CACERT_BADFILE: .unreachable("no CA certificates to check TLS with (apt install ca-certificates)")
        case CCURLE_GOT_NOTHING, CCURLE_SEND_ERROR, CCURLE_RECV_ERROR, CCURLE_PARTIAL_FILE: .unreachable("connection lost")
        case CCURLE_UNSUPPORTED_PROTOCOL: .unreachable("only http and https addresses are fetched")
        case CCURLE_URL_MALFORMAT: .unreachable("not a valid address")
        case CCURLE_BAD_CONTENT_ENCODING: .unreachable("the answer's content encoding is broken")
        case CCURLE_OUT_OF_MEMORY: .unreachable("out of memory")
        default: .unreachable("network error (curl \(code.rawValue))")
        }
    }
}

/// The callbacks' state for one transfer: the last response's status and headers, the body, the limit.
private final class Receiver {
    let maximumBytes: Int
    let method: String
    private var status = 0
    private(set) var headers: [String: String] = [:]
    private var names: [String: String] = [:]
    private(set) var received = Data()
    private(set) var tooLarge = false

    init(maximumBytes: Int, method: String) {
        self.maximumBytes = maximumBytes
        self.method = method
    }

    /// One header line; false aborts the transfer (a Content-Length over the limit: refused before the body).
    func header(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new response (after a 100 Continue, say): only the last one's headers count.
            headers = [:]
            names = [:]
            status = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return true
        }
        guard let colon = line.firstIndex(of: ":") else { return true }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return true }
        if let key = names[name.lowercased()], let old = headers[key] {
            headers[key] = old + ", " + value
        } else {
            names[name.lowercased()] = name
            headers[name] = value
        }
        let bodyless = method == "HEAD" || status == 204 || status == 304 || (100..<200).contains(status)
        if !bodyless, name.lowercased() == "content-length", let length = Int64(value), length > Int64(maximumBytes) {
            tooLarge = true
            return false
        }
        return true
    }

    /// A part of the body; false aborts the transfer once the body passes the limit.
    func body(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard received.count + bytes.count <= maximumBytes else {
            tooLarge = true
            return false
        }
        received.append(contentsOf: bytes)
        return true
    }
}
