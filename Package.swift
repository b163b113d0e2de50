// swift-tools-version:6.0
// vaxlink: links a nation's vaccination records to its population register.
// Dependencies point one way: vaxlink (CLI) → DataGen / Interchange → Crypto → Core.
// Each C library is imported by exactly one module (see STYLE.md §1).
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
        .library(name: "VaxInterchange", targets: ["VaxInterchange"]),
        .library(name: "VaxDataGen", targets: ["VaxDataGen"]),
    ],
    targets: [
        // System libraries: a [system] module map and a shim header each.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4",
                       providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),

        // Domain vocabulary, errors, the syscall layer, parallel helper.
        .target(name: "VaxCore", swiftSettings: swiftSettings),
        // SHA-256 and signatures over libcrypto; the only importer of CCrypto.
        .target(name: "VaxCrypto", dependencies: ["VaxCore", "CCrypto"],
                swiftSettings: swiftSettings),
        // The interchange CSV files of spec/interchange.md.
        .target(name: "VaxInterchange", dependencies: ["VaxCore", "VaxCrypto"],
                swiftSettings: swiftSettings),
        // The generator of registers, shots and answer keys.
        .target(name: "VaxDataGen", dependencies: ["VaxCore", "VaxInterchange"],
                path: "data-gen/Sources/VaxDataGen", swiftSettings: swiftSettings),
        // The thin command-line front end.
        .executableTarget(name: "vaxlink",
                          dependencies: ["VaxCore", "VaxCrypto", "VaxInterchange", "VaxDataGen"],
                          swiftSettings: swiftSettings),

        // Test helpers: seeded randomness, temporary folders, the built binary.
        .target(name: "VaxTestSupport", dependencies: ["VaxCore"],
                swiftSettings: swiftSettings),
        .testTarget(name: "VaxCoreTests", dependencies: ["VaxCore", "VaxCrypto", "VaxTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "VaxInterchangeTests",
                    dependencies: ["VaxInterchange", "VaxTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "VaxDataGenTests",
                    dependencies: ["VaxDataGen", "VaxInterchange", "VaxTestSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "CLITests", dependencies: ["vaxlink", "VaxTestSupport"],
                    swiftSettings: swiftSettings),
    ]
)
