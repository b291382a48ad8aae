import ArgumentParser
import ConveneCore
import Holidays
import ICalendar

extension Convene {
    /// `convene holidays` — a contract: other tools call it; keep its shape exactly.
    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the statutory public holidays of a German state for a year.",
            discussion: """
                Computes the public holidays (gesetzliche Feiertage) of one of the 16 German \
                states for a year from 1995 to 2100: fixed days, the days that move with Easter, \
                Buß- und Bettag, the changes of the state laws and one-off days such as \
                Reformationstag 2017. Only holidays of the whole state are listed: Mariä \
                Himmelfahrt in Bayern and Fronleichnam in Sachsen and Thüringen, which hold in \
                Catholic municipalities only, are not.

                Formats:
                  text  a table: date (DD.MM.YYYY), weekday, name (default)
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
        var format: Format = .text

        /// The output formats of `convene holidays`.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func validate() throws {
            guard PublicHolidays.supportedYears.contains(year) else {
                let years = PublicHolidays.supportedYears
                throw ValidationError("--year \(year) is outside the supported years; give a year from \(years.lowerBound) to \(years.upperBound).")
            }
            _ = try state()
        }

        func run() throws {
            let state = try state()
            let holidays = try PublicHolidays.holidays(in: year, region: state)
            switch format {
            case .json: Console.write(HolidaysReport.json(holidays, region: state) + "\n")
            case .text: Console.write(HolidaysReport.text(holidays, year: year, region: state))
            }
        }

        /// The workspace's holiday region (with -w, or when run inside a workspace), else DE-BW.
        private func defaultRegion() -> String {
            if workspaceOptions.workspace != nil { return workspaceOptions.load().network.holidayRegion.rawValue }
            guard let root = try? Workspace.locate(explicit: nil), let workspace = try? Workspace.load(at: root) else { return "DE-BW" }
            return workspace.network.holidayRegion.rawValue
        }

        /// `--region`, or the default, as a state.
        private func state() throws -> GermanState {
            let code = region ?? defaultRegion()
            guard let state = GermanState(code: code) else {
                let valid = GermanState.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--region '\(code)' is not a German state; use one of \(valid).")
            }
            return state
        }
    }
}

/// Renders holidays for people and for scripts.
enum HolidaysReport {
    /// The contract shape: `{"region":"DE-BW","holidays":[{"date":"2027-01-01","name":"Neujahr"}]}`
    /// on one line; non-ASCII letters stay as they are.
    static func json(_ holidays: [Holiday], region: GermanState) -> String {
        let items = holidays.map { "{\"date\":\"\($0.date)\",\"name\":\(JSON.quote($0.name))}" }
        return "{\"region\":\(JSON.quote(region.rawValue)),\"holidays\":[" + items.joined(separator: ",") + "]}"
    }

    /// A header, one aligned line per holiday (`06.05.2027  Do  Christi Himmelfahrt`), a count.
    static func text(_ holidays: [Holiday], year: Int, region: GermanState) -> String {
        var out = "Public holidays \(year) in \(region.name) (\(region.rawValue))\n\n"
        for holiday in holidays {
            out += "\(GermanDate.numeric(holiday.date))  \(holiday.date.weekday.germanAbbreviation)  \(holiday.name)\n"
        }
        out += "\n\(holidays.count) public holiday\(holidays.count == 1 ? "" : "s").\n"
        return out
    }


}
