#if canImport(Glibc)
import Glibc
#endif
public import VaxCore
import VaxCrypto

/// The Fellegi-Sunter model: for every field and level, m = P(level | same person) and
/// u = P(level | different people); a pair's match weight is the sum of log2(m/u) over
/// its fields. Exact name agreement is term-frequency adjusted: agreeing on a name that
/// 38 % of people share proves far less than agreeing on a rare one.
///
/// Saved as a small text file (`canonicalText`); its SHA-256 goes into the ledger.
public struct MatchModel: Sendable, Equatable {
    /// m probabilities per field (Field order), per level (the field's level order).
    public var m: [[Double]]
    /// u probabilities per field and level.
    public var u: [[Double]]
    /// Link when the best candidate's posterior log2-odds reaches this.
    public var linkThreshold: Double
    /// ... or this, when no recorded ID supports the candidate (the ID is missing or someone
    /// else's): name and birth date alone are where lookalikes and people outside the
    /// register slip in.
    public var idlessLinkThreshold: Double
    /// ... and beats the second best by at least this many bits.
    public var linkMargin: Double
    /// Send to review (rather than unmatched) when the best reaches this.
    public var reviewThreshold: Double
    /// A recorded ID found in the register and agreeing this well is verified/corrected
    /// without searching further (posterior log2-odds).
    public var fastPathThreshold: Double
    /// Where the m values came from: "default" or "em:<pairs>".
    public var provenance: String
    /// How the thresholds were set, when not by hand: e.g. "target-precision 0.9999 over
    /// 180000 candidate pairs: estimated precision ..., recall ...". Empty: by hand (the
    /// file then has no threshold-origin line, so older model files keep their bytes).
    public var thresholdOrigin = ""
    /// Which links that no recorded ID supports at all (none was recorded) go to review
    /// instead, by whether the shot recorded a phone: set by `model estimate` when the data
    /// hold more people outside the register than the precision target allows among such
    /// links (`StrangerEstimate`). A link still stands when a dose of the same person, or of
    /// a household member on the same phone, proven by its own recorded ID supports it (the
    /// group rules). Empty: such links are made as the weights say (the file then has no
    /// idless-links-to-review line, so older files keep their bytes).
    public var idlessLinksToReview: Set<PhoneStratum> = []

    /// Shots with and without a recorded phone: the phone lets a dose find the rest of its
    /// person's doses, so the two kinds of ID-less link carry different risks and are
    /// estimated apart.
    public enum PhoneStratum: String, Sendable, CaseIterable, Comparable {
        case withPhone = "with-phone", withoutPhone = "without-phone"
        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
        public init(phone: UInt64) { self = phone != 0 ? .withPhone : .withoutPhone }
    }

    public init(m: [[Double]], u: [[Double]], linkThreshold: Double, idlessLinkThreshold: Double, linkMargin: Double,
                reviewThreshold: Double, fastPathThreshold: Double, provenance: String) {
        self.m = m
        self.u = u
        self.linkThreshold = linkThreshold
        self.idlessLinkThreshold = idlessLinkThreshold
        self.linkMargin = linkMargin
        self.reviewThreshold = reviewThreshold
        self.fastPathThreshold = fastPathThreshold
        self.provenance = provenance
    }

    /// The register size for which the u of the unique identifiers (ID exact, legacy) are
    /// stated: they were set on a 1 M-citizen register, and `Comparator` scales them by
    /// reference / citizens, since one ID names one citizen however many there are.
    public static let uniqueIDReferenceCitizens = 1_000_000

    /// Log2 prior odds that a random (shot, citizen) pair is a match: log2(1 / citizens).
    public static func priorLog2Odds(citizens: Int) -> Double { -log2(Double(max(citizens, 2))) }

