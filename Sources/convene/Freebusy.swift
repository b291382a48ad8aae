import ArgumentParser
import ConveneCore
import ICalendar
import CalendarSources
import Scheduling

extension Convene {
    /// `convene freebusy` — a contract: other tools call it; keep its shape exactly.
    struct Freebusy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "freebusy",
            abstract: "Turn calendar exports into busy time, and nothing else.",
            discussion: """
                Reads .ics calendar exports and VFREEBUSY files and prints the busy time inside \
                the window [--from, --to). Only busy intervals leave this step: no summary, \
                location, description, attendee or organizer of an imported calendar is printed.

                Busy: event occurrences (recurrence rules, extra dates, exclusions and moved or \
                cancelled instances applied) unless the occurrence is TRANSP:TRANSPARENT, \
                STATUS:CANCELLED or X-MICROSOFT-CDO-BUSYSTATUS:FREE; VFREEBUSY periods unless \
                FBTYPE=FREE. All-day events cover whole local days in --tz; times without a zone \
                are read in --tz. Overlapping and touching intervals are merged.

                Formats:
                  text  a listing by day in local time (default)
                  json  one line, UTC, clipped to the window, sorted, merged:
                        {"busy":[{"start":"2027-04-19T06:00:00Z",
                                  "end":"2027-04-19T08:00:00Z"}],
                         "unknown":[],"warnings":0}
                        unknown: time a VFREEBUSY file does not speak for
                        (outside its DTSTART-DTEND); warnings: how many
                        warnings were printed on stderr
                  ics   one VFREEBUSY to send instead of a whole calendar

                Bad input ends with one line 'convene: error: FILE[:LINE]: …' and exit status 1; \
                a recoverable problem (a bad value, an unknown time zone: read in --tz) prints a \
                warning and the best reading is used.

                Examples:
                  convene freebusy calendars/ --from 2027-04-19 --to 2027-05-15
                  convene freebusy a.ics b.ics --from 2027-04-19T08:00 \\
                      --to 2027-04-19T18:00 --format json
                  convene freebusy - --from 2027-05-01 --to 2027-06-01 --format ics
                """
        )

        @Argument(help: ArgumentHelp("Calendar files (.ics), folders (every *.ics inside) or - for standard input.",
                                     valueName: "file"))
        var files: [String]

        @Option(help: ArgumentHelp("Start of the window: YYYY-MM-DD (midnight) or YYYY-MM-DDTHH:MM, local time in --tz.",
                                   valueName: "start"))
        var from: String

        @Option(help: ArgumentHelp("End of the window (exclusive), same forms as --from.", valueName: "end"))
        var to: String

        @Option(help: ArgumentHelp("IANA time zone for the window, all-day events and floating times.", valueName: "tzid"))
        var tz: String = "Europe/Berlin"

        @Option(help: "Output format: text, json or ics.")
        var format: OutputFormat = .text

        static let formats: [OutputFormat] = [.text, .json, .ics]

        func validate() throws {
            try format.require(Self.formats)
            guard !files.isEmpty else { throw ValidationError("Name at least one calendar file, folder, or - for standard input.") }
            guard let start = LocalDateTime(iso: from) else {
                throw ValidationError("--from '\(from)' is not a date (YYYY-MM-DD) or local date-time (YYYY-MM-DDTHH:MM).")
            }
            guard let end = LocalDateTime(iso: to) else {
                throw ValidationError("--to '\(to)' is not a date (YYYY-MM-DD) or local date-time (YYYY-MM-DDTHH:MM).")
            }
            guard start < end else { throw ValidationError("--to must be after --from (the window is [--from, --to)).") }
        }

        func run() throws {
            let zone = try CalendarTimeZone(identifier: tz)
            let window = Interval(start: zone.instant(for: LocalDateTime(iso: from)!),
                                  end: zone.instant(for: LocalDateTime(iso: to)!))
            let (result, fileCount) = try FreeBusyReport.read(CalendarSource.locate(files), window: window, zone: zone)
            result.warnings.forEach(Console.warning)
            guard result.failures.isEmpty else { throw WorkspaceErrors(problems: result.failures) }
            let busy = result.busy, unknown = result.unknown, warnings = result.warnings.count

            switch format {
            case .json:
                Console.write(FreeBusyReport.json(busy, unknown: unknown, warnings: warnings) + "\n")
            case .ics:
                Console.write(FreeBusyReport.ics(busy, window: window, stamp: try Clock.now()))
            case .text:
                Console.write(FreeBusyReport.text(busy, unknown: unknown, window: window, zone: zone, fileCount: fileCount,
                                                  style: TextStyle(enabled: Console.colorEnabled)))
            case .md, .html, .pdf:
                throw format.unsupported(Self.formats)
            }
        }
    }
}
