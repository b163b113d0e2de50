/// The permission bits vaxlink creates files with (the operator's umask may only remove
/// bits). spec: docs/interchange.md "File modes".
public enum FileMode {
    /// Private keys: the owner only.
    public static let secret: UInt32 = 0o600
    /// Personal data (decisions, review, rejects, passports, stores, journals): the owner
    /// and the owner's group read; nobody else.
    public static let personal: UInt32 = 0o640
    /// Files meant for anyone: public keys, certificates.
    public static let shared: UInt32 = 0o644
}
