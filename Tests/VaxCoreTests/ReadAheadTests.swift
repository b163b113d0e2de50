import Foundation
import Testing
import VaxCore

private struct Broken: Error, Equatable { let at: Int }

/// Items arrive in order and complete; the end is nil, and stays nil.
@Test func itemsArriveInOrderAndTheEndIsNil() throws {
    let counter = Protected(0)
    let items = ReadAhead(depth: 3) { () -> Int? in
        counter.withLock { n -> Int? in
            guard n < 1000 else { return nil }
            n += 1
            return n
        }
    }
    var seen: [Int] = []
    while let item = try items.next() { seen.append(item) }
    #expect(seen == Array(1...1000))
    #expect(try items.next() == nil)
    items.close()
}

/// The producer's error is thrown by `next` after the items made before it, and again after.
@Test func theProducersErrorComesAfterTheItemsBeforeIt() throws {
    let counter = Protected(0)
    let items = ReadAhead { () throws -> Int? in
        let n = counter.withLock { n -> Int in n += 1; return n }
        if n == 5 { throw Broken(at: n) }
        return n
    }
    var seen: [Int] = []
    #expect(throws: Broken(at: 5)) { while let item = try items.next() { seen.append(item) } }
    #expect(seen == [1, 2, 3, 4])
    #expect(throws: Broken(at: 5)) { _ = try items.next() }
}

/// Closing early stops a producer that would run for ever, and no item is made after `close`
/// returns: whatever the producer reads may be reused at once.
@Test func closingEarlyStopsTheProducerAndNothingRunsAfterIt() throws {
    let made = Protected(0)
    let items = ReadAhead(depth: 2) { () -> Int? in made.withLock { n -> Int? in n += 1; return n } }
    #expect(try items.next() == 1)
    items.close()
    let afterClose = made.withLock { $0 }
    #expect(afterClose <= 4, "at most the taken item, depth ahead and the one in the making")
    usleep(50_000)
    #expect(made.withLock { $0 } == afterClose)
    items.close()  // a second close is harmless
}
