// Run-stopping errors (docs/STYLE.md §3, tier 3). Expected bad rows are values
// (RowIssue), never errors; bugs are preconditions.

/// An error that stops a command, with the context an operator needs to act.
///
/// The CLI maps `kind` to the exit codes of docs/cli.md in one place (its ExitCodes.swift).
public struct VaxError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, which decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// Bad usage: unknown flag, missing argument (exit 2).
        case usage
        /// Bad input: a file that cannot be used as given (exit 2).
        case badInput
        /// The work ran and found a problem, e.g. a ledger that does not verify (exit 1).
        case problem
        /// An environment fault: disk full, file locked, I/O error (exit 3).
        case environment
        /// A stored file is damaged: checksum or decode failure (exit 3).
        case corruption
    }

    public var kind: Kind
    public var message: String
    /// The file concerned, if any.
    public var file: String?
    /// The physical line of `file` (1-based), if any.
    public var line: Int?
    /// The column or field concerned, if any.
    public var field: String?

    public init(_ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil,
                field: String? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.field = field
    }

    /// `file:line: field 'x': message`, leaving out what is unknown.
    public var description: String {
        var where_ = ""
        if let file { where_ += file }
        if let line { where_ += where_.isEmpty ? "line \(line)" : ":\(line)" }
        if let field { where_ += (where_.isEmpty ? "" : ": ") + "field '\(field)'" }
        return where_.isEmpty ? message : "\(where_): \(message)"
    }
}

extension VaxError.Kind {
    /// Lets `catch VaxError.Kind.corruption` style patterns match.
    public static func ~= (kind: VaxError.Kind, error: any Error) -> Bool {
        (error as? VaxError)?.kind == kind
    }
}
