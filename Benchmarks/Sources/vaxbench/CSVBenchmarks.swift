// Stub so the ledger branch compiles; the CSV branch supplies the real suite.
func csvBenchmarks(_ context: BenchContext) throws -> [BenchResult] { [] }
