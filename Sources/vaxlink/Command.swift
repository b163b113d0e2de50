import VaxWorkflows

/// One `vaxlink` subcommand.
protocol Command {
    /// The words that select it, e.g. "store build".
    static var name: String { get }
    /// One line for the command list.
    static var summary: String { get }
    /// The full `--help` text.
    static var help: String { get }
    /// Runs the command; returns the exit code (`ExitCode.success`, or `.problem` when the
    /// work found one). Errors thrown are mapped by `ExitCode.of`.
    static func run(_ arguments: inout Arguments) throws -> Int32
}

/// Every command, in the order `vaxlink --help` lists them.
// nonisolated(unsafe): an immutable list of metatypes, written once at start-up.
nonisolated(unsafe) let allCommands: [any Command.Type] = [
    GenerateCommand.self,
    RunCommand.self,
    DemoCommand.self,
    StoreBuildCommand.self,
    StoreInfoCommand.self,
    StoreLookupCommand.self,
    MatchCommand.self,
    SealCommand.self,
    ModelDefaultCommand.self,
    ModelEstimateCommand.self,
    EvaluateCommand.self,
    KeygenCommand.self,
    LedgerVerifyCommand.self,
    LedgerShowCommand.self,
    LedgerExportCommand.self,
    LedgerCheckpointCommand.self,
    LedgerProveCommand.self,
    LedgerCheckProofCommand.self,
    LedgerWitnessCommand.self,
    LedgerExportTilesCommand.self,
    PassportKeygenCommand.self,
    PassportIssueCommand.self,
    PassportVerifyCommand.self,
    PassportEvaluateCommand.self,
    PassportRevocationsCommand.self,
    ReviewExportCommand.self,
    ReviewSignCommand.self,
    ReviewImportCommand.self,
    ComplaintsImportCommand.self,
    VersionCommand.self,
]

enum VersionCommand: Command {
    static let name = "version"
    static let summary = "Print the tool's version."
    static let help = """
        USAGE: vaxlink version

        Prints the version of vaxlink.
        """
    static func run(_ arguments: inout Arguments) throws -> Int32 {
        try arguments.finish()
        print("vaxlink \(toolVersion)")
        return ExitCode.success
    }
}
