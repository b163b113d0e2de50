import VaxCore

/// Merges CSV files whose data lines are each in ascending order of a row key into one
/// file in ascending key order: how a run puts its late decisions back into input order,
/// and how `seal` merges the partitions' decisions.csv into the single run's.
///
/// Each input is a header line and data lines (a line ends at a newline outside quotes);
/// the output is the first input's header and every data line, byte for byte.
public enum RowMerge {
    /// One input file and the row key of each of its data lines, in order.
    public struct Input: Sendable {
        public var path: String
        public var keys: [UInt64]
        public init(path: String, keys: [UInt64]) {
            self.path = path
            self.keys = keys
        }
    }

    /// Writes the merge of `inputs` to `output` (atomically, at commit).
    /// - Throws: `VaxError(.problem)` when an input's headers differ, its line count differs
    ///   from its keys, or its keys are not ascending or repeat across inputs;
    ///   `.environment` for I/O faults.
    /// - Complexity: O(total bytes + lines · log inputs).
    public static func merge(_ inputs: [Input], into output: String) throws {
        precondition(!inputs.isEmpty, "at least one input")
        let files = try inputs.map { try MappedFile(path: $0.path) }
        var lines: [[Range<Int>]] = []
        var header: [UInt8]? = nil
        for (n, file) in files.enumerated() {
            var ranges = splitLines(file.bytes)
            guard !ranges.isEmpty else { throw VaxError(.problem, "\(inputs[n].path): no header line") }
            let head = Array(file.bytes[ranges.removeFirst()])
            if let header, header != head { throw VaxError(.problem, "\(inputs[n].path): its header differs from \(inputs[0].path)'s") }
            header = head
            guard ranges.count == inputs[n].keys.count else {
                throw VaxError(.problem, "\(inputs[n].path): \(ranges.count) lines but \(inputs[n].keys.count) row keys")
            }
            for i in inputs[n].keys.indices.dropFirst() where inputs[n].keys[i - 1] >= inputs[n].keys[i] {
                throw VaxError(.problem, "\(inputs[n].path): row keys not ascending at line \(i + 2)")
            }
            lines.append(ranges)
        }
        let out = try OutputFile(path: output)
        try out.write(header!)
        // A binary min-heap of (key, input) over each input's next line.
        var next = [Int](repeating: 0, count: inputs.count)
        var heap: [(key: UInt64, input: Int)] = []
        func push(_ e: (key: UInt64, input: Int)) {
            heap.append(e)
            var i = heap.count - 1
            while i > 0, heap[(i - 1) / 2].key > heap[i].key { heap.swapAt(i, (i - 1) / 2); i = (i - 1) / 2 }
        }
        func pop() -> (key: UInt64, input: Int) {
            let top = heap[0]
            heap[0] = heap[heap.count - 1]
            heap.removeLast()
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && heap[l].key < heap[m].key { m = l }
                if r < heap.count && heap[r].key < heap[m].key { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
            return top
        }
        for n in inputs.indices where !inputs[n].keys.isEmpty { push((inputs[n].keys[0], n)) }
        var previous: UInt64? = nil
        while !heap.isEmpty {
            let (key, n) = pop()
            if let previous, previous == key { throw VaxError(.problem, "row key \(key) appears in two inputs") }
            previous = key
            try out.write(UnsafeRawBufferPointer(rebasing: files[n].bytes[lines[n][next[n]]]))
            next[n] += 1
            if next[n] < inputs[n].keys.count { push((inputs[n].keys[next[n]], n)) }
        }
        try out.commit()
    }

    /// The byte ranges of the lines of `bytes`, each with its newline; a newline inside a
    /// quoted field does not end a line.
    package static func splitLines(_ bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0, quoted = false
        for i in 0..<bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { quoted.toggle() } else if b == 0x0A && !quoted {
                ranges.append(start..<(i + 1))
                start = i + 1
            }
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    /// Reads a row-key file: little-endian UInt64s (`writeKeys`).
    /// - Throws: `VaxError(.problem)` when its size is not a multiple of 8.
    public static func readKeys(path: String) throws -> [UInt64] {
        let file = try MappedFile(path: path)
        guard file.bytes.count % 8 == 0 else { throw VaxError(.problem, "\(path): not a whole number of 8-byte row keys") }
        return (0..<(file.bytes.count / 8)).map { UInt64(littleEndian: file.bytes.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
    }

    /// Writes row keys as little-endian UInt64s.
    public static func writeKeys(_ keys: [UInt64], path: String) throws {
        let out = try OutputFile(path: path)
        var bytes = [UInt8]()
        bytes.reserveCapacity(keys.count * 8)
        for k in keys { withUnsafeBytes(of: k.littleEndian) { bytes.append(contentsOf: $0) } }
        try out.write(bytes)
        try out.commit()
    }
}
