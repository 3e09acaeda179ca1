import Foundation
import MeshModel
import Presentation
import TerminalText
import TerminalUI

/// Services and pods of the selected namespace, as `kubectl get svc,po` shows them, fitted to the
/// pane: when the columns do not all fit, TYPE and CLUSTER-IP (services), the random end of pod
/// names, then RESTARTS and STATUS (pods) give way first, so the name, `PORT(S)` and `READY` stay.
/// The tables (with their column widths) come from `AppState.panes`; only the rows in view are
/// laid out. The selected row is in reverse video while the pane has the focus.
enum WorkloadsView {
    static func content(_ state: AppState, context: RenderContext) -> PaneContent {
        let panes = state.panes
        let list = panes.workloads
        guard let ns = panes.workloadsNamespace else {
            return PaneContent(natural: 10, minimum: 10, rows: 0, essentialRows: 0, lines: { _, _ in [] })
        }
        if list.total == 0 {
            // kubectl's own words for an empty namespace.
            let line = "No resources found in \(ns) namespace."
            // It wraps rather than ending in `…` where the pane is narrow (after `w` resets).
            return PaneContent(
                natural: TextWidth.of(line) + 2, minimum: 12, rows: 2, essentialRows: 2, lineCount: 2,
                lines: { width, range in
                    Array(
                        TextWrap.wrap(line, width: max(1, width)).map { ($0, Style(.muted)) }.prefix(range.upperBound).dropFirst(
                            range.lowerBound))
                })
        }
        let layout = Layout(list)
        let tables = [panes.services, panes.pods].compactMap { $0 }
        let everyLine = tables.reduce(0) { $0 + 1 + $1.rows.count }
        let focused = state.focus == .workloads
        let t = context.text(state)
        return PaneContent(
            natural: (tables.map(\.naturalWidth).max() ?? 0) + 2,
            minimum: (tables.map { $0.width(keeping: 8) }.max() ?? 0) + 2, rows: everyLine, essentialRows: everyLine,
            lineCount: layout.lineCount, selected: layout.line(ofRow: list.selected), scroll: list.scroll,
            position: list.isEmpty ? nil : (list.selected + 1, list.count),
            empty: list.filter.isEmpty ? nil : t.logNoMatch(list.filter.text),
            lines: { width, range in
                range.map { line in
                    let (table, row) = layout.at(line)
                    guard let table = table == .service ? panes.services : panes.pods else { return ("", Style(.body)) }
                    guard let row else {
                        return (
                            table.lines(width: width, ascii: context.ascii, header: true, rows: []).first ?? "",
                            Style(.tableHeader, bold: true)
                        )
                    }
                    let text =
                        table.lines(width: width, ascii: context.ascii, header: false, rows: [list[row].tableRow]).first ?? ""
                    return (text, focused && row == list.selected ? Style(.selected, reverse: true) : Style(.body))
                }
            })
    }

    /// Where the shown rows go: the services' header and rows, then the pods' header and rows (a
    /// table the filter empties loses its header too). The services come first in the list, so
    /// where the pods start is a binary search.
    struct Layout {
        let services: Int
        let pods: Int

        init(_ list: PaneList<WorkloadRow>) {
            var low = 0, high = list.count
            while low < high {
                let mid = (low + high) / 2
                if list[mid].kind == .service { low = mid + 1 } else { high = mid }
            }
            services = low
            pods = list.count - low
        }

        var servicesBlock: Int { services > 0 ? 1 + services : 0 }
        var lineCount: Int { servicesBlock + (pods > 0 ? 1 + pods : 0) }

        func line(ofRow row: Int) -> Int { row < services ? 1 + row : servicesBlock + 1 + (row - services) }

        /// The table line `line` is in, and the shown row it draws (nil: the table's header).
        func at(_ line: Int) -> (WorkloadRow.Kind, Int?) {
            if line < servicesBlock { return (.service, line == 0 ? nil : line - 1) }
            let inPods = line - servicesBlock
            return (.pod, inPods == 0 ? nil : services + inPods - 1)
        }

        /// The shown row drawn at `line`, if it is a row and not a header.
        func row(atLine line: Int) -> Int? { line < lineCount ? at(line).1 : nil }
    }
}
