import TerminalText

/// How a cell looks, in terms every terminal understands; themes map roles to colours.
package struct Style: Sendable, Hashable {
    /// What the text means: the backend maps it to a colour pair (or to nothing, under NO_COLOR).
    package enum Role: UInt8, Sendable, Hashable, CaseIterable {
        case body, border, title, menu, status, tableHeader, selected, success, failure, warning, muted, logText
        /// The border of the pane that has the focus (k9s's frame.border.focusColor). Last, so the
        /// other roles keep their colour-pair numbers.
        case focusBorder
    }
    package var role: Role
    package var bold: Bool
    package var reverse: Bool
    package var underline: Bool

    package init(_ role: Role = .body, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    static let plain = Style()
}

/// One terminal cell. A double-width character occupies its cell and marks the next one as
/// its continuation, so the grid's columns always match the terminal's.
package struct Cell: Sendable, Hashable {
    package var character: Character
    package var style: Style
    /// True for the right half of a double-width character (nothing is drawn there).
    package var isContinuation: Bool

    static let blank = Cell(character: " ", style: .plain, isContinuation: false)
}

/// A grid of cells that views draw into: pure, testable without a terminal. The terminal
/// backend copies it to the screen; tests read it back as text.
package struct Canvas: Sendable, Equatable {
    package private(set) var width: Int
    package private(set) var height: Int
    package private(set) var cells: [Cell]

    package init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// Writing over half of a double-width character blanks its other half, so a box border
    /// or popup drawn across Chinese text never leaves half a character (whose column the
    /// terminal would then misplace).
    package subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            let i = y * width + x
            let old = cells[i]
            if old.isContinuation {
                if !newValue.isContinuation, x > 0 {
                    cells[i - 1] = Cell(character: " ", style: cells[i - 1].style, isContinuation: false)
                }
            } else if x + 1 < width, cells[i + 1].isContinuation {
                cells[i + 1] = Cell(character: " ", style: cells[i + 1].style, isContinuation: false)
            }
            cells[i] = newValue
        }
    }

    /// Writes text at (x, y), clipped to `maxWidth` columns and to the canvas. Control
    /// characters are shown escaped; a double-width character that would be cut in half is
    /// replaced by a space. Returns the number of columns written.
    @discardableResult
    package mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in TextWidth.safe(text) {
            let w = TextWidth.of(character)
            if w == 0 { continue }
            if column + w > limit {
                if column < limit, column >= 0 { self[column, y] = Cell(character: " ", style: style, isContinuation: false) }
                column = limit
                break
            }
            if column >= 0 {
                self[column, y] = Cell(character: character, style: style, isContinuation: false)
                if w == 2, column + 1 < width { self[column + 1, y] = Cell(character: " ", style: style, isContinuation: true) }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// Fills a rectangle with spaces of one style (clipped).
    package mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style) {
        for row in max(0, y)..<min(height, y + h) {
            for col in max(0, x)..<min(width, x + w) {
                self[col, row] = Cell(character: " ", style: style, isContinuation: false)
            }
        }
    }

    /// A box border with an optional title, in UTF-8 line drawing or ASCII.
    package mutating func box(
        x: Int, y: Int, width w: Int, height h: Int, title: String? = nil,
        style: Style, titleStyle: Style, ascii: Bool
    ) {
        guard w >= 2, h >= 2 else { return }
        let (tl, tr, bl, br, hz, vt): (Character, Character, Character, Character, Character, Character) =
            ascii ? ("+", "+", "+", "+", "-", "|") : ("┌", "┐", "└", "┘", "─", "│")
        func set(_ c: Character, _ cx: Int, _ cy: Int) {
            if cx >= 0, cx < width, cy >= 0, cy < height {
                self[cx, cy] = Cell(character: c, style: style, isContinuation: false)
            }
        }
        for i in 1..<(w - 1) { set(hz, x + i, y); set(hz, x + i, y + h - 1) }
        for j in 1..<(h - 1) { set(vt, x, y + j); set(vt, x + w - 1, y + j) }
        set(tl, x, y); set(tr, x + w - 1, y); set(bl, x, y + h - 1); set(br, x + w - 1, y + h - 1)
        if let title, w > 4 { put(" \(title) ", x: x + 2, y: y, style: titleStyle, maxWidth: w - 4) }
    }

    /// The canvas as plain text, one line per row, trailing spaces trimmed: what tests read.
    package var text: String {
        (0..<height).map { row in
            var line = ""
            for col in 0..<width where !self[col, row].isContinuation { line.append(self[col, row].character) }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