    /// The shipped model. The m of every field but the ID and all u were estimated with
    /// `vaxlink model estimate` (EM over pairs found by the recorded ID; u from 500 k random
    /// pairs) on a generated register of 1 M citizens and 100 k of its shots (seed 1), then
    /// rounded; the ID's m is set by hand, because pairs found without the ID hold too many
    /// non-matches for EM to learn it (measured: it learned 0.55 for "someone else's valid
    /// ID"). Checked on data it was not fitted to: seed 2 and a 10 M-citizen register.
    /// Re-estimate on real data before a national run.
    ///
    /// The u of an agreeing ID is the chance that a site types another person's valid ID,
    /// not the chance that two random people share one (1e-12): otherwise a relative's ID
    /// outweighs every other field. It is stated for a register of
    /// `uniqueIDReferenceCitizens` and scales as 1 / citizens (`Comparator`). Thresholds are
    /// in posterior log2-odds, which start at log2(1 / citizens); a link that no recorded ID
    /// supports needs 2 bits, others -1.
    public static let standard = MatchModel(
        m: [
            // family: exact, folded, similar, missing, different. "missing" is set by hand: the
            // data EM saw never left the family name out, real records do ("Thị Huyền" for "Lê
            // Thị Huyền", or the given name alone); 0.2 % puts such a record 1.3 bits down, not
            // 9.7, and a link without ID or family name goes to review (LinkObjection).
            [0.897, 0.0906, 0.00924, 0.002, 0.000774],
            // middle
            [0.89, 0.0766, 0.00717, 0.0248, 0.00103],
            // given
            [0.926, 0.0653, 0.00769, 5.82e-06, 0.00112],
            // birth date: exact, swapped, partialAgree, placeholder, yearOff, yearOnly, missing, different
            [0.891, 0.0058, 0.0511, 0.0143, 0.0113, 5.82e-06, 0.0259, 0.000312],
            // sex: agree, missing, different
            [0.962, 0.0302, 0.00747],
            // id: exact, variant, legacy, missing, different, different but self-consistent
            [0.7, 0.07, 0.04, 0.15, 0.038, 0.002],
            // province: same, different
            [0.931, 0.0686],
        ],
        u: [
            [0.158, 0.0172, 0.00951, 0.00498, 0.81],
            [0.0586, 0.0073, 0.0196, 0.0519, 0.863],
            [0.00788, 0.00288, 0.0293, 0.00498, 0.955],
            [4e-05, 4e-05, 0.000368, 0.00019, 0.00104, 0.0121, 0.0261, 0.96],
            [0.485, 0.0295, 0.485],
            [9.99e-05, 0.000999, 9.99e-05, 0.0613, 0.115, 0.822],
            [0.0293, 0.971],
        ],
        linkThreshold: -1, idlessLinkThreshold: 2, linkMargin: 4, reviewThreshold: -6, fastPathThreshold: 12,
        provenance: "default")

    /// log2(m/u) for `field` at `level`.
    @inline(__always)
    public func weight(_ field: Field, _ level: Int) -> Double {
        log2(m[field.rawValue][level] / u[field.rawValue][level])
    }

    /// Checks the shape and that every probability is in (0, 1].
    public func validate() throws {
        let sizes = [NameLevel.allCases.count, NameLevel.allCases.count, NameLevel.allCases.count, DateLevel.allCases.count,
                     SexLevel.allCases.count, IDLevel.allCases.count, ProvinceLevel.allCases.count]
        guard m.count == sizes.count, u.count == sizes.count,
              zip(m, sizes).allSatisfy({ $0.count == $1 }), zip(u, sizes).allSatisfy({ $0.count == $1 }),
              (m + u).joined().allSatisfy({ $0 > 0 && $0 <= 1 })
        else { throw VaxError(.badInput, "model: every field needs one m and u in (0, 1] per level") }
    }

