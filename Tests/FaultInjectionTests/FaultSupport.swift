import Foundation
import Testing
import VaxCore

/// The faults every writer is tried against: a full disk and an I/O error.
let injectedErrnos: [Int32] = [ENOSPC, EIO]

/// The names in `dir`, sorted.
func entries(_ dir: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
}

/// Expects `body` to throw a `VaxError` of kind `.environment` whose text names the errno.
func expectEnvironmentError(_ code: Int32, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("no error for \(String(cString: strerror(code)))")
    } catch let error as VaxError {
        #expect(error.kind == .environment)
        #expect(error.description.contains(String(cString: strerror(code))))
    } catch {
        Issue.record("not a VaxError: \(error)")
    }
}

/// Runs `body` with a tmpfs of `size` mounted at a fresh folder (root only), or returns nil
/// when this machine cannot mount one, so the test is skipped rather than failed.
func withSmallTmpfs<T>(size: String, _ body: (String) throws -> T) throws -> T? {
    let dir = FileManager.default.temporaryDirectory.path + "/vaxlink-tmpfs-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", dir]) == 0 else { return nil }
    defer { _ = run("/bin/umount", [dir]) }
    return try body(dir)
}

@discardableResult
func run(_ tool: String, _ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}
