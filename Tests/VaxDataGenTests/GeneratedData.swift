import Foundation
import VaxDataGen
import VaxTestSupport

/// A generated data set read back as rows of fields, for contract checks.
struct GeneratedData {
    var population: Table
    var shots: Table
    var truth: Table
    var manifest: String
    var summary: GenerationSummary

    /// A CSV file split into a header and rows (the generator never needs quoting).
    struct Table {
        var header: [String]
        var rows: [[String]]
        var raw: Data

        init(path: String) throws {
            raw = try Data(contentsOf: URL(fileURLWithPath: path))
            let text = String(decoding: raw, as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            header =
                lines.first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
            rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }

        /// The column's index by header name.
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
    }

    /// Generates with `parameters` into a temporary folder and reads everything back.
    static func make(_ parameters: GeneratorParameters, threads: Int = 2) throws -> GeneratedData {
        try withTemporaryDirectory { dir in
            let summary = try DataGenerator(parameters: parameters).generate(into: dir, threads: threads)
            return GeneratedData(
                population: try Table(path: dir + "/population.csv"),
                shots: try Table(path: dir + "/shots.csv"),
                truth: try Table(path: dir + "/truth.csv"),
                manifest: try String(contentsOfFile: dir + "/generator.json", encoding: .utf8),
                summary: summary)
        }
    }

    /// The small default data set of the tests: 5 000 citizens, 4 000 shots.
    static let small: GeneratedData = try! make(GeneratorParameters(citizens: 5_000, shots: 4_000, seed: 42))
    /// A larger one for tag rates: 25 000 citizens, 20 000 shots.
    static let medium: GeneratedData = try! make(GeneratorParameters(citizens: 25_000, shots: 20_000, seed: 7))
}
