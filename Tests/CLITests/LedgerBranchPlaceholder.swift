// Placeholder so the ledger branch builds; the owning branch supplies the real tests.
