import VaxCore
import VaxInterchange
import VaxNames

extension ShotGroups {
    /// Groups the accepted rows of shots.csv at `path` in one streaming pass.
    /// - Throws: `VaxError(.badInput)` for a bad header; `.environment` for read faults.
    /// - Complexity: O(file size) to read, then `init(phones:ids:)`.
    public static func scan(path: String, hubLimit: Int = defaultHubLimit,
                            componentLimit: Int = defaultComponentLimit) throws -> ShotGroups {
        let reader = try ShotsReader(path: path)
        var phones: [UInt64] = [], ids: [UInt64] = [], nameDates: [UInt64] = []
        // The next batch is parsed on a second thread while this one's keys are made (the
        // two cost about the same; a national file's pass took 90 s on one thread).
        nonisolated(unsafe) let parser = reader  // used only by the read-ahead thread until `close`
        let batches = ReadAhead { () throws -> ShotBatch? in try parser.readBatch(maxRows: 1 << 16) }
        defer { batches.close() }
        while let batch = try batches.next() {
            for i in 0..<batch.count {
                phones.append(phoneNumber(batch.bytes(.phone, i)))
                if case .citizen(let id) = batch.citizenID(i).matchable { ids.append(id.rawValue) } else { ids.append(0) }
                let folded = batch.withBytes(.fullName, i) { foldName($0) }
                nameDates.append(nameDateKey(foldedName: folded, birthDate: batch.birthDate(i)))
            }
        }
        return ShotGroups(phones: phones, ids: ids, nameDates: nameDates, hubLimit: hubLimit, componentLimit: componentLimit)
    }
}
