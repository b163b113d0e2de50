import VaxCore

extension LedgerWriter {
    /// Records citizens' complaints atomically as one batch: their entries, a seal and a
    /// checkpoint (signed like every batch).
    ///
    /// The caller (complaints import) took each concerned seq from this ledger and skipped
    /// complaints already recorded; `LedgerVerifier` checks every reference.
    /// - Throws: `.badInput` for a record that breaks the format's rules; SQLite faults as `.environment`.
    public func appendComplaints(_ records: [ComplaintRecord]) throws {
        for record in records {
            if let problem = record.problem {
                throw VaxError(.badInput, "complaint entry \(record.complaintID) for shot \(record.shotID): \(problem)")
            }
        }
        guard !records.isEmpty else { return }
        try commitBatch { writer in
            for record in records {
                writer.body.removeAll()
                EntryCodec.encode(record, into: &writer.body)
                try writer.append(shotID: nil, body: writer.body.bytes)
            }
            // Complaint entries are not input records: a resumed match must not count them.
            return 0
        }
    }
}
