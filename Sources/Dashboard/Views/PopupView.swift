import TerminalText
import TerminalUI

/// A box over the middle of the screen, the rest dimmed behind it. Its lines wrap with a
/// hanging indent; the pinned ones stay on top, under them a rule, and the others scroll
/// (`↑ ↓ PgUp PgDn`), with `↓ 12 more` on the bottom border while some are out of view.
enum PopupView {
    struct Layout {
        var rect: Rect
        var title: String
        var pinned: [(String, Style)]
        var body: [(String, Style)]
        /// Rows of `body` on screen at once.
        var bodyRows: Int
        var maximumScroll: Int { max(0, body.count - bodyRows) }
    }

    /// At most this many columns of text: longer lines wrap (a 190-column line is hard to read).
    static let widestText = 110

    static func lines(_ popup: Popup, width: Int, text t: UIText) -> (title: String, lines: [PopupLine]) {
        switch popup {
        case .help:
            return (t.helpTitle, KeyBindings.helpLines(text: t, width: width))
        case .explain(let title, let lines):
            return (title, lines)
        case .confirmDelete(let kind, let key):
            let command = PopupLine("kubectl delete \(kind.kubectlName) \(key.name) -n \(key.namespace)")
            return (t.deleteTitle, [command, "", PopupLine(t.deleteKeys)])
        case .confirmGuideReset:
            return (t.resetTitle, t.resetLines.map { PopupLine($0) } + ["", PopupLine(t.resetKeys)])
        }
    }

    static func layout(_ popup: Popup, width: Int, height: Int, context: RenderContext, text t: UIText) -> Layout {
        let room = max(10, min(widestText, width - 8))
        let (title, given) = lines(popup, width: room, text: t)
        let longest = given.map { TextWidth.of($0.text) }.max() ?? 0
        // The title too: describe's and YAML's are the kubectl command that prints the same.
        let textWidth = min(room, max(36, longest, TextWidth.of(title) + 2))
        func wrapped(_ line: PopupLine) -> [(String, Style)] {
            let style = Style(.body, bold: line.isPinned)
            return TextWrap.wrap(line.text, width: textWidth, hangingIndent: line.indent ?? TextWrap.hangingIndent(of: line.text))
                .map { ($0, style) }
        }
        var pinned = given.filter(\.isPinned).flatMap(wrapped)
        var body = given.filter { !$0.isPinned }.flatMap(wrapped)
        // Header, message line and footer stay visible around it.
        let inside = max(1, height - 6)
        // Pinned lines leave the others at least three rows, or they scroll with them.
        if !pinned.isEmpty, !body.isEmpty, pinned.count + 1 + 3 > inside {
            body = pinned + [("", Style(.body))] + body
            pinned = []
        }
        let rule = !pinned.isEmpty && !body.isEmpty ? 1 : 0
        let bodyRows = max(0, min(body.count, inside - pinned.count - rule))
        let w = min(width - 4, textWidth + 4)
        let h = 2 + pinned.count + rule + bodyRows
        let rect = Rect(x: (width - w) / 2, y: max(2, (height - h) / 2), width: w, height: h)
        return Layout(rect: rect, title: title, pinned: pinned, body: body, bodyRows: bodyRows)
    }

    /// The state's popup laid out on its screen.
    static func layout(_ state: AppState, context: RenderContext) -> Layout? {
        state.popup.map {
            layout($0, width: state.screenWidth, height: state.screenHeight, context: context, text: context.text(state))
        }
    }

    /// Whether the state's popup has more lines than it shows (the footer then offers to scroll).
    static func scrollable(_ state: AppState) -> Bool {
        (layout(state, context: RenderContext(ascii: state.ascii))?.maximumScroll ?? 0) > 0
    }

    static func draw(_ state: AppState, into canvas: inout Canvas, context: RenderContext, text t: UIText) {
        guard let popup = state.popup else { return }
        let l = layout(popup, width: canvas.width, height: canvas.height, context: context, text: t)
        let r = l.rect
        // Behind it, dimmed; around it, a clear margin, so nothing of the screen touches its border.
        canvas.dim()
        let top = max(1, r.y - 1), bottom = min(canvas.height - 2, r.maxY + 1)
        canvas.fill(x: r.x - 2, y: top, width: r.width + 4, height: bottom - top, style: Style(.body))
        let first = max(0, min(state.popupScroll, l.maximumScroll))
        let below = max(0, l.body.count - first - l.bodyRows)
        canvas.box(
            x: r.x, y: r.y, width: r.width, height: r.height, title: l.title, style: Style(.border, bold: true),
            titleStyle: Style(.title, bold: true, reverse: true), ascii: context.ascii,
            footer: first > 0 || below > 0 ? t.more(first, below) : nil, footerStyle: Style(.title, bold: true))
        var y = r.y + 1
        for line in l.pinned {
            canvas.put(line.0, x: r.x + 2, y: y, style: line.1, maxWidth: r.width - 4, cut: context.glyphs.ellipsis)
            y += 1
        }
        if !l.pinned.isEmpty, !l.body.isEmpty {
            let (left, rule, right): (String, String, String) = context.ascii ? ("+", "-", "+") : ("├", "─", "┤")
            canvas.put(
                left + String(repeating: rule, count: max(0, r.width - 2)) + right, x: r.x, y: y,
                style: Style(.border, bold: true))
            y += 1
        }
        for line in l.body.dropFirst(first).prefix(l.bodyRows) {
            canvas.put(line.0, x: r.x + 2, y: y, style: line.1, maxWidth: r.width - 4, cut: context.glyphs.ellipsis)
            y += 1
        }
    }
}
