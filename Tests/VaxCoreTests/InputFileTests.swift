import Foundation
import Testing
import VaxCore
import VaxTestSupport

/// Inputs are regular files (issue 12 finding 8): a FIFO, a device or a directory is refused
/// at once, never read forever or opened twice.
@Suite struct InputFileTests {
    // spec: issue 12 finding 8. Before, opening a FIFO blocked until a writer came and
    // /dev/zero was read forever; now both are refused at open.
    @Test(.timeLimit(.minutes(1))) func fifosDevicesAndDirectoriesAreRefusedAsInputs() throws {
        try withTemporaryDirectory { dir in
            let fifo = dir + "/shots.csv"
            #expect(mkfifo(fifo, 0o600) == 0)
            for path in [fifo, "/dev/zero", dir] {
                do {
                    _ = try InputFile(path: path)
                    Issue.record("\(path) accepted")
                } catch let error as VaxError {
                    #expect(error.kind == .badInput)
                    #expect(error.message.contains("not a regular file"))
                }
                #expect(throws: VaxError.self) { try MappedFile(path: path) }
                #expect(throws: VaxError.self) { try requireRegularFile(path) }
            }
        }
    }

    // spec: issue 12 finding 8, "--file - reading is bounded".
    @Test func wholeFileReadingIsBounded() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/texts"
            try String(repeating: "x", count: 5000).write(toFile: path, atomically: false, encoding: .utf8)
            #expect(try InputFile.readAll(path, limit: 5000).count == 5000)
            #expect(throws: VaxError.self) { try InputFile.readAll(path, limit: 4999) }
        }
    }

    // spec: issue 12 finding 10: outputs never overwrite an input of the same command, nor
    // an existing file unless --force.
    @Test func outputsNeverOverwriteAnInputOrAnExistingFileWithoutForce() throws {
        try withTemporaryDirectory { dir in
            let ledger = dir + "/L"
            try "ledger".write(toFile: ledger, atomically: false, encoding: .utf8)
            try FileManager.default.linkItem(atPath: ledger, toPath: dir + "/hardlink")
            for output in [ledger, dir + "/./L", dir + "/hardlink"] {
                for force in [false, true] {
                    #expect(throws: VaxError.self) { try checkOutputs([output], inputs: [ledger], force: force) }
                }
            }
            try "old".write(toFile: dir + "/out.csv", atomically: false, encoding: .utf8)
            #expect(throws: VaxError.self) { try checkOutputs([dir + "/out.csv"], inputs: [ledger], force: false) }
            try checkOutputs([dir + "/out.csv"], inputs: [ledger], force: true)
            try checkOutputs([dir + "/new.csv"], inputs: [ledger], force: false)
        }
    }
}
