import Foundation
import VaxCrypto
import VaxPassport

/// Where the EU DCC test vectors live: ../shared/dcc-testdata beside the repository (or
/// $VAXLINK_DCC_TESTDATA). They are public test data that the repository does not copy.
enum DCCTestData {
    static let directory: String = {
        if let override = ProcessInfo.processInfo.environment["VAXLINK_DCC_TESTDATA"] { return override }
        // #filePath is <repo>/Tests/VaxPassportTests/DCCTestData.swift.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/dcc-testdata").path
    }()

    static var isPresent: Bool { FileManager.default.fileExists(atPath: directory + "/common") }

    static let absentMessage = "EU DCC test vectors not found at ../shared/dcc-testdata (set VAXLINK_DCC_TESTDATA)"

    /// The vector files: every JSON file under a country folder, sorted by path.
    static func vectorPaths() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            // Only files inside a country folder (e.g. AT/2DCode/raw/1.json), not top-level samples.
            if relative.hasSuffix(".json") && relative.contains("/") { paths.append(relative) }
        }
        return paths.sorted()
    }
}

/// One test vector, read from its JSON file.
struct DCCVector {
    let path: String
    let prefixText: String
    let certificateDER: [UInt8]?
    let validationClock: Int64?
    let description: String
    let expected: [String: Bool]
    let json: Any?

    init(relativePath: String) throws {
        path = relativePath
        let data = try Data(contentsOf: URL(fileURLWithPath: DCCTestData.directory + "/" + relativePath))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        prefixText = object["PREFIX"] as? String ?? ""
        let context = object["TESTCTX"] as? [String: Any] ?? [:]
        certificateDER = (context["CERTIFICATE"] as? String).flatMap { Base64.decode($0.filter { !$0.isWhitespace }) }
        let clock = context["VALIDATIONCLOCK"] as? String ?? ""
        validationClock = DCCTime.parseInstant(clock)
        description = context["DESCRIPTION"] as? String ?? ""
        expected = (object["EXPECTEDRESULTS"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Bool }
        json = object["JSON"]
    }
}
