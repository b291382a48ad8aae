import CalendarValues

/// What a topic asks of the meeting; it decides the topic's place in the agenda.
public enum TopicKind: String, Sendable, CaseIterable {
    /// An experience report from a town's project (e-Akte, e-Payment, …).
    case report
    /// Something to talk through without a decision.
    case discussion
    /// The network decides (a joint funding application, a common standard).
    case decision
    /// For information only.
    case info
}

/// Where a topic stands. Only `open` and `scheduled` topics are candidates for an agenda.
public enum TopicStatus: String, Sendable, CaseIterable {
    case open
    /// Promised a place by the organizer; treated like `open` (pin it in meeting.yaml to force it in).
    case scheduled
    case done
    case dropped

    /// Whether the topic still waits for a meeting.
    public var isPending: Bool { self == .open || self == .scheduled }
}

/// One entry of the topic backlog: `topics/<id>.yaml`, the id being the file name.
///
/// ```yaml
/// title: Gemeinsamer Förderantrag „Digitale Modellregion"
/// town: bretten            # the owner
/// presenter: bretten-it    # a person id (optional)
/// kind: decision           # report | discussion | decision | info
/// minutes: 20              # estimate
/// priority: 1              # 1 (highest) … 5 (lowest)
/// status: open             # open | scheduled | done | dropped
/// deadline: 2027-06-15     # optional, e.g. a funding programme's application date
/// created: 2027-01-12
/// deferred_from: [kickoff] # meetings it did not fit into
/// notes: optional free text
/// ```
public struct Topic: Sendable, Equatable {
    public static let folder = "topics"
    /// Minutes a topic may take at most (a whole working day).
    public static let minutesRange = 1...480
    /// Priority 1 is the highest.
    public static let priorityRange = 1...5

    public var id: String
    public var title: String
    /// The owning town.
    public var town: String
    /// The person who presents it, if named.
    public var presenter: String?
    public var kind: TopicKind
    /// Estimated minutes.
    public var minutes: Int
    /// 1 (highest) … 5 (lowest).
    public var priority: Int
    public var status: TopicStatus
    /// A date the topic must be dealt with before (an application deadline).
    public var deadline: LocalDate?
    public var created: LocalDate
    /// Meetings the topic was deferred from (aging: a topic deferred often gains value).
    public var deferredFrom: [String]
    public var notes: String?

    public init(id: String, title: String, town: String, presenter: String? = nil, kind: TopicKind, minutes: Int, priority: Int = 3,
                status: TopicStatus = .open, deadline: LocalDate? = nil, created: LocalDate, deferredFrom: [String] = [], notes: String? = nil) {
        self.id = id
        self.title = title
        self.town = town
        self.presenter = presenter
        self.kind = kind
        self.minutes = minutes
        self.priority = priority
        self.status = status
        self.deadline = deadline
        self.created = created
        self.deferredFrom = deferredFrom
        self.notes = notes
    }

    /// The topic's file, relative to the workspace.
    public var file: String { Topic.file(for: id) }

    /// `topics/<id>.yaml`.
    public static func file(for id: String) -> String { "\(folder)/\(id).yaml" }

    /// The file's text as convene writes it (to be sealed with `OwnedFile`).
    public var yaml: String {
        var lines = [
            "# Topic \(id), written by convene (convene topics add|close|drop).",
            "# A hand edit is kept: convene then refuses to rewrite this file without --force.",
            "title: \(YAMLText.quoted(title))",
            "town: \(town)",
        ]
        if let presenter { lines.append("presenter: \(presenter)") }
        lines += [
            "kind: \(kind.rawValue)",
            "minutes: \(minutes)",
            "priority: \(priority)",
            "status: \(status.rawValue)",
        ]
        if let deadline { lines.append("deadline: \(deadline)") }
        lines.append("created: \(created)")
        lines.append("deferred_from: [\(deferredFrom.joined(separator: ", "))]")
        if let notes { lines.append("notes: \(YAMLText.quoted(notes))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A slug id from a title: lower-case ASCII letters and digits joined by `-`, umlauts
    /// transliterated (`Bühl` → `buehl`), at most 48 characters; `topic` if nothing is left.
    public static func slug(from title: String) -> String {
        let replacements: [Character: String] = ["ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "à": "a"]
        var out = ""
        var pendingDash = false
        for character in title.lowercased() {
            let piece = replacements[character] ?? String(character)
            for scalar in piece.unicodeScalars {
                if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                    if pendingDash && !out.isEmpty { out += "-" }
                    pendingDash = false
                    out.unicodeScalars.append(scalar)
                } else {
                    pendingDash = true
                }
            }
        }
        if out.count > 48 {
            out = String(out.prefix(48))
            if let dash = out.lastIndex(of: "-"), out.distance(from: out.startIndex, to: dash) >= 16 { out = String(out[..<dash]) }
            while out.hasSuffix("-") { out.removeLast() }
        }
        return out.isEmpty ? "topic" : out
    }
}

/// Per-meeting agenda settings: the `agenda:` block of `meetings/<id>/meeting.yaml`.
///
/// ```yaml
/// agenda:
///   pin: [foerderantrag-modellregion]   # always on the agenda
///   exclude: [e-payment-gebuehren]      # never on this agenda
///   order: [foerderantrag-modellregion] # these first among the topics, in this order
///   next_meeting: 2027-11-17            # for deadline urgency (default: the next meeting in the workspace)
///   report_every: 2                     # every town reports at least every N meetings
///   max_town_share: 0.4                 # no town takes more of the topic time
/// ```
public struct AgendaSettings: Sendable, Equatable {
    public static let defaultReportEvery = 2
    public static let defaultMaxTownShare = 0.4

    public var pin: [String]
    public var exclude: [String]
    public var order: [String]
    public var nextMeeting: LocalDate?
    public var reportEvery: Int
    public var maxTownShare: Double
    /// The line of each pinned topic in meeting.yaml, for error messages.
    public var pinLines: [String: Int] = [:]

    public init(pin: [String] = [], exclude: [String] = [], order: [String] = [], nextMeeting: LocalDate? = nil,
                reportEvery: Int = AgendaSettings.defaultReportEvery, maxTownShare: Double = AgendaSettings.defaultMaxTownShare) {
        self.pin = pin
        self.exclude = exclude
        self.order = order
        self.nextMeeting = nextMeeting
        self.reportEvery = reportEvery
        self.maxTownShare = maxTownShare
    }
}

/// Writing scalars that read back as the same text.
public enum YAMLText {
    /// A double-quoted YAML scalar (YAML 1.2 §7.3.1): backslash, quote and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" : "") + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
