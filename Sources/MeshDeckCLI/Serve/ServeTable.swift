import ConnectionEngine
import Foundation
import MeshModel
import Presentation

/// What `serve` prints at start and after each applied change: every pod of the cluster with
/// where its app and sidecars listen when it runs (pods start on first use: a cold one is
/// marked so), then the portals. Names come from manifests: escaped before they are printed.
struct ServeTable: Encodable {
    struct PodRow: Encodable {
        var pod: String
        var running: Bool
        /// containerPort → 127.0.0.1:port
        var app: [String: String]
        var inbound: String?
        var outbound: String?
    }
    struct PortalRow: Encodable {
        var address: String
        var from: String
        var pod: String
        var to: String
    }
    var pods: [PodRow]
    var portals: [PortalRow]

    init(cluster: Cluster, running: [ObjectKey: PodAddresses], portals: [(ExposeOption, Portal)]) {
        pods = cluster.pods().map { pod in
            let at = running[pod.key]?.text
            return PodRow(
                pod: pod.key.description, running: at != nil,
                app: Dictionary(uniqueKeysWithValues: (at?.app ?? [:]).map { (String($0.key), $0.value) }),
                inbound: at?.inbound, outbound: at?.outbound)
        }
        self.portals = portals.map { expose, portal in
            PortalRow(address: portal.addressText, from: expose.from, pod: portal.pod.description, to: expose.to)
        }
    }

    /// Two tables, kubectl style.
    var text: String {
        var rows: [[String]] = []
        for p in pods {
            let app = p.app.sorted { $0.key < $1.key }.map { ":\($0.key)→\($0.value)" }.joined(separator: ",")
            rows.append(
                p.running
                    ? [p.pod, app.isEmpty ? "-" : app, p.inbound ?? "-", p.outbound ?? "-"]
                    : [p.pod, "(cold: starts on first use)", "", ""])
        }
        // Rendered escaped: a name from a manifest never reaches the terminal raw.
        var out = Table(headers: ["POD", "APP", "INBOUND", "OUTBOUND"], rows: rows.map { $0.map(\.terminalSafe) }).render()
        if !portals.isEmpty {
            out += "\n\n"
            let portalRows = portals.map { [$0.address, "\($0.from) (\($0.pod))", $0.to] }
            out += Table(headers: ["PORTAL", "FROM", "TO"], rows: portalRows.map { $0.map(\.terminalSafe) }).render()
        }
        return out
    }
}
