import Testing
import VaxCore
import VaxTestSupport

@testable import VaxPassport

/// Round trips through an independent decoder: what QRCode draws, zbarimg must read back exactly.
@Suite(
    .enabled(
        if: Zbar.path != nil, "zbarimg is not installed (apt-get install zbar-tools); skipping QR decode round trips"))
struct QRCodeDecodeTests {
    /// The Base45 alphabet, which is QR's alphanumeric set.
    static let base45 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    /// "HC1:" and `count` − 4 pseudo-random Base45 characters, like a real certificate payload.
    static func hc1Like(count: Int, seed: UInt64) -> String {
        var random = makeTestRandom(seed: seed)
        return "HC1:" + String(decoding: (4..<count).map { _ in base45[random.below(45)] }, as: UTF8.self)
    }

    static let texts: [String] = [
        "HELLO WORLD",
        hc1Like(count: 800, seed: 1),
        "Nguyễn Bảo Duy; NGUYEN<BAO<DUY; 1985-03-14; Hà Nội, Việt Nam",
        "https://example.org/verify?id=URN:UVCI:01:VN:ab12#x",
        String(repeating: "Đặng Thị Thu Hương — tiêm mũi 3 ✓ ", count: 8),
    ]

    @Test(arguments: 0..<texts.count)
    func decodesExactlyAtEveryLevel(textIndex: Int) throws {
        let text = Self.texts[textIndex]
        var images: [[UInt8]] = []
        for level in QRErrorCorrection.allCases {
            let code = try QRCode.encode(text, level: level)
            #expect(code.errorCorrection == level)
            #expect(code.mode == (textIndex <= 1 ? .alphanumeric : .byte))
            images.append(code.pngImage())
        }
        #expect(try Zbar.decode(pngs: images) == Array(repeating: text, count: 4))
    }

    @Test(arguments: 1...40)
    func everyVersionAndLevelDecodes(version: Int) throws {
        // The longest HC1-like text that still fits the version at each level: this exercises
        // every entry of the block table, which a wrong split would make undecodable.
        var texts: [String] = []
        var images: [[UInt8]] = []
        for level in QRErrorCorrection.allCases {
            let capacity = QRVersionTable.layout(version: version, level: level).dataCodewords * 8
            let countBits = QRMode.alphanumeric.countBits(version: version)
            let characters = (capacity - 4 - countBits) / 11 * 2 + ((capacity - 4 - countBits) % 11 >= 6 ? 1 : 0)
            let text = Self.hc1Like(count: characters, seed: UInt64(version * 4 + level.tableIndex))
            let code = try QRCode.encode(text, level: level)
            #expect(code.version == version, "level \(level)")
            texts.append(text)
            images.append(code.pngImage(scale: 2))
        }
        #expect(try Zbar.decode(pngs: images) == texts)
    }

    @Test func everyMaskDecodes() throws {
        let text = Self.hc1Like(count: 120, seed: 99)
        var images: [[UInt8]] = []
        for mask in 0..<8 {
            let code = try QRCode.encode(Array(text.utf8), level: .quartile, forcedMask: mask)
            #expect(code.mask == mask)
            images.append(code.pngImage())
        }
        #expect(try Zbar.decode(pngs: images) == Array(repeating: text, count: 8))
    }
}
