import VaxCore
import VaxNames

/// The fields a row's blocking keys are made of: folded name tokens, birth date, province.
/// The builder has them in columns; the store reads them from a shard on demand, so that
/// an index search reads only the fields the key uses.
protocol BlockingKeyFields {
    /// The folded token ID of `part`.
    func foldedToken(_ part: NamePart) -> UInt32
    /// The birth date as registered.
    var birthDate: PartialDate { get }
    /// The province of permanent residence.
    var provinceCode: Int { get }
}
