import Presentation
import TerminalText
import TerminalUI

/// The whole screen: header, the four panes, a message line, the footer, and a popup on top.
/// Pure: the same state and size always give the same canvas.
package enum Screen {
    static let minimumWidth = 80
    static let minimumHeight = 24

    package static func render(_ state: AppState, width: Int, height: Int, context: RenderContext) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        let t = context.text(state)
        guard width >= minimumWidth, height >= minimumHeight else {
            // Too small to be useful: say so on one line, and `q` still quits.
            let long = t.tooSmall(minimumWidth, minimumHeight, width, height)
            let short = t.tooSmallShort(minimumWidth, minimumHeight, width, height)
            canvas.put(TextWidth.of(long) <= width ? long : short, x: 0, y: 0, style: Style(.status, bold: true))
            return canvas
        }
        let layout = ScreenLayout.of(state, width: width, height: height, context: context)
        HeaderView.draw(state, into: &canvas, width: width, context: context)
        if state.showMatrix, state.showMap {
            MapView.draw(state, into: &canvas, in: layout.matrix, context: context)
        } else if state.showMatrix {
            MatrixView.draw(state, into: &canvas, in: layout.matrix, context: context)
        } else if let verdict = layout.verdict {
            PresentationView.draw(state, into: &canvas, in: verdict, context: context)
            logPane(&canvas, state, layout.log, context: context)
        } else {
            pane(
                &canvas, t.namespaces, .namespaces, state, layout.namespaces, layout.namespaceContent, context: context,
                text: t)
            pane(
                &canvas, t.workloads(state.currentNamespace ?? "-"), .workloads, state, layout.workloads,
                layout.workloadContent, context: context, text: t)
            pane(&canvas, t.policies, .policies, state, layout.policies, layout.policyContent, context: context, text: t)
            logPane(&canvas, state, layout.log, context: context)
            if let rect = layout.guide, let guide = state.guide {
                // Its title stays English in every language: `Guide N/M` is what the recording
                // test waits for, and the step numbers read the same.
                let steps = guide.walkthrough.steps.count
                let title = "Guide \(min(guide.currentIndex + 1, steps))/\(steps) (\(guide.walkthrough.language))"
                let lines = GuideView.lines(state, width: rect.width - 2, context: context)
                scrolled(
                    &canvas, title, focused: state.focus == .guide, rect, lines, first: state.guideScroll, context: context,
                    text: t)
            }
        }
        if let mode = state.input {
            InputLineView.draw(state, mode, into: &canvas, y: layout.message.y, width: width)
        } else if let message = state.message {
            canvas.put(
                " \(message)", x: 0, y: layout.message.y, style: Style(.status), maxWidth: width, cut: context.glyphs.ellipsis)
        }
        FooterView.draw(state, into: &canvas, y: layout.footer.y, width: width, text: t)
        if state.popup != nil { PopupView.draw(state, into: &canvas, context: context, text: t) }
        if context.ascii { canvas.transliterate(asciiSymbols) }
        return canvas
    }

    /// The symbols in the dashboard's words, for a terminal that shows ASCII only.
    static let asciiSymbols: [Character: Character] = [
        "↑": "^", "↓": "v", "←": "<", "→": ">", "·": "-", "×": "x", "…": "~", "✔": "+", "✘": "x", "▸": ">", "↳": ">",
        "─": "-", "│": "|", "├": "+", "┤": "+",
    ]

    /// A pane's frame: the focused one in heavy lines with a reverse title, so the focus shows
    /// without colour too.
    static func frame(
        _ canvas: inout Canvas, _ title: String, focused: Bool, _ rect: Rect, footer: String? = nil, context: RenderContext
    ) {
        canvas.box(
            x: rect.x, y: rect.y, width: rect.width, height: rect.height, title: title,
            style: Style(focused ? .focusBorder : .border, bold: focused),
            titleStyle: Style(.title, bold: true, reverse: focused), ascii: context.ascii, heavy: focused, footer: footer,
            footerStyle: Style(.title, bold: true))
    }

    /// A top pane: its pinned lines, then the scrolling ones in view (only those are laid out),
    /// scrolled so that the selected row stays visible, with its place (`12/10000`) on the bottom
    /// border when some are out of view; its title says the filter and what it keeps.
    private static func pane(
        _ canvas: inout Canvas, _ title: String, _ id: Pane, _ state: AppState, _ rect: Rect, _ content: PaneContent,
        context: RenderContext, text t: UIText
    ) {
        let inner = max(0, rect.height - 2), width = max(1, rect.width - 2)
        let rows = content.scrollingRows(inner: inner)
        let first = content.firstLine(rows: rows)
        let hidden = content.lineCount > rows
        let footer =
            hidden ? content.position.map { t.position($0.0, $0.1) } ?? t.more(first, content.lineCount - first - rows) : nil
        var title = paneTitle(title, id, state, text: t)
        // Too narrow for the pane's name and its filter: the filter and its counts say more.
        if TextWidth.of(title) + 6 > rect.width, let filter = Reducer.paneFilter(state, id), !filter.isEmpty {
            title = t.paneFilteredShort(filter.text, Reducer.rowCount(state, id), Reducer.totalRows(state, id))
        }
        frame(&canvas, title, focused: state.focus == id, rect, footer: footer, context: context)
        var lines = Array(content.pinned.prefix(inner))
        if content.lineCount == 0, let empty = content.empty {
            lines.append((empty, Style(.muted)))
        } else {
            lines += content.lines(width, first..<min(content.lineCount, first + rows))
        }
        for (i, line) in lines.prefix(inner).enumerated() {
            canvas.put(line.0, x: rect.x + 1, y: rect.y + 1 + i, style: line.1, maxWidth: width, cut: context.glyphs.ellipsis)
        }
    }

    /// A top pane's title, with its filter and the rows it keeps (`Workloads: ns-12 /echo (10 of 10010)`).
    static func paneTitle(_ title: String, _ id: Pane, _ state: AppState, text t: UIText) -> String {
        let filter: TextFilter, shown: Int, total: Int
        switch id {
        case .namespaces:
            (filter, shown, total) = (state.panes.namespaces.filter, state.panes.namespaces.count, state.panes.namespaces.total)
        case .workloads:
            (filter, shown, total) = (state.panes.workloads.filter, state.panes.workloads.count, state.panes.workloads.total)
        case .policies:
            (filter, shown, total) = (state.panes.policies.filter, state.panes.policies.count, state.panes.policies.total)
        case .log, .guide: return title
        }
        // The filter follows the line as it is typed, so the title does too.
        guard !filter.isEmpty else { return title }
        return t.paneFiltered(title, filter.text, shown, total)
    }

    /// A bordered view of `lines` from row `first` on, with `↑ 2 · ↓ 5 more` on its bottom border
    /// when some are out of view.
    static func scrolled(
        _ canvas: inout Canvas, _ title: String, focused: Bool, _ rect: Rect, _ lines: [(String, Style)], first: Int,
        context: RenderContext, text t: UIText
    ) {
        let rows = max(0, rect.height - 2)
        let first = max(0, min(first, lines.count - rows))
        let below = max(0, lines.count - first - rows)
        let footer = first > 0 || below > 0 ? t.more(first, below) : nil
        frame(&canvas, title, focused: focused, rect, footer: footer, context: context)
        for (i, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            canvas.put(
                line.0, x: rect.x + 1, y: rect.y + 1 + i, style: line.1, maxWidth: rect.width - 2, cut: context.glyphs.ellipsis)
        }
    }

    /// Newest at the bottom; `logScroll` entries up from there.
    private static func logPane(_ canvas: inout Canvas, _ state: AppState, _ rect: Rect, context: RenderContext) {
        let focused = state.focus == .log
        let log = state.log
        let t = context.text(state)
        var title = log.isFiltered ? t.probeLogFiltered(log.filter, log.visibleCount, log.count) : t.probeLog(log.count)
        if state.logScroll > 0 { title += "  " + t.logScrolled(state.logScroll, state.logUnseen) }
        if state.logWrap { title += " · " + t.logWrapped }
        frame(&canvas, title, focused: focused, rect, context: context)
        let (x, y, w) = (rect.x, rect.y, rect.width)
        if state.showLoadStrip, let load = state.load {
            let room = w - TextWidth.of(title) - 8
            let strip = LoadStripView.text(
                load, running: state.loadRunning, width: min(room, 2 * w / 3), ascii: context.ascii, text: t)
            if !strip.isEmpty { canvas.put(strip, x: x + w - 1 - TextWidth.of(strip), y: y, style: Style(.title, bold: true)) }
        }
        let rows = max(0, rect.height - 2), width = max(1, w - 2)
        guard rows > 0, log.visibleCount > 0 else {
            let hint = log.isFiltered ? t.logNoMatch(log.filter) : t.logEmptyHint
            if rows > 0 {
                canvas.put(hint, x: x + 1, y: y + 1, style: Style(.muted), maxWidth: w - 2, cut: context.glyphs.ellipsis)
            }
            return
        }
        // From the newest shown entry back, until the rows are full.
        let end = max(0, log.visibleCount - state.logScroll)
        // The selection is drawn only in the focused log; finding it scans back from the newest.
        let selected = focused ? Reducer.selectedProbe(state) ?? -1 : -1
        let words = state.logWords(context)
        var shown: [(String, Style)] = []
        var index = end - 1
        while index >= 0, shown.count < rows {
            var entry = LogView.rows(log.visible(index), width: width, wrap: state.logWrap, context: context, words: words)
            if index == selected { entry = entry.map { ($0.0, Style($0.1.role, bold: $0.1.bold, reverse: true)) } }
            shown.insert(contentsOf: entry, at: 0)
            index -= 1
        }
        // An entry cut at the top of the pane shows its last rows.
        for (row, line) in shown.suffix(rows).enumerated() {
            canvas.put(line.0, x: x + 1, y: y + 1 + row, style: line.1, maxWidth: width, cut: context.glyphs.ellipsis)
        }
    }
}

