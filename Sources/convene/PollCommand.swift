import ArgumentParser
import CalendarSources
import ConveneCore
import Foundation
import ICalendar
import Invitations
import Scheduling

extension Convene {
    struct Poll: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "poll",
            abstract: "A date poll: holds people answer from their own calendar, and the votes.",
            subcommands: [Start.self, Status.self, Remind.self, Close.self, Tally.self]
        )

        struct Tally: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "tally",
                abstract: "Re-rank a meeting's candidates with the votes people sent.",
                discussion: """
                    Reads iTIP replies to the tentative holds of `convene propose MEETING --format \
                    ics` (ACCEPTED = yes, TENTATIVE = if need be, DECLINED = no; the newest reply per \
                    person and date wins) and CSV files of votes with rows person,start,vote[,stamp] \
                    (start as local 2027-04-20T12:30, vote yes, if-need-be or no; stamp: when the vote \
                    was given, local or RFC 3339 — without it, when the file was last saved). Of two \
                    answers of one person to one date the newer stands, by the rule rsvp uses \
                    (DTSTAMP of a reply, stamp of a row), whichever command read it first. A "no" makes the person \
                    unavailable (reason: declined), which can drop a date that needs them; "if need \
                    be" lowers the preference a little. Only the dates that received votes are \
                    ranked. Folders are read for *.ics and *.csv. After `convene poll start --send` \
                    the votes are recorded with the poll's answers in meetings/<id>/poll.yaml and \
                    every recorded answer ranks.

                    Examples (run inside a workspace, or add -w DIR):
                      convene poll tally spring-2027 replies/
                      convene poll tally spring-2027 votes.csv anna-reply.ics --format json
                    """
            )

            @OptionGroup var workspaceOptions: WorkspaceOptions

            @OptionGroup var liveOptions: LiveOptions

            @Argument(help: "Meeting id.")
            var meeting: String

            @Argument(help: ArgumentHelp("Reply files (.ics), vote tables (.csv), folders of them, or - for one reply on standard input.",
                                         valueName: "file"))
            var files: [String]

            @Option(help: "Output format: text or json.")
            var format: OutputFormat = .text

            @Option(help: "Number of candidates to list.")
            var limit: Int = 10

            @Flag(help: "Replace a poll.yaml edited by hand (a .bak copy is kept).")
            var force = false

            static let formats: [OutputFormat] = [.text, .json]

            func validate() throws { try format.require(Self.formats) }

            func run() throws {
                let workspace = try workspaceOptions.load()
                let meeting = try workspace.requireMeeting(self.meeting)
                let planner = try MeetingPlanner(workspace: workspace, calendars: CalendarFileReader(),
                                                 fetcher: try liveOptions.fetcher(for: workspace))
                let poll = PollTally(workspace: workspace, meeting: meeting, zone: planner.zone)
                let tally = try poll.tally(try PollTally.sources(files), now: try Clock.now())
                tally.warnings.forEach(Console.warning)
                // With a poll sent, the votes join its answers (the one store) and all of them rank.
                let stored = try poll.record(tally, force: force)
                let state = stored == nil ? nil : try PollState.read(meeting, in: workspace)
                let options = SearchOptions(limit: limit, perDay: limit, votes: state?.votes(in: workspace) ?? tally.votes, onlyVotedSlots: true,
                                            polled: state?.offered ?? [:])
                let (result, warnings) = try planner.search(meeting, options: options)
                warnings.forEach(Console.warning)
                switch format {
                case .json: Console.write(ProposalReport.json(result).rendered() + "\n")
                case .text:
                    Console.write("\(tally.counted) vote(s) from \(tally.votes.count) person(s).\n\n")
                    Console.write(ProposalReport.text(result, workspace: workspace, zone: planner.zone, style: TextStyle(enabled: Console.colorEnabled)))
                default: throw format.unsupported(Self.formats)
                }
            }
        }
    }
}

/// Prints the summary of `poll start`, `remind` or `close`.
/// - Throws: `PartialFailure` with the summary when a message could not be sent.
func printPollDispatch(_ result: PollDispatch, format: OutputFormat, zone: CalendarTimeZone) throws {
    switch format {
    case .json: Console.write(result.json().rendered(pretty: true) + "\n")
    default: Console.write(result.text(style: TextStyle(enabled: Console.colorEnabled), zone: zone))
    }
    if let failure = result.failureSummary { throw PartialFailure(failure) }
}
