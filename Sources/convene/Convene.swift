import ArgumentParser
import ConveneCore
import Foundation

@main
struct Convene: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convene",
        abstract: "Organize the meetings of a network of municipalities: find dates, build agendas, send invitations, keep minutes.",
        discussion: """
            convene reads calendar exports (.ics from Outlook, Exchange, Nextcloud, Google, or \
            VFREEBUSY files) and turns them into busy time — nothing else of an appointment leaves \
            the import step.

            A meeting from start to finish, run inside a workspace (convene init DIR creates \
            one; cd samples/digital-regional for the sample), or add -w DIR to each command:
              convene propose spring-2027              # dates that fit
              convene propose spring-2027 --pick 1     # choose one
              convene agenda spring-2027               # the Tagesordnung
              convene invite spring-2027 --send        # iTIP/iMIP invitations
              convene rsvp spring-2027 replies/        # record the answers
              convene status spring-2027               # who comes
              convene minutes init spring-2027         # the Protokoll

            Busy time alone, without a workspace:
              convene freebusy anna.ics --from 2027-04-19T08:00 --to 2027-04-19T18:00
            """,
        version: "0.1.0",
        subcommands: [Init.self, Check.self, Sources.self, Freebusy.self, Holidays.self, Propose.self, Poll.self, Topics.self, AgendaCommand.self, MinutesCommand.self, Actions.self, Decisions.self, Invite.self, Cancel.self, Rsvp.self, Status.self]
    )

    /// Usage errors read like every other error: `convene: error: …`.
    static var _errorPrefix: String { "convene: error: " }

    /// The one entry point: parses, runs the command, and maps whatever it throws to messages on
    /// stderr and an exit status (`ErrorReport`): 0 success, 1 bad input or data (and partial
    /// failures), 64 usage errors. No other code in this target ends the process.
    static func main() {
        var command: ParsableCommand?
        do {
            var parsed = try parseAsRoot()
            command = parsed
            try parsed.run()
        } catch {
            Foundation.exit(ErrorReport.report(error, command: command.map { type(of: $0) }))
        }
    }
}
