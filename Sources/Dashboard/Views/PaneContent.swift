import TerminalUI

/// What a top pane holds, and how wide it would like to be: the screen's layout sizes the panes
/// to their content (`Constraint.content`), then each pane lays out the lines in view, and only
/// those, to the width it got.
struct PaneContent {
    /// Columns (borders included) to show everything whole.
    var natural: Int
    /// Columns (borders included) below which the pane stops being useful.
    var minimum: Int
    /// Rows the pane would like (every line, unfiltered, so it keeps its size while a filter is
    /// typed), and how many of them matter most (the rest may scroll).
    var rows: Int
    var essentialRows: Int
    /// Lines on top that never scroll (the policies pane's MeshConfig flags).
    var pinned: [(String, Style)] = []
    /// Lines below the pinned ones, as the filter leaves them; they scroll.
    var lineCount: Int
    /// The line of the selection, kept in view, and the first line the state scrolled to.
    var selected = 0
    var scroll = 0
    /// The selection's place among the rows shown (`12/10000` on the border), nil without one.
    var position: (Int, Int)?
    /// What the pane says when the filter leaves nothing.
    var empty: String?
    /// Lines `range` of the scrolling ones, for an inside width.
    var lines: (_ width: Int, _ range: Range<Int>) -> [(String, Style)]

    init(
        natural: Int, minimum: Int, rows: Int, essentialRows: Int, pinned: [(String, Style)] = [], lineCount: Int? = nil,
        selected: Int = 0, scroll: Int = 0, position: (Int, Int)? = nil, empty: String? = nil,
        lines: @escaping (_ width: Int, _ range: Range<Int>) -> [(String, Style)]
    ) {
        self.natural = natural
        self.minimum = minimum
        self.rows = rows
        self.essentialRows = essentialRows
        self.pinned = pinned
        self.lineCount = lineCount ?? max(0, rows - pinned.count)
        self.selected = selected
        self.scroll = scroll
        self.position = position
        self.empty = empty
        self.lines = lines
    }

    /// Scrolling lines a pane of `innerRows` rows shows below the pinned ones.
    func scrollingRows(inner innerRows: Int) -> Int { max(0, innerRows - pinned.count) }

    /// The first scrolling line shown in `rows` rows: the state's scroll, moved as little as it
    /// takes for the selection to be in view, and no further than the last page.
    func firstLine(rows: Int) -> Int {
        var first = max(scroll, selected - rows + 1)
        first = min(first, selected)
        return max(0, min(first, lineCount - rows))
    }
}
