import Foundation
import Testing
import VaxCore
import VaxTestSupport

/// Resident kilobytes of the mapping that starts at `base`, from /proc/self/smaps: per
/// mapping, so other tests running in this process do not move it.
private func residentKilobytes(ofMappingAt base: UnsafeRawPointer) throws -> Int {
    let start = String(UInt(bitPattern: base), radix: 16)
    // Read to the end: /proc files report size 0, which whole-file readers take at its word.
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/smaps"))
    defer { try? handle.close() }
    let smaps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
    var inMapping = false
    for line in smaps.split(separator: "\n") {
        if let dash = line.firstIndex(of: "-"), line[..<dash].allSatisfy(\.isHexDigit), line.contains(" ") {
            inMapping = line[..<dash].drop(while: { $0 == "0" }) == start.drop(while: { $0 == "0" })
        } else if inMapping, line.hasPrefix("Rss:") {
            return Int(line.split(separator: " ")[1]) ?? -1
        }
    }
    return -1
}

/// A file read once from the front lets go of the pages it has passed: they leave the
/// process's resident memory, and the bytes still read the same.
@Test func releasedPagesLeaveResidentMemoryAndStillRead() throws {
    try withTemporaryDirectory { dir in
        let path = dir + "/run"
        let size = 8 << 20
        let content = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 12) }
        try Data(content).write(to: URL(fileURLWithPath: path))
        let file = try MappedFile(path: path)
        var sum = 0
        for i in stride(from: 0, to: size, by: 4096) { sum &+= Int(file.bytes[i]) }  // every page touched
        let before = try residentKilobytes(ofMappingAt: file.bytes.baseAddress!)
        #expect(before >= 8000, "all 8 MiB resident after reading: \(before) kB")
        file.release(before: 6 << 20)
        let after = try residentKilobytes(ofMappingAt: file.bytes.baseAddress!)
        #expect(after <= before - 6000, "the first 6 MiB let go: \(before) kB → \(after) kB")
        #expect(Array(file.bytes[0..<(1 << 20)]) == Array(content[0..<(1 << 20)]))  // read back from the file
        #expect(file.bytes[size - 1] == content[size - 1])
        #expect(sum > 0)
    }
}
