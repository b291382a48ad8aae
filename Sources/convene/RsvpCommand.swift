import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Invitations

extension Convene {
    struct Rsvp: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record attendees' answers (iTIP REPLY) to a meeting's invitation.",
            discussion: """
                Reads replies as attendees' calendar programs send them: .ics files (METHOD:REPLY), \
                saved mails (.eml) with a text/calendar part, folders of either, or - for standard \
                input. Each reply must carry the invitation's UID and come from an invited attendee \
                (or a delegate named by one). The answer (ACCEPTED, DECLINED, TENTATIVE, or DELEGATED \
                with DELEGATED-TO) is recorded in meetings/<id>/replies.yaml; of two answers from \
                the same person the one with the newer DTSTAMP wins, in whatever order they are read. \
                Anything else is rejected with the reason; the other replies are still recorded, and \
                the exit status is 1.

                See the answers with: convene status MEETING

                Examples:
                  convene rsvp spring-2027 ~/Downloads/Antwort*.eml
                  convene rsvp spring-2027 replies/
                  cat reply.ics | convene rsvp spring-2027 -
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id.")
        var meeting: String

        @Argument(help: ArgumentHelp("Reply files (.ics, .eml), folders of them, or - for standard input.", valueName: "file"))
        var files: [String]

        @Option(help: "Output format: text or json.")
        var format: SummaryFormat = .text

        @Flag(help: "Replace a replies file edited by hand (a .bak copy is kept).")
        var force = false

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("Name at least one reply file, folder, or - for standard input.") }
        }

        func run() throws {
            let workspace = workspaceOptions.load()
            let meeting = workspace.requireMeeting(self.meeting)
            var outcomes: [ReplyOutcome] = []
            do throws(CalendarError) {
                guard let state = try InvitationState.read(meeting, in: workspace) else {
                    throw WorkspaceProblem(file: InvitationState.path(of: meeting),
                                           "\(meeting.id) has not been invited yet, so there is nothing to answer: convene invite \(meeting.id)")
                }
                let sources = try CalendarSource.load(files, extensions: [".ics", ".eml"])
                var book = try ReplyBook.read(meeting, in: workspace)
                let before = book
                outcomes = ReplyIntake.apply(sources, to: &book, state: state, workspace: workspace)
                if book != before { try book.write(meeting, in: workspace, force: force) }
            } catch { error.exit() }
            switch format {
            case .json:
                Console.write(JSON.array(outcomes.map { outcome in
                    .object([("source", .string(outcome.source)), ("result", .string(outcome.kind.rawValue)),
                             ("attendee", outcome.attendee.map { .string($0) } ?? .null),
                             ("answer", outcome.answer.map { .string($0.rawValue.lowercased()) } ?? .null),
                             ("message", .string(outcome.message))])
                }).rendered(pretty: true) + "\n")
            case .text:
                let style = TextStyle(enabled: Console.colorEnabled)
                for outcome in outcomes where outcome.kind != .rejected {
                    let label: String
                    switch outcome.kind {
                    case .recorded, .updated: label = style.green(outcome.kind.rawValue)
                    case .unchanged, .older: label = style.dim(outcome.kind.rawValue)
                    case .rejected: label = ""
                    }
                    Console.write("\(label)  \(outcome.message)\n")
                }
                let counted = outcomes.filter { $0.kind == .recorded || $0.kind == .updated }.count
                Console.write("\(counted) answer\(counted == 1 ? "" : "s") recorded in \(ReplyBook.path(of: meeting)).\n")
            }
            let rejected = outcomes.filter { $0.kind == .rejected }
            for outcome in rejected { Console.writeError("convene: error: \(outcome.message)") }
            if !rejected.isEmpty { Foundation.exit(1) }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show who accepted, declined or has not answered a meeting's invitation, per town.",
            discussion: """
                Reads the invitation state (convene invite) and the recorded replies (convene rsvp). \
                Answers to an earlier SEQUENCE are marked; delegates are listed with their town.

                Examples:
                  convene status spring-2027
                  convene status spring-2027 --format json
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id.")
        var meeting: String

        @Option(help: "Output format: text or json.")
        var format: SummaryFormat = .text

        func run() throws {
            let workspace = workspaceOptions.load()
            let meeting = workspace.requireMeeting(self.meeting)
            let report: InvitationStatusReport
            do { report = try InvitationStatusReport(meeting: meeting, workspace: workspace) } catch { error.exit() }
            switch format {
            case .json: Console.write(report.json().rendered(pretty: true) + "\n")
            case .text: Console.write(report.text(style: TextStyle(enabled: Console.colorEnabled)))
            }
        }
    }
}
