import Testing
@testable import VaxMatching

// spec: issue 12 finding 1: no token, from a shot or from the register, may cost more than a
// bounded number of typo variants (the deletions grow with the cube of the length).

private func letters(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(ascii: "a") + UInt8($0 % 26) } }

@Test func typoNeighbourGenerationIsBoundedForLongTokens() {
    for n in [33, 64, 65, 256, 1500] {
        let variants = TokenNeighbours.deletions(letters(n))
        let bytes = variants.reduce(0) { $0 + $1.count }
        #expect(variants.count <= 65, "\(n) letters: \(variants.count) variants")
        #expect(bytes <= 64 * 65, "\(n) letters: \(bytes) bytes of variants")
    }
    // The worst token of all: every length gives at most ~500 variants and 16 KB.
    let worst = (3...1500).map { TokenNeighbours.deletions(letters($0)) }.lazy.map { $0.reduce(0) { $0 + $1.count } }.max()!
    #expect(worst <= 16 * 1024, "largest variant set \(worst) bytes")
}

@Test func typoNeighboursOfNameSizedTokensAreUnchanged() {
    // Name parts (up to 32 letters) keep every one- and two-letter deletion.
    for n in [3, 5, 6, 7, 14, 32] {
        let token = letters(n)
        let variants = TokenNeighbours.deletions(token)
        #expect(variants.contains(token))
        #expect(variants.contains(Array(token.dropFirst())))
        if n >= 6 { #expect(variants.contains(Array(token.dropFirst().dropLast())), "\(n) letters lost a two-letter deletion") }
    }
}
