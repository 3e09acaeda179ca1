import TerminalUI

/// Turns the canvases the dashboard draws into the terminal output that reproduces them
/// (cursor moves, SGR attributes and colours, UTF-8 text), for recordings: a cast replays
/// exactly the frames the user saw, whatever terminal drew them live.
///
/// Only rows that changed since the previous frame are written; the first frame and any
/// size change clear the screen and write everything.
package struct AnsiFrameEncoder: Sendable {
    private var previous: Canvas?
    /// Colours per role; nil writes attributes only (as NO_COLOR does).
    var palette: Palette?

    init(palette: Palette?) {
        self.palette = palette
    }

    /// A new palette repaints everything on the next frame.
    mutating func setPalette(_ palette: Palette?) {
        self.palette = palette
        previous = nil
    }

    mutating func encode(_ canvas: Canvas) -> String {
        var out = ""
        let full = previous.map { $0.width != canvas.width || $0.height != canvas.height } ?? true
        if full { out += "\u{1B}[0m\u{1B}[2J" }
        for row in 0..<canvas.height {
            if !full, let previous, rowEqual(previous, canvas, row) { continue }
            out += "\u{1B}[\(row + 1);1H"
            var current: Style?
            for col in 0..<canvas.width {
                let cell = canvas[col, row]
                if cell.isContinuation { continue }
                if cell.style != current {
                    out += sgr(cell.style)
                    current = cell.style
                }
                // Canvas.put already escaped control characters; this is a second guard.
                let c = cell.character
                out +=
                    c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) })
                    ? String(c) : "?"
            }
            out += "\u{1B}[0m"
        }
        previous = canvas
        return out
    }

    private func rowEqual(_ a: Canvas, _ b: Canvas, _ row: Int) -> Bool {
        let start = row * a.width
        return a.cells[start..<(start + a.width)] == b.cells[start..<(start + b.width)]
    }

    /// Reset, then the attributes and colours of one style.
    func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if let pair = palette?.pairs[style.role] {
            codes += Self.color(pair.foreground, foreground: true)
            codes += Self.color(pair.background, foreground: false)
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// curses colour numbers as SGR: -1 default, 0–7 basic, 8–15 bright, 16–255 the cube.
    static func color(_ n: Int16, foreground: Bool) -> [String] {
        switch n {
        case ..<0: return []
        case 0..<8: return ["\((foreground ? 30 : 40) + Int(n))"]
        case 8..<16: return ["\((foreground ? 90 : 100) + Int(n) - 8)"]
        default: return [foreground ? "38" : "48", "5", "\(min(Int(n), 255))"]
        }
    }
}
