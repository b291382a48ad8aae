import Foundation
import SampleSupport
import Testing

@Suite(.serialized) struct HeatmapTests {
    /// The rows of the picture: the day label (as the SVG writes it) → the fills of that row's cells.
    static func rows(_ svg: String) -> [String: [String]] {
        var rows: [String: [String]] = [:]
        var current: String?
        for line in svg.split(separator: "\n") {
            if line.contains("text-anchor=\"end\""), let open = line.range(of: "\">"), let close = line.range(of: "</text>") {
                current = String(line[open.upperBound..<close.lowerBound])
            } else if let day = current, line.hasPrefix("<rect"), line.contains("<title>"),
                      let fill = line.range(of: "fill=\""), let end = line[fill.upperBound...].firstIndex(of: "\"") {
                rows[day, default: []].append(String(line[fill.upperBound..<end]))
            }
        }
        return rows
    }

    /// A required person away all day breaks a hard rule at every start of that day: the row is grey, not a
    /// shade of "free"; bridge days are labelled; the words are German.
    @Test func aHardRuleGreysOutTheSlot() throws {
        let sample = try SampleCopy()
        defer { sample.cleanup() }
        try sample.edit("meetings/spring-2027/meeting.yaml", "required: []", "required: [bretten-ob]")
        try sample.edit("people.yaml", "    email: ob@bretten.example\n", "    email: ob@bretten.example\n    away: [2027-04-20]\n")
        let path = sample.scratch.url.appendingPathComponent("heat.svg").path
        let result = try sample.run(["propose", "spring-2027", "--heatmap", path])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        let rows = Self.rows(svg)
        let away = try #require(rows["Di 20.04.2027"])
        #expect(!away.isEmpty && away.allSatisfy { $0 == "#bdbdbd" }, "\(away)")
        #expect(rows["Mi 12.05.2027"]?.contains { $0 != "#bdbdbd" } == true, "a day that fits keeps its colours")
        #expect(svg.contains("Fr 07.05.2027 (Brückentag)"))
        #expect(!svg.contains(" free") && svg.contains("% frei"), "German only")
    }
}
