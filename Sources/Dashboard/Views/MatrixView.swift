import PolicyEngine
import TerminalText
import TerminalUI

/// Every source workload (rows) against every service port (columns), decided by the policy in
/// force: a glyph and a colour per cell, never colour alone, and a cell cursor (reverse video,
/// its row and column headers underlined) that `e` explains. Large meshes are clipped to the
/// screen; `meshdeck matrix` prints them whole.
enum MatrixView {
    /// The part of the matrix that fits in `rect`, and where its columns are.
    struct Grid {
        var matrix: ReachabilityMatrix
        var rowLabel: Int
        var columnWidths: [Int]
        /// Destinations that fit across.
        var shownColumns: Int
        var isEmpty: Bool { matrix.sources.isEmpty || shownColumns == 0 }
    }

    static func grid(_ state: AppState, in rect: Rect) -> Grid {
        let matrix = state.policy.matrix(sourceLimit: max(0, rect.height - 5), destinationLimit: 40)
        let rowLabel = min(30, (matrix.sources.map { TextWidth.of($0.description) }.max() ?? 0) + 2)
        let widths = matrix.destinations.map { min(28, TextWidth.of($0.label) + 2) }
        var x = rect.x + 2 + rowLabel
        var shown = 0
        for w in widths where x + w <= rect.maxX - 1 {
            x += w
            shown += 1
        }
        return Grid(matrix: matrix, rowLabel: rowLabel, columnWidths: widths, shownColumns: shown)
    }

    static func draw(_ state: AppState, into canvas: inout Canvas, in rect: Rect, context: RenderContext) {
        let t = context.text(state)
        let (x0, y, width, height) = (rect.x, rect.y, rect.width, rect.height)
        canvas.box(
            x: x0, y: y, width: width, height: height, title: t.reachability(state.cluster.isPermissive),
            style: Style(.focusBorder, bold: true), titleStyle: Style(.title, bold: true, reverse: true), ascii: context.ascii,
            heavy: true)
        let grid = grid(state, in: rect)
        guard !grid.isEmpty else {
            canvas.put(
                t.matrixEmpty, x: x0 + 2, y: y + 2, style: Style(.muted), maxWidth: width - 4, cut: context.glyphs.ellipsis)
            return
        }
        let matrix = grid.matrix
        let cursorRow = min(state.matrixRow, matrix.sources.count - 1)
        let cursorColumn = min(state.matrixColumn, grid.shownColumns - 1)
        var x = x0 + 2 + grid.rowLabel
        for c in 0..<grid.shownColumns {
            let here = c == cursorColumn
            canvas.put(
                matrix.destinations[c].label, x: x, y: y + 1, style: Style(.tableHeader, bold: true, underline: here),
                maxWidth: grid.columnWidths[c] - 1, cut: context.glyphs.ellipsis)
            x += grid.columnWidths[c]
        }
        let g = context.glyphs
        for (r, source) in matrix.sources.enumerated() {
            let row = y + 2 + r
            canvas.put(
                source.description, x: x0 + 2, y: row, style: Style(.body, bold: r == cursorRow, underline: r == cursorRow),
                maxWidth: grid.rowLabel - 1, cut: g.ellipsis)
            var cx = x0 + 2 + grid.rowLabel
            for c in 0..<grid.shownColumns {
                let v = matrix.verdict(row: r, column: c)
                let cursor = r == cursorRow && c == cursorColumn
                canvas.put(
                    v.allowed ? "\(g.check) ." : "\(g.cross) X", x: cx, y: row,
                    style: Style(v.allowed ? .success : .failure, bold: !v.allowed || cursor, reverse: cursor))
                cx += grid.columnWidths[c]
            }
        }
        canvas.put(
            t.matrixLegend(g.check, g.cross), x: x0 + 2, y: y + height - 2, style: Style(.muted), maxWidth: width - 4,
            cut: g.ellipsis)
    }
}
