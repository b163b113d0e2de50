import VaxCore
import VaxCrypto

// The manifest's commitment to its shards (manifest section 5, format 3): the SHA-256 of
// every whole shard file, 32 bytes each, in shard order. A store opens only if every shard
// hashes to its entry, so a shard swapped in from another store, or edited with its own
// section checksums fixed, is refused at open (issue 12 finding 3).

/// The SHA-256 of each finished shard file in `directory`, concatenated in shard order.
/// - Throws: `VaxError(.environment)` if a shard cannot be mapped.
/// - Complexity: O(total shard bytes), in parallel over shards.
func shardDigests(in directory: String, count: Int, threads: Int) throws -> [UInt8] {
    let results = mapChunks((0..<count).map { $0..<($0 + 1) }, threads: threads) { one -> Result<SHA256Digest, VaxError> in
        do {
            let file = try MappedFile(path: directory + "/" + StoreFormat.shardName(one.lowerBound))
            return .success(SHA256Hasher().hash(file.bytes))
        } catch let error as VaxError {
            return .failure(error)
        } catch {
            return .failure(VaxError(.environment, "\(error)"))
        }
    }
    var out: [UInt8] = []
    for r in results { out += try r.get().bytes }
    return out
}
