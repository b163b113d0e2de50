/// One value per part of a name (family, middle, given): token IDs, byte ranges, texts.
///
/// Replaces three-element tuples and `part == .family ? a : part == .middle ? b : c`
/// chains: read a part with `parts[part]`, change all three with `map`.
public struct NameParts<Value> {
    /// The value of the family name (họ).
    public var family: Value
    /// The value of the middle names (tên đệm).
    public var middle: Value
    /// The value of the given name (tên).
    public var given: Value

    /// The three values, in part order.
    @inlinable
    public init(family: Value, middle: Value, given: Value) {
        self.family = family
        self.middle = middle
        self.given = given
    }

    /// The same value for every part.
    @inlinable
    public static func repeating(_ value: Value) -> NameParts {
        NameParts(family: value, middle: value, given: value)
    }

    /// The value for each part, from `make`.
    @inlinable
    public init(_ make: (NamePart) throws -> Value) rethrows {
        self.init(family: try make(.family), middle: try make(.middle), given: try make(.given))
    }

    /// The value of `part`.
    @inlinable
    public subscript(part: NamePart) -> Value {
        get {
            switch part {
            case .family: return family
            case .middle: return middle
            case .given: return given
            }
        }
        // In place, so that `parts[part].append(x)` does not copy an array per call.
        _modify {
            switch part {
            case .family: yield &family
            case .middle: yield &middle
            case .given: yield &given
            }
        }
    }

    /// Each part's value transformed by `transform`.
    @inlinable
    public func map<T>(_ transform: (Value) throws -> T) rethrows -> NameParts<T> {
        NameParts<T>(family: try transform(family), middle: try transform(middle), given: try transform(given))
    }

    /// The three values in part order.
    @inlinable
    public var values: [Value] { [family, middle, given] }
}

extension NameParts: Sendable where Value: Sendable {}
extension NameParts: Equatable where Value: Equatable {}
extension NameParts: Hashable where Value: Hashable {}
