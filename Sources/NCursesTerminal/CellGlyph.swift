import CNCurses
import TerminalUI

/// How one canvas cell becomes an ncurses cell: its characters and its attributes.
enum CellGlyph {
    /// Room for what `setcchar` takes: a spacing character, its combining marks, and a NUL.
    static let capacity = Int(CCHARW_MAX) + 1

    /// Writes `character` into `buffer` (of `capacity` elements) as the NUL-terminated wide
    /// string `setcchar` wants. The canvas escapes control characters already; any that gets
    /// through anyway becomes "?", because written raw it would move the cursor or change the
    /// terminal's state. Outside a UTF-8 locale ncurses shows other characters as blanks, so
    /// `ascii` turns them into "?" too: text never vanishes silently. Marks beyond what a cell
    /// holds are dropped.
    static func write(_ character: Character, ascii: Bool, into buffer: UnsafeMutableBufferPointer<wchar_t>) {
        var count = 0
        for scalar in character.unicodeScalars.prefix(capacity - 1) {
            let value = scalar.value
            let isControl = value < 0x20 || (0x7F..<0xA0).contains(value)
            buffer[count] = wchar_t(bitPattern: isControl || (ascii && value > 0x7E) ? 0x3F : value)
            count += 1
        }
        buffer[count] = 0
    }

    /// Bold, reverse and underline: they carry meaning even without colour (NO_COLOR).
    static func attributes(_ style: Style) -> attr_t {
        var attributes = meshdeck_a_normal()
        if style.bold { attributes |= meshdeck_a_bold() }
        if style.reverse { attributes |= meshdeck_a_reverse() }
        if style.underline { attributes |= meshdeck_a_underline() }
        return attributes
    }

    /// The colour pair `apply(_:)` set up for a role: pair 0 is curses' fixed default pair.
    static func pair(_ role: Style.Role) -> Int16 { Int16(role.rawValue) + 1 }
}
