// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "convene",
    platforms: [.macOS(.v13)],
    // Libraries as products so that Fuzz/ and Benchmarks/ (packages of their own) can use them.
    products: [
        .executable(name: "convene", targets: ["convene"]),
        .library(name: "CalendarValues", targets: ["CalendarValues"]),
        .library(name: "ICalendar", targets: ["ICalendar"]),
        .library(name: "Holidays", targets: ["Holidays"]),
        .library(name: "ConveneCore", targets: ["ConveneCore"]),
        .library(name: "Scheduling", targets: ["Scheduling"]),
        .library(name: "Agenda", targets: ["Agenda"]),
        .library(name: "Minutes", targets: ["Minutes"]),
        .library(name: "MIME", targets: ["MIME"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // libical through pkg-config; only the ICalendar target may import it.
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"]), .brew(["libical"])]
        ),
        // Plain calendar values (dates, wall-clock times, instants, intervals, weekday names) and IANA
        // time zones read from /usr/share/zoneinfo in Swift: Foundation only, no C, so every target
        // can use them without linking libical.
        .target(
            name: "CalendarValues"
        ),
        // The only Swift code that touches libical (parse, time zones, recurrence, writing); re-exports
        // CalendarValues, whose types its API speaks.
        .target(
            name: "ICalendar",
            dependencies: ["CLibical", "CalendarValues"]
        ),
        // Statutory public holidays of the German states, computed: needs dates only, not libical.
        .target(
            name: "Holidays",
            dependencies: ["CalendarValues"]
        ),
        // The workspace model: network, towns, people, meetings and the meeting-folder layout; YAML
        // with file:line problems; the clock; de/en wording; template loading and rendering; the seam to
        // calendar files (BusyTimeReading). Values, not libical: what needs libical sits behind a
        // protocol implemented in CalendarSources.
        .target(
            name: "ConveneCore",
            dependencies: ["CalendarValues", "Holidays", "Yams", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // ConveneCore's calendar seams implemented through ICalendar (libical): reading people's
        // calendar files into busy time. The CLI passes them to the features.
        .target(
            name: "CalendarSources",
            dependencies: ["ConveneCore", "ICalendar"]
        ),
        // libcurl's easy interface loaded at run time (dlopen of libcurl.so.4 on the first fetch, pthread_once):
        // non-variadic wrappers of curl_easy_setopt/getinfo and the few numbers convene uses, checked against
        // curl.h. No link-time dependency: convene links neither libcurl nor FoundationNetworking, so a command
        // that fetches nothing does not load the ~30 libraries libcurl needs. Only LiveCalendars (CurlEasy.swift)
        // may import it.
        .target(
            name: "CCurl"
        ),
        // Live calendar sources: iCalendar feeds and CalDAV collections fetched through libcurl (CCurl, loaded
        // on first use; needs the runtime package libcurl4) and read with FoundationXML's XMLParser; credentials
        // from netrc, fetch records in .convene/. ConveneCore's CalendarFetching seam; no libical (answers are
        // read through BusyTimeReading, passed in).
        .target(
            name: "LiveCalendars",
            dependencies: ["ConveneCore", "CalendarValues", "CCurl"]
        ),
        // Availability (through BusyTimeReading), holidays and blackout days, slot search, ranking,
        // explanations. No libical: holds and poll replies are iCalendar and live in Invitations.
        .target(
            name: "Scheduling",
            dependencies: ["ConveneCore", "CalendarValues", "Holidays"]
        ),
        // Time-boxed agendas from the topic backlog and open action items; Markdown/HTML through the
        // templates in Templates/ (embedded as strings, see Sources/Agenda/Templates/). Features
        // (Scheduling, Agenda, Minutes, Invitations) never import each other.
        .target(
            name: "Agenda",
            dependencies: ["ConveneCore", "ICalendar", "Yams"]
        ),
        // The minutes record, action items (list, status changes, VTODO feed) and the minutes
        // templates in Templates/ (embedded as strings, see Sources/Minutes/Templates/).
        .target(
            name: "Minutes",
            dependencies: ["ConveneCore", "ICalendar", "Yams"]
        ),
        // RFC 5322/2045/2047 mail: the composer and reader of iMIP messages. No libical; needs only
        // instants and weekday names (Date header) and SHA-256 (boundaries) from CalendarValues.
        .target(
            name: "MIME",
            dependencies: ["CalendarValues"]
        ),
        // iTIP/iMIP invitations: REQUEST/event files with stable UID and SEQUENCE, mailed through
        // MIME; the poll's tentative holds and its tally of iTIP replies (Poll/).
        .target(
            name: "Invitations",
            dependencies: ["ConveneCore", "ICalendar", "MIME"]
        ),
        // The CLI: parses arguments, wires CalendarSources' reader into Scheduling, prints.
        .executableTarget(
            name: "convene",
            dependencies: [
                "ICalendar",
                "Holidays",
                "ConveneCore",
                "CalendarSources",
                "LiveCalendars",
                "Scheduling",
                "Agenda",
                "Invitations",
                "Minutes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A copy of the sample workspace for the test targets that need one.
        .target(
            name: "SampleSupport",
            path: "Tests/SampleSupport"
        ),
        // Tests mirror the sources: each test target depends on the target it tests and on the
        // targets whose types its tests spell out.
        .testTarget(
            name: "CalendarValuesTests",
            dependencies: ["CalendarValues"]
        ),
        // CalendarValues too: ZoneAgreementTests compares its zones with libical's.
        .testTarget(
            name: "ICalendarTests",
            dependencies: ["ICalendar", "CalendarValues"]
        ),
        .testTarget(
            name: "HolidaysTests",
            dependencies: ["Holidays", "CalendarValues"]
        ),
        .testTarget(
            name: "ConveneCoreTests",
            dependencies: ["ConveneCore", "CalendarValues", "SampleSupport", "Yams"]
        ),
        // CalendarSources: MeetingPlannerTests read real calendar files through the libical reader.
        .testTarget(
            name: "SchedulingTests",
            dependencies: ["Scheduling", "ConveneCore", "CalendarValues", "Holidays", "CalendarSources", "SampleSupport"],
            exclude: ["Snapshots"]
        ),
        // CalendarSources: the Radicale answer is normalised through the libical reader, as the CLI does.
        .testTarget(
            name: "LiveCalendarsTests",
            dependencies: ["LiveCalendars", "ConveneCore", "CalendarValues", "CalendarSources", "SampleSupport"]
        ),
        .testTarget(
            name: "AgendaTests",
            dependencies: ["Agenda", "ConveneCore", "ICalendar", "SampleSupport"]
        ),
        .testTarget(
            name: "MinutesTests",
            dependencies: ["Minutes", "ConveneCore", "ICalendar", "SampleSupport"],
            exclude: ["Snapshots", "Fixtures"]
        ),
        .testTarget(
            name: "MIMETests",
            dependencies: ["MIME", "CalendarValues"]
        ),
        .testTarget(
            name: "InvitationsTests",
            dependencies: ["Invitations", "MIME", "ConveneCore", "ICalendar", "SampleSupport"]
        ),
        .testTarget(
            name: "ConveneCLITests",
            dependencies: ["convene", "ConveneCore", "SampleSupport"],
            exclude: ["Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
