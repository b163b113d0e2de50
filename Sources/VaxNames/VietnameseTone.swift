/// The six tones of Vietnamese; raw values are the packed-letter encoding.
public enum VietnameseTone: UInt8, Sendable, CaseIterable {
    /// ngang: no mark.
    case none = 0
    /// huyền: U+0300.
    case grave = 1
    /// sắc: U+0301.
    case acute = 2
    /// hỏi: U+0309.
    case hook = 3
    /// ngã: U+0303.
    case tilde = 4
    /// nặng: U+0323.
    case dotBelow = 5

    /// The combining mark, e.g. U+0301 for sắc; 0 for none.
    public var combiningMark: UInt32 {
        switch self {
        case .none: return 0
        case .grave: return 0x300
        case .acute: return 0x301
        case .hook: return 0x309
        case .tilde: return 0x303
        case .dotBelow: return 0x323
        }
    }

    /// The Telex key that types it: f s r x j; nil for none.
    public var telexKey: UInt8? {
        switch self {
        case .none: return nil
        case .grave: return UInt8(ascii: "f")
        case .acute: return UInt8(ascii: "s")
        case .hook: return UInt8(ascii: "r")
        case .tilde: return UInt8(ascii: "x")
        case .dotBelow: return UInt8(ascii: "j")
        }
    }
}
