import Foundation

/// Credentials per host from a netrc file: `$CONVENE_NETRC` when set, else `~/.netrc` — never from
/// the workspace. The tokens `machine`, `default`, `login`, `password` (and `account`, `macdef`,
/// which are skipped) as curl and ftp read them. Nothing of it is ever printed or stored.
public struct Netrc: Sendable {
    public struct Login: Sendable, Equatable {
        public var user: String
        public var password: String
    }

    private var machines: [String: Login] = [:]
    private var fallback: Login?

    /// The environment variable that names another netrc file.
    public static let environmentVariable = "CONVENE_NETRC"

    /// Parses netrc text.
    public init(text: String) {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init).makeIterator()
        var host: String?
        var isDefault = false
        var login: String?
        var password: String?
        func flush() {
            if let login, let password {
                let entry = Login(user: login, password: password)
                if let host { if machines[host] == nil { machines[host] = entry } } else if isDefault, fallback == nil { fallback = entry }
            }
        }
        while let token = tokens.next() {
            switch token {
            case "machine":
                flush()
                (host, isDefault, login, password) = (tokens.next()?.lowercased(), false, nil, nil)
            case "default":
                flush()
                (host, isDefault, login, password) = (nil, true, nil, nil)
            case "login": login = tokens.next()
            case "password": password = tokens.next()
            case "account": _ = tokens.next()
            case "macdef":
                // A macro runs to the next empty line; convene needs none of it: stop reading here.
                flush()
                return
            default: continue
            }
        }
        flush()
    }

    /// The netrc convene reads: the file named by `CONVENE_NETRC`, else `~/.netrc`; none when missing.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> Netrc {
        let path = environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.netrc"
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return Netrc(text: "")
        }
        return Netrc(text: text)
    }

    /// The login for `host`, else the `default` entry.
    public func login(for host: String) -> Login? {
        machines[host.lowercased()] ?? fallback
    }
}
