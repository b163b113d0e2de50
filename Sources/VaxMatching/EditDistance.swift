/// The optimal-string-alignment distance (Levenshtein plus adjacent transpositions) between
/// two byte strings, or `limit + 1` as soon as it must exceed `limit`.
///
/// Allocation-free: names are short, the three rolling rows live on the stack.
func editDistance(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, limit: Int) -> Int {
    if abs(a.count - b.count) > limit { return limit + 1 }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    let width = b.count + 1
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows in
        var previous2 = rows.baseAddress!, previous = previous2 + width, current = previous + width
        for j in 0..<width { previous[j] = j; previous2[j] = 0 }
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { v = min(v, previous2[j - 2] + 1) }
                current[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return min(previous[b.count], limit + 1)
    }
}

/// `editDistance` for byte arrays and slices.
func editDistance<A: Collection, B: Collection>(_ a: A, _ b: B, limit: Int) -> Int where A.Element == UInt8, B.Element == UInt8 {
    Array(a).withUnsafeBytes { x in Array(b).withUnsafeBytes { y in editDistance(x, y, limit: limit) } }
}
