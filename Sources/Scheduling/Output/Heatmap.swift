import CalendarValues
import ConveneCore
import Holidays

/// Availability as a picture: one row per day of the window, one column per start time on the
/// meeting's grid; the colour is the share of key people (required people and the towns'
/// OBs or deputies) free for a meeting starting then, on a colour-blind-safe scale (viridis) with
/// a legend; a start that breaks a hard rule (a required person away, a town unrepresented) is
/// grey whatever the share; weekends, holidays and bridge days are labelled and the top
/// candidates outlined with their rank, clipped to the grid. In one language throughout (German by
/// default, or English), people by their display names; the canvas is wide enough for its title and
/// subtitle. SVG for email, or an HTML page around it.
public enum Heatmap {
    /// The picture's words in one language.
    struct Words {
        var availability, bridgeDay, weekend, noWorkingDay, free, breaksRule, closedDays, page, day, time, cannotCome: String
        var subtitle: (String) -> String
        /// `40 % frei`, `40% free`.
        var share: (Int) -> String

        static func of(_ language: Language) -> Words {
            switch language {
            case .de:
                return Words(availability: "Verfügbarkeit", bridgeDay: "Brückentag", weekend: "Wochenende", noWorkingDay: "kein Arbeitstag",
                             free: "frei", breaksRule: "verletzt eine feste Regel", closedDays: "Wochenende, Feiertag, kein Arbeitstag",
                             page: "Terminfindung", day: "Tag", time: "Zeit", cannotCome: "Verhindert",
                             subtitle: { "Anteil der Schlüsselpersonen, die zu einem Termin von \($0) ab dieser Zeit frei sind; grau: verletzt eine feste Regel; umrandet: die besten Vorschläge" },
                             share: { "\($0) % frei" })
            case .en:
                return Words(availability: "availability", bridgeDay: "bridge day", weekend: "weekend", noWorkingDay: "no working day",
                             free: "free", breaksRule: "breaks a hard rule", closedDays: "weekend, holiday, no working day",
                             page: "finding a date", day: "Day", time: "Time", cannotCome: "Cannot come",
                             subtitle: { "Share of key people free for a meeting of \($0) starting at this time; grey: breaks a hard rule; outlined: the best candidates" },
                             share: { "\($0)% free" })
            }
        }
    }

    static let cell = (width: 26, height: 22)
    static let margin = (left: 180, top: 70, right: 20, bottom: 60)

