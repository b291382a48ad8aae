// swift-tools-version: 6.0
// libFuzzer harnesses: the ICalendar parse layer, the workspace loader, the mail reader. A separate package so that the main build never
// sees a target without `main`. Run it with scripts/fuzz.sh.
import PackageDescription

let package = Package(
    name: "convene-fuzz",
    dependencies: [.package(name: "convene", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzParse",
            dependencies: [.product(name: "ICalendar", package: "convene")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "FuzzWorkspace",
            dependencies: [.product(name: "ConveneCore", package: "convene")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "FuzzMail",
            dependencies: [.product(name: "MIME", package: "convene")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
