import VaxCore

// People's entries (docs/ledger-format.md "Review entries", "Complaint entries"): what review
// import and complaints import record. Each import is one batch of its own: the entries, a
// seal and a checkpoint, signed like every batch. The callers took each referenced seq from
// this ledger and skipped what is already recorded; `LedgerVerifier` checks every reference,
// that no case is settled twice and no complaint recorded twice.

extension LedgerWriter {
    /// Records people's review decisions atomically as one batch.
    /// - Throws: `.badInput` for a record that breaks the format's rules; SQLite faults as `.environment`.
    public func appendReviews(_ records: [ReviewRecord]) throws {
        try appendPersonEntries(
            records, problem: \.problem, named: { "review entry for shot \($0.shotID)" },
            encode: { EntryCodec.encode($0, into: &$1) })
    }

    /// Records citizens' complaints atomically as one batch.
    /// - Throws: `.badInput` for a record that breaks the format's rules; SQLite faults as `.environment`.
    public func appendComplaints(_ records: [ComplaintRecord]) throws {
        try appendPersonEntries(
            records, problem: \.problem, named: { "complaint entry \($0.complaintID) for shot \($0.shotID)" },
            encode: { EntryCodec.encode($0, into: &$1) })
    }

    /// Checks every record first (nothing is written if one is bad), then appends them as one
    /// batch. They are not input records, so a resumed match does not count them.
    private func appendPersonEntries<Record>(
        _ records: [Record], problem: (Record) -> String?, named: (Record) -> String,
        encode: (Record, inout ByteWriter) -> Void
    ) throws {
        for record in records {
            if let problem = problem(record) { throw VaxError(.badInput, "\(named(record)): \(problem)") }
        }
        guard !records.isEmpty else { return }
        try commitBatch { writer in
            for record in records {
                writer.body.removeAll()
                encode(record, &writer.body)
                try writer.append(shotID: nil, body: writer.body.bytes)
            }
            return 0
        }
    }
}
