// The audit ledger (issue 5).
