import VaxCore
import VaxCrypto

/// Writes a ledger's Merkle tree as C2SP tlog-tiles (c2sp.org/tlog-tiles): the hash tiles and
/// the checkpoint, so that anyone can check inclusion and consistency with existing tooling
/// (Go's golang.org/x/mod/sumdb/tlog reads them). Entry bundles are not written: entries are
/// health data.
///
///     DIR/checkpoint                 the latest checkpoint note
///     DIR/tile/<L>/<N>[.p/<W>]       tile N of level L: the hashes of tree level 8·L, indices
///                                    256·N ..< 256·N + W (W = 256 unless the tile is partial)
///
/// N is written in groups of three digits, all but the last prefixed with `x`
/// (1234067 → x001/x234/067). Level 0 holds the leaf hashes SHA256(0x00 ‖ canonical(seq)).
public enum TileExporter {
    /// Tile height: 2^8 = 256 hashes per full tile.
    static let height = 8

    /// What an export wrote.
    public struct Summary: Sendable, Equatable {
        /// Entries the tiles cover (the latest checkpoint's size).
        public var treeSize: Int
        /// Tile files written.
        public var tiles: Int
    }

    /// The path of tile `index` of `level` with `width` hashes, relative to the export root.
    static func path(level: Int, index: Int, width: Int) -> String {
        var n = index
        var text = threeDigits(n % 1000)
        while n >= 1000 {
            n /= 1000
            text = "x" + threeDigits(n % 1000) + "/" + text
        }
        return "tile/\(level)/\(text)" + (width == 1 << height ? "" : ".p/\(width)")
    }

    private static func threeDigits(_ n: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: 3 - digits.count) + digits
    }

    /// Writes the tiles of the ledger's latest checkpoint under `directory`.
    /// - Throws: `.corruption` for a ledger without checkpoint or with missing nodes, I/O faults.
    /// - Complexity: O(n) leaf hashes (level 0 is recomputed; levels ≥ 1 are stored nodes).
    public static func export(reader: LedgerReader, to directory: String) throws -> Summary {
        let key = try reader.header().signerPublicKey
        guard let checkpoint = try reader.latestCheckpoint(key: key) else {
            throw VaxError(.corruption, "the ledger has no checkpoint", file: reader.path)
        }
        let size = checkpoint.treeSize
        var tiles = 0
        func write(level: Int, index: Int, hashes: [SHA256Digest]) throws {
            let relative = path(level: level, index: index, width: hashes.count)
            let full = directory + "/" + relative
            try makeDirectory(String(full[..<full.lastIndex(of: "/")!]))
            let file = try OutputFile(path: full, bufferSize: 32 << height)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(32 * hashes.count)
            for hash in hashes { bytes += hash.bytes }
            try file.write(bytes)
            try file.commit()
            tiles += 1
        }
        // Level 0: the leaf hashes, streamed.
        let hashing = LedgerHashing()
        var pending: [SHA256Digest] = []
        var tile = 0
        let statement = try reader.database.prepare("SELECT seq, shot_id, body FROM entry WHERE seq < ?1 ORDER BY seq")
        statement.bind(1, Int64(size))
        var expected = 0
        while try statement.step() {
            let seq = Int(statement.int64(0))
            guard seq == expected, statement.withBytes(1, { $0.count }) <= 255 else {
                throw VaxError(.corruption, "entry \(expected) is missing or malformed; run 'vaxlink ledger verify'")
            }
            pending.append(
                statement.withBytes(1) { shot in
                    statement.withBytes(2) { body in hashing.leaf(seq: seq, shotID: shot, body: body) }
                })
            expected += 1
            if pending.count == 1 << height {
                try write(level: 0, index: tile, hashes: pending)
                pending.removeAll(keepingCapacity: true)
                tile += 1
            }
        }
        guard expected == size else {
            throw VaxError(.corruption, "the ledger lacks entries before its checkpoint; run 'vaxlink ledger verify'")
        }
        if !pending.isEmpty { try write(level: 0, index: tile, hashes: pending) }
        // Levels ≥ 1: the stored perfect subtrees of 2^(8L) leaves.
        var level = 1
        while size >> (height * level) > 0 {
            let count = size >> (height * level)
            var index = 0
            while index < count {
                let width = min(1 << height, count - index)
                var hashes: [SHA256Digest] = []
                for i in index..<(index + width) {
                    guard let node = try reader.node(level: height * level, index: i) else {
                        throw VaxError(.corruption, "the ledger lacks a Merkle node; run 'vaxlink ledger verify'")
                    }
                    hashes.append(node)
                }
                try write(level: level, index: index >> height, hashes: hashes)
                index += width
            }
            level += 1
        }
        let file = try OutputFile(path: directory + "/checkpoint", bufferSize: 4096)
        try file.write(checkpoint.text)
        try file.commit()
        return Summary(treeSize: size, tiles: tiles)
    }
}
