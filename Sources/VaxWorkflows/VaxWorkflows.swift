// VaxWorkflows: the runs that wire the domain modules together: the match session (store,
// model, key and ledger wiring, resume), the whole run, ingesting population.csv into a
// store, and passport issuing with its journal and recovery. The command-line target
// parses arguments and calls one function of this module; tests call it directly.
// Imports point down only: Matching, Ledger, Passport, Report, Storage, Interchange,
// Crypto, Core. Nothing below imports this module.
