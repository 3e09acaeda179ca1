import TerminalUI

/// What a top pane holds, and how wide it would like to be: the screen's layout sizes the panes
/// to their content (`Constraint.content`), then each pane lays its lines out to the width it got.
struct PaneContent {
    /// Columns (borders included) to show everything whole.
    var natural: Int
    /// Columns (borders included) below which the pane stops being useful.
    var minimum: Int
    /// Rows of content it has, and how many of them matter most (the rest may scroll).
    var rows: Int
    var essentialRows: Int
    /// The row to keep in view (the selection).
    var selected = 0
    /// The lines for an inside width.
    var lines: (_ width: Int) -> [(String, Style)]

    init(
        natural: Int, minimum: Int, rows: Int, essentialRows: Int, selected: Int = 0,
        lines: @escaping (_ width: Int) -> [(String, Style)]
    ) {
        self.natural = natural
        self.minimum = minimum
        self.rows = rows
        self.essentialRows = essentialRows
        self.selected = selected
        self.lines = lines
    }
}
