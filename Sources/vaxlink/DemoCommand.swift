import VaxWorkflows

/// `vaxlink demo`: generated data through the whole pipeline and a passport wave (`DemoRun`).
enum DemoCommand: Command {
    static let name = "demo"
    static let summary = "Generate the default data set and run the whole pipeline on it."
    static let help = """
        USAGE: vaxlink demo [--out DIR] [--citizens N] [--shots M] [--seed S] [--threads T] [--lang vi|en]
                            [--passport-key KEY --passport-cert CERT] [--passports N] [--quiet]

        Generates a register of N citizens (default 1,000,000) and M shots (default 800,000)
        with an answer key into DIR/data (kept and reused for the same N, M, S), runs
        'vaxlink run' on them into DIR (default demo-out), and scores the decisions against
        the answer key: link precision, recall, review rate and per error tag. Then it issues
        vaccine passports ('vaxlink passport issue') for the first N eligible citizens (default
        50,000, which keeps the demo near a minute; 0 for none) into DIR/passports, signed with
        KEY and CERT, or with a throwaway ES256 demo key and self-signed certificate made once
        as DIR/passport-demo.key and DIR/passport-demo.crt (for demonstration only). When the
        ledger already records passports (a second demo run), none are issued again.
        """


    static func run(_ arguments: inout Arguments) throws -> Int32 {
        let demo = DemoRun(
            out: try arguments.option("out") ?? "demo-out",
            citizens: try arguments.integer("citizens", default: 1_000_000, in: 1...200_000_000)!,
            shots: try arguments.integer("shots", default: 800_000, in: 1...200_000_000)!,
            seed: UInt64(try arguments.integer("seed", default: 1, in: 0...Int.max)!), threads: try arguments.threads(),
            language: try reportLanguage(&arguments), passportKeyPath: try arguments.option("passport-key"),
            passportCertificatePath: try arguments.option("passport-cert"),
            passportCount: try arguments.integer("passports", default: 50_000, in: 0...Int.max)!,
            quiet: arguments.flag("quiet"))
        try arguments.finish()
        return try demo.run(emit: { print($0) }) ? ExitCode.success : ExitCode.problem
    }
}
