import MeshModel

/// The cluster compiled for deciding: names resolved to integers, TrafficTargets folded into
/// one table keyed by (destination identity, source identity). A decision is a few array
/// reads and one hash lookup of a 64-bit key; no strings are touched on that path.
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
        /// Per Service port (same order): the port the pod listens on, nil when a named
        /// targetPort is not declared by the pod.
        public var targetPorts: [Int?]
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

    var workloadIndex: [ObjectKey: Int] = [:]
    /// Pod name (`ns/pod`) → workload, so a probe may name a pod as its source.
    var podIndex: [ObjectKey: Int] = [:]
    /// `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local` and the ClusterIP → service.
    var hosts: [String: Int] = [:]
    var identityIndex: [ObjectKey: Int32] = [:]
    /// (destination identity << 32 | source identity) → allowed ports.
    var smiRules: [UInt64: PortRule] = [:]

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
        compileWorkloads()
        compileServices()
        compileTrafficTargets()
    }

    mutating func identity(_ namespace: String, _ name: String) -> Int32 {
        let key = ObjectKey(namespace: namespace, name: name)
        if let id = identityIndex[key] { return id }
        let id = Int32(identities.count)
        identities.append(key)
        identityIndex[key] = id
        return id
    }

    private mutating func compileWorkloads() {
        for deployment in cluster.deployments.values.sorted(by: { $0.meta.key < $1.meta.key }) {
            let pods = cluster.pods(of: deployment)
            guard let first = pods.first else { continue }
            let index = workloads.count
            workloads.append(Workload(key: deployment.meta.key,
                                      identity: identity(first.namespace, first.serviceAccount),
                                      meshed: first.hasSidecar, sidecar: first.sidecar,
                                      podNames: pods.map(\.name)))
            workloadIndex[deployment.meta.key] = index
            for pod in pods { podIndex[pod.key] = index }
        }
    }

    private mutating func compileServices() {
        var podsByNamespace: [String: [Pod]] = [:]
        for deployment in cluster.deployments.values.sorted(by: { $0.meta.key < $1.meta.key }) {
            podsByNamespace[deployment.meta.namespace ?? "", default: []] += cluster.pods(of: deployment)
        }
        for service in cluster.services.values.sorted(by: { $0.meta.key < $1.meta.key }) {
            let ns = service.meta.namespace ?? ""
            let selected = service.selector.matchLabels.isEmpty ? []
                : (podsByNamespace[ns] ?? []).filter { service.selector.matches($0.labels) }
            let endpoints = selected.map { pod in
                Endpoint(podName: pod.name, identity: identity(pod.namespace, pod.serviceAccount), meshed: pod.hasSidecar,
                         targetPorts: service.ports.map { Self.resolveTargetPort($0, on: pod) })
            }
            let index = services.count
            services.append(ServiceEntry(key: service.meta.key, clusterIP: service.clusterIP,
                                         ports: service.ports.map { ServicePortEntry(port: $0, protocolInfo: .of($0)) },
                                         endpoints: endpoints, selector: service.selector))
            let name = service.meta.name
            for host in ["\(name).\(ns)", "\(name).\(ns).svc", "\(name).\(ns).svc.cluster.local"] { hosts[host] = index }
            if let ip = service.clusterIP, ip != "None" { hosts[ip] = index }
        }
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
        for target in cluster.trafficTargets.values.sorted(by: { $0.meta.key < $1.meta.key }) {
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