    public static func svg(_ result: SearchResult, workspace: Workspace, zone: CalendarTimeZone, language: Language = .de) -> String {
        let words = Words.of(language)
        let meeting = result.meeting
        let grid = meeting.gridMinutes
        let hours = workspace.network.workingHours.days.values
        let firstMinute = (hours.map(\.lowerBound.minutes).min() ?? 8 * 60) / grid * grid
        let lastStart = (hours.map(\.upperBound.minutes).max() ?? 17 * 60) - meeting.durationMinutes
        let columns = max(1, (lastStart - firstMinute) / grid + 1)
        var days: [LocalDate] = []
        var day = meeting.window.first
        while day <= meeting.window.last { days.append(day); day = day.adding(days: 1) }
        let title = meeting.title
        let subtitle = words.subtitle(ProposalReport.duration(meeting.durationMinutes))
        // Wide enough for the grid, the title (15 px bold, ~9 px a character) and the subtitle (11 px, ~6 px).
        let gridRight = margin.left + columns * cell.width
        let width = max(gridRight + margin.right, margin.left + title.count * 9 + margin.right,
                        margin.left + subtitle.count * 6 + margin.right, margin.left + 11 * 22 + 280)
        let height = margin.top + days.count * cell.height + margin.bottom + 20
        var cells: [LocalDate: [Int: GridCell]] = [:]
        for c in result.grid { cells[c.date, default: [:]][c.startMinute] = c }
        let skipped = Dictionary(result.skippedDays.map { ($0.date, $0.reason) }, uniquingKeysWith: { a, _ in a })

        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="Helvetica, Arial, sans-serif" font-size="11">
            <title>\(HTML.escape(title)): \(words.availability)</title>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(margin.left)" y="22" font-size="15" font-weight="bold">\(HTML.escape(title))</text>
            <text x="\(margin.left)" y="40" fill="#444">\(HTML.escape(subtitle))</text>

            """
        // Time axis.
        for column in 0..<columns where (firstMinute + column * grid) % 60 == 0 {
            let x = margin.left + column * cell.width
            out += "<text x=\"\(x + 2)\" y=\"\(margin.top - 6)\" fill=\"#333\">\(GermanDate.two((firstMinute + column * grid) / 60)):00</text>\n"
        }
        for (row, date) in days.enumerated() {
            let y = margin.top + row * cell.height
            let bridge = Preferences.isBridgeDay(date, region: workspace.network.holidayRegion)
            let label = language.day(date) + (bridge ? " (\(words.bridgeDay))" : "")
            let weekend = date.isoWeekday >= 6
            out += "<text x=\"\(margin.left - 8)\" y=\"\(y + 15)\" text-anchor=\"end\" fill=\"\(weekend ? "#999" : "#222")\">\(label)</text>\n"
            if weekend || skipped[date] != nil || workspace.network.workingHours.hours(on: date) == nil {
                let note = skipped[date] ?? (weekend ? words.weekend : words.noWorkingDay)
                out += "<rect x=\"\(margin.left)\" y=\"\(y)\" width=\"\(columns * cell.width)\" height=\"\(cell.height - 2)\" fill=\"#eeeeee\"/>\n"
                out += "<text x=\"\(margin.left + 6)\" y=\"\(y + 15)\" fill=\"#777\" font-style=\"italic\">\(HTML.escape(note))</text>\n"
                continue
            }
            for column in 0..<columns {
                let minute = firstMinute + column * grid
                let x = margin.left + column * cell.width
                guard let c = cells[date]?[minute] else {
                    out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell.width - 2)\" height=\"\(cell.height - 2)\" fill=\"#f6f6f6\"/>\n"
                    continue
                }
                let percent = Int((c.freeShare * 100).rounded())
                // A hard rule broken is not a shade of "free": grey, the share only in the tooltip.
                let fill = c.feasible ? colour(c.freeShare) : Self.ruleBroken
                out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell.width - 2)\" height=\"\(cell.height - 2)\" fill=\"\(fill)\"><title>\(label) \(GermanDate.two(minute / 60)):\(GermanDate.two(minute % 60)): \(words.share(percent))\(c.feasible ? "" : ", \(words.breaksRule)")</title></rect>\n"
            }
        }
        // Candidates.
        for (rank, candidate) in result.candidates.enumerated() {
            guard let row = days.firstIndex(of: candidate.date) else { continue }
            let start = zone.localTime(of: candidate.slot.start)
            let minute = start.hour * 60 + start.minute
            let x = margin.left + (minute - firstMinute) / grid * cell.width
            // Clipped to the grid: a long meeting late in the day would otherwise reach past the right edge.
            let span = min(max(1, meeting.durationMinutes / grid) * cell.width, gridRight - x) - 2
            let y = margin.top + row * cell.height
            out += "<rect x=\"\(x - 1)\" y=\"\(y - 1)\" width=\"\(span + 2)\" height=\"\(cell.height)\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"/>\n"
            out += "<text x=\"\(x + 4)\" y=\"\(y + 15)\" font-weight=\"bold\">\(rank + 1)</text>\n"
        }
        // Legend.
        let legendY = margin.top + days.count * cell.height + 20
        for step in 0...10 {
            let share = Double(step) / 10
            out += "<rect x=\"\(margin.left + step * 22)\" y=\"\(legendY)\" width=\"20\" height=\"12\" fill=\"\(colour(share))\"/>\n"
        }
        out += "<text x=\"\(margin.left - 8)\" y=\"\(legendY + 10)\" text-anchor=\"end\">\(words.share(0))</text>\n"
        out += "<text x=\"\(margin.left + 11 * 22 + 6)\" y=\"\(legendY + 10)\">\(words.share(100))</text>\n"
        out += "<rect x=\"\(margin.left + 11 * 22 + 80)\" y=\"\(legendY)\" width=\"20\" height=\"12\" fill=\"\(Self.ruleBroken)\"/>\n"
        out += "<text x=\"\(margin.left + 11 * 22 + 106)\" y=\"\(legendY + 10)\">\(words.breaksRule)</text>\n"
        out += "<rect x=\"\(margin.left)\" y=\"\(legendY + 20)\" width=\"20\" height=\"12\" fill=\"#eeeeee\"/>\n"
        out += "<text x=\"\(margin.left + 26)\" y=\"\(legendY + 30)\">\(words.closedDays)</text>\n"
        out += "</svg>\n"
        return out
    }

    /// An HTML page with the picture and the ranked candidates.
    public static func html(_ result: SearchResult, workspace: Workspace, zone: CalendarTimeZone, language: Language = .de) -> String {
        let words = Words.of(language)
        var rows = ""
        for (index, c) in result.candidates.enumerated() {
            let start = zone.localTime(of: c.slot.start), end = zone.localTime(of: c.slot.end)
            let missing = c.unavailable.map { "\(HTML.escape(workspace.person($0.person)?.name ?? $0.person)) (\(reasonText($0.reason, language)))" }.joined(separator: ", ")
            rows += "<tr><td>\(index + 1)</td><td>\(language.day(c.date))</td><td>\(language.clock(start))–\(language.clock(end))</td><td>\(String(format: "%.2f", c.score))</td><td>\(missing.isEmpty ? "–" : missing)</td></tr>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <title>\(HTML.escape(result.meeting.title)) – \(words.page)</title>
            <style>
            body { font-family: Helvetica, Arial, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin-top: 1em; }
            td, th { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
            </style>
            </head>
            <body>
            <h1>\(HTML.escape(result.meeting.title))</h1>
            \(svg(result, workspace: workspace, zone: zone, language: language))
            <table>
            <tr><th>#</th><th>\(words.day)</th><th>\(words.time)</th><th>Score</th><th>\(words.cannotCome)</th></tr>
            \(rows)</table>
            </body>
            </html>

            """
    }

    /// The fill of a start that breaks a hard rule.
    static let ruleBroken = "#bdbdbd"

    /// Viridis (perceptually uniform, readable with red-green colour blindness): dark purple (nobody) through
    /// teal to yellow (everybody), in eleven steps.
    static func colour(_ share: Double) -> String {
        let stops = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#dde318", "#fde725"]
        return stops[min(10, max(0, Int((share * 10).rounded())))]
    }

    /// The word for why someone cannot come, in the page's language.
    static func reasonText(_ reason: UnavailableReason, _ language: Language = .de) -> String {
        if language == .en {
            switch reason {
            case .busy: return "busy"
            case .holiday: return "blocked day"
            case .outsideHours: return "outside working hours"
            case .travel: return "travel"
            case .absent: return "away"
            case .declined: return "declined"
            case .noData: return "no calendar data"
            }
        }
        return switch reason {
        case .busy: "belegt"
        case .holiday: "Sperrtag"
        case .outsideHours: "außerhalb der Arbeitszeit"
        case .travel: "Anreise"
        case .absent: "abwesend"
        case .declined: "abgesagt"
        case .noData: "keine Kalenderdaten"
        }
    }
}
