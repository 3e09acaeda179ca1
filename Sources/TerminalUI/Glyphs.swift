/// The few symbols the views use, in UTF-8 or ASCII (when the locale is not UTF-8).
public struct Glyphs: Sendable {
    /// ✔: something went through, a check passed.
    public var check: String
    /// ✘: something was refused, a check failed.
    public var cross: String
    public var arrow: String
    /// ▸: the selected row.
    public var pointer: String

    public static let unicode = Glyphs(check: "✔", cross: "✘", arrow: "→", pointer: "▸")
    public static let ascii = Glyphs(check: "+", cross: "x", arrow: "->", pointer: ">")
}
