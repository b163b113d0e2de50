import Foundation
import VaxCore

/// Reads a whole text file that a command was given, mapping a missing file to bad input.
/// - Parameter what: what the file is, for the message ("public key").
/// - Throws: `VaxError(.badInput)` naming the file when it cannot be read.
public func readTextFile(_ path: String, what: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw VaxError(.badInput, "cannot read the \(what)", file: path)
    }
    return String(decoding: data, as: UTF8.self)
}

/// Fails unless `path` exists, since SQLite would otherwise report an I/O fault.
/// - Throws: `VaxError(.badInput)` "no such ledger".
func requireExistingLedger(_ path: String) throws {
    guard FileManager.default.fileExists(atPath: path) else {
        throw VaxError(.badInput, "no such ledger", file: path)
    }
    try requireRegularFile(path)
}
