import VaxCore

extension LedgerWriter {
    /// Records people's review decisions atomically as one batch: their entries, a seal and
    /// a checkpoint (signed like every batch).
    ///
    /// The caller (review import) took each settled seq from this ledger and refused
    /// conflicts; `LedgerVerifier` checks every reference and that no shot is settled twice.
    /// - Throws: `.badInput` for a record that breaks the format's rules; SQLite faults as `.environment`.
    public func appendReviews(_ records: [ReviewRecord]) throws {
        for record in records {
            if let problem = record.problem {
                throw VaxError(.badInput, "review entry for shot \(record.shotID): \(problem)")
            }
        }
        guard !records.isEmpty else { return }
        try commitBatch { writer in
            for record in records {
                writer.body.removeAll()
                EntryCodec.encode(record, into: &writer.body)
                try writer.append(shotID: nil, body: writer.body.bytes)
            }
            // Review entries are not input records: a resumed match must not count them.
            return 0
        }
    }
}
