// Stub so the ledger branch compiles; the generator branch supplies the real suite.
func generatorBenchmarks(_ context: BenchContext) throws -> [BenchResult] { [] }
