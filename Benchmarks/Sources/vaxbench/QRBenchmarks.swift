// The `qr` suite: how fast an HC1 string becomes a QR code and a PNG image, as
// `passport issue --qr` does it once per certificate. Input: an 800-character "HC1:" + Base45
// string (the size of a real vaccination certificate), pseudo-random from a fixed seed.
// It also times the PNG writer alone on a ready symbol, to split the two costs, beside a baseline
// of zlib (level 1, as the writer uses it) compressing the same scanlines: the part of a PNG that
// is not ours to speed up.
import Foundation
import VaxCore
import VaxPassport

func qrBenchmarks(_ context: BenchContext) throws -> [BenchResult] {
    let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)
    var random = SplitMix64(seed: 0x0C0D_E45)
    let text = "HC1:" + String(decoding: (0..<796).map { _ in alphabet[random.below(45)] }, as: UTF8.self)
    let count = context.quick ? 200 : 2_000
    let runs = context.quick ? 3 : 5
    let sample = try QRCode.encode(text)
    let png = sample.pngImage()
    print(
        "qr: 800-character HC1 → version \(sample.version) (\(sample.size)×\(sample.size)) at level Q, "
            + "mask \(sample.mask), PNG \(png.count) bytes at scale 4")
    // The scanlines of the sample image, recovered from its IDAT chunk (the second chunk, after
    // the 8-byte signature and the 25-byte IHDR chunk).
    let idatLength = png[33..<37].reduce(0) { $0 << 8 | Int($1) }
    let scanlines = try Zlib.decompress(Array(png[41..<41 + idatLength]))

    // The machine is shared: thread CPU time gives the one-core rate that wall time hides when
    // other processes hold the cores (warm-up and timed runs alike are counted, so divide by all).
    var cpuRates: [String] = []
    func timed(_ name: String, _ body: () throws -> Int) rethrows -> (records: Int, median: Double, p90: Double, fastest: Double) {
        let cpu = threadCPUSeconds()
        let result = try measure(runs: runs, body)
        let perRun = (threadCPUSeconds() - cpu) / Double(runs + 1)
        cpuRates.append("\(name) \(formatRate(Double(result.records) / perRun))/s")
        return result
    }
    let encode = try timed("encode") {
        var modules = 0
        for _ in 0..<count { modules &+= try QRCode.encode(text).size }
        blackHole(modules)
        return count
    }
    let pngOnly = timed("png") {
        var bytes = 0
        for _ in 0..<count { bytes &+= sample.pngImage().count }
        blackHole(bytes)
        return count
    }
    let zlibOnly = timed("zlib") {
        var bytes = 0
        for _ in 0..<count { bytes &+= Zlib.compress(scanlines, level: 1).count }
        blackHole(bytes)
        return count
    }
    let image = try timed("encode+png") {
        var bytes = 0
        for _ in 0..<count { bytes &+= try QRCode.encode(text).pngImage().count }
        blackHole(bytes)
        return count
    }
    print("qr: per thread-CPU second: " + cpuRates.joined(separator: ", "))
    return [
        BenchResult(
            name: "qr encode 800-char HC1 (Q)", records: count, bytes: nil,
            medianSeconds: encode.median, p90Seconds: encode.p90, threads: 1,
            peakMemoryBytes: peakMemoryBytes()),
        BenchResult(
            name: "qr png (scale 4)", records: count, bytes: nil,
            medianSeconds: pngOnly.median, p90Seconds: pngOnly.p90, threads: 1),
        BenchResult(
            name: "  baseline: zlib 1 on its scanlines", records: count, bytes: nil,
            medianSeconds: zlibOnly.median, p90Seconds: zlibOnly.p90, threads: 1),
        BenchResult(
            name: "qr encode+png 800-char HC1", records: count, bytes: nil,
            medianSeconds: image.median, p90Seconds: image.p90, threads: 1,
            peakMemoryBytes: peakMemoryBytes()),
    ]
}

/// CPU time consumed by the calling thread, in seconds. C: `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`.
private func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
