import Synchronization

/// Faults that tests inject into the `Sys` layer: "the next write under this folder fails
/// with ENOSPC". A fault applies only to paths under its folder, so tests running side by
/// side in one process do not see each other's faults. With no fault armed, each checked
/// call costs one atomic load.
package enum SyscallFaults {
    /// The calls a fault can be injected into.
    package enum Call: Sendable, Equatable {
        case open, read, write, fsync, rename, link
    }

    struct Rule {
        var call: Call
        var folder: String
        var code: Int32
        /// Matching calls let through before the fault fires.
        var skip: Int
    }

    private static let armed = Atomic<Int>(0)
    private static let rules = Protected<[Int: Rule]>([:])
    private static let nextID = Atomic<Int>(1)

    /// Makes `call` on any path under `folder` fail with `code` (ENOSPC, EIO, ...) after
    /// `skip` matching calls succeed, while `body` runs.
    package static func inject<T>(
        _ code: Int32, into call: Call, under folder: String, skip: Int = 0, _ body: () throws -> T
    ) rethrows -> T {
        let id = nextID.add(1, ordering: .relaxed).oldValue
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        rules.withLock { $0[id] = Rule(call: call, folder: prefix, code: code, skip: skip) }
        armed.add(1, ordering: .sequentiallyConsistent)
        defer {
            rules.withLock { _ = $0.removeValue(forKey: id) }
            armed.subtract(1, ordering: .sequentiallyConsistent)
        }
        return try body()
    }

    /// The errno to fail `call` on `path` with, if a fault is armed for it.
    static func check(_ call: Call, _ path: String) -> Int32? {
        guard armed.load(ordering: .relaxed) > 0 else { return nil }
        return rules.withLock { rules in
            for (id, rule) in rules where rule.call == call && path.hasPrefix(rule.folder) {
                if rule.skip > 0 {
                    rules[id]!.skip -= 1
                    return nil
                }
                return rule.code
            }
            return nil
        }
    }
}
