import VaxCore
import VaxInterchange

// The input is the whole file. Small buffers (512 bytes, rows up to 256) put the buffer
// refill, the record move and the record_too_long skip within reach of short inputs, and
// small batches (7 rows) put the batch boundary and the cross-batch duplicate check there too.

/// The CSV reader targets: shots.csv and population.csv.
enum CSVFuzz {
    static let bufferSize = 512
    static let maxRecordBytes = 256
    static let batchRows = 7

    /// Reads `bytes` as shots.csv to the end.
    static func shots(_ bytes: UnsafeRawBufferPointer) throws {
        let path = FuzzScratch.write(bytes, to: "shots.csv")
        let reader = try ShotsReader(path: path, bufferSize: bufferSize, maxRecordBytes: maxRecordBytes)
        var batch = ShotBatch()
        var seen = 0
        while try reader.readBatch(into: &batch, maxRows: batchRows) {
            for i in 0..<batch.count {
                seen &+= batch.shotID(i).utf8.count &+ batch.fullName(i).count &+ batch.lines[i]
                for column in ShotBatch.TextColumn.allCases { seen &+= batch.bytes(column, i).count }
            }
            seen &+= touch(batch.issues)
            // Every accepted row's line lies within the file.
            precondition(batch.lines.allSatisfy { $0 >= 2 }, "shots.csv: an accepted row on line < 2")
        }
        blackHole(seen &+ reader.warnings.count &+ reader.acceptedCount &+ reader.offset)
    }

    /// Reads `bytes` as population.csv to the end.
    static func population(_ bytes: UnsafeRawBufferPointer) throws {
        let path = FuzzScratch.write(bytes, to: "population.csv")
        let reader = try PopulationReader(path: path, bufferSize: bufferSize, maxRecordBytes: maxRecordBytes)
        var batch = PopulationBatch()
        var seen = 0
        while try reader.readBatch(into: &batch, maxRows: batchRows) {
            for i in 0..<batch.count {
                seen &+= Int(truncatingIfNeeded: batch.citizenIDs[i].rawValue) &+ Int(batch.legacyIDs[i])
                seen &+= Int(batch.birthDates[i]) &+ Int(batch.sexes[i]) &+ Int(batch.provinceCodes[i]) &+ batch.fullNames[i].count
            }
            seen &+= touch(batch.issues)
        }
        blackHole(seen &+ reader.warnings.count &+ reader.offset)
    }

    private static func touch(_ issues: [RowIssue]) -> Int {
        var n = 0
        for issue in issues { n &+= issue.line &+ issue.code.utf8.count &+ issue.message.utf8.count &+ issue.key.utf8.count }
        return n
    }
}

/// Keeps a value alive so the optimizer cannot drop the work that made it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
