public import VaxCore

extension Matcher {
    /// Decides a batch of shots on up to `threads` threads; results are in input order and
    /// identical for any thread count.
    public func decide(batch shots: [RecordedShot], threads: Int) -> [MatchResult] {
        let parts = max(1, min(shots.count / 256, threads * 8))
        let chunks = makeChunks(count: shots.count, parts: parts)
        return mapChunks(chunks, threads: threads) { range in
            range.map { self.decide(shots[$0]) }
        }.flatMap { $0 }
    }
}
