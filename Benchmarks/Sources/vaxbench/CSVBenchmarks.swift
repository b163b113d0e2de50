// Placeholder until the CSV engineer's suite lands; resolved at merge.
func csvBenchmarks(_ context: BenchContext) throws -> [BenchResult] { [] }
