/// What a command's work has to say when it ends: the text for standard output, the text
/// for standard error, and whether the work found a problem.
///
/// Workflows do not exit or print their final answer: the CLI prints `output` then
/// `diagnostics` and maps `foundProblem` to its exit code (1). Progress lines of a long run
/// go to standard error as the run goes, not into this value.
public struct WorkflowReport: Sendable, Equatable {
    /// The text for standard output, without its final line end; nil prints nothing.
    public var output: String?
    /// The text for standard error, each line ending in a line end; empty prints nothing.
    public var diagnostics: String
    /// Whether the work ran and found a problem (a ledger that does not verify, a citizen
    /// not in the store, a quality floor not met).
    public var foundProblem: Bool

    /// A report of `output`, `diagnostics` and whether a problem was found.
    public init(output: String? = nil, diagnostics: String = "", foundProblem: Bool = false) {
        self.output = output
        self.diagnostics = diagnostics
        self.foundProblem = foundProblem
    }
}
