import MeshModel

/// The cluster compiled for deciding: names resolved to integers, TrafficTargets folded into
/// one table keyed by (destination identity, source identity). A decision is a few reads of
/// flat integer arrays and one hash lookup of a 64-bit key: no strings, no reference counting.
///
/// A value type on purpose: reads of a struct's stored properties need no exclusivity checks,
/// which a class's `var`s pay for on every access (measured: a third of the decision time).
/// Hold it in a `let`; copying it retains each of its arrays once.
public struct PolicyIndex: Sendable {
    public let cluster: Cluster
    public let permissive: Bool
    public let egress: Bool

    /// A Deployment with at least one running pod: somewhere a probe can start from.
    public struct Workload: Sendable {
        public var key: ObjectKey
        public var identity: Int32
        public var meshed: Bool
        public var sidecar: SidecarDecision
        public var podNames: [String]
    }

    /// One pod behind a Service, with the target port of each Service port resolved on it.
    public struct Endpoint: Sendable {
        public var podName: String
        public var identity: Int32
        public var meshed: Bool
        /// Where this endpoint's target ports start in the flat `targetPorts` table.
        var targetPortStart: Int32
    }

    public struct ServicePortEntry: Sendable {
        public var port: ServicePort
        public var protocolInfo: PortProtocol
    }

    public struct ServiceEntry: Sendable {
        public var key: ObjectKey
        public var clusterIP: String?
        public var ports: [ServicePortEntry]
        public var endpoints: [Endpoint]
        public var selector: LabelSelector
    }

    /// A TrafficTarget that takes part in decisions, with the ports its routes allow.
    public struct ActiveTarget: Sendable {
        public var key: ObjectKey
        /// nil means every port (no TCPRoute ports at all).
        public var ports: [Int]?
        public var routeNames: [String]
    }

    public internal(set) var workloads: [Workload] = []
    public internal(set) var services: [ServiceEntry] = []
    public internal(set) var identities: [ObjectKey] = []
    public internal(set) var activeTargets: [ActiveTarget] = []
    /// Every TrafficTarget with its status: nil when active, else why it is ignored.
    public internal(set) var targetStatus: [(target: TrafficTarget, ignoredBecause: String?)] = []

    // The hot path's view: plain values, indexed by workload, service, port and endpoint.
    var workloadMeshed: [Bool] = []
    var workloadIdentity: [Int32] = []
    /// Per service: where its ports start in the port arrays, and how many.
    var servicePortStart: [Int32] = []
    var servicePortCount: [Int32] = []
    var portNumber: [Int32] = []
    var portIsTCPTransport: [Bool] = []
    var portIsRawTCP: [Bool] = []
    /// Per service: where its endpoints start in the endpoint arrays, and how many.
    var serviceEndpointStart: [Int32] = []
    var serviceEndpointCount: [Int32] = []
    var endpointIdentity: [Int32] = []
    var endpointMeshed: [Bool] = []
    /// Per endpoint, where its target ports (one per service port, -1 when unresolved) start.
    var endpointTargetPortStart: [Int32] = []
    var targetPorts: [Int32] = []

    var workloadIndex: [ObjectKey: Int] = [:]
    /// Pod name (`ns/pod`) → workload, so a probe may name a pod as its source.
    var podIndex: [ObjectKey: Int] = [:]
    /// `svc.ns` and the ClusterIP → service.
    var hosts: [String: Int] = [:]
    var identityIndex: [ObjectKey: Int32] = [:]
    /// (destination identity << 32 | source identity) → allowed ports.
    var smiRules: [UInt64: PortRule] = [:]
    /// Destination identity → the TrafficTargets naming it (positions in `targetStatus`).
    var targetsByDestination: [Int32: [Int]] = [:]
    /// TrafficTarget → its position in `activeTargets`.
    var activeTargetIndex: [ObjectKey: Int] = [:]

    /// The union of the ports the matching TrafficTargets allow; `anyPort` when one of them
    /// has no TCPRoute ports at all.
    struct PortRule: Sendable {
        var anyPort = false
        var ports: [Int] = []
        /// Which active targets contributed, first one first.
        var targets: [Int32] = []

