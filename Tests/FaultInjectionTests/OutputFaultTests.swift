import Foundation
import Testing
import VaxCore
import VaxCrypto
import VaxInterchange
import VaxTestSupport

/// The output files (OutputFile, AppendFile, CSVWriter, key files) under ENOSPC and EIO: a
/// clear error, no trap, and nothing half-written under the final name.
@Suite struct OutputFaultTests {
    @Test(arguments: [SyscallFaults.Call.write, .fsync, .rename])
    func anOutputFileThatFailsLeavesTheOldFileAndNoTemporary(_ call: SyscallFaults.Call) throws {
        for code in injectedErrnos {
            try withTemporaryDirectory { dir in
                let path = dir + "/decisions.csv"
                try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
                expectEnvironmentError(code) {
                    try SyscallFaults.inject(code, into: call, under: dir) {
                        let file = try OutputFile(path: path, bufferSize: 64)
                        for _ in 0..<10 { try file.write(String(repeating: "y", count: 50) + "\n") }
                        try file.commit()
                    }
                }
                #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
                let names = try entries(dir)
                #expect(names == ["decisions.csv"])
            }
        }
    }

    @Test func aCSVWriterOnAFullDiskLeavesNoFile() throws {
        for code in injectedErrnos {
            try withTemporaryDirectory { dir in
                expectEnvironmentError(code) {
                    try SyscallFaults.inject(code, into: .write, under: dir) {
                        let csv = try CSVWriter(path: dir + "/review.csv", header: ["shot_id", "outcome"])
                        csv.field("S1")
                        csv.field("linked")
                        try csv.endRow()
                        try csv.commit()
                    }
                }
                let names = try entries(dir)
                #expect(names.isEmpty)
            }
        }
    }

    @Test func anAppendFileReportsAFullDiskAtSyncAndKeepsWhatWasSynced() throws {
        for code in injectedErrnos {
            try withTemporaryDirectory { dir in
                let path = dir + "/passports.csv.partial"
                let journal = try AppendFile(path: path, truncating: true)
                try journal.write("header\n")
                try journal.sync()
                try journal.write("row 1\n")
                expectEnvironmentError(code) {
                    try SyscallFaults.inject(code, into: .write, under: dir) { try journal.sync() }
                }
                #expect(try String(contentsOfFile: path, encoding: .utf8) == "header\n")
                expectEnvironmentError(code) {
                    try SyscallFaults.inject(code, into: .fsync, under: dir) { try journal.sync() }
                }
            }
        }
    }

    @Test func aKeyThatCannotBeWrittenLeavesNoKeyFile() throws {
        for code in injectedErrnos {
            try withTemporaryDirectory { dir in
                expectEnvironmentError(code) {
                    try SyscallFaults.inject(code, into: .write, under: dir) {
                        _ = try Ed25519PrivateKey.createKeyPair(base: dir + "/ledger")
                    }
                }
                let names = try entries(dir)
                #expect(names.isEmpty)
                // The public key failing after the private one: the private key is whole.
                expectEnvironmentError(code) {
                    try SyscallFaults.inject(code, into: .write, under: dir, skip: 1) {
                        _ = try Ed25519PrivateKey.createKeyPair(base: dir + "/second")
                    }
                }
                let after = try entries(dir)
                #expect(after == ["second.key"])
                _ = try Ed25519PrivateKey(contentsOf: dir + "/second.key")
            }
        }
    }

    /// A real full disk, not an injected one: a 1 MB tmpfs.
    @Test func anOutputFileOnARealFullDiskLeavesNothing() throws {
        let ran: Void? = try withSmallTmpfs(size: "1m") { dir in
            expectEnvironmentError(ENOSPC) {
                let file = try OutputFile(path: dir + "/population.csv")
                let line = Array(repeating: UInt8(ascii: "z"), count: 4096)
                for _ in 0..<1024 { try file.write(line) }
                try file.commit()
            }
            let names = try entries(dir)
            #expect(names.isEmpty)
        }
        if ran == nil { print("skipped: cannot mount a tmpfs here (needs root)") }
    }
}
