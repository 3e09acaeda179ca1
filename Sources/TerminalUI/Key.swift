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
}
