/// Which error kinds the generator makes.
public enum GeneratorProfile: String, Sendable, Equatable, CaseIterable {
    /// The error kinds and rates of generator version 1; output byte-identical to it.
    case standard
    /// The standard kinds, some more often, plus the kinds of `HardErrorRates`.
    case hard
}
