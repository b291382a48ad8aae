import Foundation

/// A JSON value with ordered keys, rendered deterministically (golden files, contracts). Not `indirect`: the arrays
/// of objects and arrays are the indirection already, so a string or number is no box of its own.
public enum JSON: Sendable, Equatable {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null

    public static func == (a: JSON, b: JSON) -> Bool { a.rendered() == b.rendered() }

    /// Compact (one line) or pretty (two-space indentation) text.
    public func rendered(pretty: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out, pretty: pretty, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 straight to `out`: no string per line, key or separator in between.
    private func write(into out: inout [UInt8], pretty: Bool, indent: Int) {
        func newline(_ level: Int) {
            guard pretty else { return }
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: 2 * level))
        }
        switch self {
        case .object(let pairs):
            guard !pairs.isEmpty else { out += Array("{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                JSON.appendQuoted(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(0x20) }
                value.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(indent)
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            guard !items.isEmpty else { out += Array("[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                item.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(indent)
            out.append(UInt8(ascii: "]"))
        case .string(let text): JSON.appendQuoted(text, to: &out)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .double(let value):
            if value.isFinite, value == value.rounded(), abs(value) < 1e15 { out.append(contentsOf: String(Int(value)).utf8) } else {
                var text = String(format: "%.3f", value)
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
                out.append(contentsOf: text.utf8)
            }
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped;
    /// everything else, umlauts included, as UTF-8.
    public static func quote(_ text: String) -> String {
        isPlain(text) ? "\"" + text + "\"" : escaped(text)
    }

    /// Whether `text` needs no escape (no control character, quote, backslash, or the lead byte 0xE2 of U+2028/9).
    private static func isPlain(_ text: String) -> Bool {
        let check = { (bytes: UnsafeBufferPointer<UInt8>) -> Bool in
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 { return false }
            return true
        }
        return text.utf8.withContiguousStorageIfAvailable(check)
            ?? !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 })
    }

    /// `quote(text)` appended to `out` as UTF-8.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        // Most strings (ids, times, addresses) need no escape: copied whole instead of scalar by scalar.
        if isPlain(text) {
            out.append(0x22)
            out.append(contentsOf: text.utf8)
            out.append(0x22)
        } else {
            out.append(contentsOf: escaped(text).utf8)
        }
    }

    /// The literal of a text that needs escapes, scalar by scalar.
    private static func escaped(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
