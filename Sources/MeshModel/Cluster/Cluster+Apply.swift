import Foundation

/// What `kubectl apply` would print for one resource.
package struct ApplyResult: Sendable, Equatable, CustomStringConvertible {
    package enum Action: String, Sendable { case created, configured, unchanged }
    package var kind: ResourceKind
    package var key: ObjectKey
    package var action: Action
    /// `tcproute.specs.smi-spec.io/tcp-echo-route created`
    package var description: String { "\(kind.kubectlName)/\(key.name) \(action.rawValue)" }
}

extension Cluster {
    /// Applies resources in order, all or nothing: when any of them is refused, the cluster is
    /// left exactly as it was and every problem is reported at once.
    @discardableResult
    package mutating func apply(_ resources: [Resource], now: Date = Date()) throws(ManifestErrors) -> [ApplyResult] {
        var next = self
        var problems: [Diagnostic] = []
        var results: [ApplyResult] = []
        // A namespace created anywhere in the batch may hold resources of the same batch.
        let batchNamespaces = Set(
            resources.compactMap { r -> String? in
                if case .namespace(let ns) = r { return ns.name }
                return nil
            })
        // Built once per apply: rebuilding it per Service made large applies quadratic.
        var takenIPs = Set(services.values.compactMap(\.clusterIP))
        for var resource in resources {
            let key = resource.meta.key
            if resource.kind.isNamespaced, next.namespaces[key.namespace] == nil, !batchNamespaces.contains(key.namespace) {
                problems.append(
                    Diagnostic(
                        at: resource.source, field: "metadata.namespace",
                        "namespaces \"\(key.namespace)\" not found (for \(resource.kind.rawValue) \(key.name))",
                        hint:
                            "create the namespace first, e.g. a 'kind: Namespace' document or 'kubectl create namespace \(key.namespace)'"
                    ))
                continue
            }
            if case .trafficTarget(let t) = resource, let problem = Self.webhookRefusal(t, batch: resources, in: next) {
                problems.append(problem)
                continue
            }
            let existing = next.resource(resource.kind, key)
            if case .service(var service) = resource {
                if let problem = Self.assignClusterIP(&service, existing: existing, taken: &takenIPs) {
                    problems.append(problem)
                    continue
                }
                resource = .service(service)
            }
            resource = Self.keepingCreationTime(resource, existing: existing, now: now)
            let action: ApplyResult.Action =
                existing == nil ? .created : (existing?.withoutSource == resource.withoutSource ? .unchanged : .configured)
            if action != .unchanged { next.store(resource) }
            results.append(ApplyResult(kind: resource.kind, key: key, action: action))
        }
        guard problems.isEmpty else { throw ManifestErrors(problems) }
        if results.contains(where: { $0.action != .unchanged }) { next.revision += 1 }
        self = next
        return results
    }

    /// OSM's validating webhook (pkg/validator/validators.go trafficTargetValidator) refuses a
    /// TrafficTarget whose namespace is not its destination's, in the namespaces it watches: those
    /// of the mesh (pkg/validator/patch.go's namespaceSelector). Elsewhere the API server takes it,
    /// and the mesh ignores it.
    private static func webhookRefusal(_ t: TrafficTarget, batch: [Resource], in cluster: Cluster) -> Diagnostic? {
        let ns = t.meta.namespace ?? ""
        guard ns != t.destination.namespace else { return nil }
        var namespace = cluster.namespaces[ns]
        for case .namespace(let n) in batch where n.name == ns { namespace = n }
        guard let namespace, namespace.isMonitored, namespace.meta.labels[MeshLabels.ignore] == nil else { return nil }
        return Diagnostic(
            at: t.destinationNamespaceSource ?? t.source, field: "spec.destination.namespace",
            "The traffic target namespace (\(ns)) must match spec.Destination.Namespace (\(t.destination.namespace))",
            hint:
                "create the TrafficTarget in namespace \(t.destination.namespace) (metadata.namespace), where its destination lives"
        )
    }

    /// A Service keeps the ClusterIP it has (the field is immutable), takes the one its manifest
    /// names, or gets a stable one from the service range. A cluster dump's ClusterIP wins.
    private static func assignClusterIP(_ service: inout Service, existing: Resource?, taken: inout Set<String>) -> Diagnostic? {
        var oldIP: String?
        if case .service(let old)? = existing { oldIP = old.clusterIP }
        if let wanted = service.clusterIP, !wanted.isEmpty {
            if wanted != "None", !ClusterIPAllocator.isIPv4(wanted) {
                return Diagnostic(
                    at: service.source, field: "spec.clusterIP",
                    "'\(wanted)' is not an IPv4 address or \"None\"")
            }
            if let oldIP, oldIP != wanted {
                // A manifest cannot change it (the API server refuses), but a Service from a
                // cluster dump (it carries the uid the API server gave it) is that cluster's
                // state: its ClusterIP is the real allocation and replaces whatever MeshDeck had
                // (one it made up for the embedded scenario, or an older dump's).
                guard service.meta.uid != nil else {
                    return Diagnostic(
                        at: service.source, field: "spec.clusterIP",
                        "field is immutable: Service \(service.meta.key) already has ClusterIP \(oldIP)",
                        hint: "remove spec.clusterIP from the manifest, or delete the Service first")
                }
                taken.remove(oldIP)
            }
            if wanted != "None", wanted != oldIP, taken.contains(wanted) {
                return Diagnostic(
                    at: service.source, field: "spec.clusterIP",
                    "provided IP \(wanted) is already allocated to another Service")
            }
            taken.insert(wanted)
            return nil
        }
        let ip = oldIP ?? ClusterIPAllocator.allocate(for: service.meta.key, taken: taken)
        taken.insert(ip)
        service.clusterIP = ip
        return nil
    }

    /// A manifest that names its creation time (a dump of a real cluster) keeps it, so ages
    /// match the cluster's; otherwise the resource keeps the time it was first applied.
    private static func keepingCreationTime(_ resource: Resource, existing: Resource?, now: Date) -> Resource {
        let time = resource.meta.creationTimestamp ?? existing?.meta.creationTimestamp ?? now
        guard resource.meta.creationTimestamp != time else { return resource }
        var meta = resource.meta
        meta.creationTimestamp = time
        switch resource {
        case .namespace(var r): r.meta = meta; return .namespace(r)
        case .serviceAccount(var r): r.meta = meta; return .serviceAccount(r)
        case .service(var r): r.meta = meta; return .service(r)
        case .deployment(var r): r.meta = meta; return .deployment(r)
        case .meshConfig(var r): r.meta = meta; return .meshConfig(r)
        case .tcpRoute(var r): r.meta = meta; return .tcpRoute(r)
        case .httpRouteGroup(var r): r.meta = meta; return .httpRouteGroup(r)
        case .trafficTarget(var r): r.meta = meta; return .trafficTarget(r)
        case .trafficSplit(var r): r.meta = meta; return .trafficSplit(r)
        case .egress(var r): r.meta = meta; return .egress(r)
        case .shown(var r): r.meta = meta; return .shown(r)
        }
    }
}
