/// Echoing a value the user gave (an id on the command line, a charset name) in a message: control
/// characters (C0, DEL, C1, line and paragraph separators, bidirectional overrides) become `?` so
/// nothing reaches a terminal raw, and long values are cut short. Data from files (names, calendar
/// text) is never echoed at all.
public enum Quoting {
    /// `value` made printable and at most `limit` characters long (`…` marks a cut).
    public static func short(_ value: String, limit: Int = 40) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in value.unicodeScalars {
            if count == limit {
                out.append("…")
                break
            }
            let v = scalar.value
            let control = v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFEFF
            out.append(control ? "?" : scalar)
            count += 1
        }
        return String(out)
    }
}
