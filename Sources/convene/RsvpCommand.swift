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
                the exit status is 1. A mail whose From is not the attendee (nor one of their \
                aliases in people.yaml, nor their deputy), and any reply to a cancelled meeting, is \
                held for review in meetings/<id>/held/ and not counted; convene status lists them, \
                --accept ID counts one.

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
        var files: [String] = []

        @Option(help: "Output format: text or json.")
        var format: SummaryFormat = .text

        @Flag(help: "Replace a replies file edited by hand (a .bak copy is kept).")
        var force = false

        @Option(name: .customLong("accept"), help: ArgumentHelp("Count a reply held for review (its id, from convene status).", valueName: "id"))
        var accept: [String] = []

        func validate() throws {
            guard !files.isEmpty || !accept.isEmpty else { throw ValidationError("Name at least one reply file, folder, or - for standard input.") }
        }

        func run() throws {
            let workspace = workspaceOptions.load()
            let meeting = workspace.requireMeeting(self.meeting)
            let outcomes: [ReplyOutcome]
            do {
                let now = try Clock.now()
                outcomes = try (accept.isEmpty ? [] : ReplyIntake.accept(accept, meeting: meeting, workspace: workspace, force: force, now: now))
                    + (files.isEmpty ? [] : ReplyIntake.record(files, meeting: meeting, workspace: workspace, force: force, now: now))
            } catch let error as CalendarError { error.exit() } catch { WorkspaceProblem(file: "convene", "\(error)").exit() }
            switch format {
            case .json: Console.write(ReplyIntake.json(outcomes).rendered(pretty: true) + "\n")
            case .text: Console.write(ReplyIntake.text(outcomes, meeting: meeting, style: TextStyle(enabled: Console.colorEnabled)))
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
