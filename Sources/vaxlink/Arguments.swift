import VaxCore

/// The arguments of one command, consumed as the command reads them; what is left
/// over at `finish()` is a usage error.
struct Arguments {
    private(set) var remaining: [String]
    /// The command's name for messages, e.g. "store build".
    let command: String

    init(_ arguments: [String], command: String) {
        self.remaining = arguments
        self.command = command
    }

    /// Whether the user asked for help.
    var wantsHelp: Bool { remaining.contains("--help") || remaining.contains("-h") }

    /// Removes `--name` and reports whether it was there.
    mutating func flag(_ name: String) -> Bool {
        guard let index = remaining.firstIndex(of: "--" + name) else { return false }
        remaining.remove(at: index)
        return true
    }

    /// Removes `--name VALUE` or `--name=VALUE` and returns VALUE.
    mutating func option(_ name: String) throws -> String? {
        let flag = "--" + name
        if let index = remaining.firstIndex(of: flag) {
            guard index + 1 < remaining.count, !remaining[index + 1].hasPrefix("--") else {
                throw VaxError(.usage, "\(command): \(flag) needs a value")
            }
            let value = remaining[index + 1]
            remaining.removeSubrange(index...(index + 1))
            return value
        }
        if let index = remaining.firstIndex(where: { $0.hasPrefix(flag + "=") }) {
            let value = String(remaining[index].dropFirst(flag.count + 1))
            remaining.remove(at: index)
            return value
        }
        return nil
    }

    /// Like `option`, but missing is a usage error.
    mutating func required(_ name: String) throws -> String {
        guard let value = try option(name) else {
            throw VaxError(.usage, "\(command): missing --\(name) (see 'vaxlink \(command) --help')")
        }
        return value
    }

    /// An integer option within `range`, or `defaultValue` when absent.
    mutating func integer(_ name: String, default defaultValue: Int? = nil,
                          in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int? {
        guard let text = try option(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw VaxError(.usage, "\(command): --\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return value
    }

    /// The next positional argument, or a usage error naming `what`.
    mutating func positional(_ what: String) throws -> String {
        guard let index = remaining.firstIndex(where: { !$0.hasPrefix("--") }) else {
            throw VaxError(.usage, "\(command): missing \(what) (see 'vaxlink \(command) --help')")
        }
        return remaining.remove(at: index)
    }

    /// Fails on anything not consumed.
    func finish() throws {
        if let extra = remaining.first {
            throw VaxError(.usage, "\(command): unexpected argument '\(extra)' (see 'vaxlink \(command) --help')")
        }
    }
}

/// The `--threads` option shared by parallel commands: default all cores.
extension Arguments {
    mutating func threads() throws -> Int {
        try integer("threads", default: processorCount, in: 1...1024)!
    }
}

/// Options that take several values: `--name A B C` (up to the next `--` option), repeatable.
extension Arguments {
    mutating func list(_ name: String) throws -> [String] {
        var values: [String] = []
        while let index = remaining.firstIndex(of: "--" + name) {
            var end = index + 1
            while end < remaining.count && !remaining[end].hasPrefix("--") { end += 1 }
            guard end > index + 1 else { throw VaxError(.usage, "\(command): --\(name) needs a value") }
            values += remaining[(index + 1)..<end]
            remaining.removeSubrange(index..<end)
        }
        return values
    }
}
