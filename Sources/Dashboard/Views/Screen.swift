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
        HeaderView.draw(state, into: &canvas, width: width, context: context)
        if state.showMatrix {
            MatrixView.draw(state, into: &canvas, y: 1, width: width, height: height - 3, context: context)
            if let message = state.message {
                canvas.put(" \(message)", x: 0, y: height - 2, style: Style(.status), maxWidth: width)
            }
            FooterView.draw(state, into: &canvas, y: height - 1, width: width, text: t)
            return canvas
        }
        // Three panes on top; the probe log, the presenter's main view, full width below.
        let bodyTop = 1, bodyHeight = height - 3
        let topHeight = min(max(8, state.namespaces.count + 3), bodyHeight / 2)
        let nsWidth = width * 25 / 100, policiesWidth = width * 30 / 100
        let workloadsWidth = width - nsWidth - policiesWidth
        pane(
            &canvas, t.namespaces, .namespaces, state, x: 0, y: bodyTop, w: nsWidth, h: topHeight,
            lines: NamespacesView.lines(state, context: context), selected: state.selectedNamespace, context: context)
        pane(
            &canvas, t.workloads(state.currentNamespace ?? "-"), .workloads, state, x: nsWidth, y: bodyTop, w: workloadsWidth,
            h: topHeight, lines: WorkloadsView.lines(state, width: workloadsWidth - 2, context: context), selected: 0,
            context: context)
        pane(
            &canvas, t.policies, .policies, state, x: nsWidth + workloadsWidth, y: bodyTop, w: policiesWidth, h: topHeight,
            lines: PoliciesView.lines(state, context: context), selected: state.selectedPolicy + 2, context: context)
        let logTop = bodyTop + topHeight, logHeight = bodyHeight - topHeight
        if state.showGuide, let guide = state.guide {
            // The guide beside the log: the log stays the presenter's main view. Its title stays
            // English in every language: the --lang zh recording test (TmuxDashboardTests) waits
            // for "Guide 1/".
            let guideWidth = max(36, width * 42 / 100)
            logPane(&canvas, state, x: 0, y: logTop, w: width - guideWidth, h: logHeight, context: context)
            let title =
                "Guide \(min(guide.currentIndex + 1, guide.walkthrough.steps.count))/\(guide.walkthrough.steps.count) (\(guide.walkthrough.language))"
            let lines = GuideView.fitted(state, width: guideWidth - 2, rows: max(0, logHeight - 2), context: context)
            canvas.box(
                x: width - guideWidth, y: logTop, width: guideWidth, height: logHeight, title: title,
                style: Style(.border, bold: true), titleStyle: Style(.title, bold: true, reverse: true), ascii: context.ascii)
            for (i, line) in lines.enumerated() {
                canvas.put(line.0, x: width - guideWidth + 1, y: logTop + 1 + i, style: line.1, maxWidth: guideWidth - 2)
            }
        } else {
            logPane(&canvas, state, x: 0, y: logTop, w: width, h: logHeight, context: context)
        }
        if let mode = state.input {
            InputLineView.draw(state, mode, into: &canvas, y: height - 2, width: width)
        } else if let message = state.message {
            canvas.put(" \(message)", x: 0, y: height - 2, style: Style(.status), maxWidth: width)
        }
        FooterView.draw(state, into: &canvas, y: height - 1, width: width, text: t)
        if let popup = state.popup { PopupView.draw(popup, into: &canvas, context: context, text: t) }
        return canvas
    }

    /// A bordered pane; the lines scroll so that line `selected` stays visible.
    private static func pane(
        _ canvas: inout Canvas, _ title: String, _ id: Pane, _ state: AppState, x: Int, y: Int, w: Int, h: Int,
        lines: [(String, Style)], selected: Int, context: RenderContext
    ) {
        let focused = state.focus == id
        canvas.box(
            x: x, y: y, width: w, height: h, title: title, style: Style(focused ? .focusBorder : .border, bold: focused),
            titleStyle: Style(.title, bold: true, reverse: focused), ascii: context.ascii)
        let rows = max(0, h - 2)
        let first = max(0, min(selected - rows + 1, lines.count - rows))
        for (i, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            canvas.put(line.0, x: x + 1, y: y + 1 + i, style: line.1, maxWidth: w - 2)
        }
    }

    /// Newest at the bottom; `logScroll` lines up from there.
    private static func logPane(_ canvas: inout Canvas, _ state: AppState, x: Int, y: Int, w: Int, h: Int, context: RenderContext)
    {
        let focused = state.focus == .log
        let log = state.log
        let t = context.text(state)
        let title = log.isFiltered ? t.probeLogFiltered(log.filter, log.visibleCount, log.count) : t.probeLog(log.count)
        canvas.box(
            x: x, y: y, width: w, height: h, title: title, style: Style(focused ? .focusBorder : .border, bold: focused),
            titleStyle: Style(.title, bold: true, reverse: focused), ascii: context.ascii)
        if let load = state.load {
            let room = w - TextWidth.of(title) - 8
            let strip = LoadStripView.text(
                load, running: state.loadRunning, width: min(room, 2 * w / 3), ascii: context.ascii, text: t)
            if !strip.isEmpty { canvas.put(strip, x: x + w - 1 - TextWidth.of(strip), y: y, style: Style(.title, bold: true)) }
        }
        let rows = max(0, h - 2)
        guard rows > 0, log.visibleCount > 0 else {
            let hint = log.isFiltered ? t.logNoMatch(log.filter) : t.logEmptyHint
            if rows > 0 { canvas.put(hint, x: x + 1, y: y + 1, style: Style(.muted), maxWidth: w - 2) }
            return
        }
        let end = max(0, log.visibleCount - state.logScroll)
        let start = max(0, end - rows)
        // The selection is drawn only in the focused log; finding it scans back from the newest.
        let selected = focused ? Reducer.selectedProbe(state) ?? -1 : -1
        let words = state.language.explanationWords(unicode: !context.ascii)
        for (row, index) in (start..<end).enumerated() {
            var (text, style) = LogView.line(log.visible(index), context: context, words: words)
            if index == selected, focused { style.reverse = true }
            canvas.put(text, x: x + 1, y: y + 1 + row, style: style, maxWidth: w - 2)
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
        var items = KeyBindings.footerItems(context, text: t)
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

/// A box over the middle of the screen.
enum PopupView {
    static func draw(_ popup: Popup, into canvas: inout Canvas, context: RenderContext, text t: UIText) {
        let title: String
        let lines: [String]
        switch popup {
        case .help:
            title = t.helpTitle
            lines = KeyBindings.helpLines(text: t, width: canvas.width - 8)
        case .explain(let explainTitle, let l):
            // The explanation, in the dashboard's language (the reducer wrote it).
            title = explainTitle
            lines = l
        case .confirmDelete(let kind, let key):
            title = t.deleteTitle
            lines = ["kubectl delete \(kind.kubectlName) \(key.name) -n \(key.namespace)", "", t.deleteKeys]
        }
        let w = min(canvas.width - 4, max(40, (lines.map { TextWidth.of($0) }.max() ?? 0) + 4))
        let h = min(canvas.height - 2, lines.count + 2)
        let x = (canvas.width - w) / 2, y = max(1, (canvas.height - h) / 2)
        canvas.fill(x: x, y: y, width: w, height: h, style: Style(.body))
        canvas.box(
            x: x, y: y, width: w, height: h, title: title, style: Style(.border, bold: true),
            titleStyle: Style(.title, bold: true, reverse: true), ascii: context.ascii)
        for (i, line) in lines.prefix(h - 2).enumerated() {
            canvas.put(line, x: x + 2, y: y + 1 + i, style: Style(.body), maxWidth: w - 4)
        }
    }
}
