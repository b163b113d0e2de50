import Foundation
import Testing
import VaxTestSupport

#if canImport(Glibc)
    import Glibc
#endif

// Issue 12 finding 7: auditors with read-only access. `ledger verify`, `show` and `export`
// on a ledger owned by root (0644 in a 0755 folder) run as user nobody, and as root on a
// read-only bind mount, exited 3 before: SQLite could not make the WAL's -shm file.

/// Runs vaxlink as user nobody (as another local user would).
private func runAsNobody(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", vaxlinkBinaryPath()] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    _ = outData
    return (process.terminationStatus, String(decoding: errData, as: UTF8.self))
}

/// A finished small run's ledger, copied alone into `folder` (0755) as `ledger.db` (0644).
private func makeAuditCopy(_ dir: String, into folder: String) throws -> String {
    #expect(try runVaxlink(["generate", "--citizens", "300", "--shots", "200", "--seed", "3", "--out", dir + "/d", "--quiet"]).status == 0)
    #expect(try runVaxlink(["store", "build", "--population", dir + "/d/population.csv", "--out", dir + "/s", "--quiet"]).status == 0)
    #expect(try runVaxlink(["keygen", "--out", dir + "/runkey"]).status == 0)
    let ran = try runVaxlink(["match", "--store", dir + "/s", "--shots", dir + "/d/shots.csv", "--ledger", dir + "/run/ledger.db",
                              "--key", dir + "/runkey.key", "--out", dir + "/o", "--quiet"])
    try #require(ran.status == 0, "\(ran.stderr)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let copy = folder + "/ledger.db"
    try FileManager.default.copyItem(atPath: dir + "/run/ledger.db", toPath: copy)
    #expect(!FileManager.default.fileExists(atPath: dir + "/run/ledger.db-wal"), "the writer left a write-ahead log")
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: copy)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
    return copy
}

/// verify, show and export on `ledger`, run by `run`; export writes into `outFolder`.
private func expectAuditWorks(_ ledger: String, outFolder: String, _ run: ([String]) throws -> (status: Int32, stderr: String), _ who: String) throws {
    let verified = try run(["ledger", "verify", ledger])
    #expect(verified.status == 0, "\(who): verify: \(verified.stderr)")
    let shown = try run(["ledger", "show", ledger, "--shot", "S000000000001"])
    #expect(shown.status == 0 || shown.stderr.contains("holds no decision"), "\(who): show: \(shown.stderr)")
    let exported = try run(["ledger", "export", ledger, "--out", outFolder + "/decisions.csv"])
    #expect(exported.status == 0, "\(who): export: \(exported.stderr)")
    #expect(!FileManager.default.fileExists(atPath: ledger + "-shm"), "\(who): a -shm file was made beside the ledger")
}

// spec: issue 12 finding 7; cli.md "The audit ledger"
@Test func anAuditorWhoMayNotWriteTheLedgerCanVerifyShowAndExport() throws {
    try withTemporaryDirectory { dir in
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir)
        let ledger = try makeAuditCopy(dir, into: dir + "/audit")
        let out = dir + "/nobody-out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: out)
        try expectAuditWorks(ledger, outFolder: out, runAsNobody, "nobody")
    }
}

// spec: issue 12 finding 7: a read-only mount (needs CAP_SYS_ADMIN; skipped, and said so, without it)
@Test func anAuditorCanVerifyALedgerOnAReadOnlyMount() throws {
    try withTemporaryDirectory { dir in
        _ = try makeAuditCopy(dir, into: dir + "/src")
        let mountPoint = dir + "/ro"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        func sh(_ args: [String]) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/mount")
            p.arguments = args
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        guard try sh(["--bind", dir + "/src", mountPoint]) == 0 else {
            print("skipped: cannot bind-mount here (no CAP_SYS_ADMIN)")
            return
        }
        defer { _ = umount(mountPoint) }
        guard try sh(["-o", "remount,bind,ro", mountPoint]) == 0 else {
            print("skipped: cannot remount read-only here")
            return
        }
        try expectAuditWorks(mountPoint + "/ledger.db", outFolder: dir, { let r = try runVaxlink($0); return (r.status, r.stderr) }, "root on a read-only mount")
    }
}

// spec: issue 12 finding 7: export and show verify first; --no-verify says loudly it did not
@Test func exportAndShowRefuseALedgerThatDoesNotVerify() throws {
    try withTemporaryDirectory { dir in
        let ledger = try makeAuditCopy(dir, into: dir + "/audit")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: ledger)
        // Flip one byte of a decision body through SQL, as the ledger tamper tests do.
        let sql = Process()
        sql.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        sql.arguments = ["-c", """
            import sqlite3,sys
            c=sqlite3.connect(sys.argv[1]); r=c.execute("select seq, body from entry where shot_id is not null order by seq limit 1").fetchone()
            b=bytearray(r[1]); b[-1]^=1; c.execute("update entry set body=? where seq=?", (bytes(b), r[0])); c.commit(); c.close()
            """, ledger]
        try sql.run()
        sql.waitUntilExit()
        try #require(sql.terminationStatus == 0)
        let exported = try runVaxlink(["ledger", "export", ledger, "--out", dir + "/x.csv"])
        #expect(exported.status == 1 && exported.stderr.contains("NOT VERIFIED"), "\(exported.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.csv"))
        let unverified = try runVaxlink(["ledger", "export", ledger, "--out", dir + "/y.csv", "--no-verify"])
        #expect(unverified.status == 0 && unverified.stderr.contains("NOT verified"), "\(unverified.stderr)")
    }
}
