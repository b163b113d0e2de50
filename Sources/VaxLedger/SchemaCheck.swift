// spec: ledger-format.md "Verification" step 1.

/// Phase 1: the file holds exactly the ledger's schema objects.
enum SchemaCheck {
    /// - Throws: `VerificationFailure` naming an unexpected object; `VaxError` if SQLite fails.
    static func check(_ database: SQLiteDatabase) throws {
        let expected = Set(LedgerFormat.schema + [LedgerFormat.shotIndex])
        let statement = try database.prepare("SELECT sql FROM sqlite_schema")
        while try statement.step() {
            let sql = statement.isNull(0) ? "" : statement.text(0)
            if !expected.contains(sql) {
                throw VerificationFailure(nil, nil, "the ledger's schema has an unexpected object: \(sql.prefix(80))")
            }
        }
    }
}
