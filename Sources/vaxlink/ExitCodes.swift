import VaxCore
import VaxWorkflows

/// The exit codes of docs/cli.md, and the one place that maps errors and reports to them.
enum ExitCode {
    /// The work succeeded.
    static let success: Int32 = 0
    /// The work ran and found a problem (a ledger that does not verify, a floor not met).
    static let problem: Int32 = 1
    /// Bad usage or bad input.
    static let usage: Int32 = 2
    /// An environment fault or a damaged file.
    static let fault: Int32 = 3

    /// The code for an error that stopped a command; anything that is not a `VaxError` is a fault.
    static func of(_ error: any Error) -> Int32 {
        guard let error = error as? VaxError else { return fault }
        switch error.kind {
        case .problem: return problem
        case .usage, .badInput: return usage
        case .environment, .corruption: return fault
        }
    }
}

/// Prints a workflow's report (output on stdout, then diagnostics on stderr) and returns its
/// exit code.
func emit(_ report: WorkflowReport) -> Int32 {
    if let output = report.output { print(output) }
    // Diagnostics may quote input data (header names, a passport's fields): escaped.
    if !report.diagnostics.isEmpty { writeStderr(terminalEscaped(report.diagnostics, keepingLineFeeds: true)) }
    return report.foundProblem ? ExitCode.problem : ExitCode.success
}
