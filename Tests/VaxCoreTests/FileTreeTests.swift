import Foundation
import Testing
import VaxCore
import VaxTestSupport

/// Store folders (issue 12 finding 5): built under unpredictable names, and a planted
/// symlink never makes vaxlink empty another folder.
@Suite struct FileTreeTests {
    // spec: issue 12 finding 5. Before, removeTree followed a symlink planted at
    // STORE.building-PID and deleted the files of the folder it pointed to.
    @Test func removingATreeNeverFollowsASymlink() throws {
        try withTemporaryDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir + "/victim", withIntermediateDirectories: false)
            try "keep".write(toFile: dir + "/victim/file", atomically: false, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: dir + "/store.tmp", withDestinationPath: dir + "/victim")
            removeTree(dir + "/store.tmp")
            #expect(try String(contentsOfFile: dir + "/victim/file", encoding: .utf8) == "keep")
            #expect(!FileManager.default.fileExists(atPath: dir + "/store.tmp"))
        }
    }

    @Test func temporaryDirectoriesAreNewAndUnpredictableAndStaleOnesAreSwept() throws {
        try withTemporaryDirectory { dir in
            let stale = dir + "/store.partial-4194400-abc"
            try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: false)
            try "x".write(toFile: stale + "/shard-0", atomically: false, encoding: .utf8)
            TemporaryName.forgetSweeps()
            let first = try makeTemporaryDirectory(for: dir + "/store")
            let second = try makeTemporaryDirectory(for: dir + "/store")
            #expect(first != second)
            #expect(!FileManager.default.fileExists(atPath: stale))
            try replaceDirectory(dir + "/store", with: first)
            try replaceDirectory(dir + "/store", with: second)
            let left = try FileManager.default.contentsOfDirectory(atPath: dir)
            #expect(left == ["store"])
        }
    }
}
