import Foundation
import MeshModel
import PolicyEngine

/// What `get` can list: the modelled kinds plus the pods derived from Deployments.
package enum Listable: Hashable, Sendable {
    case kind(ResourceKind)
    case pods

    /// kubectl's prefix when several kinds are listed: `service/tcp-echo`, `pod/…`.
    var prefix: String {
        switch self {
        case .pods: return "pod"
        case .kind(let k): return k.group.isEmpty ? k.rawValue.lowercased() : k.kubectlName
        }
    }

    var isNamespaced: Bool {
        if case .kind(.namespace) = self { return false }
        return true
    }

    /// The order kubectl-like overviews use.
    package static let overview: [Listable] = [
        .kind(.namespace), .kind(.meshConfig), .kind(.service), .pods,
        .kind(.serviceAccount), .kind(.deployment), .kind(.statefulSet), .kind(.daemonSet), .kind(.replicaSet),
        .kind(.job), .kind(.tcpRoute),
        .kind(.httpRouteGroup), .kind(.trafficTarget), .kind(.trafficSplit), .kind(.egress),
        .kind(.ingressBackend), .kind(.retry), .kind(.upstreamTrafficSetting), .kind(.meshRootCertificate),
    ]

    package static func parse(_ text: String) -> [Listable]? {
        var out: [Listable] = []
        for name in text.lowercased().split(separator: ",").map(String.init) {
            if ["po", "pod", "pods"].contains(name) { out.append(.pods); continue }
            if name == "all" {
                out += [
                    .pods, .kind(.service), .kind(.deployment), .kind(.statefulSet), .kind(.daemonSet), .kind(.replicaSet),
                    .kind(.job),
                ]
                continue
            }
            guard let kind = ResourceKind.allCases.first(where: { $0.aliases.contains(name) }) else { return nil }
            out.append(.kind(kind))
        }
        return out.isEmpty ? nil : out
    }
}