    /// The model file's text: one line per setting, fixed order, so equal models have
    /// equal bytes and equal hashes.
    ///
    ///     vaxlink-model 1
    ///     provenance default
    ///     thresholds link=-1.0 idless=1.0 margin=6.0 review=-6.0 fastpath=12.0
    ///     threshold-origin target-precision 0.9999 ...   (only when set from a target)
    ///     idless-links-to-review with-phone              (only when some go to review)
    ///     m fn 0.9 0.05 ...        (one line per field, levels in order)
    ///     u fn 0.12 0.01 ...
    public var canonicalText: String {
        var lines = ["vaxlink-model 1", "provenance \(provenance)",
                     "thresholds link=\(linkThreshold) idless=\(idlessLinkThreshold) margin=\(linkMargin) review=\(reviewThreshold) fastpath=\(fastPathThreshold)"]
        if !thresholdOrigin.isEmpty { lines.append("threshold-origin \(thresholdOrigin)") }
        if !idlessLinksToReview.isEmpty {
            lines.append("idless-links-to-review " + idlessLinksToReview.sorted().map(\.rawValue).joined(separator: " "))
        }
        for f in Field.allCases { lines.append("m \(f.code) " + m[f.rawValue].map { "\($0)" }.joined(separator: " ")) }
        for f in Field.allCases { lines.append("u \(f.code) " + u[f.rawValue].map { "\($0)" }.joined(separator: " ")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// SHA-256 of `canonicalText`.
    public func hash() -> SHA256Digest { SHA256.hash(canonicalText) }

    /// Parses a model file's text.
    /// - Throws: `VaxError(.badInput)` naming the line that is wrong.
    public init(text: String, file: String) throws {
        func bad(_ line: Int, _ why: String) -> VaxError { VaxError(.badInput, "model: \(why)", file: file, line: line) }
        var m = [[Double]](repeating: [], count: Field.allCases.count), u = m
        var provenance = "", origin = "", thresholds: [String: Double] = [:]
        var idlessToReview = Set<PhoneStratum>()
        var sawHeader = false
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = raw.split(separator: " ").map(String.init)
            guard let key = words.first else { continue }
            // Another file given as a model (shots, population) must not have its data echoed
            // to stderr: only a file that starts as a model is read further.
            guard sawHeader || key == "vaxlink-model" else { throw bad(n + 1, "not a vaxlink model file") }
            switch key {
            case "vaxlink-model":
                guard words == ["vaxlink-model", "1"] else { throw bad(n + 1, "unsupported model version") }
                sawHeader = true
            case "provenance": provenance = words.dropFirst().joined(separator: " ")
            case "threshold-origin": origin = words.dropFirst().joined(separator: " ")
            case "idless-links-to-review":
                for word in words.dropFirst() {
                    guard let stratum = PhoneStratum(rawValue: word) else {
                        throw bad(n + 1, "idless-links-to-review takes with-phone and without-phone")
                    }
                    idlessToReview.insert(stratum)
                }
            case "thresholds":
                for pair in words.dropFirst() {
                    let kv = pair.split(separator: "=")
                    guard kv.count == 2, let v = Double(kv[1]) else { throw bad(n + 1, "bad threshold '\(pair)'") }
                    thresholds[String(kv[0])] = v
                }
            case "m", "u":
                guard words.count >= 3, let field = Field.allCases.first(where: { $0.code == words[1] }) else {
                    throw bad(n + 1, "unknown field")
                }
                let values = words.dropFirst(2).compactMap(Double.init)
                guard values.count == words.count - 2 else { throw bad(n + 1, "not a number") }
                if key == "m" { m[field.rawValue] = values } else { u[field.rawValue] = values }
            default:
                let isName = key.utf8.count <= 20 && key.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A || $0 == 0x5F }
                throw bad(n + 1, isName ? "unknown setting '\(key)'" : "unknown setting")
            }
        }
        guard sawHeader else { throw bad(1, "not a vaxlink model file") }
        guard let link = thresholds["link"], let idless = thresholds["idless"], let margin = thresholds["margin"],
              let review = thresholds["review"], let fast = thresholds["fastpath"]
        else { throw bad(1, "thresholds link, idless, margin, review and fastpath are required") }
        self.init(m: m, u: u, linkThreshold: link, idlessLinkThreshold: idless, linkMargin: margin, reviewThreshold: review,
                  fastPathThreshold: fast, provenance: provenance)
        thresholdOrigin = origin
        idlessLinksToReview = idlessToReview
        do { try validate() } catch let e as VaxError { throw VaxError(.badInput, e.message, file: file) }
    }

    /// Reads a model file.
    public static func load(path: String) throws -> MatchModel {
        let input = try InputFile(path: path)
        let size = try input.size()
        guard size < 1 << 20 else { throw VaxError(.badInput, "model file too large", file: path) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let n = try bytes.withUnsafeMutableBytes { try input.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            if n == 0 { break }
            filled += n
        }
        return try MatchModel(text: String(decoding: bytes[0..<filled], as: UTF8.self), file: path)
    }

    /// Writes the model file atomically.
    public func save(path: String) throws {
        let out = try OutputFile(path: path)
        try out.write(canonicalText)
        try out.commit()
    }
}
