public import VaxCrypto

/// What a run is made of: recorded as the ledger's first entry, and compared on resume.
public struct RunHeader: Sendable, Equatable {
    /// One input file by name and SHA-256.
    public struct Input: Sendable, Equatable {
        /// The file's name as the run was given it.
        public var name: String
        /// The SHA-256 of the file's bytes.
        public var sha256: SHA256Digest
        public init(name: String, sha256: SHA256Digest) {
            self.name = name
            self.sha256 = sha256
        }
    }

    /// The vaxlink version that wrote the ledger.
    public var toolVersion: String
    /// The input files, in the order given.
    public var inputs: [Input]
    /// The population store's content hash.
    public var storeContentHash: SHA256Digest
    /// The SHA-256 of the match model's canonical text.
    public var modelHash: SHA256Digest
    /// Decision thresholds by name, values as text (recorded sorted by name). Every other
    /// setting that changes decisions rides here too, e.g. `batch_size` (`batchSizeKey`).
    public var thresholds: [String: String]

    /// The thresholds key of the match run's shots per batch, which decides how batches are
    /// cut (and so a few decisions). Carried in the thresholds map so that the header's bytes
    /// keep their layout and ledgers written before it still read (docs/ledger-format.md).
    public static let batchSizeKey = "batch_size"
    /// The key that signs this ledger's checkpoints.
    public var signerPublicKey: Ed25519PublicKey
    /// The ledger format this header starts (docs/ledger-format.md): 2 for new ledgers; 1 is
    /// still read and verified, and written only when asked (its test vectors).
    public var formatVersion: UInt8

    public init(
        toolVersion: String, inputs: [Input], storeContentHash: SHA256Digest, modelHash: SHA256Digest,
        thresholds: [String: String], signerPublicKey: Ed25519PublicKey,
        formatVersion: UInt8 = LedgerFormat.version
    ) {
        precondition(LedgerFormat.readableVersions.contains(formatVersion), "an unknown ledger format version")
        self.formatVersion = formatVersion
        self.toolVersion = toolVersion
        self.inputs = inputs
        self.storeContentHash = storeContentHash
        self.modelHash = modelHash
        self.thresholds = thresholds
        self.signerPublicKey = signerPublicKey
    }

    /// The header entry's body (docs/ledger-format.md "header").
    var body: [UInt8] {
        var w = ByteWriter()
        w.u8(EntryKind.header.rawValue)
        w.u8(formatVersion)
        w.string(toolVersion)
        w.u16(UInt16(inputs.count))
        for input in inputs {
            w.string(input.name)
            w.digest(input.sha256)
        }
        w.digest(storeContentHash)
        w.digest(modelHash)
        w.u16(UInt16(thresholds.count))
        // Sorted by UTF-8 bytes, so the encoding does not depend on dictionary order.
        for key in thresholds.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            w.string(key)
            w.string(thresholds[key]!)
        }
        w.raw(signerPublicKey.rawBytes)
        return w.bytes
    }

    /// Decodes a header body; nil if malformed.
    static func decode(_ r: inout ByteReader) -> RunHeader? {
        guard let version = r.u8(), LedgerFormat.readableVersions.contains(version), let tool = r.string(),
            let count = r.u16()
        else { return nil }
        var inputs: [Input] = []
        for _ in 0..<count {
            guard let name = r.string(), let sha = r.digest() else { return nil }
            inputs.append(Input(name: name, sha256: sha))
        }
        guard let store = r.digest(), let model = r.digest(), let tcount = r.u16() else { return nil }
        var thresholds: [String: String] = [:]
        var previous: [UInt8]? = nil
        for _ in 0..<tcount {
            guard let key = r.string(), let value = r.string() else { return nil }
            // Canonical: strictly increasing keys.
            if let previous, !previous.lexicographicallyPrecedes(Array(key.utf8)) { return nil }
            previous = Array(key.utf8)
            thresholds[key] = value
        }
        guard let pub = r.raw(32), let key = try? Ed25519PublicKey(rawBytes: Array(pub)) else { return nil }
        return RunHeader(
            toolVersion: tool, inputs: inputs, storeContentHash: store, modelHash: model,
            thresholds: thresholds, signerPublicKey: key, formatVersion: version)
    }

    /// Names what differs from `other`, for the resume refusal (no personal data involved).
    func differences(from other: RunHeader) -> [String] {
        var out: [String] = []
        if toolVersion != other.toolVersion { out.append("tool version") }
        if inputs != other.inputs { out.append("input files") }
        if storeContentHash != other.storeContentHash { out.append("store") }
        if modelHash != other.modelHash { out.append("model") }
        let key = RunHeader.batchSizeKey
        if thresholds[key] != other.thresholds[key] {
            out.append("batch size (\(thresholds[key] ?? "none") now, \(other.thresholds[key] ?? "none") recorded)")
        }
        if thresholds.filter({ $0.key != key }) != other.thresholds.filter({ $0.key != key }) { out.append("thresholds") }
        if signerPublicKey != other.signerPublicKey { out.append("signing key") }
        if formatVersion != other.formatVersion { out.append("format version") }
        return out
    }
}
