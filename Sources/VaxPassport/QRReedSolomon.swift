// Reed–Solomon error correction as QR Code uses it (ISO/IEC 18004:2015 §7.5.2):
// GF(256) with the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and α = 2; the generator
// of degree n is (x − α^0)(x − α^1)…(x − α^(n−1)); a block's error-correction codewords are the
// remainder of data(x)·x^n divided by the generator.

/// Reed–Solomon encoding over GF(256) for QR Code blocks.
enum QRReedSolomon {
    /// exp[i] = α^i, doubled in length so that exp[log a + log b] needs no reduction mod 255.
    static let exp: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        var value = 1
        for i in 0..<255 {
            table[i] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        for i in 255..<512 { table[i] = table[i - 255] }
        return table
    }()

    /// log[a] for a ≠ 0 (log[0] is unused).
    static let log: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for i in 0..<255 { table[Int(exp[i])] = UInt8(i) }
        return table
    }()

    /// The product of two field elements.
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exp[Int(log[Int(a)]) + Int(log[Int(b)])]
    }

    /// The coefficients of the monic generator polynomial of `degree`, highest power first, without
    /// the leading 1: `degree` values g[0]…g[degree−1] of x^(degree−1)…x^0.
    /// Complexity: O(degree²).
    static func generator(degree: Int) -> [UInt8] {
        precondition(degree >= 1 && degree <= 254, "a Reed–Solomon degree is 1...254")
        // Multiply out (x − α^i) one root at a time; − is + in GF(2^8).
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1  // the constant polynomial 1, stored in the low slot
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                coefficients[j] = multiply(coefficients[j], root)
                if j + 1 < degree { coefficients[j] ^= coefficients[j + 1] }
            }
            root = multiply(root, 2)
        }
        return coefficients
    }

    /// The `generator.count` error-correction codewords of `data`: the remainder of
    /// data(x)·x^n modulo the generator polynomial (as returned by `generator(degree:)`).
    /// Complexity: O(data.count × n).
    static func remainder(of data: ArraySlice<UInt8>, generator: [UInt8]) -> [UInt8] {
        let degree = generator.count
        // Work with the generator in log form: one table lookup per product instead of two.
        let generatorLog = generator.map { Int(log[Int($0)]) }
        var result = [UInt8](repeating: 0, count: degree)
        exp.withUnsafeBufferPointer { exp in
            log.withUnsafeBufferPointer { log in
                result.withUnsafeMutableBufferPointer { rem in
                    for byte in data {
                        let factor = byte ^ rem[0]
                        // Shift the remainder one place, then subtract factor × generator.
                        for j in 1..<degree { rem[j - 1] = rem[j] }
                        rem[degree - 1] = 0
                        guard factor != 0 else { continue }
                        let factorLog = Int(log[Int(factor)])
                        for j in 0..<degree where generator[j] != 0 {
                            // safe: both logs are < 255, so the index is < 510 < exp.count
                            rem[j] ^= exp[factorLog + generatorLog[j]]
                        }
                    }
                }
            }
        }
        return result
    }
}
