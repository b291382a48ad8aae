import CalendarValues
import ConveneCore
import Holidays

/// Availability as a picture: one row per day of the window, one column per start time on the
/// meeting's grid; the colour is the share of key people (required people and the towns'
/// OBs or deputies) free for a meeting starting then; weekends and holidays are marked and the
/// top candidates outlined with their rank. SVG for email, or an HTML page around it.
public enum Heatmap {
    static let cell = (width: 26, height: 22)
    static let margin = (left: 150, top: 70, right: 20, bottom: 60)

    public static func svg(_ result: SearchResult, workspace: Workspace, zone: CalendarTimeZone) -> String {
        let meeting = result.meeting
        let grid = meeting.gridMinutes
        let hours = workspace.network.workingHours.days.values
        let firstMinute = (hours.map(\.lowerBound.minutes).min() ?? 8 * 60) / grid * grid
        let lastStart = (hours.map(\.upperBound.minutes).max() ?? 17 * 60) - meeting.durationMinutes
        let columns = max(1, (lastStart - firstMinute) / grid + 1)
        var days: [LocalDate] = []
        var day = meeting.window.first
        while day <= meeting.window.last { days.append(day); day = day.adding(days: 1) }
        let width = margin.left + columns * cell.width + margin.right
        let height = margin.top + days.count * cell.height + margin.bottom
        var cells: [LocalDate: [Int: GridCell]] = [:]
        for c in result.grid { cells[c.date, default: [:]][c.startMinute] = c }
        let skipped = Dictionary(result.skippedDays.map { ($0.date, $0.reason) }, uniquingKeysWith: { a, _ in a })

        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="Helvetica, Arial, sans-serif" font-size="11">
            <title>\(HTML.escape(meeting.title)): availability</title>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(margin.left)" y="22" font-size="15" font-weight="bold">\(HTML.escape(meeting.title))</text>
            <text x="\(margin.left)" y="40" fill="#444">Share of key people free for a meeting of \(ProposalReport.duration(meeting.durationMinutes)) starting at each time; outlined: the best candidates</text>

            """
        // Time axis.
        for column in 0..<columns where (firstMinute + column * grid) % 60 == 0 {
            let x = margin.left + column * cell.width
            out += "<text x=\"\(x + 2)\" y=\"\(margin.top - 6)\" fill=\"#333\">\(GermanDate.two((firstMinute + column * grid) / 60)):00</text>\n"
        }
        for (row, date) in days.enumerated() {
            let y = margin.top + row * cell.height
            let label = GermanDate.short(date)
            let weekend = date.isoWeekday >= 6
            out += "<text x=\"\(margin.left - 8)\" y=\"\(y + 15)\" text-anchor=\"end\" fill=\"\(weekend ? "#999" : "#222")\">\(label)</text>\n"
            if weekend || skipped[date] != nil || workspace.network.workingHours.hours(on: date) == nil {
                let note = skipped[date] ?? (weekend ? "Wochenende" : "kein Arbeitstag")
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
                out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell.width - 2)\" height=\"\(cell.height - 2)\" fill=\"\(colour(c.freeShare))\"><title>\(label) \(GermanDate.two(minute / 60)):\(GermanDate.two(minute % 60)): \(percent) % free\(c.feasible ? ", fits the rules" : "")</title></rect>\n"
            }
        }
        // Candidates.
        for (rank, candidate) in result.candidates.enumerated() {
            guard let row = days.firstIndex(of: candidate.date) else { continue }
            let start = zone.localTime(of: candidate.slot.start)
            let minute = start.hour * 60 + start.minute
            let x = margin.left + (minute - firstMinute) / grid * cell.width
            let span = max(1, meeting.durationMinutes / grid) * cell.width - 2
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
        out += "<text x=\"\(margin.left - 8)\" y=\"\(legendY + 10)\" text-anchor=\"end\">0 % free</text>\n"
        out += "<text x=\"\(margin.left + 11 * 22 + 6)\" y=\"\(legendY + 10)\">100 % free</text>\n"
        out += "</svg>\n"
        return out
    }

    /// An HTML page with the picture and the ranked candidates.
    public static func html(_ result: SearchResult, workspace: Workspace, zone: CalendarTimeZone) -> String {
        var rows = ""
        for (index, c) in result.candidates.enumerated() {
            let start = zone.localTime(of: c.slot.start), end = zone.localTime(of: c.slot.end)
            let missing = c.unavailable.map { "\(HTML.escape(workspace.person($0.person)?.name ?? $0.person)) (\($0.reason.rawValue))" }.joined(separator: ", ")
            rows += "<tr><td>\(index + 1)</td><td>\(GermanDate.short(c.date))</td><td>\(GermanDate.clock(start))–\(GermanDate.clock(end))</td><td>\(String(format: "%.2f", c.score))</td><td>\(missing.isEmpty ? "–" : missing)</td></tr>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="de">
            <head>
            <meta charset="utf-8">
            <title>\(HTML.escape(result.meeting.title)) – Terminfindung</title>
            <style>
            body { font-family: Helvetica, Arial, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin-top: 1em; }
            td, th { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
            </style>
            </head>
            <body>
            <h1>\(HTML.escape(result.meeting.title))</h1>
            \(svg(result, workspace: workspace, zone: zone))
            <table>
            <tr><th>#</th><th>Tag</th><th>Zeit</th><th>Score</th><th>Verhindert</th></tr>
            \(rows)</table>
            </body>
            </html>

            """
    }

    /// Red (nobody) through yellow to green (everybody).
    static func colour(_ share: Double) -> String {
        "hsl(\(Int((share * 120).rounded())), 70%, \(share >= 1 ? 45 : 60)%)"
    }
}