/// kubectl-style tables of the cluster, with the mesh columns an operator needs. Shared by
/// `meshdeck get` and the guided walkthrough's `kubectl get` steps.
package struct ResourceTables {
    let cluster: Cluster
    let index: PolicyIndex
    let now: Date

    package init(cluster: Cluster, now: Date = Date()) {
        self.cluster = cluster
        self.index = PolicyIndex(cluster)
        self.now = now
    }

    func age(_ date: Date?) -> String { date.map { humanDuration(now.timeIntervalSince($0)) } ?? "<unknown>" }

    /// What `kubectl get KINDS` prints: one table per kind with something in it, a blank line
    /// between them, names prefixed with their kind when several kinds are listed; nil when
    /// there is nothing to list (kubectl then says "No resources found").
    func listing(_ kinds: [Listable], namespace: String?) -> String? {
        let rendered = kinds.compactMap { table($0, namespace: namespace, prefixNames: kinds.count > 1)?.render() }
        return rendered.isEmpty ? nil : rendered.joined(separator: "\n\n")
    }

    /// One table, or nil when there is nothing to list.
    package func table(_ what: Listable, namespace: String?, prefixNames: Bool) -> Table? {
        let allNamespaces = namespace == nil
        let nsColumn = allNamespaces && what.isNamespaced
        func name(_ n: String) -> String { (prefixNames ? "\(what.prefix)/\(n)" : n).terminalSafe }
        func inScope(_ ns: String?) -> Bool { namespace == nil || ns == namespace }
        var table: Table
        switch what {
        case .kind(.namespace):
            table = Table(headers: ["NAME", "STATUS", "AGE", "MESH", "SIDECAR-INJECTION"])
            for ns in cluster.namespaces.values.sorted(by: { $0.name < $1.name }) {  // cluster-scoped: -n does not filter
                let mesh =
                    ns.isMonitored
                    ? MeshLabels.meshName
                    : (ns.name == MeshConfig.namespace && cluster.meshConfig != nil ? "control-plane" : "-")
                let injection = ns.injectionAnnotation.map { $0 ? "enabled" : "disabled" } ?? "-"
                table.rows.append([name(ns.name), "Active", age(ns.meta.creationTimestamp), mesh, injection])
            }
        case .kind(.service):
            table = Table(headers: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"])
            for s in cluster.services.values.sorted(by: { $0.meta.key < $1.meta.key }) where inScope(s.meta.namespace) {
                let ports = s.ports.map { "\($0.port)/\($0.transport)" }.joined(separator: ",")
                table.rows.append([
                    s.meta.namespace ?? "", name(s.meta.name), s.type, s.clusterIP ?? "<none>", "<none>", ports,
                    age(s.meta.creationTimestamp),
                ])
            }
        case .pods:
            table = Table(headers: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"])
            for p in cluster.pods(in: namespace) {
                table.rows.append([p.namespace, name(p.name), p.ready, p.status, "\(p.restarts)", age(p.createdAt)])
            }
        case .kind(.serviceAccount):
            table = Table(headers: ["NAME", "SECRETS", "AGE"])
            for a in cluster.serviceAccounts.values.sorted(by: { $0.meta.key < $1.meta.key }) where inScope(a.meta.namespace) {
                table.rows.append([a.meta.namespace ?? "", name(a.meta.name), "0", age(a.meta.creationTimestamp)])
            }
        case .kind(.deployment):
            table = Table(headers: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"])
            for d in cluster.deployments.values.sorted(by: { $0.meta.key < $1.meta.key }) where inScope(d.meta.namespace) {
                table.rows.append([
                    d.meta.namespace ?? "", name(d.meta.name), "\(d.replicas)/\(d.replicas)", "\(d.replicas)",
                    "\(d.replicas)", age(d.meta.creationTimestamp),
                ])
            }
        case .kind(.meshConfig):
            table = Table(headers: ["NAME", "PERMISSIVE", "EGRESS", "AGE"])
            for m in cluster.meshConfigs.values.sorted(by: { $0.meta.key < $1.meta.key }) where inScope(m.meta.namespace) {
                let suffix = m.isTheMeshConfig ? "" : " (not read by OSM)"
                table.rows.append([
                    m.meta.namespace ?? "", name(m.meta.name) + suffix, "\(m.permissiveTrafficPolicyMode)",
                    "\(m.egress)", age(m.meta.creationTimestamp),
                ])
            }
        case .kind(.tcpRoute):
            table = Table(headers: ["NAME", "PORTS", "AGE"])
            for r in cluster.tcpRoutes.values.sorted(by: { $0.meta.key < $1.meta.key }) where inScope(r.meta.namespace) {
                let ports = r.ports.isEmpty ? "<any>" : r.ports.map(String.init).joined(separator: ",")
                table.rows.append([r.meta.namespace ?? "", name(r.meta.name), ports, age(r.meta.creationTimestamp)])
            }
        case .kind(.httpRouteGroup):
            table = Table(headers: ["NAME", "MATCHES", "AGE"])
            for r in cluster.httpRouteGroups.values.sorted(by: { $0.meta.key < $1.meta.key }) where inScope(r.meta.namespace) {
                table.rows.append([
                    r.meta.namespace ?? "", name(r.meta.name), r.matchNames.joined(separator: ",").terminalSafe,
                    age(r.meta.creationTimestamp),
                ])
            }
        case .kind(.trafficTarget):
            table = Table(headers: ["NAME", "DESTINATION", "SOURCES", "RULES", "STATUS", "AGE"])
            for (t, ignored) in index.targetStatus where inScope(t.meta.namespace) {
                let sources = t.sources.map { "\($0.namespace)/\($0.name)" }.joined(separator: ",")
                let rules = t.rules.map { "\($0.kind)/\($0.name)" }.joined(separator: ",")
                table.rows.append([
                    t.meta.namespace ?? "", name(t.meta.name),
                    "\(t.destination.namespace)/\(t.destination.name)".terminalSafe, sources.terminalSafe,
                    rules.terminalSafe, ignored.map { "Ignored: \($0)" }?.terminalSafe ?? "Active",
                    age(t.meta.creationTimestamp),
                ])
            }
        case .kind(.trafficSplit):
            table = Table(headers: ["NAME", "SERVICE", "BACKENDS", "AGE"])
            for t in cluster.trafficSplits.values.sorted(by: { $0.meta.key < $1.meta.key }) where inScope(t.meta.namespace) {
                let backends = t.backends.map { "\($0.service)=\($0.weight)" }.joined(separator: ",")
                table.rows.append([
                    t.meta.namespace ?? "", name(t.meta.name), t.service.terminalSafe, backends.terminalSafe,
                    age(t.meta.creationTimestamp),
                ])
            }
        case .kind(.egress):
            table = Table(headers: ["NAME", "SOURCES", "DESTINATIONS", "PORTS", "AGE"])
            for e in cluster.egresses.values.sorted(by: { $0.meta.key < $1.meta.key }) where inScope(e.meta.namespace) {
                let sources = e.sources.map { "\($0.namespace)/\($0.name)" }.joined(separator: ",")
                let destinations = (e.hosts + e.ipAddresses).joined(separator: ",")
                let ports = e.ports.map { "\($0.number)/\($0.proto)" }.joined(separator: ",")
                table.rows.append([
                    e.meta.namespace ?? "", name(e.meta.name), sources.terminalSafe,
                    destinations.isEmpty ? "<any>" : destinations.terminalSafe, ports.terminalSafe,
                    age(e.meta.creationTimestamp),
                ])
            }
        case .kind(let kind) where kind.isWorkload:
            // StatefulSet, DaemonSet, ReplicaSet, Job, Pod: how many pods run (a refused pod: 0).
            table = Table(headers: ["NAME", "READY", "AGE"])
            for case .deployment(let d) in cluster.resources(of: kind) where inScope(d.meta.namespace) {
                let running = cluster.podNames(of: d).names.count
                table.rows.append([
                    d.meta.namespace ?? "", name(d.meta.name), "\(running)/\(d.replicas)", age(d.meta.creationTimestamp),
                ])
            }
        case .kind(let kind):
            // The kinds MeshDeck shows but does not act on: what they name, and that it does not.
            table = Table(headers: ["NAME", "SPEC", "MESHDECK", "AGE"])
            for r in cluster.resources(of: kind) where inScope(r.meta.namespace) {
                guard case .shown(let shown) = r else { continue }
                table.rows.append([
                    r.meta.namespace ?? "", name(r.meta.name), shown.summary.terminalSafe, "shown, not acted on",
                    age(r.meta.creationTimestamp),
                ])
            }
        }
        guard !table.rows.isEmpty else { return nil }
        if nsColumn {
            table.headers.insert("NAMESPACE", at: 0)
        } else if what.isNamespaced {
            table.rows = table.rows.map { Array($0.dropFirst()) }
        }
        return table
    }
}
