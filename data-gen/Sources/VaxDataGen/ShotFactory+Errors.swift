import VaxCore
import VaxNames

// The recorded citizen_id, full_name and birth_date of a shot. Every draw is made whether
// or not it can apply, so the streams stay aligned; positions and choices come from one
// auxiliary generator seeded from the error stream.
extension ShotFactory {
    typealias Tag = (StaticString) -> Void

    /// Appends the citizen_id as recorded; its digits are edited in place in `out`.
    func recordedID(_ person: Citizen, _ rng: inout SplitMix64, _ hard: HardErrors, _ tag: Tag, to out: inout [UInt8]) {
        let p = parameters
        let missing = rng.nextChance(p.idMissing) && !hard.compound
        let relative = rng.nextChance(p.idRelative)
        let legacy = rng.nextChance(p.idLegacy)
        let digit = rng.nextChance(p.idDigit) || hard.compound
        let transposed = rng.nextChance(p.idTransposed)
        let length = rng.nextChance(p.idLength)
        var aux = SplitMix64(seed: rng.next())
        guard let id = person.id else { return }
        if missing {
            tag("id_missing")
            return
        }
        let start = out.count
        // Last, over whatever was typed: what the spreadsheet the list was kept in made of it.
        defer { spreadsheetForm(start: start, hard, tag, to: &out) }
        if relative && person.index >= 0 && person.householdSize > 1 {
            var other = person.householdStart + aux.below(person.householdSize - 1)
            if other >= person.index { other += 1 }
            // safe: every register citizen has an ID
            RowBytes.digits(population.citizen(other).id!.rawValue, width: 12, to: &out)
            tag("id_relative")
        } else if hard.legacyPadded, let legacyID = person.legacyID {
            RowBytes.ascii("000", to: &out)
            RowBytes.digits(UInt64(legacyID), width: 9, to: &out)
            tag("id_legacy_padded")
        } else if legacy, let legacyID = person.legacyID {
            RowBytes.digits(UInt64(legacyID), width: 9, to: &out)
            tag("id_legacy")
        } else {
            RowBytes.digits(id.rawValue, width: 12, to: &out)
        }
        guard digit || transposed || length else { return }
        let count = out.count - start
        if digit {
            let at = start + aux.below(count)
            out[at] = 48 + UInt8((Int(out[at] - 48) + 1 + aux.below(9)) % 10)
            tag("id_digit")
        }
        if transposed {
            let first = aux.below(count - 1)
            for step in 0..<(count - 1) {
                let at = start + (first + step) % (count - 1)
                if out[at] != out[at + 1] {
                    out.swapAt(at, at + 1)
                    tag("id_transposed")
                    break
                }
            }
        }
        if length {
            if aux.chance(0.5) {
                out.remove(at: start + aux.below(count))
            } else {
                out.insert(48 + UInt8(aux.below(10)), at: start + aux.below(count + 1))
            }
            tag("id_length")
        }
    }

