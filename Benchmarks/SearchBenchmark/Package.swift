// swift-tools-version: 6.0
// Times the slot search (convene propose without I/O) on synthetic networks. A separate package so
// the main build stays lean. Run: Benchmarks/run-search.sh
import PackageDescription

let package = Package(
    name: "convene-search-benchmark",
    dependencies: [.package(name: "convene", path: "../..")],
    targets: [
        .executableTarget(
            name: "SearchBenchmark",
            dependencies: [
                .product(name: "Scheduling", package: "convene"),
                .product(name: "ConveneCore", package: "convene"),
                .product(name: "ICalendar", package: "convene"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
