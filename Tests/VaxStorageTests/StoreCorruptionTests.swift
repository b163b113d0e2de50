import Foundation
import Testing
import VaxCore
import VaxStorage
import VaxTestSupport

/// Opens the store and reads every row's fields and indexes, as a run would.
private func readEverything(_ path: String) throws {
    let store = try PopulationStore.open(path)
    try store.verifyAll(threads: 1)
    for row in 0..<store.rowCount {
        _ = try store.record(row)
        _ = store.row(of: store.citizenID(row))
        var out: [StoreRow] = []
        store.candidates(.nameYear, hash: UInt64(row), into: &out)
    }
}

// spec: issue 3 "flipping any byte of a store file is detected on open or read, never a crash"
@Test func flippingAnyByteIsDetected() throws {
    let register = SyntheticRegister(count: 300, seed: 21)
    try withTemporaryDirectory { dir in
        _ = try register.build(at: dir + "/clean", shards: 1)
        for name in ["manifest.vxs", "shard-000.vxs"] {
            let original = try Data(contentsOf: URL(fileURLWithPath: dir + "/clean/" + name))
            // Every byte of small files would take long in debug builds: a seeded sample
            // plus the whole header and directory.
            var rng = SplitMix64(seed: 77)
            var offsets = Array(0..<min(original.count, 1024))
            for _ in 0..<300 { offsets.append(rng.below(original.count)) }
            for offset in offsets {
                let copy = dir + "/copy"
                removeTree(copy)
                try FileManager.default.copyItem(atPath: dir + "/clean", toPath: copy)
                var damaged = original
                damaged[offset] ^= 0x5A
                try damaged.write(to: URL(fileURLWithPath: copy + "/" + name))
                do {
                    try readEverything(copy)
                    // A flip in the zero padding between sections changes nothing that is read.
                    #expect(isPadding(original, offset), "flip at \(name):\(offset) went unnoticed")
                } catch let error as VaxError {
                    #expect(error.kind == .corruption || error.kind == .badInput, "\(name):\(offset): \(error)")
                    #expect([.environment, .corruption, .usage, .badInput].contains(error.kind))
                }
            }
        }
    }
}

/// Whether `offset` lies in alignment padding: zero bytes outside any section.
private func isPadding(_ file: Data, _ offset: Int) -> Bool {
    let count = Int(file.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 12, as: UInt32.self) })
    if offset < 64 + 64 * count { return false }
    for i in 0..<count {
        let at = 64 + 64 * i
        let start = Int(file.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self) })
        let size = Int(file.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at + 24, as: UInt64.self) })
        if offset >= start && offset < start + size { return false }
    }
    return file[offset] == 0
}

@Test func aTruncatedShardIsReportedNotMapped() throws {
    try withTemporaryDirectory { dir in
        _ = try SyntheticRegister(count: 200, seed: 2).build(at: dir + "/store", shards: 1)
        let path = dir + "/store/shard-000.vxs"
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        #expect(throws: VaxError.self) { try PopulationStore.open(dir + "/store") }
    }
}