/// The keys that work right now. When they do not all fit, the less essential ones give way
/// (`? help` lists every key), so the walkthrough's keys stay on screen at 80 columns.
enum FooterView {
    /// A key, its label, and how much it matters (higher stays longer).
    typealias Item = (key: String, label: String, priority: Int)

    static func draw(_ state: AppState, into canvas: inout Canvas, y: Int, width: Int, text t: UIText) {
        let context = KeyBindings.footerContext(state)
        var items = KeyBindings.footerItems(context, text: t, state: state)
        // The command line's footer ends with the commands it takes.
        if context == .commandLine {
            items.append(
                (" ", LineCommandParser.usages.filter { $0.word != "help" }.map { ":" + $0.word }.joined(separator: " "), 1))
        }
        canvas.fill(x: 0, y: y, width: width, height: 1, style: Style(.menu, reverse: true))
        canvas.put(line(items, width: width), x: 0, y: y, style: Style(.menu, reverse: true), maxWidth: width)
    }

    /// The items that fit, in their order, dropping the lowest priority first.
    static func line(_ items: [Item], width: Int) -> String {
        func render(_ items: [Item]) -> String {
            " " + items.map { $0.key.isEmpty ? $0.label : "\($0.key) \($0.label)" }.joined(separator: "  ")
        }
        var kept = items
        while TextWidth.of(render(kept)) > width, kept.count > 1,
            let lowest = kept.indices.min(by: {
                kept[$0].priority < kept[$1].priority || (kept[$0].priority == kept[$1].priority && $0 > $1)
            })
        {
            kept.remove(at: lowest)
        }
        return render(kept)
    }
}
