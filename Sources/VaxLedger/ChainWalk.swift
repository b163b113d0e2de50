import VaxCore

// spec: ledger-format.md "Hashes" (chain) and "Validity rules": every tag, every seal's chain.

/// Part of phase 4: the hash chain, the one strictly sequential computation of the verifier
/// (chain(seq) needs chain(seq − 1), and the tags keep only 8 of its 32 bytes, so no walk can
/// start inside a batch). One walk over the whole ledger, a chunk at a time, while other
/// tasks hash the leaves of the same chunk and the reader reads the next.
///
/// `@unchecked Sendable`: one task at a time walks it (one per pipeline step).
final class ChainWalk: @unchecked Sendable {
    private let hashing = LedgerHashing()
    private var chain = LedgerHashing.zero
    private let sizes: [Int]
    /// Version 1: each checkpoint's chain line, by the index of its size.
    private let checkpointHeads: [SHA256Digest]
    private let version: UInt8
    /// sizes[cursor] is the next checkpoint size above the entries walked.
    private var cursor = 0
    /// The first entry whose tag or seal does not hold; the walk stops there.
    private(set) var failure: RankedFailure?
    /// chain(t − 1) for each checkpoint size t walked.
    private(set) var heads: [(Int, SHA256Digest)] = []

    init(sizes: [Int], checkpoints: [Int: Checkpoint], version: UInt8) {
        self.sizes = sizes
        checkpointHeads = sizes.map { checkpoints[$0]!.chainHead ?? LedgerHashing.zero }
        self.version = version
    }

    /// Walks the chunk's entries, which follow the entries walked so far.
    func walk(_ chunk: EntryChunk) {
        guard failure == nil else { return }
        for i in 0..<chunk.count {
            let entry = chunk.entry(i)
            let before = chain
            chain = hashing.chain(previous: chain, canonical: entry.canonical)
            if !chunk.tagMatches(i, chain: chain) {
                return fail(entry, .tag, "the entry does not match its hash: changed, inserted or moved")
            }
            let atCheckpoint = cursor < sizes.count && sizes[cursor] == entry.seq + 1
            if entry.kind == .seal {
                if version == 1 {
                    if atCheckpoint && chain != checkpointHeads[cursor] {
                        return fail(entry, .sealChain, "the chain does not reach the checkpoint's head")
                    }
                } else if EntryCodec.sealChain(entry.body) != before {
                    return fail(entry, .sealChain, "the seal does not commit the chain hash before it")
                }
            }
            if atCheckpoint {
                heads.append((entry.seq + 1, chain))
                cursor += 1
            }
        }
    }

    private func fail(_ entry: EntryChunk.Entry, _ check: EntryCheck, _ message: String) {
        failure = RankedFailure(check: check, failure: .init(seq: entry.seq, shotID: entry.shotText, message: message))
    }
}

/// The checks of one entry in the order they count: when several fail at the same entry, the
/// report names the earliest, whichever task found it first (so it never depends on how the
/// checks were split among threads).
enum EntryCheck: Int, Comparable {
    /// The row alone (`EntryChunkReader`): gaps, column types, kind, shot_id, header place.
    case row
    /// The stored tag against the chain (`ChainWalk`).
    case tag
    /// The body's rules, references and seal structure (`EntryRangeCheck`).
    case body
    /// A seal's chain hash (version 2) or the checkpoint's chain line (version 1) (`ChainWalk`).
    case sealChain

    static func < (a: EntryCheck, b: EntryCheck) -> Bool { a.rawValue < b.rawValue }
}

/// A failure and the check that found it.
struct RankedFailure {
    var check: EntryCheck
    var failure: VerificationReport.Failure

    /// Whether this one comes first in the report: the smaller entry, then the earlier check.
    func precedes(_ other: RankedFailure) -> Bool {
        let (a, b) = (failure.seq ?? Int.max, other.failure.seq ?? Int.max)
        return a != b ? a < b : check < other.check
    }
}
