import Foundation
import MeshModel
import TerminalText
import TerminalUI

/// Services and pods of the selected namespace, as `kubectl get svc,po` shows them.
enum WorkloadsView {
    static func lines(_ state: AppState, width: Int, context: RenderContext) -> [(String, Style)] {
        guard let ns = state.currentNamespace else { return [] }
        var out: [(String, Style)] = []
        let services = state.cluster.services.values.filter { $0.meta.namespace == ns }.sorted { $0.meta.name < $1.meta.name }
        let pods = state.cluster.pods(in: ns)
        if services.isEmpty && pods.isEmpty { return [("No resources found in \(ns) namespace.", Style(.muted))] }
        if !services.isEmpty {
            let rows =
                [["NAME", "TYPE", "CLUSTER-IP", "PORT(S)"]]
                + services.map { s in
                    [
                        "service/\(s.meta.name)", s.type, s.clusterIP ?? "<none>",
                        s.ports.map { "\($0.port)/\($0.transport)" }.joined(separator: ","),
                    ]
                }
            out += table(rows)
        }
        if !pods.isEmpty {
            out += table(
                [["NAME", "READY", "STATUS", "RESTARTS"]]
                    + pods.map { ["pod/\($0.name)", $0.ready, $0.status, "\($0.restarts)"] })
        }
        return out
    }

    /// Columns as wide as their widest cell, two spaces apart, as kubectl sizes them; the first
    /// row is the header.
    static func table(_ rows: [[String]]) -> [(String, Style)] {
        let widths = (0..<(rows.first?.count ?? 0)).map { c in rows.map { TextWidth.of($0[c]) }.max() ?? 0 }
        return rows.enumerated().map { i, row in
            let text = row.enumerated().map { c, cell in c == row.count - 1 ? cell : TextWidth.pad(cell, to: widths[c] + 2) }
                .joined()
            return (text, i == 0 ? Style(.tableHeader, bold: true) : Style(.body))
        }
    }
}
