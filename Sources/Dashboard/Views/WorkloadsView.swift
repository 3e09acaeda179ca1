import Foundation
import MeshModel
import Presentation
import TerminalText
import TerminalUI

/// Services and pods of the selected namespace, as `kubectl get svc,po` shows them, fitted to the
/// pane: when the columns do not all fit, TYPE and CLUSTER-IP (services), the random end of pod
/// names, then RESTARTS and STATUS (pods) give way first, so the name, `PORT(S)` and `READY` stay.
enum WorkloadsView {
    static func content(_ state: AppState, context: RenderContext) -> PaneContent {
        guard let ns = state.currentNamespace else {
            return PaneContent(natural: 10, minimum: 10, rows: 0, essentialRows: 0, lines: { _ in [] })
        }
        let services = state.cluster.services.values.filter { $0.meta.namespace == ns }.sorted { $0.meta.name < $1.meta.name }
        let pods = state.cluster.pods(in: ns)
        if services.isEmpty && pods.isEmpty {
            // kubectl's own words for an empty namespace.
            let line = "No resources found in \(ns) namespace."
            // It wraps rather than ending in `…` where the pane is narrow (after `w` resets).
            return PaneContent(
                natural: TextWidth.of(line) + 2, minimum: 12, rows: 2, essentialRows: 2,
                lines: { width in TextWrap.wrap(line, width: max(1, width)).map { ($0, Style(.muted)) } })
        }
        var tables: [FittedTable] = []
        if !services.isEmpty {
            tables.append(
                FittedTable(
                    headers: ["NAME", "TYPE", "CLUSTER-IP", "PORT(S)"],
                    rows: services.map { s in
                        [
                            "service/\(s.meta.name)", s.type, s.clusterIP ?? "<none>",
                            s.ports.map { "\($0.port)/\($0.transport)" }.joined(separator: ","),
                        ]
                    }, priorities: [9, 1, 2, 8]))
        }
        if !pods.isEmpty {
            tables.append(
                FittedTable(
                    headers: ["NAME", "READY", "STATUS", "RESTARTS"],
                    rows: pods.map { ["pod/\($0.name)", $0.ready, $0.status, "\($0.restarts)"] }, priorities: [9, 8, 5, 1],
                    // The end of a pod's name is a random suffix: it gives way before READY.
                    firstColumnMinimum: 20))
        }
        let rows = tables.reduce(0) { $0 + 1 + $1.rows.count }
        return PaneContent(
            natural: (tables.map(\.naturalWidth).max() ?? 0) + 2,
            minimum: (tables.map { $0.width(keeping: 8) }.max() ?? 0) + 2, rows: rows, essentialRows: rows,
            lines: { width in
                tables.flatMap { table in
                    table.lines(width: width, ascii: context.ascii).enumerated().map { i, line in
                        (line, i == 0 ? Style(.tableHeader, bold: true) : Style(.body))
                    }
                }
            })
    }
}
