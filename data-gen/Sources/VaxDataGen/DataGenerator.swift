import VaxCore

// Writes DIR/population.csv, DIR/shots.csv, DIR/truth.csv (docs/interchange.md) and
// DIR/generator.json. Every row is a pure function of (parameters, its index); the only
// sequential work is cheap bookkeeping (ID serials, the walk over persons and doses). Rows
// are formatted in parallel chunks through mapChunks and written in chunk order, so the
// bytes do not depend on the thread count. Memory: 4 bytes per citizen for serials plus a
// few batches of formatted rows.

/// What a generation produced.
public struct GenerationSummary: Sendable {
    public var citizens: Int
    public var shots: Int
    /// Shots with at least one error tag.
    public var shotsWithErrors: Int
    public var seconds: Double
}

/// The data generator.
public struct DataGenerator: Sendable {
    public let parameters: GeneratorParameters

    /// Citizens or shots formatted per batch; each batch is split into chunks for the cores.
    static let batchSize = 1 << 18
    /// Shots are shuffled within windows of this many.
    static let windowSize = 1 << 16
    static let populationHeader = "citizen_id,legacy_id,full_name,birth_date,sex,province_code\n"

    public init(parameters: GeneratorParameters) {
        self.parameters = parameters
    }

    /// Generates the data set into `directory` (created if needed).
    /// - Parameters:
    ///   - threads: formatting threads; the output does not depend on it.
    ///   - quiet: no progress lines on stderr.
    /// - Throws: VaxError(.usage) for impossible parameters, VaxError(.environment) on I/O faults.
    public func generate(into directory: String, threads: Int, quiet: Bool = true) throws -> GenerationSummary {
        let start = monotonicSeconds()
        let p = parameters
        guard p.citizens >= 1, p.shots >= 0 else {
            throw VaxError(.usage, "--citizens must be at least 1 and --shots at least 0")
        }
        try makeDirectory(directory)
        let plan = ProgressReporter(stage: "generate: plan IDs", unit: "citizens", total: p.citizens, quiet: quiet)
        let population = try PopulationModel(count: p.citizens, seed: p.seed) { plan.advance(by: $0) }
        plan.finish()

        // Every file is written whole before any is put in place: a run that fails (disk
        // full) leaves no population.csv without its shots, and no partial file.
        let populationFile = try writePopulation(
            population, to: directory + "/population.csv", threads: threads, quiet: quiet)
        let (withErrors, shotsFile, truthFile) = try writeShots(
            population, directory: directory, threads: threads, quiet: quiet)
        let manifest = try OutputFile(path: directory + "/generator.json")
        try manifest.write(p.json)
        try OutputFile.commitAll([populationFile, shotsFile, truthFile, manifest])
        return GenerationSummary(
            citizens: p.citizens, shots: p.shots, shotsWithErrors: withErrors,
            seconds: monotonicSeconds() - start)
    }

    private func chunks(of range: Range<Int>, threads: Int) -> [Range<Int>] {
        let parts = max(1, min(4 * threads, range.count / 2048))
        return makeChunks(count: range.count, parts: parts).map {
            ($0.lowerBound + range.lowerBound)..<($0.upperBound + range.lowerBound)
        }
    }

    private func writePopulation(_ population: PopulationModel, to path: String, threads: Int, quiet: Bool) throws
        -> OutputFile
    {
        let progress = ProgressReporter(
            stage: "generate: population.csv", unit: "citizens", total: parameters.citizens,
            quiet: quiet)
        let file = try OutputFile(path: path)
        try file.write(DataGenerator.populationHeader)
        var batchStart = 0
        while batchStart < parameters.citizens {
            let batch = batchStart..<min(parameters.citizens, batchStart + DataGenerator.batchSize)
            let parts = mapChunks(chunks(of: batch, threads: threads), threads: threads) { range -> [UInt8] in
                var out: [UInt8] = []
                out.reserveCapacity(range.count * 72)
                for i in range { DataGenerator.appendCitizen(population.citizen(i), population.demography, to: &out) }
                return out
            }
            for part in parts { try file.write(part) }
            progress.advance(by: batch.count)
            batchStart = batch.upperBound
        }
        progress.finish()
        return file
    }

    /// Appends one row of population.csv.
    static func appendCitizen(_ c: Citizen, _ demography: Demography, to out: inout [UInt8]) {
        // safe: register citizens always have an ID
        RowBytes.digits(c.id!.rawValue, width: 12, to: &out)
        out.append(0x2C)
        if let legacy = c.legacyID { RowBytes.digits(UInt64(legacy), width: 9, to: &out) }
        out.append(0x2C)
        c.appendName(to: &out, demography)
        out.append(0x2C)
        c.birth.append(to: &out)
        out.append(0x2C)
        out.append(c.sex == .male ? UInt8(ascii: "M") : UInt8(ascii: "F"))
        out.append(0x2C)
        RowBytes.digits(UInt64(demography.provinceCodes[c.residence]), width: 2, to: &out)
        out.append(0x0A)
    }

    private func writeShots(_ population: PopulationModel, directory: String, threads: Int, quiet: Bool) throws
        -> (Int, OutputFile, OutputFile)
    {
        let progress = ProgressReporter(
            stage: "generate: shots.csv + truth.csv", unit: "shots", total: parameters.shots,
            quiet: quiet)
        let shotsFile = try OutputFile(path: directory + "/shots.csv")
        let truthFile = try OutputFile(path: directory + "/truth.csv")
        try shotsFile.write(ShotFactory.shotsHeader)
        try truthFile.write(ShotFactory.truthHeader)
        let planner = ShotPlanner(population: population, parameters: parameters)
        let factory = ShotFactory(population: population, parameters: parameters)
        let seed = parameters.seed
        var withErrors = 0
        var windowStart = 0
        while windowStart < parameters.shots {
            // A batch of whole windows; slots are planned in dose order, rows come out shuffled.
            let batchEnd = min(parameters.shots, windowStart + DataGenerator.batchSize)
            let slots = try planner.nextSlots(batchEnd - windowStart)
            let base = windowStart
            let parts = mapChunks(chunks(of: 0..<slots.count, threads: threads), threads: threads) {
                range -> ([UInt8], [UInt8], Int) in
                var shots: [UInt8] = []
                var truth: [UInt8] = []
                shots.reserveCapacity(range.count * 130)
                truth.reserveCapacity(range.count * 40)
                var tagged = 0
                var scratch: [UInt8] = []
                scratch.reserveCapacity(96)
                var order: Bijection? = nil
                var orderWindow = -1
                for position in range {
                    let window = position / DataGenerator.windowSize
                    if window != orderWindow {
                        let windowBase = window * DataGenerator.windowSize
                        let length = min(DataGenerator.windowSize, slots.count - windowBase)
                        order = Bijection(
                            count: UInt64(length), seed: seed,
                            stream: Streams.shotOrder &+ UInt64(base + windowBase) << 8)
                        orderWindow = window
                    }
                    // safe: order was set for this window just above
                    let slot =
                        window * DataGenerator.windowSize
                        + Int(order!.apply(UInt64(position % DataGenerator.windowSize)))
                    factory.append(slots[slot], number: base + slot, shots: &shots, truth: &truth, scratch: &scratch)
                    if truth[truth.count - 2] != 0x2C { tagged += 1 }
                }
                return (shots, truth, tagged)
            }
            for part in parts {
                try shotsFile.write(part.0)
                try truthFile.write(part.1)
                withErrors += part.2
            }
            progress.advance(by: slots.count)
            windowStart = batchEnd
        }
        progress.finish()
        return (withErrors, shotsFile, truthFile)
    }
}
