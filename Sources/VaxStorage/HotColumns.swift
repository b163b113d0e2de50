import VaxCore
public import VaxNames

// The probe path reads only trivial values (raw pointers into the mappings and small
// lookup tables copied once at open), so that millions of probes a second pay no
// reference counting and no decompression.

/// One shard's hot columns: views into its mapping.
@usableFromInline
struct ShardColumns {
    @usableFromInline var rowStart: Int
    @usableFromInline var rowCount: Int
    @usableFromInline var prefixes: UnsafeBufferPointer<UInt32>
    @usableFromInline var prefixStarts: UnsafeBufferPointer<UInt32>
    @usableFromInline var serials: BitPackedColumn
    /// Original token IDs per name part.
    @usableFromInline var tokens: NameParts<BitPackedColumn>
    @usableFromInline var dates: BitPackedColumn
    @usableFromInline var sexProvince: BitPackedColumn
    // One per BlockingKey, as tuples: arrays would cost reference counting per probe.
    @usableFromInline var blockingRows: (BitPackedColumn, BitPackedColumn, BitPackedColumn)
    @usableFromInline var blockingSamples: (UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<UInt64>)
    @usableFromInline var blockingTags: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>)

    @inline(__always)
    func index(_ key: BlockingKey) -> (rows: BitPackedColumn, samples: UnsafeBufferPointer<UInt64>, tags: UnsafeBufferPointer<UInt8>) {
        switch key {
        case .nameYear: return (blockingRows.0, blockingSamples.0, blockingTags.0)
        case .givenDate: return (blockingRows.1, blockingSamples.1, blockingTags.1)
        case .namePlace: return (blockingRows.2, blockingSamples.2, blockingTags.2)
        }
    }
}

/// Per name part: original token → normalized and folded IDs, and term frequencies.
@usableFromInline
struct NameTables {
    @usableFromInline var normalizedOfOriginal: UnsafeMutableBufferPointer<UInt32>
    @usableFromInline var foldedOfOriginal: UnsafeMutableBufferPointer<UInt32>
    @usableFromInline var normalizedFrequency: UnsafeMutableBufferPointer<UInt32>
    @usableFromInline var foldedFrequency: UnsafeMutableBufferPointer<UInt32>
    /// Whether each normalized token is the empty string (no middle name).
    @usableFromInline var normalizedIsEmpty: UnsafeMutableBufferPointer<Bool>

    init(_ d: TokenDictionary) {
        func copy<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(values.count, 1))
            _ = buffer.initialize(from: values)
            return buffer
        }
        normalizedOfOriginal = copy(d.originalToNormalized)
        foldedOfOriginal = copy(d.originalToNormalized.map { d.normalizedToFolded[Int($0)] })
        normalizedFrequency = copy(d.normalizedFrequency)
        foldedFrequency = copy(d.foldedFrequency)
        normalizedIsEmpty = copy((0..<d.normalized.count).map { d.normalized.range($0).isEmpty })
    }

    func deallocate() {
        normalizedOfOriginal.deallocate()
        foldedOfOriginal.deallocate()
        normalizedFrequency.deallocate()
        foldedFrequency.deallocate()
        normalizedIsEmpty.deallocate()
    }
}

extension ShardColumns {
    @inline(__always)
    func originalToken(_ column: BitPackedColumn, _ local: Int, limit: Int) -> Int {
        let v = Int(truncatingIfNeeded: column[local])
        return v < limit ? v : 0  // a value past the dictionary cannot pass the checksums; never index with it
    }

    @inline(__always)
    func citizenID(_ local: Int) -> UInt64 {
        var lo = 0, hi = prefixes.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if Int(prefixStarts[mid]) <= local { lo = mid } else { hi = mid - 1 }
        }
        return UInt64(prefixes[lo]) * 1_000_000 + serials[local]
    }

    /// Reads the words of row `local` that a blocking key's hash and the comparison of names
    /// and dates read, folded into one value for `MemoryTouch.keep`.
    @inline(__always)
    func touch(_ local: Int) -> UInt64 {
        tokens[.family][local] ^ tokens[.middle][local] ^ tokens[.given][local] ^ dates[local] ^ sexProvince[local]
    }

    /// The local row of `id`: the prefix by binary search, then the serial within it.
    func localRow(of id: UInt64) -> Int? {
        guard let probe = probe(id) else { return nil }
        return localRow(probe, keyAtGuess: serials[probe.start + probe.guess])
    }

    /// An ID lookup up to its first read of the serials column: the local rows of the ID's
    /// prefix and where in them the serial should be. Serials spread evenly over 0..<10^6
    /// within a prefix: an interpolation search reads a few of them where a binary search
    /// reads twenty (every ID-variant probe pays this).
    struct IDProbe {
        var start: Int
        var end: Int
        var serial: UInt64
        /// Offset from `start` of the first serial read.
        var guess: Int
        /// Serials are the ID's last six digits.
        static let serialRange: UInt64 = 1_000_000
    }

    /// Where the previous probe found its prefix in the directory. The one-slip variants of
    /// an ID are probed one after another and 59 of 119 keep its first six digits.
    struct PrefixHint {
        var prefix = UInt32.max  // no ID has it: prefixes are id / 10^6 < 10^6
        var position = 0
    }

    /// The probe of `id`, or nil when no row has its prefix.
    @inline(__always)
    func probe(_ id: UInt64) -> IDProbe? {
        var hint = PrefixHint()
        return probe(id, hint: &hint)
    }

    /// As `probe(_:)`, without searching the directory when `id` has the prefix of `hint`,
    /// which it then describes.
    @inline(__always)
    func probe(_ id: UInt64, hint: inout PrefixHint) -> IDProbe? {
        let prefix = UInt32(truncatingIfNeeded: id / 1_000_000)
        let serial = id % 1_000_000
        if hint.prefix != prefix {
            var lo = 0, hi = prefixes.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if prefixes[mid] < prefix { lo = mid + 1 } else { hi = mid }
            }
            hint = PrefixHint(prefix: prefix, position: lo)
        }
        let lo = hint.position
        guard lo < prefixes.count, prefixes[lo] == prefix else { return nil }
        let start = Int(prefixStarts[lo]), end = Int(prefixStarts[lo + 1])
        guard start < end else { return nil }
        return IDProbe(start: start, end: end, serial: serial,
                       guess: InterpolationSearch.guess(serial, count: end - start, from: 0, keyRange: IDProbe.serialRange))
    }

    /// The local row a probe finds, given the serial at its guess.
    @inline(__always)
    func localRow(_ probe: IDProbe, keyAtGuess: UInt64) -> Int? {
        let start = probe.start
        let a = start + InterpolationSearch.firstNotBelow(probe.serial, count: probe.end - start, from: 0, keyRange: IDProbe.serialRange,
                                                          guess: probe.guess, keyAtGuess: keyAtGuess) { serials[start + $0] }
        return a < probe.end && serials[a] == probe.serial ? a : nil
    }
}
