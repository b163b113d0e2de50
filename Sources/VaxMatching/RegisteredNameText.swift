#if canImport(Glibc)
import Glibc
#endif
import VaxNames
import VaxStorage

/// The register's token texts (original, normalized, folded) per part, to recognize a name
/// typed exactly as registered and describe it without normalizing.
///
/// `@unchecked Sendable`: built once in init, read-only afterwards.
final class RegisteredNameText: @unchecked Sendable {
    private let original: [TokenText]
    private let normalized: [TokenText]
    private let folded: [TokenText]

    init(_ dictionaries: TokenDictionaries) {
        original = NamePart.allCases.map { TokenText(dictionaries[$0].original) }
        normalized = NamePart.allCases.map { TokenText(dictionaries[$0].normalized) }
        folded = NamePart.allCases.map { TokenText(dictionaries[$0].folded) }
    }

    /// The shot's name, if its bytes are exactly the registered name of `fields`' row
    /// (its non-empty parts joined by single spaces); nil otherwise.
    func nameIfTypedAsRegistered(_ raw: [UInt8], _ fields: RowFields) -> ShotName? {
        let equal = raw.withUnsafeBytes { bytes -> Bool in
            var at = 0
            for part in NamePart.allCases {
                let text = original[part.rawValue].text(fields.original[part])
                if text.isEmpty { continue }
                if at > 0 {
                    guard at < bytes.count, bytes[at] == 0x20 else { return false }
                    at += 1
                }
                guard at + text.count <= bytes.count,
                      text.count == 0 || memcmp(bytes.baseAddress! + at, text.baseAddress!, text.count) == 0 else { return false }
                at += text.count
            }
            return at == bytes.count
        }
        guard equal else { return nil }
        func joined(_ tables: [TokenText], _ ids: NameParts<UInt32>) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            for part in NamePart.allCases {
                let text = tables[part.rawValue].text(ids[part])
                if text.isEmpty { continue }
                if !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: text)
            }
            return out
        }
        let name = NormalizedName(normalized: joined(normalized, fields.normalized), folded: joined(folded, fields.folded))
        return ShotName(registered: name, normalizedIDs: fields.normalized, foldedIDs: fields.folded)
    }
}
