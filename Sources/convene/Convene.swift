import ArgumentParser

@main
struct Convene: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convene",
        abstract: "Organize the meetings of a network of municipalities: find dates, build agendas, send invitations, keep minutes.",
        discussion: """
            convene reads calendar exports (.ics from Outlook, Exchange, Nextcloud, Google, or \
            VFREEBUSY files) and turns them into busy time — nothing else of an appointment leaves \
            the import step.

            Examples:
              convene freebusy samples/digital-regional/calendars \
                  --from 2027-04-19 --to 2027-05-15
              convene freebusy anna.ics --from 2027-04-19T08:00 --to 2027-04-19T18:00
            """,
        version: "0.1.0",
        subcommands: [Init.self, Check.self, Freebusy.self, Holidays.self, Propose.self, Poll.self, Topics.self, AgendaCommand.self, MinutesCommand.self, Actions.self, Invite.self, Cancel.self, Rsvp.self, Status.self]
    )
}
