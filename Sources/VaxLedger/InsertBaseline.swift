import VaxCore

/// The plain SQLite insert rate on this machine: the ceiling the ledger's append is measured
/// against (`vaxbench limits`). Rows are shaped like ledger entries (an integer key, a 12-byte
/// text, an 8-byte tag and a 125-byte body) and go in with one prepared statement, 100 k rows
/// per transaction, in WAL mode with synchronous=FULL, the ledger's own settings, but with no
/// hashing, Merkle nodes, seals or checkpoints.
public enum InsertBaseline {
    /// Inserts `rows` rows into a new database at `path` (removed first) and returns rows/s.
    public static func rowsPerSecond(path: String, rows: Int) throws -> Double {
        for suffix in ["", "-wal", "-shm"] { removeTree(path + suffix) }
        let database = try SQLiteDatabase(path: path, readOnly: false)
        try database.execute("PRAGMA journal_mode=WAL")
        try database.execute("PRAGMA synchronous=FULL")
        try database.execute("CREATE TABLE entry(seq INTEGER PRIMARY KEY, shot_id TEXT, tag BLOB NOT NULL, body BLOB NOT NULL)")
        let insert = try database.prepare("INSERT INTO entry(seq, shot_id, tag, body) VALUES (?, ?, ?, ?)")
        var shotID = Array("SH0000000000".utf8)
        let tag = [UInt8](repeating: 0xA5, count: 8)
        var body = [UInt8](repeating: 0x5A, count: 125)
        let start = monotonicSeconds()
        var seq = 0
        while seq < rows {
            let end = min(rows, seq + 100_000)
            try database.inTransaction {
                for i in seq..<end {
                    // Vary the bytes so that nothing compresses or repeats.
                    shotID[11] = UInt8(48 + i % 10)
                    body[i % 125] &+= 1
                    insert.bind(1, Int64(i))
                    shotID.withUnsafeBytes { insert.bind(2, text: $0) }
                    tag.withUnsafeBytes { insert.bind(3, blob: $0) }
                    body.withUnsafeBytes { insert.bind(4, blob: $0) }
                    try insert.run()
                }
            }
            seq = end
        }
        let seconds = monotonicSeconds() - start
        for suffix in ["", "-wal", "-shm"] { removeTree(path + suffix) }
        return Double(rows) / seconds
    }
}
