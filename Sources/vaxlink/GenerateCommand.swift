import VaxCore
import VaxWorkflows

/// `vaxlink generate`: a synthetic register, shots and answer key (docs/cli.md "Data").
enum GenerateCommand: Command {
    static let name = "generate"
    static let summary = "Generate a register, shots and an answer key."
    static let help = """
        USAGE: vaxlink generate --citizens N --shots M --seed S --out DIR [--profile standard|hard]
                               [--threads T] [--quiet]

        Writes DIR/population.csv (the register extract), DIR/shots.csv (vaccination records
        as typed at the sites, with realistic errors), DIR/truth.csv (the citizen each shot
        belongs to and the errors applied) and DIR/generator.json (parameters and generator
        version). The same N, M and S give byte-identical files on every machine and for
        every thread count.

        OPTIONS:
          --citizens N   citizens in the register (required, 1 ... 1 000 000 000)
          --shots M      shots to generate (required, 0 ... 1 000 000 000); citizens get 1-4
                         doses (mean 2.7) and children under five none, so M
                         must stay below about 2 x N
          --seed S       the seed, an unsigned 64-bit integer (required)
          --out DIR      the output folder, created if needed (required)
          --profile P    standard (default) or hard: the standard error kinds, some more
                         often, plus compounding errors on one record, lookalikes outside
                         the register, names without the family name or with the given name
                         only, the vaccination date or a 2-digit year in the birth date, a
                         CMND padded to 12 digits (data-gen/README.md); standard output is
                         the same as before the option existed
          --threads T    formatting threads (default: all cores); does not change the output
          --quiet        no progress lines on stderr

        About 0.5 % of shots belong to people outside the register; 35-50 % of shots carry
        one or more errors (default rates: see generator.json).
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let citizens = try arguments.integer("citizens", in: 1...1_000_000_000)
        let shots = try arguments.integer("shots", in: 0...1_000_000_000)
        let seedText = try arguments.option("seed")
        let out = try arguments.option("out")
        let profile = try arguments.option("profile") ?? "standard"
        let threads = try arguments.threads()
        let quiet = arguments.flag("quiet")
        try arguments.finish()
        guard let citizens else {
            throw VaxError(.usage, "generate: missing --citizens (see 'vaxlink generate --help')")
        }
        guard let shots else { throw VaxError(.usage, "generate: missing --shots (see 'vaxlink generate --help')") }
        guard let seedText else { throw VaxError(.usage, "generate: missing --seed (see 'vaxlink generate --help')") }
        guard let seed = UInt64(seedText) else {
            throw VaxError(.usage, "generate: --seed must be an unsigned 64-bit integer, got '\(seedText)'")
        }
        guard let out, !out.isEmpty else {
            throw VaxError(.usage, "generate: missing --out (see 'vaxlink generate --help')")
        }
        return emit(try GenerateData.run(citizens: citizens, shots: shots, seed: seed, out: out, threads: threads, quiet: quiet,
                                         profile: profile))
    }
}
