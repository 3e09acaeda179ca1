import TerminalText

/// A table fitted to a width, as k9s narrows its views: each column as wide as its widest cell,
/// `gap` spaces apart; when they do not all fit, the first column gives way down to
/// `firstColumnMinimum` (its cells end in `…`), then the least important columns go (the first
/// never does), and only then is the first column cut further.
package struct FittedTable: Sendable {
    package var headers: [String] { didSet { columnWidths = Self.measure(headers, rows) } }
    package var rows: [[String]] { didSet { columnWidths = Self.measure(headers, rows) } }
    /// Per column, how much it matters: higher stays longer.
    package var priorities: [Int]
    package var gap: Int
    /// Columns the first column may be cut to before other columns are dropped (a pod name's
    /// random suffix matters less than READY); nil: not cut before.
    package var firstColumnMinimum: Int?

    package init(headers: [String], rows: [[String]], priorities: [Int], gap: Int = 2, firstColumnMinimum: Int? = nil) {
        self.headers = headers
        self.rows = rows
        self.priorities = priorities
        self.gap = gap
        self.firstColumnMinimum = firstColumnMinimum
        columnWidths = Self.measure(headers, rows)
    }

    /// Columns this important are dropped only when the first column, cut to
    /// `essentialFirstColumn`, still leaves no room for them.
    static let essential = 8
    static let essentialFirstColumn = 8

    /// How much the first column can give before a column is dropped.
    private func slack(_ widths: [Int]) -> Int {
        guard let minimum = firstColumnMinimum, let first = widths.first else { return 0 }
        return max(0, first - minimum)
    }

    /// Each column's widest cell, header included: measured when the cells change, not at each
    /// layout (a pane of 10,000 pods lays out only the rows in view).
    package private(set) var columnWidths: [Int] = []

    private static func measure(_ headers: [String], _ rows: [[String]]) -> [Int] {
        var widths = headers.map { TextWidth.of($0) }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TextWidth.of(cell)) }
        }
        return widths
    }

    /// The width of every column shown whole.
    package var naturalWidth: Int { width(of: Array(headers.indices), columnWidths) }

    /// The width of the columns that matter at least `priority` (and the first), shown whole.
    /// (With the first column cut as far as `firstColumnMinimum` allows.)
    package func width(keeping priority: Int) -> Int {
        let widths = columnWidths
        return width(of: headers.indices.filter { $0 == 0 || priorities[$0] >= priority }, widths) - slack(widths)
    }

    /// The columns shown in `width`: the least important dropped until the rest fit (rightmost
    /// first among equals).
    package func columns(fitting width: Int) -> [Int] {
        let widths = columnWidths
        var kept = Array(headers.indices)
        while self.width(of: kept, widths) - slack(widths) > width, kept.count > 1 {
            let candidates = kept.dropFirst()
            guard let drop = candidates.min(by: { (priorities[$0], -$0) < (priorities[$1], -$1) }) else { break }
            // An essential column (a port, READY) stays while cutting the first column to
            // `essentialFirstColumn` makes room: a cut name still says which row it is, a
            // missing port says nothing.
            let cutFirst = max(0, widths[0] - Self.essentialFirstColumn)
            if priorities[drop] >= Self.essential, self.width(of: kept, widths) - cutFirst <= width { break }
            kept.removeAll { $0 == drop }
        }
        return kept
    }

    /// The header line, then one line per row, at most `width` columns each.
    package func lines(width: Int, ascii: Bool = false) -> [String] {
        lines(width: width, ascii: ascii, header: true, rows: rows.indices)
    }

    /// The header line (if `header`) and the rows `indices` only, laid out as every row is:
    /// the columns keep the widths of the whole table.
    package func lines(width: Int, ascii: Bool = false, header: Bool, rows indices: some Sequence<Int>) -> [String] {
        let all = (header ? [headers] : []) + indices.map { rows[$0] }
        let widths = columnWidths
        let kept = columns(fitting: width)
        // Still too wide: the first column gives way.
        var shown = kept.map { widths[$0] }
        let over = self.width(of: kept, widths) - width
        if over > 0 { shown[0] = max(1, shown[0] - over) }
        return all.map { row in
            var line = ""
            for (k, column) in kept.enumerated() {
                let cell = column < row.count ? row[column] : ""
                if k == kept.count - 1 {
                    line += TextFit.truncate(cell, to: max(1, width - TextWidth.of(line)), ascii: ascii)
                } else {
                    line += TextFit.pad(cell, to: shown[k], ascii: ascii) + String(repeating: " ", count: gap)
                }
            }
            return line
        }
    }

    private func width(of columns: [Int], _ widths: [Int]) -> Int {
        columns.reduce(0) { $0 + widths[$1] } + gap * max(0, columns.count - 1)
    }
}
