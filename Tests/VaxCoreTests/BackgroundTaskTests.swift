import Foundation
import Testing
import VaxCore

private struct Failed: Error, Equatable { let code: Int }

/// The caller goes on while the work runs, and `value` hands over what it made.
@Test func theCallerGoesOnWhileTheWorkRunsAndGetsItsValue() throws {
    let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
    let task = BackgroundTask { () -> [Int] in
        started.signal()
        release.wait()  // blocked until the caller, still running, lets it finish
        return Array(0..<1000).map { $0 * $0 }
    }
    started.wait()
    release.signal()
    #expect(try task.value() == Array(0..<1000).map { $0 * $0 })
}

/// The work's error is the caller's, from `value`.
@Test func theWorksErrorIsThrownByValue() throws {
    let task = BackgroundTask { () throws -> Int in throw Failed(code: 7) }
    #expect(throws: Failed(code: 7)) { try task.value() }
}

/// Chunks are shared out as lanes free up, yet the results come back in chunk order.
@Test func chunksComeBackInOrderWhateverLaneMadeThem() {
    let chunks = makeChunks(count: 10_000, parts: 37)
    let sums = mapChunks(chunks, threads: 4) { range in
        // Uneven work: an early chunk is slow, so later ones finish first.
        if range.lowerBound == 0 { usleep(20_000) }
        return range.reduce(0, +)
    }
    let expected: [Int] = chunks.map { range in range.reduce(0, +) }
    #expect(sums == expected)
    #expect(sums.reduce(0, +) == 49_995_000)
}
