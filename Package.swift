// swift-tools-version:6.0
// vaxlink: links a nation's vaccination records to its population register.
// Dependencies point one way: vaxlink (CLI) → Workflows → Matching / Ledger / Passport / Report
// → Storage, Interchange → Names, Crypto → Core (docs/architecture.md).
// Storage and Interchange do not import each other: turning population.csv into a store is a
// workflow (PopulationIngest), and both the store and the matcher normalize names with Names.
// Ledger → Crypto → Core (the ledger takes Decision values and never imports Matching).
// Passport → Crypto → Core (certificates are built from register values the CLI passes in).
// Each C library is imported by exactly one module (see docs/STYLE.md §1).
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "vaxlink",
    products: [
        .executable(name: "vaxlink", targets: ["vaxlink"]),
        .library(name: "VaxCore", targets: ["VaxCore"]),
        .library(name: "VaxCrypto", targets: ["VaxCrypto"]),
        .library(name: "VaxNames", targets: ["VaxNames"]),
        .library(name: "VaxInterchange", targets: ["VaxInterchange"]),
        .library(name: "VaxDataGen", targets: ["VaxDataGen"]),
        .library(name: "VaxStorage", targets: ["VaxStorage"]),
        .library(name: "VaxMatching", targets: ["VaxMatching"]),
        .library(name: "VaxLedger", targets: ["VaxLedger"]),
        .library(name: "VaxPassport", targets: ["VaxPassport"]),
        .library(name: "VaxWorkflows", targets: ["VaxWorkflows"]),
        // For the nested fuzzing package Tests/Fuzz (docs/STYLE.md §7).
        .library(name: "VaxFuzzEntryPoints", targets: ["VaxFuzzEntryPoints"]),
    ],
    targets: [
        // System libraries: a [system] module map and a shim header each.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4",
                       providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        // glibc's own malloc.h (mallopt): part of the C library, nothing to link.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        // Domain vocabulary, errors, the syscall layer, parallel helper.
        .target(name: "VaxCore", dependencies: ["CMalloc"], swiftSettings: swiftSettings),
        // SHA-256 and signatures over libcrypto; the only importer of CCrypto.
        .target(name: "VaxCrypto", dependencies: ["VaxCore", "CCrypto"],
                swiftSettings: swiftSettings),
        // Vietnamese name normalization, tokens and name parts; below Interchange and Storage.
        .target(name: "VaxNames", swiftSettings: swiftSettings),
        // The interchange CSV files of docs/interchange.md.
        .target(name: "VaxInterchange", dependencies: ["VaxCore", "VaxCrypto"],
                swiftSettings: swiftSettings),
        // The generator of registers, shots and answer keys.
        .target(name: "VaxDataGen", dependencies: ["VaxCore", "VaxNames", "VaxInterchange"],
                path: "data-gen/Sources/VaxDataGen", swiftSettings: swiftSettings),
        // The memory-mapped, LZ4-compressed, sharded columnar population store.
        .target(name: "VaxStorage", dependencies: ["VaxCore", "VaxCrypto", "VaxNames", "CLZ4"],
                swiftSettings: swiftSettings),
        // Candidate search, Fellegi-Sunter scoring and decisions.
        .target(name: "VaxMatching", dependencies: ["VaxCore", "VaxNames", "VaxInterchange", "VaxStorage"],
                swiftSettings: swiftSettings),
        // The hash-chained, Merkle-committed, signed SQLite audit ledger.
        .target(name: "VaxLedger", dependencies: ["VaxCore", "VaxCrypto", "CSQLite"],
                swiftSettings: swiftSettings),
        // Vaccine passports: EU Digital COVID Certificates (CBOR, COSE, Base45, zlib, QR);
        // the only importer of zlib.
        .target(name: "VaxPassport", dependencies: ["VaxCore", "VaxCrypto", "CZlib"],
                swiftSettings: swiftSettings),
        // report.html, provinces.csv and summary.json for provincial health officials.
        .target(name: "VaxReport", dependencies: ["VaxCore", "VaxCrypto", "VaxInterchange", "VaxMatching"],
                swiftSettings: swiftSettings),
        // The runs: match session, whole run, store ingest, passport issue (see its first file).
        .target(name: "VaxWorkflows",
                dependencies: ["VaxCore", "VaxCrypto", "VaxNames", "VaxInterchange", "VaxDataGen", "VaxStorage",
                               "VaxMatching", "VaxLedger", "VaxReport", "VaxPassport"],
                swiftSettings: swiftSettings),
        // The thin command-line front end.
        .executableTarget(name: "vaxlink", dependencies: ["VaxCore", "VaxReport", "VaxWorkflows"],
                          swiftSettings: swiftSettings),

        // The fuzz targets' entry functions, one place for the fuzzers (Tests/Fuzz) and the replay test.
        .target(name: "VaxFuzzEntryPoints",
                dependencies: ["VaxCore", "VaxCrypto", "VaxInterchange", "VaxStorage", "VaxLedger", "VaxPassport",
                               "VaxNames", "VaxWorkflows"],
                swiftSettings: swiftSettings),

        // Test helpers: seeded randomness, temporary folders, the built binary.
        .target(name: "VaxTestSupport", dependencies: ["VaxCore"],
                swiftSettings: swiftSettings),
        .testTarget(name: "VaxCoreTests", dependencies: ["VaxCore", "VaxCrypto", "VaxTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "VaxCryptoTests", dependencies: ["VaxCrypto", "VaxCore", "VaxTestSupport"],
                    swiftSettings: swiftSettings),
        // ENOSPC and EIO injected through the Sys layer (and a full tmpfs) into every writer.
        .testTarget(name: "FaultInjectionTests",
                    dependencies: ["VaxCore", "VaxCrypto", "VaxInterchange", "VaxStorage", "VaxLedger",
                                   "VaxTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "VaxNamesTests", dependencies: ["VaxNames"], swiftSettings: swiftSettings),
        .testTarget(name: "VaxInterchangeTests",
                    dependencies: ["VaxInterchange", "VaxTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "VaxDataGenTests",
                    dependencies: ["VaxDataGen", "VaxNames", "VaxInterchange", "VaxCrypto", "VaxTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "VaxStorageTests",
                    dependencies: ["VaxStorage", "VaxNames", "VaxInterchange", "VaxDataGen", "VaxTestSupport", "VaxCrypto"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "VaxMatchingTests",
                    dependencies: ["VaxMatching", "VaxStorage", "VaxNames", "VaxInterchange", "VaxDataGen", "VaxWorkflows",
                                   "VaxTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "VaxLedgerTests", dependencies: ["VaxLedger", "VaxCrypto", "VaxTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "VaxPassportTests",
                    dependencies: ["VaxPassport", "VaxCrypto", "VaxTestSupport"],
                    swiftSettings: swiftSettings),
        // Replays every fuzz corpus and fail case (Tests/Fuzz) through the fuzz entry functions.
        .testTarget(name: "FuzzReplayTests", dependencies: ["VaxFuzzEntryPoints"],
                    swiftSettings: swiftSettings),
        // The workflows called directly: match session, whole run, passport issue and resume.
        .testTarget(name: "VaxWorkflowsTests",
                    dependencies: ["VaxWorkflows", "VaxCore", "VaxCrypto", "VaxInterchange", "VaxLedger",
                                   "VaxPassport", "VaxReport", "VaxTestSupport", "VaxMatching", "VaxStorage"],
                    swiftSettings: swiftSettings),
        // The built binary, where the process boundary is the point: SIGKILL, exit codes, --help.
        .testTarget(name: "CLITests", dependencies: ["vaxlink", "VaxTestSupport", "VaxPassport", "VaxCrypto"],
                    swiftSettings: swiftSettings),
    ]
)
