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
        // Multiply out (x − α^i) one root at a time (− is + in GF(2^8)), starting from 1 in the
        // last slot: each step multiplies every coefficient by the root and adds in its lower
        // neighbour, which is the coefficient that the x factor shifts up into this slot.
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
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

    /// Bytes per row of a product table: the largest degree, rounded up to whole 8-byte words.
    private static let productStride = 32

    /// For each degree QR Code uses (≤ 30, indexed by degree; empty where unused): the products of
    /// every byte value with the generator's coefficients, 256 rows of `productStride` bytes (zero
    /// past the degree), so that a division step XORs one row in, 8 bytes at a time. About 100 KB
    /// in all, built once.
    private static let productTables: [[UInt8]] = {
        let used = Set(QRVersionTable.eccPerBlock.joined().filter { $0 > 0 })
        return (0...30).map { degree in
            guard used.contains(degree) else { return [] }
            let coefficients = generator(degree: degree)
            var table = [UInt8](repeating: 0, count: 256 * productStride)
            for factor in 0..<256 {
                for j in 0..<degree { table[factor * productStride + j] = multiply(UInt8(factor), coefficients[j]) }
            }
            return table
        }
    }()

    /// The `degree` error-correction codewords of `data`: the remainder of data(x)·x^degree modulo
    /// the generator polynomial of that degree (one of QR Code's block sizes).
    /// Complexity: O(data.count × degree / 8).
    static func remainder(of data: ArraySlice<UInt8>, degree: Int) -> [UInt8] {
        let products = productTables[degree]
        precondition(!products.isEmpty, "not an error-correction block size of QR Code")
        // Synthetic division in place: the data followed by `degree` zeros (and slack for the
        // 8-byte steps); each leading coefficient, once final, subtracts its multiple of the
        // generator from the terms after it. Product bytes past the degree are zero, so the
        // slack XORs leave every term they reach unchanged.
        var buffer = Array(data)
        buffer.append(contentsOf: repeatElement(0, count: productStride + 1))
        let count = data.count
        let words = (degree + 7) / 8
        products.withUnsafeBytes { products in
            buffer.withUnsafeMutableBytes { terms in
                for i in 0..<count {
                    // safe: the row ends at (factor + 1) × productStride ≤ products.count, and
                    // i + 1 + 8 × words ≤ count + 1 + productStride = terms.count
                    let row = Int(terms[i]) * productStride
                    for w in 0..<words {
                        let term = terms.loadUnaligned(fromByteOffset: i + 1 + w * 8, as: UInt64.self)
                        let product = products.loadUnaligned(fromByteOffset: row + w * 8, as: UInt64.self)
                        terms.storeBytes(of: term ^ product, toByteOffset: i + 1 + w * 8, as: UInt64.self)
                    }
                }
            }
        }
        return Array(buffer[count..<count + degree])
    }
}
