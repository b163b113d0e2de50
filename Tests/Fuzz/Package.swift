// swift-tools-version:6.0
// vaxlink fuzzing (docs/STYLE.md §7, issue 12): one libFuzzer executable per target. Each only
// forwards its input to `FuzzTarget.run` in the main package's VaxFuzzEntryPoints, which the
// replay test (Tests/FuzzReplayTests) calls on every file of Corpus/ and FailCases/.
// Build and run with `make fuzz` from the repository root (Tests/Fuzz/README.md).
import PackageDescription

let targets: [(name: String, directory: String)] = [
    ("fuzz-shots-csv", "ShotsCSV"),
    ("fuzz-population-csv", "PopulationCSV"),
    ("fuzz-store", "Store"),
    ("fuzz-ledger", "Ledger"),
    ("fuzz-hc1", "HC1"),
]

let package = Package(
    name: "vaxlink-fuzz",
    // Named, so the product reference works whatever the checkout folder is called.
    dependencies: [.package(name: "vaxlink", path: "../..")],
    targets: [
        // The libFuzzer driver call every executable shares.
        .target(name: "FuzzDriver", path: "Sources/FuzzDriver",
                swiftSettings: [.swiftLanguageMode(.v6), .enableExperimentalFeature("Extern")]),
    ] + targets.map { target in
        .executableTarget(
            name: target.name,
            dependencies: ["FuzzDriver", .product(name: "VaxFuzzEntryPoints", package: "vaxlink")],
            path: "Sources/" + target.directory,
            swiftSettings: [.swiftLanguageMode(.v6)])
    }
)
