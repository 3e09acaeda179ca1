import MeshModel
import PolicyEngine

/// A row of a top pane, as its `PaneList` keeps it.
protocol PaneRow: Sendable {
    /// What `/` searches: the namespace and name the row shows.
    var searchText: String { get }
    /// Lines the row takes in its pane (a TrafficTarget the mesh ignores takes two: why, below).
    var lineCount: Int { get }
}

extension PaneRow {
    var lineCount: Int { 1 }
}

/// A namespace, with the role its pane shows beside it.
struct NamespaceRow: PaneRow {
    enum Role: Sendable, Hashable { case none, mesh, meshNoInject, controlPlane }
    var namespace: Namespace
    var role: Role
    var searchText: String { namespace.name }
}

/// A service or a pod of the selected namespace: the row `tableRow` of its kind's table.
struct WorkloadRow: PaneRow {
    enum Kind: Sendable { case service, pod }
    var kind: Kind
    var namespace: String
    var name: String
    var tableRow: Int
    var searchText: String { "\(namespace)/\(kind == .service ? "service" : "pod")/\(name)" }
}

/// A TCPRoute, HTTPRouteGroup or TrafficTarget, its line in the dashboard's words (built with
/// the rows, so a frame only draws it), and why the mesh ignores it, if it does.
struct PolicyRow: PaneRow {
    var kind: ResourceKind
    var key: ObjectKey
    /// `namespace/name` and what the policy says, after its kind.
    var body: String
    /// Why the mesh ignores it, and that line in the dashboard's words.
    var why: TrafficTargetIgnored? = nil
    var ignored: String?
    /// `TCPRoute tcp-demo/tcp-echo-route ports 9000`.
    var text: String { "\(kind.rawValue) \(body)" }
    /// The same with the kind as kubectl's short name, for a pane too narrow for the whole line:
    /// `tr tcp-demo/tcp-echo-route …` keeps the name in 24 columns, where the kind spelt out
    /// would cut it. The short names are the SMI CRDs' (OSM v1.2.4
    /// cmd/osm-bootstrap/crds/smi_tcp_route.yaml `tr`, smi_traffic_access.yaml `tt`,
    /// smi_http_route_group.yaml `htr`), so `kubectl get tt` lists the same.
    var shortText: String {
        let short =
            switch kind {
            case .tcpRoute: "tr"
            case .trafficTarget: "tt"
            case .httpRouteGroup: "htr"
            default: kind.rawValue
            }
        return "\(short) \(body)"
    }
    var searchText: String { "\(kind.rawValue) \(key.namespace)/\(key.name)" }
    var lineCount: Int { ignored == nil ? 1 : 2 }
}
