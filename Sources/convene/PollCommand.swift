import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Invitations
import Scheduling

extension Convene {
    struct Poll: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Collect poll answers on proposed dates.",
            subcommands: [Tally.self]
        )

        struct Tally: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Re-rank a meeting's candidates with the votes people sent.",
                discussion: """
                    Reads iTIP replies to the tentative holds of `convene propose MEETING --format \
                    ics` (ACCEPTED = yes, TENTATIVE = if need be, DECLINED = no; the newest reply per \
                    person and date wins) and CSV files of votes with rows person,start,vote (start \
                    as local 2027-04-20T12:30, vote yes, if-need-be or no). A "no" makes the person \
                    unavailable (reason: declined), which can drop a date that needs them; "if need \
                    be" lowers the preference a little. Only the dates that received votes are \
                    ranked. Folders are read for *.ics and *.csv.

                    Examples:
                      convene poll tally spring-2027 replies/
                      convene poll tally spring-2027 votes.csv anna-reply.ics --format json
                    """
            )

            @OptionGroup var workspaceOptions: WorkspaceOptions

            @Argument(help: "Meeting id.")
            var meeting: String

            @Argument(help: ArgumentHelp("Reply files (.ics), vote tables (.csv), folders of them, or - for one reply on standard input.",
                                         valueName: "file"))
            var files: [String]

            @Option(help: "Output format: text or json.")
            var format: TallyFormat = .text

            @Option(help: "Number of candidates to list.")
            var limit: Int = 10

            enum TallyFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

            func run() throws {
                let workspace = workspaceOptions.load()
                let meeting = workspace.requireMeeting(self.meeting)
                let zone = try! CalendarTimeZone(identifier: workspace.network.timeZone)
                var paths: [String] = []
                for file in files {
                    var isDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
                        let names = (try? FileManager.default.contentsOfDirectory(atPath: file)) ?? []
                        let picked = names.filter { $0.lowercased().hasSuffix(".ics") || $0.lowercased().hasSuffix(".csv") }.sorted()
                        if picked.isEmpty { WorkspaceProblem(file: file, "folder holds no .ics or .csv files").exit() }
                        paths += picked.map { (file as NSString).appendingPathComponent($0) }
                    } else {
                        paths.append(file)
                    }
                }
                let sources: [CalendarSource]
                do { sources = try CalendarSource.load(paths) } catch { error.exit() }
                let tally: PollTally.Tally
                do { tally = try PollTally(workspace: workspace, meeting: meeting, zone: zone).tally(sources) } catch {
                    error.problems.forEach(Console.error)
                    throw ExitCode(1)
                }
                tally.warnings.forEach(Console.warning)
                let result = try Propose.search(workspace: workspace, meeting: meeting, options: SearchOptions(limit: limit, perDay: limit, votes: tally.votes, onlyVotedSlots: true),
                                                useCache: true)
                switch format {
                case .json: Console.write(ProposalReport.json(result).rendered() + "\n")
                case .text:
                    Console.write("\(tally.counted) vote(s) from \(tally.votes.count) person(s).\n\n")
                    Console.write(ProposalReport.text(result, workspace: workspace, zone: zone, style: TextStyle(enabled: Console.colorEnabled)))
                }
            }
        }
    }
}
