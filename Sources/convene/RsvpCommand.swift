import ArgumentParser
import ConveneCore
import Foundation
import ICalendar
import Invitations

extension Convene {
    struct Rsvp: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rsvp",
            abstract: "Record attendees' answers (iTIP REPLY) to a meeting's invitation.",
            discussion: """
                Reads replies as attendees' calendar programs send them: .ics files (METHOD:REPLY), \
                saved mails (.eml) with a text/calendar part, folders of either, a Maildir (its cur/ \
                and new/, every mail whatever its name; tmp/ is never read), or - for standard \
                input. In a Maildir, mail that is not an answer to this meeting (no calendar part, a \
                forwarded REQUEST, a reply to another event) is skipped and counted, and a mail that \
                cannot be read is a warning; neither stops the rest. Each reply must carry the invitation's UID and come from an invited attendee \
                (or a delegate named by one). The answer (ACCEPTED, DECLINED, TENTATIVE, or DELEGATED \
                with DELEGATED-TO) is recorded in meetings/<id>/replies.yaml; of two answers from \
                the same person the one with the newer DTSTAMP wins, in whatever order they are read. \
                Anything else is rejected with the reason; the other replies are still recorded, and \
                the exit status is 1. A mail whose From is not the attendee (nor one of their \
                aliases in people.yaml, nor their deputy), and any reply to a cancelled meeting, is \
                held for review in meetings/<id>/held/ and not counted; convene status lists them, \
                --accept ID counts one.

                See the answers with: convene status MEETING

                Examples (run inside a workspace, or add -w DIR):
                  convene rsvp spring-2027 ~/Downloads/Antwort*.eml
                  convene rsvp spring-2027 replies/
                  convene rsvp spring-2027 ~/Maildir
                  cat reply.ics | convene rsvp spring-2027 -
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id.")
        var meeting: String

        @Argument(help: ArgumentHelp("Reply files (.ics, .eml), folders of them, Maildirs, or - for standard input.", valueName: "file"))
        var files: [String] = []

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        @Flag(help: "Replace a replies file edited by hand (a .bak copy is kept).")
        var force = false

        @Option(name: .customLong("accept"), help: ArgumentHelp("Count a reply held for review (its id, from convene status).", valueName: "id"))
        var accept: [String] = []

        func validate() throws {
            try format.require(summaryFormats)
            guard !files.isEmpty || !accept.isEmpty else { throw ValidationError("Name at least one reply file, folder, or - for standard input.") }
        }

        func run() throws {
            let workspace = try workspaceOptions.load()
            let meeting = try workspace.requireMeeting(self.meeting)
            let now = try Clock.now()
            let outcomes = try (accept.isEmpty ? [] : ReplyIntake.accept(accept, meeting: meeting, workspace: workspace, force: force, now: now))
                + (files.isEmpty ? [] : ReplyIntake.record(files, meeting: meeting, workspace: workspace, force: force, now: now))
            for outcome in outcomes where outcome.kind == .unreadable { Console.writeError("convene: warning: \(outcome.message)") }
            switch format {
            case .json: Console.write(ReplyIntake.json(outcomes).rendered(pretty: true) + "\n")
            case .text: Console.write(ReplyIntake.text(outcomes, meeting: meeting, style: TextStyle(enabled: Console.colorEnabled)))
            default: throw format.unsupported(summaryFormats)
            }
            let rejected = outcomes.filter { $0.kind == .rejected }
            if !rejected.isEmpty { throw PartialFailure(lines: rejected.map(\.message)) }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show where a meeting stands and who accepted, declined or has not answered, per town.",
            discussion: """
                Leads with the meeting's lifecycle — proposed, scheduled, agenda, invited, held, \
                minuted, closed (or cancelled) — derived from the files of its folder: which steps are \
                done, which went stale because what they were made from changed (a re-pick after the \
                agenda or the invitation, messages not delivered yet), and the next command to run.

                Once invited: the invitation state (convene invite) and the recorded replies (convene \
                rsvp) per town. Answers to an earlier SEQUENCE are marked; an answer given for an \
                earlier date or time is shown as such and does not count; delegates are listed with \
                their town.

                Examples (run inside a workspace, or add -w DIR):
                  convene status spring-2027
                  convene status spring-2027 --format json
                """
        )

        @OptionGroup var workspaceOptions: WorkspaceOptions

        @Argument(help: "Meeting id.")
        var meeting: String

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        @Option(help: "Language of the dates: de or en (default: convene.yaml's language, else de).")
        var lang: Language?

        func validate() throws { try format.require(summaryFormats) }

        func run() throws {
            let workspace = try workspaceOptions.load()
            let meeting = try workspace.requireMeeting(self.meeting)
            let language = workspace.language(lang)
            let lifecycle = try MeetingLifecycle(meeting: meeting, workspace: workspace, now: try Clock.now(), language: language)
            var report = try InvitationState.read(meeting, in: workspace) == nil ? nil : try InvitationStatusReport(meeting: meeting, workspace: workspace)
            report?.language = language
            let style = TextStyle(enabled: Console.colorEnabled)
            switch format {
            case .json: Console.write(InvitationStatusReport.json(report, lifecycle: lifecycle).rendered(pretty: true) + "\n")
            case .text: Console.write(lifecycle.text(style: style) + (report.map { "\n" + $0.text(style: style) } ?? ""))
            default: throw format.unsupported(summaryFormats)
            }
        }
    }
}
