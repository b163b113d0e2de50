import CBenchSQLite
import VaxCore

/// The plain SQLite insert rate on this machine: the ceiling the ledger's append is measured
/// against (`vaxbench limits`). Rows are shaped like ledger entries (an integer key, a 12-byte
/// text, an 8-byte tag and a 125-byte body) and go in with one prepared statement, 100 k rows
/// per transaction, in WAL mode with synchronous=FULL, the ledger's own settings, but with no
/// hashing, Merkle nodes, seals or checkpoints.
///
/// Bench-only, so it lives here and talks to SQLite directly (C: `sqlite3_prepare_v3`,
/// `sqlite3_bind_*`, `sqlite3_step`) rather than through the shipped ledger library.
enum InsertBaseline {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Inserts `rows` rows into a new database at `path` (removed first) and returns rows/s.
    static func rowsPerSecond(path: String, rows: Int) throws -> Double {
        for suffix in ["", "-wal", "-shm"] { removeTree(path + suffix) }
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK,
            let database = handle
        else {
            sqlite3_close(handle)
            throw Failure(description: "cannot open \(path)")
        }
        defer { sqlite3_close(database) }
        func execute(_ sql: String) throws {
            guard sqlite3_exec(database, sql, nil, nil, nil) == SQLITE_OK else {
                throw Failure(description: "\(sql): \(String(cString: sqlite3_errmsg(database)))")
            }
        }
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=FULL")
        try execute("CREATE TABLE entry(seq INTEGER PRIMARY KEY, shot_id TEXT, tag BLOB NOT NULL, body BLOB NOT NULL)")
        var prepared: OpaquePointer?
        guard
            sqlite3_prepare_v3(
                database, "INSERT INTO entry(seq, shot_id, tag, body) VALUES (?, ?, ?, ?)", -1,
                UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil) == SQLITE_OK,
            let insert = prepared
        else { throw Failure(description: "prepare: \(String(cString: sqlite3_errmsg(database)))") }
        defer { sqlite3_finalize(insert) }
        var shotID = Array("SH0000000000".utf8)
        let tag = [UInt8](repeating: 0xA5, count: 8)
        var body = [UInt8](repeating: 0x5A, count: 125)
        let transient = vaxbench_sqlite_transient()
        let start = monotonicSeconds()
        var seq = 0
        while seq < rows {
            let end = min(rows, seq + 100_000)
            try execute("BEGIN")
            for i in seq..<end {
                // Vary the bytes so that nothing compresses or repeats.
                shotID[11] = UInt8(48 + i % 10)
                body[i % 125] &+= 1
                sqlite3_bind_int64(insert, 1, Int64(i))
                shotID.withUnsafeBytes { _ = sqlite3_bind_text(insert, 2, $0.baseAddress, Int32($0.count), transient) }
                tag.withUnsafeBytes { _ = sqlite3_bind_blob(insert, 3, $0.baseAddress, Int32($0.count), transient) }
                body.withUnsafeBytes { _ = sqlite3_bind_blob(insert, 4, $0.baseAddress, Int32($0.count), transient) }
                guard sqlite3_step(insert) == SQLITE_DONE else {
                    throw Failure(description: "insert: \(String(cString: sqlite3_errmsg(database)))")
                }
                sqlite3_reset(insert)
            }
            try execute("COMMIT")
            seq = end
        }
        let seconds = monotonicSeconds() - start
        for suffix in ["", "-wal", "-shm"] { removeTree(path + suffix) }
        return Double(rows) / seconds
    }
}
