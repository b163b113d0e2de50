// The fuzz targets of issue 12 ("fuzzing as a habit"), in one place: the libFuzzer executables
// of the nested package Tests/Fuzz and the replay test (Tests/FuzzReplayTests) both call
// `FuzzTarget.run`, so a crash the fuzzer found replays through exactly the same code.
//
// Contract of every target: any input bytes end in a thrown error or a value, never a trap,
// an unbounded loop or unbounded memory.

/// One fuzz target: which decoder the input bytes go to.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// shots.csv, read in batches by `ShotsReader` (VaxInterchange).
    case shotsCSV = "shots-csv"
    /// population.csv, read in batches by `PopulationReader` (VaxInterchange).
    case populationCSV = "population-csv"
    /// A store folder (manifest and shards, checksums fixed up) opened by `PopulationStore` (VaxStorage).
    case store
    /// Ledger entry bodies, checkpoint notes and inclusion proofs (VaxLedger).
    case ledger
    /// An HC1 text checked by `HC1Verifier` (VaxPassport).
    case hc1

    /// Feeds `bytes` to the target's decoder and touches every decoded value.
    /// - Throws: whatever the decoder throws for a bad input; that is a pass, not a finding.
    public func run(_ bytes: UnsafeRawBufferPointer) throws {
        switch self {
        case .shotsCSV: try CSVFuzz.shots(bytes)
        case .populationCSV: try CSVFuzz.population(bytes)
        case .store: try StoreFuzz.run(bytes)
        case .ledger: try LedgerFuzz.run(bytes)
        case .hc1: HC1Fuzz.run(bytes)
        }
    }

    /// `run`, with a thrown error counted as a pass: the body of `LLVMFuzzerTestOneInput`.
    public func runIgnoringErrors(_ bytes: UnsafeRawBufferPointer) {
        _ = try? run(bytes)
    }
}
