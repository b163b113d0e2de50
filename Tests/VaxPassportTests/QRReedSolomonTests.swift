import Testing
import VaxCore
import VaxTestSupport

@testable import VaxPassport

@Suite struct QRReedSolomonTests {
    @Test func fieldTablesAreInverse() {
        #expect(QRReedSolomon.exp[0] == 1 && QRReedSolomon.exp[8] == 0x1D)  // α^8 = x^4+x^3+x^2+1
        for value in 1...255 {
            #expect(Int(QRReedSolomon.exp[Int(QRReedSolomon.log[value])]) == value)
        }
        #expect(QRReedSolomon.multiply(0x53, 0xCA) == QRReedSolomon.multiply(0xCA, 0x53))
        #expect(QRReedSolomon.multiply(0x80, 2) == 0x1D)
    }

    @Test func generatorOfDegree7HasTheTabulatedExponents() {
        // ISO/IEC 18004 Annex A: g(x) = x^7 + α^87 x^6 + α^229 x^5 + α^146 x^4 + α^149 x^3
        // + α^238 x^2 + α^102 x + α^21.
        let logs = QRReedSolomon.generator(degree: 7).map { QRReedSolomon.log[Int($0)] }
        #expect(logs == [87, 229, 146, 149, 238, 102, 21])
    }

    @Test func annexIExampleVersion1M() {
        // ISO/IEC 18004 Annex I: "01234567" at 1-M, numeric mode; its 16 data codewords and the
        // 10 error-correction codewords the standard prints for them.
        let data: [UInt8] = [
            0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
        ]
        let ecc = QRReedSolomon.remainder(of: data[...], degree: 10)
        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test func helloWorldVersion1MAnd1Q() {
        // The widely documented "HELLO WORLD" examples: data codewords and their ECC codewords.
        let data1M = QRDataEncoding.dataCodewords(
            Array("HELLO WORLD".utf8), mode: .alphanumeric, version: 1, level: .medium)
        #expect(data1M == [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17])
        let ecc1M = QRReedSolomon.remainder(of: data1M[...], degree: 10)
        #expect(ecc1M == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])

        let data1Q = QRDataEncoding.dataCodewords(
            Array("HELLO WORLD".utf8), mode: .alphanumeric, version: 1, level: .quartile)
        #expect(data1Q == [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236])
        let ecc1Q = QRReedSolomon.remainder(of: data1Q[...], degree: 13)
        #expect(ecc1Q == [168, 72, 22, 82, 217, 54, 156, 0, 46, 15, 180, 122, 16])
    }

    @Test func remainderMakesACodewordDivisibleByTheGenerator() {
        // data ‖ ecc is a multiple of g(x), so it vanishes at every root α^0 … α^(n−1).
        var random = makeTestRandom(seed: 7)
        for degree in [7, 10, 13, 22, 30] {
            let data = (0..<40).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let codeword = data + QRReedSolomon.remainder(of: data[...], degree: degree)
            for root in 0..<degree {
                var value: UInt8 = 0
                for c in codeword { value = QRReedSolomon.multiply(value, QRReedSolomon.exp[root]) ^ c }
                #expect(value == 0, "degree \(degree), root α^\(root)")
            }
        }
    }
}
