// VaxWorkflows: the runs that wire the domain modules together: the match session (store,
// model, key and ledger wiring, resume), the whole run, the demo, the store, model, key and
// ledger commands' work, and passport issuing with its journal and recovery. The
// command-line target parses arguments and calls one function of this module and maps its
// errors to exit codes; tests call this module directly.
// Imports point down only: Matching, Ledger, Passport, Report, Storage, Interchange,
// Crypto, Core. Nothing below imports this module.

/// The tool's version, recorded in generated files and ledgers and printed by `vaxlink version`.
public let toolVersion = "0.1.0"

extension String {
    /// The string followed by spaces up to `width` characters, or by one space if it is
    /// already that long: the column layout of the commands' text output.
    package func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
