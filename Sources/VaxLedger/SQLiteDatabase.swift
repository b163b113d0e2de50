internal import CSQLite
import VaxCore

/// One SQLite connection, owned by one holder (docs/STYLE.md §2: one connection per owner).
///
/// Extended result codes are on. A damaged file maps to `VaxError(.corruption)`, every
/// other failure to `.environment`; SQL we wrote that fails to prepare is a bug.
final class SQLiteDatabase {
    let handle: OpaquePointer
    let path: String

    /// Opens `path`. C: `sqlite3_open_v2` (NOMUTEX: one owner, no shared use).
    init(path: String, readOnly: Bool) throws {
        var db: OpaquePointer?
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            if let db { sqlite3_close_v2(db) }
            throw VaxError(.environment, "cannot open the ledger (sqlite \(rc))", file: path)
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// The error for result code `rc` of the last call on this connection.
    func error(_ rc: Int32, _ what: String) -> VaxError {
        let message = String(cString: sqlite3_errmsg(handle))
        let primary = rc & 0xFF
        let kind: VaxError.Kind = (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) ? .corruption : .environment
        let prefix = kind == .corruption ? "the ledger file is damaged" : "ledger I/O failed"
        return VaxError(kind, "\(prefix): \(what): \(message) (sqlite \(rc))", file: path)
    }

    /// Runs SQL without results. C: `sqlite3_exec`.
    func execute(_ sql: String) throws {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, sql) }
    }

    /// A prepared statement to reuse. C: `sqlite3_prepare_v3` with SQLITE_PREPARE_PERSISTENT.
    func prepare(_ sql: String) throws -> SQLiteStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc, "prepare \(sql)") }
        return SQLiteStatement(handle: stmt, database: self)
    }

    /// Runs `body` inside BEGIN IMMEDIATE … COMMIT; rolls back if it throws (the first error wins).
    func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            throw error
        }
    }

    /// The single integer a query returns (or nil for no row / NULL).
    func scalarInt(_ sql: String) throws -> Int64? {
        let statement = try prepare(sql)
        guard try statement.step() else { return nil }
        return statement.isNull(0) ? nil : statement.int64(0)
    }
}

/// A prepared statement, reset and rebound for each use. One owner.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let database: SQLiteDatabase

    init(handle: OpaquePointer, database: SQLiteDatabase) {
        self.handle = handle
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// Clears bindings' effect and rewinds. C: `sqlite3_reset`.
    func reset() { sqlite3_reset(handle) }

    // Binding only fails for a bad index or out of memory: our bug, so trap.
    func bind(_ index: Int32, _ value: Int64) {
        precondition(sqlite3_bind_int64(handle, index, value) == SQLITE_OK, "sqlite3_bind_int64")
    }

    func bindNull(_ index: Int32) {
        precondition(sqlite3_bind_null(handle, index) == SQLITE_OK, "sqlite3_bind_null")
    }

    /// Binds bytes as a BLOB, copied by SQLite (SQLITE_TRANSIENT).
    func bind(_ index: Int32, blob: UnsafeRawBufferPointer) {
        // A zero-length blob needs a non-null pointer, or SQLite stores NULL.
        let base = blob.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        precondition(
            sqlite3_bind_blob(handle, index, base, Int32(blob.count), vax_sqlite_transient()) == SQLITE_OK,
            "sqlite3_bind_blob")
    }

    /// Binds UTF-8 bytes as TEXT, copied by SQLite.
    func bind(_ index: Int32, text: UnsafeRawBufferPointer) {
        let base = text.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        precondition(
            sqlite3_bind_text(
                handle, index, base.assumingMemoryBound(to: CChar.self), Int32(text.count),
                vax_sqlite_transient()) == SQLITE_OK, "sqlite3_bind_text")
    }

    /// Binds bytes as a BLOB without a copy (SQLITE_STATIC): `blob` must stay valid until the
    /// statement is stepped and reset, so call this and `run()` inside one pointer scope.
    func bindNoCopy(_ index: Int32, blob: UnsafeRawBufferPointer) {
        let base = blob.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        // A nil destructor is SQLITE_STATIC.
        precondition(sqlite3_bind_blob(handle, index, base, Int32(blob.count), nil) == SQLITE_OK, "sqlite3_bind_blob")
    }

    /// Binds UTF-8 bytes as TEXT without a copy (SQLITE_STATIC); same lifetime rule as `bindNoCopy(_:blob:)`.
    func bindNoCopy(_ index: Int32, text: UnsafeRawBufferPointer) {
        let base = text.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        precondition(
            sqlite3_bind_text(
                handle, index, base.assumingMemoryBound(to: CChar.self), Int32(text.count),
                nil) == SQLITE_OK, "sqlite3_bind_text")
    }

    func bind(_ index: Int32, text: String) {
        var text = text
        text.withUTF8 { bind(index, text: UnsafeRawBufferPointer($0)) }
    }

    /// Steps once: true for a row, false when done. C: `sqlite3_step`.
    func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(rc, "step")
        }
    }

    /// Steps a statement that returns no rows, then resets it.
    func run() throws {
        defer { reset() }
        _ = try step()
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func isBlob(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_BLOB }
    func isText(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_TEXT }
    func isInteger(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_INTEGER }

    /// The column's bytes (BLOB or TEXT), valid only inside `body`.
    func withBytes<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        // sqlite3_column_blob first, then _bytes, as the SQLite docs order them.
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: count > 0 ? pointer : nil, count: count))
    }

    func bytes(_ column: Int32) -> [UInt8] { withBytes(column) { Array($0) } }
    func text(_ column: Int32) -> String { withBytes(column) { String(decoding: $0, as: UTF8.self) } }
}
