import MeshModel
import PolicyEngine
import Presentation

/// The policies pane's rows: every TCPRoute, HTTPRouteGroup and TrafficTarget (in that order,
/// each by namespace and name) in the dashboard's words, with why the mesh ignores a
/// TrafficTarget (from the compiled policy). A change of a few policies edits those rows in place
/// (`updatePolicies`): building 20,000 lines again took ~60 ms, most of a key press.
extension AppState {
    /// Every row afresh (the cluster was replaced, or the language or glyphs changed).
    mutating func rebuildPolicies() {
        var rows: [PolicyRow] = []
        rows.reserveCapacity(cluster.tcpRoutes.count + cluster.httpRouteGroups.count + cluster.trafficTargets.count)
        for key in cluster.tcpRoutes.keys.sorted() { rows += policyRow(.tcpRoute, key, ignored: nil).map { [$0] } ?? [] }
        for key in cluster.httpRouteGroups.keys.sorted() {
            rows += policyRow(.httpRouteGroup, key, ignored: nil).map { [$0] } ?? []
        }
        for key in cluster.trafficTargets.keys.sorted() {
            rows += policyRow(.trafficTarget, key, ignored: policy.statusRows.row(key)?.ignored).map { [$0] } ?? []
        }
        panes.policies.replace(rows)
        measurePolicies()
    }

    /// The rows `old` had, brought to this cluster: only the policies that changed, and the
    /// TrafficTargets whose ignored reason changed, are built again. Anything else changed
    /// (namespaces, services, HTTPRouteGroups): every row afresh.
    /// `touched`: the policies that changed, when the caller knows ([] none); else the policy
    /// delta says. `policyBefore`: the index as it was, whose status rows say which reasons changed.
    mutating func updatePolicies(since old: Cluster, policyBefore: PolicyIndex, touched: [(ResourceKind, ObjectKey)]? = nil) {
        let statusChanged = policy.statusRows.ignoredChanges(since: policyBefore.statusRows)
        if cluster.hasSamePolicies(as: old), statusChanged.isEmpty { return }
        var changed: [(ResourceKind, ObjectKey)]
        if let touched {
            changed = touched
        } else {
            guard let delta = cluster.policyDelta(since: old), cluster.httpRouteGroups == old.httpRouteGroups else {
                rebuildPolicies()
                return
            }
            changed = delta.tcpRoutes.map { (ResourceKind.tcpRoute, $0) } + delta.trafficTargets.map { (.trafficTarget, $0) }
        }
        changed += statusChanged.map { (.trafficTarget, $0) }
        for (kind, key) in changed {
            let (index, found) = policyPosition(kind, key)
            let why = kind == .trafficTarget ? policy.statusRows.row(key)?.ignored : nil
            panes.policies.set(policyRow(kind, key, ignored: why), at: index, replacing: found)
        }
        panes.policies.refresh()
        measurePolicies()
    }

    private mutating func measurePolicies() {
        panes.policyLines = panes.policies.rows.reduce(0) { $0 + $1.lineCount }
        panes.policyWidest = Self.widest(panes.policies.rows)
    }

    /// The row of policy `key` of `kind` as the cluster has it now; nil when it is gone.
    private func policyRow(_ kind: ResourceKind, _ key: ObjectKey, ignored why: TrafficTargetIgnored?) -> PolicyRow? {
        let words = UIText.for(language, ascii: ascii)
        let name = "\(key.namespace)/\(key.name)"
        switch kind {
        case .tcpRoute:
            guard let route = cluster.tcpRoutes[key] else { return nil }
            let list = route.ports.isEmpty ? words.anyPort : route.ports.map(String.init).joined(separator: ",")
            return PolicyRow(kind: .tcpRoute, key: key, body: "\(name) \(words.ports) \(list)")
        case .trafficTarget:
            guard let t = cluster.trafficTargets[key] else { return nil }
            let sources = t.sources.map { "\($0.namespace)/\($0.name)" }.joined(separator: ",")
            let explanationWords = language.explanationWords(unicode: !ascii)
            return PolicyRow(
                kind: .trafficTarget, key: key,
                body: "\(name) \(sources) → \(t.destination.namespace)/\(t.destination.name)", why: why,
                ignored: why.map { "   \(words.ignored)\(explanationWords.ignored($0))" })
        default:
            guard cluster.resource(kind, key) != nil else { return nil }
            return PolicyRow(kind: kind, key: key, body: name)
        }
    }

    /// Where the row of `key` of `kind` is, or would go, in the rows' order (binary search).
    private func policyPosition(_ kind: ResourceKind, _ key: ObjectKey) -> (index: Int, found: Bool) {
        func rank(_ kind: ResourceKind) -> Int { kind == .tcpRoute ? 0 : kind == .httpRouteGroup ? 1 : 2 }
        let rows = panes.policies.rows
        let wanted = (rank(kind), key)
        var low = 0, high = rows.count
        while low < high {
            let mid = (low + high) / 2
            if (rank(rows[mid].kind), rows[mid].key) < wanted { low = mid + 1 } else { high = mid }
        }
        return (low, low < rows.count && rows[low].kind == kind && rows[low].key == key)
    }
}
