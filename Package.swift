// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "convene",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "convene", targets: ["convene"]),
        .library(name: "ICalendar", targets: ["ICalendar"]),
        .library(name: "Holidays", targets: ["Holidays"]),
        .library(name: "ConveneCore", targets: ["ConveneCore"]),
        .library(name: "Scheduling", targets: ["Scheduling"]),
        .library(name: "Agenda", targets: ["Agenda"]),
        .library(name: "Minutes", targets: ["Minutes"]),
        .library(name: "Invitations", targets: ["Invitations"]),
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
        .target(
            name: "ICalendar",
            dependencies: ["CLibical"]
        ),
        // Statutory public holidays of the German states, computed.
        .target(
            name: "Holidays",
            dependencies: ["ICalendar"]
        ),
        // The workspace model: network, towns, people, meetings; YAML with file:line problems.
        .target(
            name: "ConveneCore",
            dependencies: ["ICalendar", "Holidays", "Yams"]
        ),
        // Availability, holidays and blackout days, slot search, ranking, explanations, poll tally.
        .target(
            name: "Scheduling",
            dependencies: ["ConveneCore", "ICalendar", "Holidays"]
        ),
        // Time-boxed agendas from the topic backlog and open action items; Markdown/HTML through the
        // templates in Templates/ (embedded as strings, see Sources/Agenda/Templates/).
        .target(
            name: "Agenda",
            dependencies: ["ConveneCore", "ICalendar", "Yams", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // The minutes record, action items (list, status changes, VTODO feed) and the minutes
        // templates in Templates/ (embedded as strings, see Sources/Minutes/Templates/).
        .target(
            name: "Minutes",
            dependencies: ["ConveneCore", "ICalendar", "Agenda", "Yams"]
        ),
        // iTIP/iMIP invitations: REQUEST/event files with stable UID and SEQUENCE.
        .target(
            name: "Invitations",
            dependencies: ["ConveneCore", "ICalendar", "Agenda"]
        ),
        .executableTarget(
            name: "convene",
            dependencies: [
                "ICalendar",
                "Holidays",
                "ConveneCore",
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
        .testTarget(
            name: "ICalendarTests",
            dependencies: ["ICalendar"]
        ),
        .testTarget(
            name: "HolidaysTests",
            dependencies: ["Holidays"]
        ),
        .testTarget(
            name: "ConveneCoreTests",
            dependencies: ["ConveneCore", "SampleSupport"]
        ),
        .testTarget(
            name: "SchedulingTests",
            dependencies: ["Scheduling"]
        ),
        .testTarget(
            name: "AgendaTests",
            dependencies: ["Agenda", "ConveneCore", "ICalendar", "SampleSupport"]
        ),
        .testTarget(
            name: "MinutesTests",
            dependencies: ["Minutes", "Agenda", "ConveneCore", "ICalendar", "SampleSupport"]
        ),
        .testTarget(
            name: "InvitationsTests",
            dependencies: ["Invitations", "ConveneCore", "ICalendar", "SampleSupport"]
        ),
        .testTarget(
            name: "ConveneCLITests",
            dependencies: ["convene"],
            exclude: ["Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
