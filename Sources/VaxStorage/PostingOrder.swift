public import VaxCore

/// The order of the entries of one blocking key in a blocking index, and the windows of it
/// that a search reads (store format 3, docs/store-format.md "Blocking indexes").
///
/// Inside a key's run, entries are ordered by the row's *date order*:
///
///     date order = full << 17 | stored birth date      (18 bits)
///
/// with `full` 1 when the registered date has a day and 0 when it is partial (year, or year
/// and month), and the stored date `(year - 1880) << 9 | month << 5 | day` (PackedFields).
/// So the partial dates of a run come first, then its full dates, each ascending; rows of
/// equal date stay in row order. An index entry sorts by `hash << 18 | date order`, which is
/// also what its samples hold.
///
/// A shot's search reads only the dates near the recorded one (`near`): a common name in a
/// national register has thousands of rows per key, of which a handful were born on the
/// recorded date. Every date that `Comparator.compareDate` grades exact, swapped,
/// partialAgree, placeholder or yearOff lies inside the near windows; `far` is the rest of
/// the run, read only when the near rows do not settle the shot.
public enum PostingOrder {
    /// Bits of the date order below the key hash in an index entry's sort key.
    static let bits = 18

    /// The date order of a stored birth date (PackedFields layout).
    @inline(__always)
    static func of(storedDate d: UInt64) -> UInt64 {
        (d & 31 == 0 ? 0 : 1 << 17) | (d & (1 << 17 - 1))
    }

    /// Which part of a key's run a search reads.
    public enum Window: Sendable, Equatable {
        /// The whole run (no recorded birth date).
        case all
        /// The dates near the recorded one.
        case near(PartialDate)
        /// The dates not near the recorded one: the complement of `near` within the run.
        case far(PartialDate)
    }

    /// The date-order ranges of a window, computed once for all the keys a search looks up.
    public struct Ranges: Sendable {
        let ranges: [Range<UInt64>]
        public init(_ window: Window) { ranges = PostingOrder.ranges(window) }
    }

    /// The date-order ranges of `window`, ascending and disjoint.
    static func ranges(_ window: Window) -> [Range<UInt64>] {
        switch window {
        case .all: return [0..<(1 << 18)]
        case .near(let date): return nearRanges(date)
        case .far(let date):
            var out: [Range<UInt64>] = []
            var at: UInt64 = 0
            for r in nearRanges(date) {
                if r.lowerBound > at { out.append(at..<r.lowerBound) }
                at = r.upperBound
            }
            if at < 1 << 18 { out.append(at..<(1 << 18)) }
            return out
        }
    }

    /// The near windows of a recorded date, merged, ascending.
    static func nearRanges(_ date: PartialDate) -> [Range<UInt64>] {
        let full: UInt64 = 1 << 17
        let base = PartialDate.yearRange.lowerBound
        func year(_ y: Int) -> UInt64 { UInt64(max(0, min(255, y - base))) << 9 }
        func point(_ y: Int, _ m: Int, _ d: Int) -> Range<UInt64> {
            guard y >= base, y - base < 256, m >= 1, m <= 12, d >= 1, d <= 31 else { return 0..<0 }
            let v = full | year(y) | UInt64(m) << 5 | UInt64(d)
            return v..<(v + 1)
        }
        let y = date.year
        // Registered partial dates of the three years: compared at the coarser precision,
        // they can be partialAgree, placeholder or yearOff.
        var out: [Range<UInt64>] = [year(y - 1)..<year(y + 2)]
        if let m = date.month, let d = date.day {
            if m == 1 && d == 1 {
                // A recorded 01/01 is a placeholder: any full date of that year is near.
                out += [point(y - 1, 1, 1), (full | year(y))..<(full | year(y + 1)), point(y + 1, 1, 1)]
            } else {
                out += [point(y - 1, m, d), point(y, m, d), point(y, d, m), point(y + 1, m, d)]
            }
        } else {
            // A recorded partial date: every date of the three years is near or yearOnly.
            out.append((full | year(y - 1))..<(full | year(y + 2)))
        }
        out = out.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<UInt64>] = []
        for r in out {
            if let last = merged.last, r.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        return merged
    }
}