        func allows(_ port: Int) -> Bool { anyPort || ports.contains(port) }
        /// The first target that allows this port, for the explanation.
        func target(allowing port: Int, in all: [ActiveTarget]) -> Int32? {
            targets.first { all[Int($0)].ports.map { $0.contains(port) } ?? true }
        }
    }

    public init(_ cluster: Cluster) {
        self.cluster = cluster
        self.permissive = cluster.isPermissive
        self.egress = cluster.isEgressEnabled
        // Pods are derived once here and shared by workloads and service endpoints.
        let deployments = Self.sortedByKey(cluster.deployments)
        // Sized up front: growing these tables rehashed every key several times.
        workloadIndex.reserveCapacity(deployments.count)
        podIndex.reserveCapacity(deployments.count * 2)
        hosts.reserveCapacity(cluster.services.count * 4)
        identityIndex.reserveCapacity(cluster.serviceAccounts.count + deployments.count)
        smiRules.reserveCapacity(cluster.trafficTargets.count * 2)
        let pods = deployments.map { cluster.pods(of: $0) }
        compileWorkloads(deployments, pods)
        compileServices(pods)
        compileTrafficTargets()
    }

    /// Values in key order. Sorts the keys, then looks each value up: sorting the structs
    /// themselves copied them on every move (measured twice as slow, and so was sorting indices
    /// into a snapshot, whose comparator copied each entry).
    static func sortedByKey<V>(_ d: [ObjectKey: V]) -> [V] {
        d.keys.sorted().map { d[$0]! }
    }

    mutating func identity(_ namespace: String, _ name: String) -> Int32 {
        let key = ObjectKey(namespace: namespace, name: name)
        if let id = identityIndex[key] { return id }
        let id = Int32(identities.count)
        identities.append(key)
        identityIndex[key] = id
        return id
    }

    private mutating func compileWorkloads(_ deployments: [Deployment], _ podsOf: [[Pod]]) {
        for (deployment, pods) in zip(deployments, podsOf) {
            guard let first = pods.first else { continue }
            let index = workloads.count
            workloads.append(Workload(key: deployment.meta.key,
                                      identity: identity(first.namespace, first.serviceAccount),
                                      meshed: first.hasSidecar, sidecar: first.sidecar,
                                      podNames: pods.map(\.name)))
            workloadIndex[deployment.meta.key] = index
            workloadMeshed.append(first.hasSidecar)
            workloadIdentity.append(workloads[index].identity)
            for pod in pods { podIndex[pod.key] = index }
        }
    }

    private mutating func compileServices(_ podsOf: [[Pod]]) {
        var podsByNamespace: [String: [Pod]] = [:]
        for pods in podsOf where !pods.isEmpty { podsByNamespace[pods[0].namespace, default: []] += pods }
        for service in Self.sortedByKey(cluster.services) {
            let ns = service.meta.namespace ?? ""
            let selected = service.selector.matchLabels.isEmpty ? []
                : (podsByNamespace[ns] ?? []).filter { service.selector.matches($0.labels) }
            var endpoints: [Endpoint] = []
            for pod in selected {
                endpoints.append(Endpoint(podName: pod.name, identity: identity(pod.namespace, pod.serviceAccount),
                                          meshed: pod.hasSidecar, targetPortStart: Int32(targetPorts.count)))
                for port in service.ports { targetPorts.append(Int32(Self.resolveTargetPort(port, on: pod) ?? -1)) }
            }
            servicePortStart.append(Int32(portNumber.count))
            servicePortCount.append(Int32(service.ports.count))
            let protocols = service.ports.map(PortProtocol.of)
            for (port, proto) in zip(service.ports, protocols) {
                portNumber.append(Int32(port.port))
                portIsTCPTransport.append(port.transport == "TCP")
                portIsRawTCP.append(proto.kind.isRawTCP)
            }
            serviceEndpointStart.append(Int32(endpointIdentity.count))
            serviceEndpointCount.append(Int32(endpoints.count))
            for endpoint in endpoints {
                endpointIdentity.append(endpoint.identity)
                endpointMeshed.append(endpoint.meshed)
                endpointTargetPortStart.append(endpoint.targetPortStart)
            }
            let index = services.count
            services.append(ServiceEntry(key: service.meta.key, clusterIP: service.clusterIP,
                                         ports: zip(service.ports, protocols).map { ServicePortEntry(port: $0, protocolInfo: $1) },
                                         endpoints: endpoints, selector: service.selector))
            // One key per Service: `resolve` strips `.svc` and `.svc.cluster.local` first.
            hosts["\(service.meta.name).\(ns)"] = index
            if let ip = service.clusterIP, ip != "None" { hosts[ip] = index }
        }
    }

