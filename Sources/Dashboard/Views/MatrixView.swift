import PolicyEngine
import TerminalText
import TerminalUI

/// Every source workload (rows) against every service port (columns), decided by the policy in
/// force: a glyph and a colour per cell, never colour alone. Large meshes are clipped to the
/// screen; `meshdeck matrix` prints them whole.
enum MatrixView {
    static func draw(_ state: AppState, into canvas: inout Canvas, y: Int, width: Int, height: Int, context: RenderContext) {
        let t = context.text(state)
        canvas.box(
            x: 0, y: y, width: width, height: height, title: t.reachability(state.cluster.isPermissive),
            style: Style(.border, bold: true), titleStyle: Style(.title, bold: true, reverse: true), ascii: context.ascii)
        let matrix = state.policy.matrix(sourceLimit: max(0, height - 5), destinationLimit: 40)
        guard !matrix.sources.isEmpty, !matrix.destinations.isEmpty else {
            canvas.put(t.matrixEmpty, x: 2, y: y + 2, style: Style(.muted))
            return
        }
        let rowLabel = min(30, (matrix.sources.map { TextWidth.of($0.description) }.max() ?? 0) + 2)
        let columns = matrix.destinations.map { min(28, TextWidth.of($0.label) + 2) }
        var x = 2 + rowLabel
        for (c, destination) in matrix.destinations.enumerated() where x + columns[c] <= width - 1 {
            canvas.put(destination.label, x: x, y: y + 1, style: Style(.tableHeader, bold: true), maxWidth: columns[c] - 1)
            x += columns[c]
        }
        let g = context.glyphs
        for (r, source) in matrix.sources.enumerated() {
            let row = y + 2 + r
            canvas.put(source.description, x: 2, y: row, style: Style(.body), maxWidth: rowLabel - 1)
            var cx = 2 + rowLabel
            for c in matrix.destinations.indices where cx + columns[c] <= width - 1 {
                let v = matrix.verdict(row: r, column: c)
                canvas.put(
                    v.allowed ? "\(g.check) ." : "\(g.cross) X", x: cx, y: row,
                    style: Style(v.allowed ? .success : .failure, bold: !v.allowed))
                cx += columns[c]
            }
        }
        canvas.put(
            t.matrixLegend(g.check, g.cross),
            x: 2, y: y + height - 2, style: Style(.muted), maxWidth: width - 4)
    }
}
