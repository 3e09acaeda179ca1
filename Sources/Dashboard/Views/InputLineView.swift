import TerminalText
import TerminalUI

/// The line being typed (`:` or `/`) in place of the message line, with the cursor as a
/// reverse-video cell; long lines scroll so the cursor stays on screen. Tab's candidates,
/// when there are several, go on the line above.
enum InputLineView {
    static func draw(_ state: AppState, _ mode: InputMode, into canvas: inout Canvas, y: Int, width: Int) {
        let prompt = mode == .command ? ":" : "/"
        let text = state.editor.text
        let cursor = state.editor.cursor
        // Columns up to the cursor; scroll so it fits, with a little context.
        let available = max(1, width - 2)
        var first = 0
        while TextWidth.of(String(text[first..<cursor])) >= available { first += 1 }
        canvas.fill(x: 0, y: y, width: width, height: 1, style: Style(.body))
        var x = canvas.put(prompt, x: 0, y: y, style: Style(.title, bold: true))
        x += canvas.put(String(text[first..<cursor]), x: x, y: y, style: Style(.body), maxWidth: width - x)
        let under = cursor < text.count ? String(text[cursor]) : " "
        let w = canvas.put(under, x: x, y: y, style: Style(.body, reverse: true), maxWidth: width - x)
        if cursor + 1 <= text.count {
            canvas.put(String(text[(cursor + 1)...]), x: x + w, y: y, style: Style(.body), maxWidth: width - x - w)
        }
        // What the filter keeps: the focused top pane's rows, else the log's lines.
        let pane = state.focus.isTop ? Reducer.paneFilter(state, state.focus) : nil
        if mode == .filter, pane.map({ !$0.isEmpty }) ?? state.log.isFiltered {
            let (shown, total) =
                pane != nil
                ? (Reducer.rowCount(state, state.focus), Reducer.totalRows(state, state.focus))
                : (state.log.visibleCount, state.log.count)
            let count = " \(shown)/\(total) "
            let cx = width - TextWidth.of(count)
            if cx > x + w + 1 { canvas.put(count, x: cx, y: y, style: Style(.muted)) }
        }
        if !state.completions.isEmpty, y > 0 {
            let list = " " + state.completions.prefix(40).joined(separator: "  ") + (state.completions.count > 40 ? "  …" : "")
            canvas.fill(x: 0, y: y - 1, width: width, height: 1, style: Style(.menu, reverse: true))
            canvas.put(list, x: 0, y: y - 1, style: Style(.menu, reverse: true), maxWidth: width)
        }
    }
}
