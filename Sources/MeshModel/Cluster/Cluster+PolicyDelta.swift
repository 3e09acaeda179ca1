/// What changed between two clusters, as far as compiled policy needs to know: the
/// TrafficTargets and TCPRoutes added, changed or deleted, and whether permissive mode flipped.
/// nil from `policyDelta(since:)` means something else changed too (namespaces, workloads,
/// services, the rest of the MeshConfig...): the index is then compiled afresh.
package struct PolicyDelta: Sendable, Equatable {
    package var trafficTargets: [ObjectKey] = []
    package var tcpRoutes: [ObjectKey] = []
    /// HTTPRouteGroups do not feed L4 decisions (pkg/catalog/traffictarget.go reads TCPRoutes
    /// only), so their changes are only counted, never recompiled.
    var httpRouteGroups = 0
    package var permissiveFlipped = false
}

extension Cluster {
    /// The policy delta from `old` to this cluster, or nil when anything besides TrafficTargets,
    /// TCPRoutes, HTTPRouteGroups and the MeshConfig's permissive flag differs. Tables nobody
    /// touched still share their storage with `old`, so comparing them costs nothing; the policy
    /// kinds' changed keys come from the journal (`PolicyJournal`) when it reaches back to
    /// `old`, else from walking the changed tables key by key.
    package func policyDelta(since old: Cluster) -> PolicyDelta? {
        var rest = self
        rest.trafficTargets = old.trafficTargets
        rest.tcpRoutes = old.tcpRoutes
        rest.httpRouteGroups = old.httpRouteGroups
        rest.revision = old.revision
        var delta = PolicyDelta()
        let configKey = ObjectKey(namespace: MeshConfig.namespace, name: MeshConfig.name)
        if !Self.sameStorage(meshConfigs, old.meshConfigs), var mine = meshConfigs[configKey],
            let theirs = old.meshConfigs[configKey], mine.permissiveTrafficPolicyMode != theirs.permissiveTrafficPolicyMode
        {
            mine.permissiveTrafficPolicyMode = theirs.permissiveTrafficPolicyMode
            rest.meshConfigs[configKey] = mine
            delta.permissiveFlipped = true
        }
        guard rest == old else { return nil }
        if let touched = policyJournal.changes(since: old.policyJournal) {
            // Keys the journal names may have been changed back since; only real changes count.
            delta.trafficTargets = Self.changed(touched[.trafficTarget], old.trafficTargets, trafficTargets)
            delta.tcpRoutes = Self.changed(touched[.tcpRoute], old.tcpRoutes, tcpRoutes)
            delta.httpRouteGroups = Self.changed(touched[.httpRouteGroup], old.httpRouteGroups, httpRouteGroups).count
            return delta
        }
        delta.trafficTargets = Self.changedKeys(old.trafficTargets, trafficTargets)
        delta.tcpRoutes = Self.changedKeys(old.tcpRoutes, tcpRoutes)
        delta.httpRouteGroups = Self.changedKeys(old.httpRouteGroups, httpRouteGroups).count
        return delta
    }

    /// Of the keys the journal says were touched, those whose value differs, in key order.
    static func changed<V: Equatable>(_ keys: Set<ObjectKey>?, _ old: [ObjectKey: V], _ new: [ObjectKey: V]) -> [ObjectKey] {
        (keys ?? []).filter { old[$0] != new[$0] }.sorted()
    }

    /// Keys added, changed or removed from `old` to `new`, in key order.
    static func changedKeys<V: Equatable>(_ old: [ObjectKey: V], _ new: [ObjectKey: V]) -> [ObjectKey] {
        if sameStorage(old, new) { return [] }
        var out: [ObjectKey] = []
        for (key, value) in new where old[key] != value { out.append(key) }
        for key in old.keys where new[key] == nil { out.append(key) }
        return out.sorted()
    }

    /// True when two values are bit for bit the same: for a dictionary, the same storage, so
    /// the same contents. A fast path only: false says nothing.
    static func sameStorage<T>(_ a: T, _ b: T) -> Bool {
        withUnsafeBytes(of: a) { x in withUnsafeBytes(of: b) { y in x.elementsEqual(y) } }
    }
}

extension Cluster {
    /// True when the workloads and services are the very tables of `old` (the same storage, so
    /// untouched since): the dashboard keeps the `:probe` completions it built from them across
    /// a policy change. A fast path only: false says nothing.
    package func hasSameWorkloadsAndServices(as old: Cluster) -> Bool {
        Self.sameStorage(deployments, old.deployments) && Self.sameStorage(otherWorkloads, old.otherWorkloads)
            && Self.sameStorage(services, old.services)
    }

    /// The same for the namespaces, and for the SMI policies (TCPRoutes, HTTPRouteGroups,
    /// TrafficTargets): what the dashboard's namespaces and policies panes are built from.
    package func hasSameNamespaces(as old: Cluster) -> Bool { Self.sameStorage(namespaces, old.namespaces) }

    package func hasSamePolicies(as old: Cluster) -> Bool {
        Self.sameStorage(tcpRoutes, old.tcpRoutes) && Self.sameStorage(httpRouteGroups, old.httpRouteGroups)
            && Self.sameStorage(trafficTargets, old.trafficTargets)
    }
}
