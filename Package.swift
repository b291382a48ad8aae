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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
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
        .executableTarget(
            name: "convene",
            dependencies: [
                "ICalendar",
                "Holidays",
                "ConveneCore",
                "Scheduling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
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
            dependencies: ["ConveneCore"]
        ),
        .testTarget(
            name: "SchedulingTests",
            dependencies: ["Scheduling"]
        ),
        .testTarget(
            name: "ConveneCLITests",
            dependencies: ["convene"],
            exclude: ["Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
