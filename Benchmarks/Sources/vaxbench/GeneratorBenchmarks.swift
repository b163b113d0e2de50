func generatorBenchmarks(_ context: BenchContext) throws -> [BenchResult] { [] }
