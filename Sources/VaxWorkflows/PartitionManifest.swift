import Foundation
import VaxLedger
public import VaxCore
public import VaxCrypto
public import VaxMatching

// DIR/partition, written last by `vaxlink match --partition I/N`: its presence says the
// partition finished; `seal` reads it to check that the folders are one run.
//
//     vaxlink-partition 1
//     partition 2/4
//     store <hex SHA-256 of the store's content>
//     shots <hex SHA-256 of shots.csv>
//     model <hex SHA-256 of the model>
//     key <base64 of the 32-byte Ed25519 public key>
//     decisions <rows in decisions.csv>
//     rejected <rows in rejects.csv>
//     ledger <absolute path of the partition's ledger>

/// What a finished partition says about itself (DIR/partition).
public struct PartitionManifest: Sendable, Equatable {
    /// The file's name in a partition folder.
    public static let fileName = "partition"
    /// The accepted-row index of each decisions.csv line, little-endian UInt64s.
    public static let rowKeysName = "decisions.rows"

    public var partition: ShotPartition
    public var storeContentHash: SHA256Digest
    public var shotsSHA256: SHA256Digest
    public var modelHash: SHA256Digest
    public var publicKey: Ed25519PublicKey
    public var ledgerPath: String
    public var decisions: Int
    public var rejected: Int

    /// The file's text.
    public var text: String {
        """
        vaxlink-partition 1
        partition \(partition)
        store \(storeContentHash.hex)
        shots \(shotsSHA256.hex)
        model \(modelHash.hex)
        key \(Base64.encode(publicKey.rawBytes))
        decisions \(decisions)
        rejected \(rejected)
        ledger \(ledgerPath)

        """
    }

    /// Writes the file atomically.
    func write(to path: String) throws {
        let file = try OutputFile(path: path)
        try file.write(text)
        try file.commit()
    }

    /// Reads DIR/partition.
    /// - Throws: `VaxError(.problem)` naming the folder when the file is absent (the
    ///   partition did not finish) or malformed.
    public static func read(folder: String) throws -> PartitionManifest {
        let path = folder + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else {
            throw VaxError(.problem, "\(folder): no \(fileName) file: the partition has not finished (run it again to resume)")
        }
        let text = try readTextFile(path, what: "partition file")
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            fields[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        func bad(_ why: String) -> VaxError { VaxError(.problem, "\(path): \(why)") }
        guard fields["vaxlink-partition"] == "1" else { throw bad("not a version 1 partition file") }
        let pn = (fields["partition"] ?? "").split(separator: "/").compactMap { Int($0) }
        guard pn.count == 2, pn[1] >= 1, (0..<pn[1]).contains(pn[0]) else { throw bad("bad partition line") }
        func digest(_ name: String) throws -> SHA256Digest {
            guard let hex = fields[name], let d = SHA256Digest(hexText: hex) else { throw bad("bad \(name) line") }
            return d
        }
        guard let keyBytes = fields["key"].flatMap(Base64.decode), let key = try? Ed25519PublicKey(rawBytes: keyBytes) else {
            throw bad("bad key line")
        }
        guard let decisions = fields["decisions"].flatMap({ Int($0) }), let rejected = fields["rejected"].flatMap({ Int($0) }),
              let ledger = fields["ledger"], !ledger.isEmpty else { throw bad("bad decisions, rejected or ledger line") }
        return PartitionManifest(
            partition: ShotPartition(index: pn[0], count: pn[1]), storeContentHash: try digest("store"),
            shotsSHA256: try digest("shots"), modelHash: try digest("model"), publicKey: key, ledgerPath: ledger,
            decisions: decisions, rejected: rejected)
    }
}

/// `path` made absolute against the working directory.
func absolutePath(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
}
