import VaxCore
public import VaxCrypto

/// A witness (c2sp.org/tlog-witness in spirit, run offline): an auditor, a province or
/// another ministry that cosigns a ledger's checkpoint only if it extends the last one the
/// witness cosigned for that ledger, so that the key holder cannot show two histories.
///
/// State: one file per ledger origin in `stateDirectory`, named by the hex SHA-256 of the
/// origin, holding the last checkpoint note cosigned (written atomically).
public struct Witness {
    /// The witness's key name and public key, as auditors list it (`--witness`).
    public let key: WitnessKey
    let privateKey: Ed25519PrivateKey
    /// Where the last cosigned checkpoint of each ledger is kept.
    public let stateDirectory: String

    /// - Throws: `VaxError(.usage)` for a bad name.
    public init(name: String, privateKey: Ed25519PrivateKey, stateDirectory: String) throws {
        self.key = try WitnessKey(name: name, key: privateKey.publicKey)
        self.privateKey = privateKey
        self.stateDirectory = stateDirectory
    }

    func statePath(origin: String) -> String {
        stateDirectory + "/" + SHA256.hash(Array(origin.utf8)).hex + ".checkpoint"
    }

    /// The last checkpoint this witness cosigned for `origin`, if any.
    public func lastCosigned(origin: String) throws -> String? {
        let path = statePath(origin: origin)
        let file: InputFile
        do { file = try InputFile(path: path) } catch let error as VaxError where error.kind == .badInput {
            return nil
        }
        var bytes = [UInt8](repeating: 0, count: try file.size())
        var filled = 0
        while filled < bytes.count {
            let n = try bytes.withUnsafeMutableBytes {
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
            }
            if n == 0 { break }
            filled += n
        }
        return String(decoding: bytes[..<filled], as: UTF8.self)
    }

    /// Cosigns `checkpointText` if it is signed by `logKey` and extends the last checkpoint
    /// cosigned for its ledger (by `proof`, needed when the size grew); records it as the
    /// new last one.
    /// - Parameters:
    ///   - proof: a consistency proof from the last cosigned checkpoint to this one.
    ///   - timestamp: seconds since the epoch, written into the cosignature.
    /// - Returns: the note with this witness's cosignature line appended (other lines kept).
    /// - Throws: `VaxError(.problem)` if it is not signed, is older than, forks from, or
    ///   cannot be shown to extend the last cosigned checkpoint; I/O errors as thrown.
    public func cosign(
        checkpointText: String, logKey: Ed25519PublicKey, proof: ConsistencyProof?, timestamp: UInt64
    ) throws -> String {
        let checkpoint = try Checkpoint(text: checkpointText, key: logKey, otherLines: .ignore)
        if let last = try lastCosigned(origin: checkpoint.origin) {
            let previous = try Checkpoint(text: last, key: logKey, otherLines: .ignore)
            if checkpoint.treeSize < previous.treeSize {
                throw VaxError(
                    .problem,
                    "witness: the checkpoint covers \(checkpoint.treeSize) entries, fewer than the \(previous.treeSize) already cosigned"
                )
            }
            if checkpoint.treeSize == previous.treeSize {
                guard checkpoint.root == previous.root else {
                    throw VaxError(.problem, "witness: a different tree of the same size was cosigned: a fork")
                }
            } else {
                guard let proof else {
                    throw VaxError(
                        .problem,
                        "witness: a consistency proof from the last cosigned checkpoint (size \(previous.treeSize)) is needed"
                    )
                }
                let (old, new) = try proof.check(key: logKey)
                guard old.treeSize == previous.treeSize, old.root == previous.root,
                    new.treeSize == checkpoint.treeSize, new.root == checkpoint.root
                else {
                    throw VaxError(
                        .problem, "witness: the proof does not lead from the last cosigned checkpoint to this one")
                }
            }
        }
        guard timestamp < 1 << 63 else { throw VaxError(.usage, "witness: the timestamp is out of range") }
        let line = try Cosignature.line(name: key.name, key: privateKey, timestamp: timestamp, body: checkpoint.body)
        try Sys.makeDirectory(stateDirectory)
        let file = try OutputFile(path: statePath(origin: checkpoint.origin))
        try file.write(checkpointText)
        try file.commit()
        return checkpointText + line
    }
}
