import TerminalUI

/// The mouse (off with `--no-mouse`): a click focuses the pane under it and selects the row
/// there (a namespace, a policy, a probe in the log); the wheel scrolls what is under it: a popup,
/// the guide, a top pane (its selection, three rows a notch), else the log. Where things are
/// comes from `ScreenLayout`, as the view draws them.
extension Reducer {
    /// Rows the wheel moves per notch.
    static let wheelRows = 3

    static func mouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
        let layout = ScreenLayout.of(state, width: state.screenWidth, height: state.screenHeight, context: state.renderContext)
        let step = event.kind == .wheelUp ? -wheelRows : wheelRows
        if state.popup != nil {
            if event.kind != .press { scrollPopup(&state, by: step) }
            return []
        }
        // In the matrix and the map the wheel moves the cursor a row (clicks do nothing there yet).
        if state.showMatrix {
            if event.kind != .press { moveMatrixCursor(&state, rows: step > 0 ? 1 : -1, columns: 0) }
            return []
        }
        guard state.input == nil else { return [] }
        let inGuide = layout.guide.map { contains($0, event) } ?? false
        switch event.kind {
        case .wheelUp, .wheelDown:
            let top: [(Pane, Rect)] = [
                (.namespaces, layout.namespaces), (.workloads, layout.workloads), (.policies, layout.policies),
            ]
            if inGuide {
                scrollGuide(&state, by: step)
            } else if let (pane, _) = top.first(where: { contains($0.1, event) }) {
                // Over a top pane: its selection moves, and the pane scrolls with it.
                selectRow(&state, pane, selectedRow(state, pane) + step)
            } else {
                // Up the log by entries, as PgUp does by pages; down to the newest.
                state.logScroll = max(0, min(state.logScroll - step, LogView.maximumScroll(state, context: state.renderContext)))
                state.logUnseen = min(state.logUnseen, state.logScroll)
            }
        case .press:
            let panes: [(Pane, Rect)] =
                [
                    (.namespaces, layout.namespaces), (.workloads, layout.workloads), (.policies, layout.policies),
                    (.log, layout.log),
                ]
                + (layout.guide.map { [(.guide, $0)] } ?? [])
            guard let (pane, rect) = panes.first(where: { contains($0.1, event) }) else { return [] }
            state.focus = pane
            let row = event.y - rect.y - 1
            guard row >= 0, row < rect.height - 2 else { return [] }
            select(&state, pane, row: row, in: rect, layout: layout)
        }
        return []
    }

    private static func contains(_ rect: Rect, _ event: MouseEvent) -> Bool {
        event.x >= rect.x && event.x < rect.maxX && event.y >= rect.y && event.y < rect.maxY
    }

    /// The row clicked, in a pane's terms: the namespace or policy drawn there, or the probe.
    private static func select(_ state: inout AppState, _ pane: Pane, row: Int, in rect: Rect, layout: ScreenLayout) {
        switch pane {
        case .namespaces, .workloads, .policies:
            // The line under the click, as Screen.pane scrolls them (pinned lines first), and
            // the row it draws (a header selects nothing).
            guard let (content, rows) = paneView(state, pane) else { return }
            let line = content.firstLine(rows: rows) + row - content.pinned.count
            guard row >= content.pinned.count, line < content.lineCount else { return }
            let hit: Int?
            switch pane {
            case .namespaces: hit = state.panes.namespaces.row(atLine: line)
            case .workloads: hit = WorkloadsView.Layout(state.panes.workloads).row(atLine: line)
            default: hit = state.panes.policies.row(atLine: line)
            }
            if let hit { selectRow(&state, pane, hit) }
        case .log:
            if let index = LogView.entry(
                atRow: row, state, width: max(1, rect.width - 2), rows: rect.height - 2, context: state.renderContext),
                case .probe = state.log.visible(index).kind
            {
                // The selection counts probes back from the newest, not entries.
                var newer = 0
                for i in (index + 1)..<max(index + 1, state.log.visibleCount) {
                    if case .probe = state.log.visible(i).kind { newer += 1 }
                }
                state.selectedLogFromEnd = newer
            }
        case .guide:
            break
        }
    }
}
