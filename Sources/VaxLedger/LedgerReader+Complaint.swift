import VaxCore

extension LedgerReader {
    /// Every complaint entry (kind 8) in seq order, with its seq.
    /// - Throws: `.corruption` for an entry that does not decode.
    /// - Complexity: one scan of the entries without a shot_id.
    public func complaintRecords() throws -> [(seq: Int, record: ComplaintRecord)] {
        let scan = try database.prepare(
            "SELECT seq, body FROM entry WHERE shot_id IS NULL AND substr(body, 1, 1) = x'08' ORDER BY seq")
        var out: [(Int, ComplaintRecord)] = []
        while try scan.step() {
            let seq = Int(scan.int64(0))
            guard case .complaint(let record)? = scan.withBytes(1, { EntryCodec.decode(body: $0, shotID: nil) })
            else {
                throw VaxError(.corruption, "entry \(seq) does not decode; run 'vaxlink ledger verify'", file: path)
            }
            out.append((seq, record))
        }
        return out
    }
}
