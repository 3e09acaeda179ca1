/// The few symbols the views use, in UTF-8 or ASCII (when the locale is not UTF-8).
package struct Glyphs: Sendable {
    /// ✔: something went through, a check passed.
    package var check: String
    /// ✘: something was refused, a check failed.
    package var cross: String
    package var arrow: String
    /// ▸: the selected row.
    package var pointer: String
    /// …: the end of text cut to fit.
    package var ellipsis: Character
    /// ↑ ↓: more above or below what a scrolled view shows.
    package var up: String
    package var down: String
    /// ↳: the continuation of a log entry on its next row.
    package var continuation: String

    package static let unicode = Glyphs(
        check: "✔", cross: "✘", arrow: "→", pointer: "▸", ellipsis: "…", up: "↑", down: "↓", continuation: "↳")
    package static let ascii = Glyphs(
        check: "+", cross: "x", arrow: "->", pointer: ">", ellipsis: "~", up: "^", down: "v", continuation: ">")
}
