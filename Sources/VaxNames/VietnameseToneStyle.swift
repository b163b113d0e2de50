/// The two conventions for placing tone marks.
public enum VietnameseToneStyle: Sendable {
    /// hoà, khoẻ, thuý: the canonical style of vaxlink.
    case modern
    /// hòa, khỏe, thúy.
    case traditional
}
