import TerminalUI

extension Pane {
    /// The namespaces, workloads and policies panes: lists with a selection, a scroll offset and
    /// a `/` filter of their own.
    var isTop: Bool { self == .namespaces || self == .workloads || self == .policies }
}

/// Keys in the top panes: ↑ ↓, PgUp PgDn, Home End move the selection, the pane scrolls so it
/// stays in view; `/` filters the focused pane (the same filter as the log's, `TextFilter`).
extension Reducer {
    /// Moves the focused top pane's selection to shown row `row` (clamped) and scrolls it into view.
    static func selectRow(_ state: inout AppState, _ pane: Pane, _ row: Int) {
        switch pane {
        case .namespaces: state.selectedNamespace = row
        case .workloads: state.panes.workloads.select(row)
        case .policies: state.selectedPolicy = row
        case .log, .guide: return
        }
        revealSelection(&state, pane)
    }

    /// Where a top pane's list stands: its selected row, the rows it shows (filtered), and all
    /// its rows. Zeros for the log and the guide.
    static func listPosition(_ state: AppState, _ pane: Pane) -> (selected: Int, shown: Int, total: Int) {
        switch pane {
        case .namespaces: state.panes.namespaces.position
        case .workloads: state.panes.workloads.position
        case .policies: state.panes.policies.position
        case .log, .guide: (0, 0, 0)
        }
    }

    static func selectedRow(_ state: AppState, _ pane: Pane) -> Int { listPosition(state, pane).selected }
    static func rowCount(_ state: AppState, _ pane: Pane) -> Int { listPosition(state, pane).shown }
    static func totalRows(_ state: AppState, _ pane: Pane) -> Int { listPosition(state, pane).total }

    /// The pane's content and its scrolling rows on this state's screen.
    static func paneView(_ state: AppState, _ pane: Pane) -> (content: PaneContent, rows: Int)? {
        let layout = ScreenLayout.of(state, width: state.screenWidth, height: state.screenHeight, context: state.renderContext)
        let (content, rect): (PaneContent, Rect)
        switch pane {
        case .namespaces: (content, rect) = (layout.namespaceContent, layout.namespaces)
        case .workloads: (content, rect) = (layout.workloadContent, layout.workloads)
        case .policies: (content, rect) = (layout.policyContent, layout.policies)
        case .log, .guide: return nil
        }
        return (content, content.scrollingRows(inner: max(0, rect.height - 2)))
    }

    /// Scrolls the pane as little as it takes for its selected row to be in view, from where it
    /// is drawn now.
    static func revealSelection(_ state: inout AppState, _ pane: Pane) {
        guard let (content, rows) = paneView(state, pane) else { return }
        var scroll = content.firstLine(rows: rows)
        let selected = content.selected
        switch pane {
        case .policies:
            // A TrafficTarget and why it is ignored: both lines when they fit.
            let last = selected + (state.panes.policies.selectedRow?.lineCount ?? 1) - 1
            if last >= scroll + rows { scroll = min(selected, last - rows + 1) }
        case .workloads:
            // A table's first row brings its header into view with it.
            let list = state.panes.workloads
            if list.selected == 0 || list.selected == WorkloadsView.Layout(list).services, rows > 1 {
                scroll = max(0, min(scroll, selected - 1))
            }
        default: break
        }
        switch pane {
        case .namespaces: state.panes.namespaces.scroll = scroll
        case .workloads: state.panes.workloads.scroll = scroll
        case .policies: state.panes.policies.scroll = scroll
        case .log, .guide: break
        }
    }

    /// PgUp and PgDn in a top pane: its rows in view less one, for context.
    static func pagePane(_ state: inout AppState, _ pane: Pane, pages: Int) {
        let rows = paneView(state, pane)?.rows ?? 1
        selectRow(&state, pane, selectedRow(state, pane) + pages * max(1, rows - 1))
    }

    /// The `/` filter of a top pane, as typed; the selection stays on its row while it matches.
    static func setPaneFilter(_ state: inout AppState, _ pane: Pane, _ text: String) {
        switch pane {
        case .namespaces:
            state.panes.namespaces.setFilter(text)
            // The workloads follow the namespace now selected.
            state.selectedNamespace = state.panes.namespaces.selected
        case .workloads: state.panes.workloads.setFilter(text)
        case .policies: state.panes.policies.setFilter(text)
        case .log, .guide: return
        }
        revealSelection(&state, pane)
    }

    static func paneFilter(_ state: AppState, _ pane: Pane) -> TextFilter? {
        switch pane {
        case .namespaces: state.panes.namespaces.filter
        case .workloads: state.panes.workloads.filter
        case .policies: state.panes.policies.filter
        case .log, .guide: nil
        }
    }
}
