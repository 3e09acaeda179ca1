/// The few symbols the views use, in UTF-8 or ASCII (when the locale is not UTF-8).
package struct Glyphs: Sendable {
    /// ✔: something went through, a check passed.
    package var check: String
    /// ✘: something was refused, a check failed.
    package var cross: String
    package var arrow: String
    /// ▸: the selected row.
    package var pointer: String

    package static let unicode = Glyphs(check: "✔", cross: "✘", arrow: "→", pointer: "▸")
    package static let ascii = Glyphs(check: "+", cross: "x", arrow: "->", pointer: ">")
}
