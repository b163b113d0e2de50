import VaxCore
import VaxInterchange

// The byte layout of what a match run spills to its private temporary files (`ReleaseQueue`,
// `OpenGroups`): written and read back by one process, never kept, so it has no version.
// Integers little-endian, texts as a UInt32 length and the bytes.

/// Appends values to a byte buffer.
struct SpillWriter {
    var bytes: [UInt8] = []

    mutating func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func put(_ value: Double) { put(value.bitPattern) }
    mutating func put(_ flag: Bool) { bytes.append(flag ? 1 : 0) }
    mutating func put(bytes value: [UInt8]) {
        put(UInt32(value.count))
        bytes.append(contentsOf: value)
    }
    mutating func put(_ text: String) { put(bytes: Array(text.utf8)) }
    mutating func put(_ date: PartialDate?) { put(date?.packed ?? 0) }
    mutating func put(_ id: CitizenID?) {
        put(id != nil)
        put(id?.rawValue ?? 0)
    }
    mutating func put(_ digest: SHA256Digest) {
        let w = digest.words
        for word in [w.0, w.1, w.2, w.3] { withUnsafeBytes(of: word.bigEndian) { bytes.append(contentsOf: $0) } }
    }
}

/// Reads values back in the order `SpillWriter` put them.
struct SpillReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool { offset >= bytes.count }

    mutating func get<T: FixedWidthInteger>(_: T.Type = T.self) -> T {
        defer { offset += MemoryLayout<T>.size }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
    mutating func getDouble() -> Double { Double(bitPattern: get(UInt64.self)) }
    mutating func getBool() -> Bool { get(UInt8.self) != 0 }
    mutating func getBytes() -> [UInt8] {
        let count = Int(get(UInt32.self))
        defer { offset += count }
        return Array(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]))
    }
    mutating func getText() -> String { String(decoding: getBytes(), as: UTF8.self) }
    mutating func getDate() -> PartialDate? { PartialDate(packed: get(UInt32.self)) }
    mutating func getCitizen() -> CitizenID? {
        let present = getBool()
        let raw = get(UInt64.self)
        return present ? CitizenID(rawValue: raw) : nil
    }
    mutating func getDigest() -> SHA256Digest {
        defer { offset += 32 }
        return SHA256Digest(bytes: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 32)]))
    }
}

extension SpillWriter {
    mutating func put(_ d: Decision) {
        put(Int64(d.line))
        put(Int64(d.provinceCode))
        put(d.outcome.rawValue)
        put(d.citizenID)
        put(d.score)
        put(d.matchWeight)
        put(d.corrections.rawValue)
        put(d.rawSHA256)
        put(d.shotID)
        put(d.evidence)
    }

    mutating func put(_ shot: RecordedShot) {
        switch shot.recordedID {
        case .missing: put(UInt8(0))
        case .citizen(let id):
            put(UInt8(1))
            put(id.rawValue)
        case .legacy(let number):
            put(UInt8(2))
            put(number)
        case .malformed(let typed):
            put(UInt8(3))
            put(bytes: typed)
        }
        put(bytes: shot.fullName)
        put(shot.birthDate)
        put(shot.sex?.rawValue ?? 0)
        put(shot.phone)
        put(Int64(shot.provinceCode))
        put(Int64(shot.doseNumber))
        put(shot.vaccinatedOn)
    }

    mutating func put(_ result: MatchResult) {
        put(result.outcome.rawValue)
        put(result.citizenID)
        put(result.log2Odds)
        put(result.score)
        put(result.corrections.rawValue)
        put(result.viaSiblingDose)
        put(result.conflictsWithOwnDose)
        put(UInt8(result.candidates.count))
        for c in result.candidates {
            put(Int64(c.row))
            put(c.citizenID.rawValue)
            put(c.log2Odds)
            for level in c.levels.levels { put(UInt8(level)) }
        }
    }

