import MeshModel

/// SMI TrafficSplit as OSM v1.2.4 programs it (pkg/catalog/outbound_traffic_policies.go,
/// GetOutboundMeshTrafficPolicy): a meshed client that addresses the apex Service gets weighted
/// clusters, one per backend Service in the apex's namespace, and each backend's own sidecar
/// (its TrafficTargets) decides. Only the first TrafficSplit per apex counts (OSM logs
/// "Found more than 1 SMI TrafficSplit configuration for the same apex service … Picking the
/// first one!"), and a backend without the apex's port is left out ("Error fetching target port
/// for leaf service …, ignoring it").
extension PolicyIndex {
    /// A TrafficSplit that takes part in routing, with its backends resolved to Services.
    struct SplitEntry: Sendable {
        var key: ObjectKey
        var apex: Int
        /// Backends that exist, with their weight (0 is kept: it gets no traffic).
        var backends: [(service: Int32, weight: Int)]
        /// Backends named but missing, for explain.
        var missing: [String]
    }

    /// Reads the TrafficSplits of namespaces in the mesh (OSM's SMI client lists only those).
    mutating func compileSplits() {
        splitOfService = Array(repeating: -1, count: services.count)
        for split in Self.sortedByKey(cluster.trafficSplits) {
            let ns = split.meta.namespace ?? ""
            guard cluster.namespaces[ns]?.isMonitored == true else {
                splitStatus.append((split, .namespaceNotInMesh(namespace: ns)))
                continue
            }
            let apexName = Self.serviceName(fromHost: split.service, namespace: ns)
            guard let apex = hosts["\(apexName).\(ns)"] else {
                splitStatus.append((split, .apexMissing(service: ObjectKey(namespace: ns, name: apexName))))
                continue
            }
            if splitOfService[apex] >= 0 {
                let first = splits[Int(splitOfService[apex])].key
                splitStatus.append(
                    (split, .alreadySplit(by: first, service: ObjectKey(namespace: ns, name: apexName))))
                continue
            }
            var entry = SplitEntry(key: split.meta.key, apex: apex, backends: [], missing: [])
            for backend in split.backends {
                if let index = hosts["\(backend.service).\(ns)"] {
                    entry.backends.append((Int32(index), backend.weight))
                } else {
                    entry.missing.append(backend.service)
                }
            }
            splitOfService[apex] = Int32(splits.count)
            splits.append(entry)
            splitStatus.append((split, nil))
        }
    }

    /// OSM reads a TrafficSplit's `spec.service` as a host name (pkg/smi/client.go:114 and
    /// pkg/k8s/util.go:42 splitHostName): the port is chopped off and the Service is the first
    /// label (`httpbin.httpbin`, as osm-docs' canary sample writes it, is Service httpbin), or the
    /// second when the first is a pod's subdomain (`mysql-0.mysql.NAMESPACE`).
    static func serviceName(fromHost host: String, namespace: String) -> String {
        let labels = host.split(separator: ":")[0].split(separator: ".").map(String.init)
        if labels.count >= 3, labels[2] == namespace, labels[1] != "svc" { return labels[1] }
        return labels.first ?? host
    }

    /// The backends that serve `port` of a split, with the port's index on each backend.
    func splitBackends(_ split: SplitEntry, port: Int) -> [(service: Int, portIndex: Int, weight: Int)] {
        split.backends.compactMap { backend in
            guard backend.weight > 0, let p = portIndex(service: Int(backend.service), port: port) else { return nil }
            return (Int(backend.service), p, backend.weight)
        }
    }

    /// OSM's ListOutboundServicesForIdentity: in SMI mode the client has an outbound route to
    /// the apex only when a TrafficTarget lets it reach a ServiceAccount the apex's pods run as.
    func mayReachApex(_ apex: Int, sourceIdentity: Int32) -> Bool {
        if permissive { return true }
        let start = Int(serviceEndpointStart[apex])
        for e in start..<start + Int(serviceEndpointCount[apex])
        where outboundRoutes.contains(Self.ruleKey(endpointIdentity[e], sourceIdentity)) {
            return true
        }
        return false
    }

    /// Picks the backend and its endpoint for counter `choice`: slots laid out by weight, so
    /// successive counters follow the weights exactly, and within a backend its endpoints take
    /// turns. Fills in the route's Service (the backend), port and endpoint; false when the
    /// chosen backend has no endpoint.
    func pickBackend(_ route: inout Route, split: SplitEntry, port: Int, choice: Int) -> Bool {
        let backends = splitBackends(split, port: port)
        let total = backends.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return false }
        let counter = UInt(bitPattern: choice)
        var slot = Int(counter % UInt(total))
        for backend in backends {
            guard slot < backend.weight else {
                slot -= backend.weight
                continue
            }
            let count = Int(serviceEndpointCount[backend.service])
            guard count > 0 else { return false }
            route.service = Int32(backend.service)
            route.portIndex = Int32(backend.portIndex)
            route.endpoint = Int32(Int((counter / UInt(total)) % UInt(count)))
            return true
        }
        return false
    }

    /// The counter that makes `pickBackend` choose `pod` again (for re-deciding an open
    /// connection): the first slot of the pod's backend, plus one round per endpoint before it.
    func splitChoice(for pod: ObjectKey, split: SplitEntry, port: Int?) -> Int? {
        let backends = port.map { splitBackends(split, port: $0) } ?? split.backends.map { (Int($0.service), 0, $0.weight) }
        let total = backends.reduce(0) { $0 + ($1.weight > 0 ? $1.weight : 0) }
        var start = 0
        for backend in backends where backend.weight > 0 {
            if services[backend.service].key.namespace == pod.namespace,
                let position = services[backend.service].endpoints.firstIndex(where: { $0.podName == pod.name })
            {
                return start + total * position
            }
            start += backend.weight
        }
        return nil
    }
}

/// What `load` reports per backend: the TrafficSplit a meshed source's connections to
/// `host:port` follow, and each backend's weight and pods.
extension PolicyIndex {
    package struct SplitBackend: Sendable, Hashable {
        package var service: ObjectKey
        package var weight: Int
        package var pods: [ObjectKey]
    }

    /// The split `host:port` from `source` is routed by, with its backends in the split's order
    /// (those that exist and serve the port), or nil when none applies to that route.
    package func splitBackends(from source: Int, host: String, port: Int) -> (split: ObjectKey, backends: [SplitBackend])? {
        let taken = route(from: source, host: host, port: port)
        guard taken.apex >= 0, splitOfService[Int(taken.apex)] >= 0 else { return nil }
        let split = splits[Int(splitOfService[Int(taken.apex)])]
        let backends = splitBackends(split, port: port).map { b in
            let entry = services[b.service]
            return SplitBackend(
                service: entry.key, weight: b.weight,
                pods: entry.endpoints.map { ObjectKey(namespace: entry.key.namespace, name: $0.podName) })
        }
        return (split.key, backends)
    }
}
