/// A key press, as the terminal backend reports it. Views and the reducer never see raw codes.
package enum Key: Sendable, Hashable {
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    /// Ctrl plus a letter (`.control("c")`).
    case control(Character)
    case function(Int)
    /// The terminal was resized; the backend has the new size.
    case resize
    /// A click or a turn of the wheel, at a cell of the screen.
    case mouse(MouseEvent)
}

/// What the mouse did, and where (column and row from the top left, 0-based).
package struct MouseEvent: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case press, wheelUp, wheelDown
    }
    package var kind: Kind
    package var x: Int
    package var y: Int

    package init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
