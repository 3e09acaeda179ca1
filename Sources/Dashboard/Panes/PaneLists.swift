import MeshModel
import PolicyEngine
import Presentation
import TerminalText
import TerminalUI

/// The three top panes' rows, and what their layout measures over every row (the widest name,
/// the tables' column widths), computed when the cluster, the selected namespace, the language
/// or the glyphs change: a frame draws from here and measures nothing over the whole cluster.
struct PaneLists: Sendable {
    var namespaces = PaneList<NamespaceRow>()
    var workloads = PaneList<WorkloadRow>()
    var policies = PaneList<PolicyRow>()
    /// The widest namespace name with a role beside it, and without one.
    var namespaceNameColumn = 0
    var namespaceLoneName = 0
    /// The roles some namespace has (their words' widths make the role column).
    var namespaceRoles: Set<NamespaceRow.Role> = []
    /// Namespaces that are not built in: the rows the pane wants on screen.
    var essentialNamespaces = 0
    /// The namespace the workloads rows are of, and its services and pods as kubectl tables
    /// (every row, so the columns keep their widths while a filter hides some).
    var workloadsNamespace: String?
    var services: FittedTable?
    var pods: FittedTable?
    /// The widest policy line in columns, its selection mark included, and the lines of every
    /// policy (a TrafficTarget the mesh ignores takes two).
    var policyWidest = 0
    var policyLines = 0
}

extension AppState {
    /// Every pane's rows afresh (the cluster changed).
    mutating func rebuildPanes() {
        rebuildNamespaces()
        rebuildWorkloads()
        rebuildPolicies()
    }

    /// Namespaces in display order: the control plane, then the mesh, then the rest, then the
    /// built-in ones, so the walkthrough's namespaces are on screen even in 80x24.
    mutating func rebuildNamespaces() {
        func rank(_ ns: Namespace) -> Int {
            if ns.name == MeshConfig.namespace { return 0 }
            if ns.isMonitored { return 1 }
            return Cluster.builtinNamespaces.contains(ns.name) ? 3 : 2
        }
        let sorted = cluster.namespaces.values.sorted { (rank($0), $0.name) < (rank($1), $1.name) }
        let hasMeshConfig = cluster.meshConfig != nil
        let rows = sorted.map { ns -> NamespaceRow in
            let role: NamespaceRow.Role
            if ns.isMonitored {
                role = ns.injectionAnnotation == true ? .mesh : .meshNoInject
            } else if ns.name == MeshConfig.namespace, hasMeshConfig {
                role = .controlPlane
            } else {
                role = .none
            }
            return NamespaceRow(namespace: ns, role: role)
        }
        panes.namespaces.replace(rows)
        panes.namespaceNameColumn = rows.filter { $0.role != .none }.map { TextWidth.of($0.namespace.name) }.max() ?? 0
        panes.namespaceLoneName = rows.filter { $0.role == .none }.map { TextWidth.of($0.namespace.name) }.max() ?? 0
        panes.namespaceRoles = Set(rows.map(\.role))
        panes.essentialNamespaces = rows.count { !Cluster.builtinNamespaces.contains($0.namespace.name) }
    }

    /// The selected namespace's services and pods, as `kubectl get svc,po` lists them.
    mutating func rebuildWorkloads() {
        let namespace = currentNamespace
        if namespace != panes.workloadsNamespace {
            // Another namespace: its first row, at the top.
            panes.workloads.select(0)
            panes.workloads.scroll = 0
        }
        panes.workloadsNamespace = namespace
        guard let ns = namespace else {
            panes.workloads.replace([])
            panes.services = nil
            panes.pods = nil
            return
        }
        let services = cluster.services.values.filter { $0.meta.namespace == ns }.sorted { $0.meta.name < $1.meta.name }
        let pods = cluster.pods(in: ns)
        panes.services =
            services.isEmpty
            ? nil
            : FittedTable(
                headers: ["NAME", "TYPE", "CLUSTER-IP", "PORT(S)"],
                rows: services.map { s in
                    [
                        "service/\(s.meta.name)", s.type, s.clusterIP ?? "<none>",
                        s.ports.map { "\($0.port)/\($0.transport)" }.joined(separator: ","),
                    ]
                }, priorities: [9, 1, 2, 8])
        panes.pods =
            pods.isEmpty
            ? nil
            : FittedTable(
                headers: ["NAME", "READY", "STATUS", "RESTARTS"],
                rows: pods.map { ["pod/\($0.name)", $0.ready, $0.status, "\($0.restarts)"] }, priorities: [9, 8, 5, 1],
                // The end of a pod's name is a random suffix: it gives way before READY.
                firstColumnMinimum: 20)
        panes.workloads.replace(
            services.enumerated().map { WorkloadRow(kind: .service, namespace: ns, name: $1.meta.name, tableRow: $0) }
                + pods.enumerated().map { WorkloadRow(kind: .pod, namespace: ns, name: $1.name, tableRow: $0) })
    }

    /// The widest policy line (its mark included), up to the 72 columns the pane takes at most:
    /// a line no longer in UTF-8 bytes than the widest so far is not measured, since no
    /// character is wider than its bytes.
    static func widest(_ rows: [PolicyRow]) -> Int {
        var widest = 0
        func measure(_ text: String, plus extra: Int) {
            if text.utf8.count + extra > widest { widest = max(widest, TextWidth.of(text) + extra) }
        }
        for row in rows {
            if widest >= PoliciesView.widestShown { break }
            measure(row.text, plus: 1)
            if let why = row.ignored { measure(why, plus: 0) }
        }
        return min(widest, PoliciesView.widestShown)
    }

    /// Selects the namespace `name`, clearing the pane's filter if it hides it; false when
    /// there is no such namespace.
    @discardableResult
    mutating func selectNamespace(named name: String) -> Bool {
        if !panes.namespaces.filter.isEmpty,
            !(0..<panes.namespaces.count).contains(where: { panes.namespaces[$0].namespace.name == name })
        {
            panes.namespaces.setFilter("")
        }
        guard let index = (0..<panes.namespaces.count).first(where: { panes.namespaces[$0].namespace.name == name }) else {
            return false
        }
        selectedNamespace = index
        return true
    }
}
