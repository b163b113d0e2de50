// The `qr` suite: how fast an HC1 string becomes a QR code and a PNG image, as
// `passport issue --qr` does it once per certificate. Input: an 800-character "HC1:" + Base45
// string (the size of a real vaccination certificate), pseudo-random from a fixed seed.
// It also times the PNG writer alone on a ready symbol, to split the two costs, against a baseline
// of zlib (level 1, as the writer uses it) compressing the same scanlines: the part of a PNG that is
// not ours to speed up.
import VaxCore
import VaxPassport

func qrBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)
    var random = SplitMix64(seed: 0x0C0D_E45)
    let text = "HC1:" + String(decoding: (0..<796).map { _ in alphabet[random.below(45)] }, as: UTF8.self)
    let count = context.quick ? 200 : 2_000
    let runs = context.quick ? 3 : 5
    let sample = try QRCode.encode(text)
    print(
        "qr: 800-character HC1 → version \(sample.version) (\(sample.size)×\(sample.size)) at level Q, "
            + "mask \(sample.mask), PNG \(sample.pngImage().count) bytes at scale 4")

    let encode = try measure(runs: runs) {
        var modules = 0
        for _ in 0..<count { modules &+= try QRCode.encode(text).size }
        blackHole(modules)
        return count
    }
    let image = try measure(runs: runs) {
        var bytes = 0
        for _ in 0..<count { bytes &+= try QRCode.encode(text).pngImage().count }
        blackHole(bytes)
        return count
    }
    let pngOnly = measure(runs: runs) {
        var bytes = 0
        for _ in 0..<count { bytes &+= sample.pngImage().count }
        blackHole(bytes)
        return count
    }
    // The scanlines of the sample image, recovered from its IDAT chunk (the second chunk, after
    // the 8-byte signature and the 25-byte IHDR chunk).
    let png = sample.pngImage()
    let idatLength = png[33..<37].reduce(0) { $0 << 8 | Int($1) }
    let scanlines = try Zlib.decompress(Array(png[41..<41 + idatLength]))
    let zlibOnly = measure(runs: runs) {
        var bytes = 0
        for _ in 0..<count { bytes &+= Zlib.compress(scanlines, level: 1).count }
        blackHole(bytes)
        return count
    }
    return [
        BenchResult(
            name: "qr.encode 800-char HC1 (Q)", records: encode.records, bytes: nil,
            medianSeconds: encode.median, p90Seconds: encode.p90, threads: 1,
            baselineBytesPerSecond: nil, peakMemoryBytes: peakMemoryBytes()),
        BenchResult(
            name: "qr.png only (scale 4)", records: pngOnly.records, bytes: scanlines.count * count,
            medianSeconds: pngOnly.median, p90Seconds: pngOnly.p90, threads: 1,
            baselineBytesPerSecond: Double(scanlines.count * count) / zlibOnly.median,
            peakMemoryBytes: peakMemoryBytes()),
        BenchResult(
            name: "qr.encode+png 800-char HC1", records: image.records, bytes: nil,
            medianSeconds: image.median, p90Seconds: image.p90, threads: 1,
            baselineBytesPerSecond: nil, peakMemoryBytes: peakMemoryBytes()),
    ]
}