    /// The port an endpoint listens on for one of its Service's ports; nil when a named
    /// targetPort is not declared by the pod.
    public func targetPort(_ endpoint: Endpoint, portIndex: Int) -> Int? {
        let port = targetPorts[Int(endpoint.targetPortStart) + portIndex]
        return port < 0 ? nil : Int(port)
    }

    static func resolveTargetPort(_ port: ServicePort, on pod: Pod) -> Int? {
        switch port.targetPort {
        case nil: return port.port
        case .int(let n)?: return n
        case .string(let name)?:
            return pod.containers.lazy.flatMap(\.ports).first { $0.name == name }?.containerPort
        }
    }

    private mutating func compileTrafficTargets() {
        for target in Self.sortedByKey(cluster.trafficTargets) {
            targetsByDestination[identity(target.destination.namespace, target.destination.name), default: []]
                .append(targetStatus.count)
            if let why = ignoredBecause(target) {
                targetStatus.append((target, why))
                continue
            }
            targetStatus.append((target, nil))
            let ns = target.meta.namespace ?? ""
            var ports: [Int] = []
            var names: [String] = []
            for rule in target.rules {
                names.append("\(rule.kind) \(rule.name)")
                if rule.kind == ResourceKind.tcpRoute.rawValue,
                   let route = cluster.tcpRoutes[ObjectKey(namespace: ns, name: rule.name)] {
                    ports += route.ports
                }
            }
            let active = ActiveTarget(key: target.meta.key, ports: ports.isEmpty ? nil : Array(Set(ports)).sorted(),
                                      routeNames: names)
            let targetIndex = Int32(activeTargets.count)
            activeTargetIndex[target.meta.key] = activeTargets.count
            activeTargets.append(active)
            let destination = identity(target.destination.namespace, target.destination.name)
            for source in target.sources {
                let key = UInt64(UInt32(bitPattern: destination)) << 32
                    | UInt64(UInt32(bitPattern: identity(source.namespace, source.name)))
                var rule = smiRules[key] ?? PortRule()
                if let p = active.ports {
                    if !rule.anyPort { rule.ports = Array(Set(rule.ports + p)).sorted() }
                } else {
                    rule.anyPort = true
                    rule.ports = []
                }
                rule.targets.append(targetIndex)
                smiRules[key] = rule
            }
        }
    }

    /// OSM drops a TrafficTarget, silently, for these reasons; MeshDeck says which.
    private func ignoredBecause(_ target: TrafficTarget) -> String? {
        let ns = target.meta.namespace ?? ""
        guard cluster.namespaces[ns]?.isMonitored == true else {
            return "namespace \(ns) is not in the mesh, so the mesh does not read its policies"
        }
        guard !target.rules.isEmpty else { return "it has no rules" }
        let allowedKinds = [ResourceKind.tcpRoute.rawValue, ResourceKind.httpRouteGroup.rawValue]
        if let bad = target.rules.first(where: { !allowedKinds.contains($0.kind) }) {
            return "rule kind \(bad.kind) is not TCPRoute or HTTPRouteGroup, which invalidates the whole TrafficTarget"
        }
        for rule in target.rules {
            let key = ObjectKey(namespace: ns, name: rule.name)
            let exists = rule.kind == ResourceKind.tcpRoute.rawValue
                ? cluster.tcpRoutes[key] != nil : cluster.httpRouteGroups[key] != nil
            if !exists { return "\(rule.kind) \(ns)/\(rule.name) does not exist (routes are looked up in the TrafficTarget's own namespace)" }
        }
        return nil
    }
}
