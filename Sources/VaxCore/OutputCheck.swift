#if canImport(Glibc)
    import Glibc
#endif

/// Fails unless every path of `outputs` may be written by a command that reads `inputs`:
/// no output is one of the inputs (the same file under any name: same device and inode),
/// and, unless `force`, no output exists yet (issue 12 finding 10).
/// - Throws: `VaxError(.usage)` naming the output, so the command exits 2 before any work.
public func checkOutputs(_ outputs: [String], inputs: [String], force: Bool) throws {
    func identity(_ path: String) -> (dev_t, ino_t)? {
        var info = stat()
        return stat(path, &info) == 0 ? (info.st_dev, info.st_ino) : nil
    }
    let inputIDs = inputs.compactMap(identity)
    for output in outputs {
        guard let id = identity(output) else { continue }
        if inputIDs.contains(where: { $0 == id }) {
            throw VaxError(.usage, "the output is also an input of this command; choose another path", file: output)
        }
        if !force {
            throw VaxError(.usage, "exists; give --force to replace it", file: output)
        }
    }
}
