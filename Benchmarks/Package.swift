// swift-tools-version:6.0
// vaxlink's benchmarks: a nested package so that they always build in release and never
// slow the test suite. Run with `make bench` (or `swift run -c release vaxbench all`).
import PackageDescription

let package = Package(
    name: "vaxbench",
    dependencies: [.package(name: "vaxlink", path: "..")],
    targets: [
        // SQLite for the insert baseline only (the shipped ledger keeps its own CSQLite internal).
        .systemLibrary(name: "CBenchSQLite", pkgConfig: "sqlite3"),
        .executableTarget(
            name: "vaxbench",
            dependencies: [
                .product(name: "VaxCore", package: "vaxlink"),
                .product(name: "VaxCrypto", package: "vaxlink"),
                .product(name: "VaxNames", package: "vaxlink"),
                .product(name: "VaxInterchange", package: "vaxlink"),
                .product(name: "VaxWorkflows", package: "vaxlink"),
                .product(name: "VaxDataGen", package: "vaxlink"),
                .product(name: "VaxLedger", package: "vaxlink"),
                .product(name: "VaxStorage", package: "vaxlink"),
                .product(name: "VaxMatching", package: "vaxlink"),
                .product(name: "VaxPassport", package: "vaxlink"),
                .product(name: "VaxWorkflows", package: "vaxlink"),
                "CBenchSQLite",
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
