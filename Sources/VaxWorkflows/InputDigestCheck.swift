import VaxCore

/// Binds a run's ledger to the bytes it parsed: the digest a header recorded before the run
/// (one pass ahead, as the header is the ledger's first entry) must equal the digest of the
/// pass that parsed the file (`hashingContent`), or the file changed between the two.
///
/// spec: issue 12 finding 8 ("hashed in the same single pass that parses them"). Checked
/// before every ledger batch once the parsing pass has reached the end of the file, and by
/// `requireEqual` before the final checkpoint: a file changed in between stops the run with
/// exit 2 before it is finished. Batches committed before the end of the file rest on the
/// header's digest, and a resume with the changed file is refused by the header.
final class InputDigestCheck {
    let path: String
    let expected: SHA256Digest
    private let parsed: () -> SHA256Digest?

    /// - Parameters:
    ///   - expected: the digest recorded in the run's header.
    ///   - parsed: the parsing pass's digest, nil until it has read the whole file.
    init(path: String, expected: SHA256Digest, parsed: @escaping () -> SHA256Digest?) {
        self.path = path
        self.expected = expected
        self.parsed = parsed
    }

    /// Throws if the parsing pass has ended with another digest.
    func requireEqualIfKnown() throws {
        if let digest = parsed(), digest != expected { throw changed() }
    }

    /// Throws unless the parsing pass has ended with the recorded digest.
    func requireEqual() throws {
        guard let digest = parsed() else {
            throw VaxError(.badInput, "the file was not read to its end", file: path)
        }
        guard digest == expected else { throw changed() }
    }

    /// `sink`, with this check before each batch it records.
    func guarding(_ sink: DecisionSink) -> DecisionSink { GuardedSink(check: self, inner: sink) }

    private func changed() -> VaxError {
        VaxError(
            .badInput,
            "the file changed while the run read it (SHA-256 \(expected.hex) before, "
                + "\((parsed() ?? expected).hex) as parsed); the run stops unfinished: rerun it on a file "
                + "nobody is writing", file: path)
    }

    private final class GuardedSink: DecisionSink {
        let check: InputDigestCheck
        let inner: DecisionSink
        init(check: InputDigestCheck, inner: DecisionSink) {
            self.check = check
            self.inner = inner
        }
        func appendBatch(decisions: [Decision], rejects: [RowIssue]) throws {
            try check.requireEqualIfKnown()
            try inner.appendBatch(decisions: decisions, rejects: rejects)
        }
        func flush() throws { try inner.flush() }
    }
}
