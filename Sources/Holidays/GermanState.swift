/// One of the 16 German states (*Länder*), identified by its ISO 3166-2 code.
///
/// ```swift
/// GermanState(code: "DE-BW")?.name  // "Baden-Württemberg"
/// GermanState.by.rawValue           // "DE-BY"
/// ```
public enum GermanState: String, CaseIterable, Sendable {
    /// Brandenburg.
    case bb = "DE-BB"
    /// Berlin.
    case be = "DE-BE"
    /// Baden-Württemberg.
    case bw = "DE-BW"
    /// Bayern (Bavaria).
    case by = "DE-BY"
    /// Bremen.
    case hb = "DE-HB"
    /// Hessen (Hesse).
    case he = "DE-HE"
    /// Hamburg.
    case hh = "DE-HH"
    /// Mecklenburg-Vorpommern.
    case mv = "DE-MV"
    /// Niedersachsen (Lower Saxony).
    case ni = "DE-NI"
    /// Nordrhein-Westfalen (North Rhine-Westphalia).
    case nw = "DE-NW"
    /// Rheinland-Pfalz (Rhineland-Palatinate).
    case rp = "DE-RP"
    /// Schleswig-Holstein.
    case sh = "DE-SH"
    /// Saarland.
    case sl = "DE-SL"
    /// Sachsen (Saxony).
    case sn = "DE-SN"
    /// Sachsen-Anhalt (Saxony-Anhalt).
    case st = "DE-ST"
    /// Thüringen (Thuringia).
    case th = "DE-TH"

    /// The state's German name, e.g. "Baden-Württemberg", "Thüringen".
    public var name: String {
        switch self {
        case .bb: "Brandenburg"
        case .be: "Berlin"
        case .bw: "Baden-Württemberg"
        case .by: "Bayern"
        case .hb: "Bremen"
        case .he: "Hessen"
        case .hh: "Hamburg"
        case .mv: "Mecklenburg-Vorpommern"
        case .ni: "Niedersachsen"
        case .nw: "Nordrhein-Westfalen"
        case .rp: "Rheinland-Pfalz"
        case .sh: "Schleswig-Holstein"
        case .sl: "Saarland"
        case .sn: "Sachsen"
        case .st: "Sachsen-Anhalt"
        case .th: "Thüringen"
        }
    }

    /// Looks a state up by its ISO 3166-2 code, ignoring case: `"DE-BW"` and `"de-bw"` both give
    /// ``bw``. Returns `nil` for anything else (a bare `"BW"` included).
    /// - Parameter code: An ISO 3166-2 subdivision code of Germany.
    public init?(code: some StringProtocol) {
        self.init(rawValue: code.uppercased())
    }
}
