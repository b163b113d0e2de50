import Foundation
import Testing
import VaxCore
import VaxTestSupport

/// `AppendFile`: appends survive reopening, truncation starts over, and a rename keeps the
/// same file growing under its new name.
@Suite struct AppendFileTests {
    static func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func appendsAcrossOpeningsAndRenames() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/journal"
            let first = try AppendFile(path: path, truncating: true)
            try first.write("a,1\n")
            try first.sync()
            // Synced bytes are in the file while it is still open.
            #expect(try Self.text(path) == "a,1\n")
            try first.write(Array("b,2\n".utf8))
            try first.close()
            #expect(try Self.text(path) == "a,1\nb,2\n")

            let again = try AppendFile(path: path, truncating: false)
            try again.write("c,3\n")
            try again.rename(to: dir + "/done")
            try again.write("d,4\n")
            try again.close()
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(try Self.text(dir + "/done") == "a,1\nb,2\nc,3\nd,4\n")

            let fresh = try AppendFile(path: dir + "/done", truncating: true)
            try fresh.write("e,5\n")
            try fresh.close()
            #expect(try Self.text(dir + "/done") == "e,5\n")
        }
    }

    @Test func aMissingDirectoryIsBadInput() throws {
        #expect(throws: VaxError.self) { try AppendFile(path: "/nonexistent-vaxlink-dir/journal", truncating: true) }
    }
}
