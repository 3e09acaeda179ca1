import Foundation
import MeshModel
import Presentation
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

    /// kubectl's table (the CLI's own renderer), two spaces apart to suit a pane; the header bold.
    static func table(_ rows: [[String]]) -> [(String, Style)] {
        guard let headers = rows.first else { return [] }
        return Table(headers: headers, rows: Array(rows.dropFirst())).lines(gap: 2).enumerated().map { i, line in
            (line, i == 0 ? Style(.tableHeader, bold: true) : Style(.body))
        }
    }
}
