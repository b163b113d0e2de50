/// A readable name for a section kind, for `store info`.
func sectionName(_ kind: UInt32) -> String {
    switch kind {
    case ManifestSection.info: return "info"
    case ManifestSection.shardStarts, ManifestSection.shardFirstIDs: return "shard table"
    case ManifestSection.contentHash: return "content hash"
    case ManifestSection.dictionaryBase..<(ManifestSection.dictionaryBase + 48):
        let part = ["family", "middle", "given"][Int(kind - ManifestSection.dictionaryBase) / 16]
        return "\(part) name dictionary"
    case ShardSection.prefixes, ShardSection.prefixStarts, ShardSection.serials: return "citizen_id"
    case ShardSection.familyTokens: return "full_name: family token"
    case ShardSection.familyTokens + 1: return "full_name: middle token"
    case ShardSection.familyTokens + 2: return "full_name: given token"
    case ShardSection.exceptionRows, ShardSection.exceptionBytes, ShardSection.exceptionEnds: return "full_name: exact spellings"
    case ShardSection.birthDates: return "birth_date"
    case ShardSection.sexProvince: return "sex, province_code"
    case ShardSection.legacyValues, ShardSection.legacyRows: return "legacy_id (index)"
    case ShardSection.blockingRows(.nameYear), ShardSection.blockingSamples(.nameYear), ShardSection.blockingTags(.nameYear): return "index: name + birth year"
    case ShardSection.blockingRows(.givenDate), ShardSection.blockingSamples(.givenDate), ShardSection.blockingTags(.givenDate): return "index: given name + birth date"
    case ShardSection.blockingRows(.namePlace), ShardSection.blockingSamples(.namePlace), ShardSection.blockingTags(.namePlace): return "index: full name + province"
    default: return "section \(kind)"
    }
}