    /// The hard profile's ways a list kept in a spreadsheet changes an ID of digits: its
    /// leading zeros lost (the cell held a number), or typed in groups, or marked as text.
    /// The form is picked from the digits themselves, so that no draw is added.
    func spreadsheetForm(start: Int, _ hard: HardErrors, _ tag: Tag, to out: inout [UInt8]) {
        let digits = Array(out[start...])
        guard !digits.isEmpty, digits.allSatisfy({ $0 &- 48 < 10 }) else { return }
        if hard.idZerosDropped, digits.first == UInt8(ascii: "0") {
            guard let first = digits.firstIndex(where: { $0 != UInt8(ascii: "0") }) else { return }
            out.removeSubrange(start..<(start + first))
            tag("id_zeros_dropped")
        } else if hard.idFormatted {
            let style = Int(digits.last! - 48) % 4
            guard style > 0 else {
                out.insert(UInt8(ascii: "'"), at: start)
                tag("id_formatted")
                return
            }
            let separator = [UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-")][style - 1]
            // 12 digits as 3 + 3 + 6 (province and sex-year, then the serial), 9 as 3 + 3 + 3.
            let cuts = digits.count == 12 ? [3, 6] : digits.count == 9 ? [3, 6] : []
            guard !cuts.isEmpty else { return }
            for cut in cuts.reversed() { out.insert(separator, at: start + cut) }
            tag("id_formatted")
        }
    }

    /// Appends the full_name as recorded (the generator's names hold no comma or quote, so
    /// the field never needs quoting).
    func recordedName(_ name: [UInt8], _ rng: inout SplitMix64, _ hard: HardErrors, _ tag: Tag, to out: inout [UInt8]) {
        let p = parameters
        let missingMiddle = rng.nextChance(p.nameMissingMiddle)
        let noDiacritics = rng.nextChance(p.nameNoDiacritics)
        let tone = rng.nextChance(p.nameTonePlacement)
        let telex = rng.nextChance(p.nameTelex)
        let typo = rng.nextChance(p.nameTypo) || hard.compound
        let caseSpacing = rng.nextChance(p.nameCaseSpacing)
        let nfd = rng.nextChance(p.nameNFD)
        var aux = SplitMix64(seed: rng.next())
        let shortened = hard.givenOnly || hard.familyOmitted
        guard missingMiddle || noDiacritics || tone || telex || hard.vni || typo || caseSpacing || nfd || shortened,
            var letters = name.withUnsafeBytes({ VietnameseText.decode($0) })
        else {
            out.append(contentsOf: name)
            return
        }
        if hard.givenOnly && NameCorruptions.keepGivenOnly(&letters) {
            tag("name_given_only")
        } else if hard.familyOmitted && NameCorruptions.dropFamily(&letters) {
            tag("name_family_omitted")
        } else if missingMiddle && NameCorruptions.dropMiddle(&letters) {
            tag("name_missing_middle")
        }
        if noDiacritics {
            if NameCorruptions.stripDiacritics(&letters) { tag("name_no_diacritics") }
        } else if tone && NameCorruptions.switchTonePlacement(&letters) {
            tag("name_tone_placement")
        } else if telex && NameCorruptions.telex(&letters, &aux) {
            tag("name_telex")
        } else if hard.vni && NameCorruptions.vni(&letters, &aux) {
            tag("name_vni")
        }
        if typo && NameCorruptions.typo(&letters, &aux) { tag("name_typo") }
        if caseSpacing && NameCorruptions.caseSpacing(&letters, &aux) { tag("name_case_spacing") }
        if nfd && !noDiacritics && NameCorruptions.hasMarks(letters) {
            VietnameseText.appendNFD(letters, to: &out)
            tag("name_nfd")
        } else {
            VietnameseText.appendNFC(letters, to: &out)
        }
    }

    /// Appends the birth_date as recorded.
    func recordedBirthDate(_ birth: BirthDate, _ rng: inout SplitMix64, _ hard: HardErrors, vaccinatedOn: CivilDate,
                           _ tag: Tag, to out: inout [UInt8]) {
        let p = parameters
        let missing = rng.nextChance(p.dobMissing) && !hard.compound
        let yearOnly = rng.nextChance(p.dobYearOnly)
        let placeholder = rng.nextChance(p.dobPlaceholder)
        let swapped = rng.nextChance(p.dobSwapped)
        let yearOff = rng.nextChance(p.dobYearOff) || hard.compound
        let dmy = rng.nextChance(p.dobDMY)
        let later = rng.unit()
        if missing {
            tag("dob_missing")
            return
        }
        if hard.vaccinationDate && !hard.compound {
            // The date of the dose, typed into the wrong field: nothing of the birth is left.
            let d = BirthDate(year: vaccinatedOn.year, month: vaccinatedOn.month, day: vaccinatedOn.day, precision: .day)
            d.append(to: &out)
            tag("dob_vaccination_date")
            return
        }
        var d = birth
        if hard.shortYear && !hard.compound && d.precision == .day {
            // Typed DD/MM/YY, read back month first where that is a date, years 00-29 in the 2000s.
            let before = d
            if d.day <= 12 { (d.day, d.month) = (d.month, d.day) }
            let short = d.year % 100
            d.year = short < 30 ? 2000 + short : 1900 + short
            if !CivilDate(year: d.year, month: d.month, day: d.day).isValid { d = before }
            if d != before {
                d.append(to: &out)
                tag("dob_short_year")
                return
            }
        }
        if yearOnly && d.precision != .year {
            d.precision = .year
            tag("dob_year_only")
        } else if placeholder && !(d.precision == .day && d.month == 1 && d.day == 1) {
            d = BirthDate(year: d.year, month: 1, day: 1, precision: .day)
            tag("dob_placeholder")
        }
        if swapped && d.precision == .day && d.day <= 12 && d.day != d.month {
            (d.day, d.month) = (d.month, d.day)
            tag("dob_swapped")
        }
        if yearOff {
            let year = d.year + (later < 0.5 ? 1 : -1)
            let valid = d.precision != .day || CivilDate(year: year, month: d.month, day: d.day).isValid
            if valid {
                d.year = year
                tag("dob_year_off")
            }
        }
        if dmy && d.precision == .day {
            RowBytes.digits(UInt64(d.day), width: 2, to: &out)
            out.append(0x2F)
            RowBytes.digits(UInt64(d.month), width: 2, to: &out)
            out.append(0x2F)
            RowBytes.digits(UInt64(d.year), width: 4, to: &out)
            tag("dob_dmy")
        } else {
            d.append(to: &out)
        }
    }
}
