import VaxCore
import VaxCrypto
import VaxTestSupport

@testable import VaxLedger

/// One entry as stored: its shot_id bytes (nil = NULL) and body.
struct RawEntry: Equatable {
    var shot: [UInt8]?
    var body: [UInt8]
}

/// The entries of a ledger, in sequence order.
func readRawEntries(_ path: String) throws -> [RawEntry] {
    let database = try SQLiteDatabase(path: path, readOnly: true)
    let statement = try database.prepare("SELECT shot_id, body FROM entry ORDER BY seq")
    var out: [RawEntry] = []
    while try statement.step() {
        out.append(RawEntry(shot: statement.isNull(0) ? nil : statement.bytes(0), body: statement.bytes(1)))
    }
    return out
}

/// Writes `entries` as a complete ledger signed by `key`, as a forger holding the key would:
/// every tag, node and checkpoint is recomputed, so only the validity rules can object. Each
/// seal gets its batch ordinal and count rewritten and a checkpoint after it.
func forgeLedger(path: String, entries: [RawEntry], key: Ed25519PrivateKey = fixtureKey) throws {
    for suffix in ["", "-wal", "-shm"] { removeTree(path + suffix) }
    var entries = entries
    let version = entries[0].body.count > 1 ? entries[0].body[1] : 1
    var sizes: [Int] = []
    let hashing = LedgerHashing()
    var chain = LedgerHashing.zero
    var chains: [SHA256Digest] = []
    var leaves: [SHA256Digest] = []
    for seq in entries.indices {
        if entries[seq].body.first == EntryKind.seal.rawValue {
            var w = ByteWriter()
            EntryCodec.encodeSeal(
                batch: sizes.count, entries: seq - (sizes.last ?? 0), chainBefore: version == 1 ? nil : chain,
                into: &w)
            entries[seq].body = w.bytes
            sizes.append(seq + 1)
        }
        let e = entries[seq]
        let shot = e.shot ?? []
        shot.withUnsafeBytes { s in
            e.body.withUnsafeBytes { b in
                chain = hashing.chain(previous: chain, seq: seq, shotID: s, body: b)
                leaves.append(hashing.leaf(seq: seq, shotID: s, body: b))
            }
        }
        chains.append(chain)
    }
    func mth(_ slice: ArraySlice<SHA256Digest>) -> SHA256Digest {
        if slice.count == 1 { return slice.first! }
        var k = 1
        while k * 2 < slice.count { k *= 2 }
        let mid = slice.startIndex + k
        return hashing.node(mth(slice[..<mid]), mth(slice[mid...]))
    }
    let database = try SQLiteDatabase(path: path, readOnly: false)
    for sql in LedgerFormat.schema { try database.execute(sql) }
    let insert = try database.prepare("INSERT INTO entry(seq, shot_id, tag, body) VALUES (?1, ?2, ?3, ?4)")
    for (seq, e) in entries.enumerated() {
        insert.bind(1, Int64(seq))
        if let shot = e.shot { shot.withUnsafeBytes { insert.bind(2, text: $0) } } else { insert.bindNull(2) }
        Array(chains[seq].bytes.prefix(8)).withUnsafeBytes { insert.bind(3, blob: $0) }
        e.body.withUnsafeBytes { insert.bind(4, blob: $0) }
        try insert.run()
    }
    let nodes = try database.prepare("INSERT INTO node(id, hash) VALUES (?1, ?2)")
    var level = LedgerFormat.storedLevel
    while 1 << level <= entries.count {
        for index in 0..<(entries.count >> level) {
            nodes.bind(1, LedgerFormat.nodeID(level: level, index: index))
            mth(leaves[(index << level)..<((index + 1) << level)]).bytes.withUnsafeBytes { nodes.bind(2, blob: $0) }
            try nodes.run()
        }
        level += 1
    }
    let origin = Checkpoint.origin(headerChain: chains[0])
    let notes = try database.prepare("INSERT INTO checkpoint(tree_size, note) VALUES (?1, ?2)")
    for size in sizes {
        let note = Checkpoint.make(
            origin: origin, treeSize: size, root: mth(leaves[0..<size]),
            chainHead: version == 1 ? chains[size - 1] : nil, key: key)
        notes.bind(1, Int64(size))
        notes.bind(2, text: note.text)
        try notes.run()
    }
    try database.execute(LedgerFormat.shotIndex)
}
