import VaxCore
import VaxInterchange
import VaxNames

extension ShotGroups {
    /// Groups the accepted rows of shots.csv at `path` in one streaming pass, reporting its
    /// progress on stderr unless `quiet` (a national file takes a minute and a half).
    /// - Throws: `VaxError(.badInput)` for a bad header; `.environment` for read faults.
    /// - Complexity: O(file size) to read, then `init(phones:ids:)`.
    public static func scan(path: String, hubLimit: Int = defaultHubLimit,
                            componentLimit: Int = defaultComponentLimit, quiet: Bool = true) throws -> ShotGroups {
        // The rows' raw digests are the second pass's to take, with the rows it decides.
        let reader = try ShotsReader(path: path, hashingRecords: false)
        let progress = ProgressReporter(stage: "match: group doses", unit: "bytes",
                                        total: try InputFile(path: path).size(), quiet: quiet)
        var phones: [UInt64] = [], ids: [UInt64] = [], nameDates: [UInt64] = []
        // The next batch is parsed on a second thread while this one's keys are made (the
        // two cost about the same; a national file's pass took 90 s on one thread).
        nonisolated(unsafe) let parser = reader  // used only by the read-ahead thread until `close`
        let batches = ReadAhead { () throws -> (batch: ShotBatch, offset: Int)? in
            try parser.readBatch(maxRows: 1 << 16).map { ($0, parser.offset) }
        }
        defer { batches.close() }
        var reported = 0
        while let (batch, offset) = try batches.next() {
            progress.advance(by: offset - reported)
            reported = offset
            for i in 0..<batch.count {
                phones.append(phoneNumber(batch.bytes(.phone, i)))
                if case .citizen(let id) = batch.citizenID(i).matchable { ids.append(id.rawValue) } else { ids.append(0) }
                let folded = batch.withBytes(.fullName, i) { foldName($0) }
                nameDates.append(nameDateKey(foldedName: folded, birthDate: batch.birthDate(i)))
            }
        }
        progress.finish()
        return ShotGroups(phones: phones, ids: ids, nameDates: nameDates, hubLimit: hubLimit, componentLimit: componentLimit)
    }
}
