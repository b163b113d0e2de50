import VaxCore
import VaxNames

// Every decoded value of a shard is checked once at open, so that the probe path may index
// with it unchecked and never clamps silently (issue 12 finding 9: a crafted store with its
// checksums fixed up). Valid iff, for every local row r < n:
//   serial(r) < 10^6, ascending within its ID prefix; prefix < 10^6 (12-digit IDs)
//   token(p, r) < size of part p's original dictionary
//   birth date unpacks to a PartialDate (PackedFields)
//   the province code is one of Province.all
// and every row number held by an index (blocking, legacy, exact spellings) is below n,
// legacy IDs ascending with 9 digits at most, exact-spelling rows strictly ascending.

extension ShardView {
    /// Checks every decoded value of the shard against its range (rules above).
    /// - Parameter dictionarySizes: the number of original tokens per name part.
    /// - Throws: `VaxError(.corruption)` naming the shard and the first bad value's column.
    /// - Complexity: O(rows + index entries).
    func checkValues(dictionarySizes: NameParts<Int>) throws {
        func corrupt(_ why: String) -> VaxError {
            VaxError(.corruption, "damaged store shard: \(why)", file: file.file.path)
        }
        guard prefixes.allSatisfy({ $0 < 1_000_000 }) else { throw corrupt("citizen ID prefix out of range") }
        for k in prefixes.indices {
            var previous: UInt64? = nil
            for r in Int(prefixStarts[k])..<Int(prefixStarts[k + 1]) {
                let s = serials[r]
                guard s < 1_000_000, previous.map({ $0 < s }) ?? true else { throw corrupt("citizen ID serial out of range or order") }
                previous = s
            }
        }
        for part in NamePart.allCases {
            let column = tokens[part.rawValue], limit = UInt64(dictionarySizes[part])
            for r in 0..<rowCount where column[r] >= limit { throw corrupt("\(part) token ID past its dictionary") }
        }
        let validDates = ShardView.validStoredDates
        for r in 0..<rowCount where !validDates[Int(dates[r])] { throw corrupt("birth date does not decode") }
        let provinces = ShardView.validProvinces
        for r in 0..<rowCount where !provinces[Int(PackedFields.provinceCode(PackedFields.sexProvince(sexProvinceColumn[r])))] {
            throw corrupt("province code out of range")
        }
        for (k, rows) in blockingRows.enumerated() {
            for i in 0..<rows.count where rows[i] >= UInt64(rowCount) { throw corrupt("blocking index \(k) names a row past the shard") }
        }
        var previousLegacy: UInt64 = 0
        for i in 0..<legacyValues.count {
            let v = legacyValues[i]
            guard v < 1_000_000_000, v >= previousLegacy, legacyRows[i] < UInt64(rowCount) else {
                throw corrupt("legacy index out of range or order")
            }
            previousLegacy = v
        }
        guard exceptionRows.allSatisfy({ Int($0) < rowCount }), zip(exceptionRows, exceptionRows.dropFirst()).allSatisfy({ $0 < $1 })
        else { throw corrupt("exact-spelling rows out of range or order") }
    }

    /// Whether each stored birth date (17 bits, PackedFields) unpacks to a PartialDate: a table
    /// read once, where unpacking every row's date cost a tenth of a second per 10 M citizens.
    static let validStoredDates: [Bool] = (0..<(1 << PackedFields.dateBits)).map {
        PartialDate(packed: UInt32($0) &+ PackedFields.dateBase) != nil
    }

    /// Whether each 7-bit province code is a province of `Province.all`.
    static let validProvinces: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for p in Province.all { table[Int(p.code)] = true }
        return table
    }()
}
