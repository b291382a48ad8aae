import ArgumentParser
import ConveneCore
import Holidays
import ICalendar
import Scheduling

extension Convene {
    /// `convene holidays` — a contract: other tools call it; keep its shape exactly.
    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "holidays",
            abstract: "List the statutory public holidays of a German state for a year.",
            discussion: """
                Computes the public holidays (gesetzliche Feiertage) of one of the 16 German \
                states for a year from 1995 to 2100: fixed days, the days that move with Easter, \
                Buß- und Bettag, the changes of the state laws and one-off days such as \
                Reformationstag 2017. Only holidays of the whole state are listed: Mariä \
                Himmelfahrt in Bayern and Fronleichnam in Sachsen and Thüringen, which hold in \
                Catholic municipalities only, are not.

                Formats:
                  text  a table: date (DD.MM.YYYY, or with --lang en DD Mon YYYY), weekday, name (default)
                  json  one line, sorted by date, names in German (UTF-8):
                        {"region":"DE-BW","holidays":[{"date":"2027-01-01",
                                                       "name":"Neujahr"}]}

                Without --region the workspace's holiday_region is used (-w DIR, or the \
                workspace around the current folder), else DE-BW.

                Regions: \(GermanState.allCases.map(\.rawValue).joined(separator: ", ")).

                Examples:
                  convene holidays --year 2027
                  convene holidays --year 2027 --region DE-BY --format json
                """
        )

        @Option(help: ArgumentHelp("The year, 1995–2100.", valueName: "YYYY"))
        var year: Int

        @Option(help: ArgumentHelp("The state as an ISO 3166-2 code, e.g. DE-BW or DE-BY (default: the workspace's holiday_region, else DE-BW).",
                                   valueName: "DE-XX"))
        var region: String?

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        @Option(help: "Language of the dates and weekdays in the text (the names stay German; json is the same in both): de or en (default: the workspace's language, else de).")
        var lang: Language?

        static let formats: [OutputFormat] = [.text, .json]

        func validate() throws {
            try format.require(Self.formats)
            guard PublicHolidays.supportedYears.contains(year) else {
                let years = PublicHolidays.supportedYears
                throw ValidationError("--year \(year) is outside the supported years; give a year from \(years.lowerBound) to \(years.upperBound).")
            }
            if let region, GermanState(code: region) == nil {
                let valid = GermanState.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--region '\(region)' is not a German state; use one of \(valid).")
            }
        }

        func run() throws {
            let network = region == nil || (lang == nil && format == .text) ? try workspaceNetwork() : nil
            let state = region.flatMap(GermanState.init(code:)) ?? network?.holidayRegion ?? .bw
            let holidays = try PublicHolidays.holidays(in: year, region: state)
            switch format {
            case .json: Console.write(HolidaysReport.json(holidays, region: state) + "\n")
            case .text: Console.write(HolidaysReport.text(holidays, year: year, region: state, language: lang ?? network?.language ?? .de))
            default: throw format.unsupported(Self.formats)
            }
        }

        /// The workspace's network (with -w, or when run inside a workspace), for its holiday region and language.
        private func workspaceNetwork() throws -> Network? {
            if workspaceOptions.workspace != nil { return try workspaceOptions.load().network }
            guard let root = try? Workspace.locate(explicit: nil), let workspace = try? Workspace.load(at: root) else { return nil }
            return workspace.network
        }
    }
}
