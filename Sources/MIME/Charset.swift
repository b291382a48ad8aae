/// The character sets convene reads in mail: what calendar programs and mail clients actually use
/// for iCalendar and headers. Everything else is refused rather than guessed.
enum Charset {
    /// UTF-8, also for `us-ascii` labels: ASCII is a subset, and 8-bit octets in a part labelled
    /// US-ASCII are mislabelled UTF-8 far more often than anything else.
    case utf8
    case latin1
    case windows1252

    /// Recognises the usual labels, case-insensitively (`utf-8`, `utf8`, `us-ascii`, `iso-8859-1`,
    /// `latin1`, `windows-1252`, `cp1252`, …).
    init?(label: String) {
        switch MIMEParser.trimmed(label[...]).lowercased() {
        case "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "iso-ir-6", "us", "csascii": self = .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "iso-ir-100", "cp819", "ibm819": self = .latin1
        case "windows-1252", "cp1252", "x-cp1252", "win-1252": self = .windows1252
        default: return nil
        }
    }

    var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .latin1: "ISO-8859-1"
        case .windows1252: "Windows-1252"
        }
    }

    /// The text, or nil when `bytes` is not valid in this charset (only UTF-8 can fail). A UTF-8
    /// byte-order mark is dropped.
    func decode(_ bytes: [UInt8]) -> String? {
        switch self {
        case .utf8:
            let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            return String(validating: bytes[start...], as: UTF8.self)
        case .latin1, .windows1252:
            var text = ""
            text.unicodeScalars.reserveCapacity(bytes.count)
            for byte in bytes {
                if self == .windows1252, (0x80...0x9F).contains(byte) {
                    text.unicodeScalars.append(Unicode.Scalar(Self.windows1252High[Int(byte - 0x80)]) ?? "\u{FFFD}")
                } else {
                    text.unicodeScalars.append(Unicode.Scalar(byte))
                }
            }
            return text
        }
    }

    /// Like `decode`, with U+FFFD for invalid UTF-8 (for display).
    func decodeLossy(_ bytes: [UInt8]) -> String {
        decode(bytes) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// 0x80–0x9F of Windows-1252 (the WHATWG Encoding table: unassigned octets map to C1 controls).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