    mutating func put(_ meta: ShotMeta) {
        put(meta.shotID)
        put(Int64(meta.line))
        put(Int64(meta.provinceCode))
        put(meta.facilityCode)
        put(meta.rawSHA256)
    }

    mutating func put(_ dose: GroupDose) {
        put(dose.phone)
        put(dose.nameKey)
        put(Int64(dose.dose))
        put(dose.outcome.rawValue)
        put(dose.citizen)
        put(dose.supportedByID)
    }
}

extension SpillReader {
    mutating func getDecision() -> Decision {
        let line = Int(get(Int64.self)), province = Int(get(Int64.self))
        let outcome = Outcome(rawValue: get(UInt8.self))!
        let citizen = getCitizen()
        let score = getDouble(), weight = getDouble()
        let corrections = CorrectedFields(rawValue: get(UInt8.self))
        let digest = getDigest()
        let shotID = getText(), evidence = getText()
        return Decision(shotID: shotID, line: line, provinceCode: province, outcome: outcome, citizenID: citizen, score: score,
                        matchWeight: weight, corrections: corrections, evidence: evidence, rawSHA256: digest)
    }

    mutating func getShot() -> RecordedShot {
        let id: RecordedID
        switch get(UInt8.self) {
        case 0: id = .missing
        case 1: id = .citizen(CitizenID(rawValue: get(UInt64.self)))
        case 2: id = .legacy(get(UInt32.self))
        default: id = .malformed(getBytes())
        }
        let name = getBytes()
        let birth = getDate()
        let sex = Sex(rawValue: get(UInt8.self))
        let phone = get(UInt64.self)
        let province = Int(get(Int64.self)), dose = Int(get(Int64.self))
        var shot = RecordedShot(recordedID: id, fullName: name, birthDate: birth, sex: sex, phone: phone,
                                provinceCode: province, doseNumber: dose)
        shot.vaccinatedOn = getDate()
        return shot
    }

    mutating func getResult() -> MatchResult {
        let outcome = Outcome(rawValue: get(UInt8.self))!
        let citizen = getCitizen()
        let log2Odds = getDouble(), score = getDouble()
        let corrections = CorrectedFields(rawValue: get(UInt8.self))
        let sibling = getBool(), conflict = getBool()
        var candidates: [ScoredCandidate] = []
        for _ in 0..<Int(get(UInt8.self)) {
            let row = Int(get(Int64.self))
            let id = CitizenID(rawValue: get(UInt64.self))
            let w = getDouble()
            func level() -> Int { Int(get(UInt8.self)) }
            let levels = ComparisonVector(
                family: NameLevel(rawValue: level())!, middle: NameLevel(rawValue: level())!,
                given: NameLevel(rawValue: level())!, birthDate: DateLevel(rawValue: level())!,
                sex: SexLevel(rawValue: level())!, citizenID: IDLevel(rawValue: level())!,
                province: ProvinceLevel(rawValue: level())!)
            candidates.append(ScoredCandidate(row: row, citizenID: id, log2Odds: w, levels: levels))
        }
        var result = MatchResult(outcome: outcome, citizenID: citizen, log2Odds: log2Odds, score: score,
                                 corrections: corrections, candidates: candidates)
        result.viaSiblingDose = sibling
        result.conflictsWithOwnDose = conflict
        return result
    }

    mutating func getMeta() -> ShotMeta {
        let shotID = getText()
        let line = Int(get(Int64.self)), province = Int(get(Int64.self))
        let facility = getText()
        return ShotMeta(shotID: shotID, line: line, provinceCode: province, facilityCode: facility, rawSHA256: getDigest())
    }

    mutating func getGroupDose() -> GroupDose {
        let phone = get(UInt64.self), nameKey = get(UInt64.self)
        let dose = Int(get(Int64.self))
        let outcome = Outcome(rawValue: get(UInt8.self))!
        let citizen = getCitizen()
        return GroupDose(phone: phone, nameKey: nameKey, dose: dose, outcome: outcome, citizen: citizen, supportedByID: getBool())
    }
}
