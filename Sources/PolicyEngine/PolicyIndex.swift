import MeshModel

/// The cluster compiled for deciding: names resolved to integers, TrafficTargets folded into
/// one table keyed by (destination identity, source identity). A decision is a few reads of
/// flat integer arrays and one hash lookup of a 64-bit key: no strings, no reference counting.
///
/// A value type on purpose: reads of a struct's stored properties need no exclusivity checks,
/// which a class's `var`s pay for on every access (measured: a third of the decision time).
/// Hold it in a `let`; copying it retains each of its arrays once.
package struct PolicyIndex: Sendable {
    /// The cluster compiled; `updated(to:)` replaces it with the next one.
    var cluster: Cluster
    /// Flipped in place by `updated(to:)`: it changes no table, only the rule decisions read.
    var permissive: Bool
    let egress: Bool

    /// A Deployment with at least one running pod: somewhere a probe can start from.
    package struct Workload: Sendable {
        package var key: ObjectKey
        /// Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or Pod.
        package var kind: ResourceKind
        var identity: Int32
        var meshed: Bool
        var sidecar: SidecarDecision
        package var podNames: [String]
        /// Where its pods' echo servers listen (`Pod.listeningPorts`, what the data plane starts).
        var listeningPorts: [Int] = []
    }

    /// One pod behind a Service, with the target port of each Service port resolved on it.
    package struct Endpoint: Sendable {
        package var podName: String
        /// The workload that runs it (a position in `workloads`).
        var workload: Int32 = -1
        var identity: Int32
        var meshed: Bool
        /// Where this endpoint's target ports start in the flat `targetPorts` table.
        var targetPortStart: Int32
    }

    package struct ServicePortEntry: Sendable {
        var port: ServicePort
        var protocolInfo: PortProtocol
    }

    package struct ServiceEntry: Sendable {
        package var key: ObjectKey
        package var clusterIP: String?
        var ports: [ServicePortEntry]
        package var endpoints: [Endpoint]
        var selector: LabelSelector
    }

    /// A TrafficTarget that takes part in decisions, with the ports its routes allow.
    package struct ActiveTarget: Sendable {
        var key: ObjectKey
        /// nil means every port (no TCPRoute ports at all).
        var ports: [Int]?
    }

    package internal(set) var workloads: [Workload] = []
    package internal(set) var services: [ServiceEntry] = []
    var identities: [ObjectKey] = []
    var activeTargets = ChunkedArray<ActiveTarget>()
    /// Every TrafficTarget with its status, in key order.
    package internal(set) var statusRows = TargetStatusRows()
    /// Every TrafficTarget with its status: nil when active, else why it is ignored (English).
    package var targetStatus: LazyMapCollection<TargetStatusRows, (target: TrafficTarget, ignoredBecause: String?)> {
        statusRows.lazy.map { (target: $0.target, ignoredBecause: $0.ignoredBecause) }
    }
    /// Why each of `targetStatus` is ignored, as a code (nil when active), for other languages.
    package var targetIgnored: LazyMapCollection<TargetStatusRows, TrafficTargetIgnored?> {
        statusRows.lazy.map(\.ignored)
    }

    // The hot path's view: plain values, indexed by workload, service, port and endpoint.
    var workloadMeshed: [Bool] = []
    var workloadIdentity: [Int32] = []
    /// Per service: where its ports start in the port arrays, and how many.
    var servicePortStart: [Int32] = []
    var servicePortCount: [Int32] = []
    var portNumber: [Int32] = []
    var portIsTCPTransport: [Bool] = []
    var portIsRawTCP: [Bool] = []
    var portIsUnsupported: [Bool] = []
    /// Per service: where its endpoints start in the endpoint arrays, and how many.
    var serviceEndpointStart: [Int32] = []
    var serviceEndpointCount: [Int32] = []
    var endpointIdentity: [Int32] = []
    var endpointMeshed: [Bool] = []
    /// Per endpoint, where its target ports (one per service port, -1 when unresolved) start.
    var endpointTargetPortStart: [Int32] = []
    var targetPorts: [Int32] = []
    /// Parallel to `targetPorts`: false when the pod runs echo servers and none listens on that
    /// target port (`Pod.listeningPorts`, what the data plane starts).
    var targetPortListens: [Bool] = []

    var workloadIndex: [ObjectKey: Int] = [:]
    /// A workload by kind as well as name, for `--from NS/KIND/NAME`.
    struct WorkloadName: Hashable {
        var kind: ResourceKind
        var key: ObjectKey
    }
    var kindIndex: [WorkloadName: Int] = [:]
    /// Pod name (`ns/pod`) → workload, so a probe may name a pod as its source.
    var podIndex: [ObjectKey: Int] = [:]
    /// `svc.ns` and the ClusterIP → service.
    var hosts: [String: Int] = [:]
    var identityIndex: [ObjectKey: Int32] = [:]
    /// (destination identity << 32 | source identity) → allowed ports.
    var smiRules = ShardedDictionary<UInt64, PortRule>()
    /// (destination identity << 32 | source identity) pairs the client sidecar has a route for.
    var outboundRoutes = ShardedSet<UInt64>()
    /// Destination identity → the TrafficTargets naming it, in key order: the partition
    /// `updated(to:)` recompiles when one of them, or a TCPRoute they use, changes.
    var targetsByDestination = ShardedDictionary<Int32, [ObjectKey]>()
    /// Why each ignored TrafficTarget is ignored (active ones are in `activeTargetIndex`).
    var ignoredTargets = ShardedDictionary<ObjectKey, TrafficTargetIgnored>()
    /// Destination identity → the keys its TrafficTargets put into `smiRules` and
    /// `outboundRoutes`, so a partition is cleared without scanning the tables.
    var partitionKeys = ShardedDictionary<Int32, [UInt64]>()
    /// TCPRoute → the TrafficTargets whose rules name it (the reverse map a route change reads).
    var targetsByRoute = ShardedDictionary<ObjectKey, Set<ObjectKey>>()
    /// Slots of `activeTargets` a recompiled partition gave back, reused before appending.
    var freeActiveSlots: [Int32] = []
    /// TrafficTarget → its position in `activeTargets`.
    var activeTargetIndex = ShardedDictionary<ObjectKey, Int>()
    /// Per workload: what its sidecar does not intercept (MeshConfig lists and its annotations).
    var workloadExclusions: [PodExclusions] = []
    var workloadHasExclusions: [Bool] = []
    /// Per endpoint: its workload, for its inbound exclusions.
    var endpointWorkload: [Int32] = []
    /// Source identity → the Egress policy rules naming it (egress off, policies on).
    var egressRules: [Int32: [EgressRule]] = [:]
    /// IngressBackend filter chains (PolicyIndex+Ingress.swift).
    var ingressRules: [IngressRule] = []
    /// Per service: the TrafficSplit whose apex it is (a position in `splits`), or -1.
    var splitOfService: [Int32] = []
    var splits: [SplitEntry] = []
    /// Every TrafficSplit with its status: nil when it routes, else why it is ignored.
    var splitStatus: [(split: TrafficSplit, ignoredBecause: TrafficSplitIgnored?)] = []

    /// The union of the ports the matching TrafficTargets allow; `anyPort` when one of them
    /// has no TCPRoute ports at all.
    struct PortRule: Sendable {
        var anyPort = false
        var ports: [Int] = []
        /// Which active targets contributed, first one first.
        var targets: [Int32] = []

        func allows(_ port: Int) -> Bool { anyPort || ports.contains(port) }

        /// Adds one TrafficTarget's ports (nil: every port).
        mutating func merge(_ more: [Int]?, target: Int32) {
            if let more {
                if !anyPort { ports = PolicyIndex.sortedUnique(ports + more) }
            } else {
                anyPort = true
                ports = []
            }
            targets.append(target)
        }
        /// The first target that allows this port, for the explanation.
        func target(allowing port: Int, in all: ChunkedArray<ActiveTarget>) -> Int32? {
            targets.first { all[Int($0)].ports.map { $0.contains(port) } ?? true }
        }
    }

    package init(_ cluster: Cluster) {
        self.cluster = cluster
        self.permissive = cluster.isPermissive
        self.egress = cluster.isEgressEnabled
        let deployments = cluster.allWorkloads
        // Sized up front: growing these tables rehashed every key several times.
        workloadIndex.reserveCapacity(deployments.count)
        podIndex.reserveCapacity(deployments.count * 2)
        hosts.reserveCapacity(cluster.services.count * 2)
        identityIndex.reserveCapacity(cluster.serviceAccounts.count + deployments.count)
        smiRules.reserveCapacity(cluster.trafficTargets.count * 2)
        let running = compileWorkloads(deployments)
        compileServices(running)
        compileSplits()
        compileTrafficTargets()
        compileEgresses()
        compileIngress()
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

    /// A Deployment's running pods as compiling needs them: they share labels, identity and
    /// sidecar, so services match Deployments, not each pod (no per-pod structs or label maps).
    private struct RunningPods {
        var deployment: Deployment
        var templateHash: String
        var podNames: [String]
        var identity: Int32
        var meshed: Bool
        var workload: Int32

        /// A Service selector against the pods' labels (template labels plus pod-template-hash).
        func matched(by selector: LabelSelector) -> Bool {
            selector.matchLabels.allSatisfy { key, value in
                switch (key, deployment.kind) {
                case ("pod-template-hash", .deployment): return value == templateHash
                case ("job-name", .job): return value == deployment.meta.name
                default: return deployment.templateLabels[key] == value
                }
            }
        }
    }

    private mutating func compileWorkloads(_ deployments: [Deployment]) -> [RunningPods] {
        var running: [RunningPods] = []
        running.reserveCapacity(deployments.count)
        for deployment in deployments {
            let (hash, names) = cluster.podNames(of: deployment)
            guard !names.isEmpty, let ns = deployment.meta.namespace else { continue }
            let sidecar = cluster.sidecarDecision(
                namespace: ns, podAnnotations: deployment.templateAnnotations, hostNetwork: deployment.hostNetwork)
            let id = identity(ns, deployment.serviceAccountName)
            let index = workloads.count
            workloads.append(
                Workload(
                    key: deployment.meta.key, kind: deployment.kind, identity: id, meshed: sidecar.injected,
                    sidecar: sidecar, podNames: names, listeningPorts: Container.listeningPorts(deployment.containers)))
            // NS/NAME names the first workload of that name (Deployments first); NS/KIND/NAME any.
            if workloadIndex[deployment.meta.key] == nil { workloadIndex[deployment.meta.key] = index }
            kindIndex[WorkloadName(kind: deployment.kind, key: deployment.meta.key)] = index
            workloadMeshed.append(sidecar.injected)
            workloadIdentity.append(id)
            for name in names { podIndex[ObjectKey(namespace: ns, name: name)] = index }
            // pkg/injector/iptables.go: only a pod with a sidecar has interception to bypass.
            let exclusions =
                sidecar.injected
                ? PodExclusions(annotations: deployment.templateAnnotations, meshConfig: cluster.meshConfig)
                : PodExclusions()
            workloadExclusions.append(exclusions)
            workloadHasExclusions.append(!exclusions.isEmpty)
            running.append(
                RunningPods(
                    deployment: deployment, templateHash: hash, podNames: names, identity: id,
                    meshed: sidecar.injected, workload: Int32(index)))
        }
        return running
    }

    private mutating func compileServices(_ running: [RunningPods]) {
        var byNamespace: [String: [Int]] = [:]
        for (i, r) in running.enumerated() { byNamespace[r.deployment.meta.namespace ?? "", default: []].append(i) }
        for service in Self.sortedByKey(cluster.services) {
            let ns = service.meta.namespace ?? ""
            // A Service without a selector gets no endpoints from Kubernetes.
            // Indices, not copies: copying each candidate (a Deployment inside) per Service was
            // the largest cost of compiling in the benchmark.
            let selected =
                service.selector.matchLabels.isEmpty
                ? []
                : (byNamespace[ns] ?? []).filter { running[$0].matched(by: service.selector) }
            var endpoints: [Endpoint] = []
            for i in selected {
                let ports = service.ports.map {
                    Int32(Self.resolveTargetPort($0, containers: running[i].deployment.containers) ?? -1)
                }
                for name in running[i].podNames {
                    endpoints.append(
                        Endpoint(
                            podName: name, workload: running[i].workload, identity: running[i].identity,
                            meshed: running[i].meshed, targetPortStart: Int32(targetPorts.count)))
                    targetPorts += ports
                    let listening = Container.listeningPorts(running[i].deployment.containers)
                    targetPortListens += ports.map { listening.isEmpty || listening.contains(Int($0)) }
                }
            }
            servicePortStart.append(Int32(portNumber.count))
            servicePortCount.append(Int32(service.ports.count))
            let protocols = service.ports.map(PortProtocol.of)
            for (port, proto) in zip(service.ports, protocols) {
                portNumber.append(Int32(port.port))
                portIsTCPTransport.append(port.transport == "TCP")
                portIsRawTCP.append(proto.kind.isRawTCP)
                portIsUnsupported.append(proto.kind == .unsupported)
            }
            serviceEndpointStart.append(Int32(endpointIdentity.count))
            serviceEndpointCount.append(Int32(endpoints.count))
            for endpoint in endpoints {
                endpointIdentity.append(endpoint.identity)
                endpointMeshed.append(endpoint.meshed)
                endpointWorkload.append(endpoint.workload)
                endpointTargetPortStart.append(endpoint.targetPortStart)
            }
            let index = services.count
            services.append(
                ServiceEntry(
                    key: service.meta.key, clusterIP: service.clusterIP,
                    ports: zip(service.ports, protocols).map { ServicePortEntry(port: $0, protocolInfo: $1) },
                    endpoints: endpoints, selector: service.selector))
            // One key per Service: `resolve` strips `.svc` and `.svc.cluster.local` first.
            hosts["\(service.meta.name).\(ns)"] = index
            if let ip = service.clusterIP, ip != "None" { hosts[ip] = index }
        }
    }

    /// The port an endpoint listens on for one of its Service's ports; nil when a named
    /// targetPort is not declared by the pod.
    func targetPort(_ endpoint: Endpoint, portIndex: Int) -> Int? {
        let port = targetPorts[Int(endpoint.targetPortStart) + portIndex]
        return port < 0 ? nil : Int(port)
    }

    static func resolveTargetPort(_ port: ServicePort, containers: [Container]) -> Int? {
        switch port.targetPort {
        case nil: return port.port
        case .int(let n)?: return n
        case .string(let name)?:
            return containers.lazy.flatMap(\.ports).first { $0.name == name }?.containerPort
        }
    }

    private mutating func compileTrafficTargets() {
        let targets = Self.sortedByKey(cluster.trafficTargets)
        var rows: [TargetStatusRows.Row] = []
        rows.reserveCapacity(targets.count)
        for target in targets {
            let why = compileTarget(target)
            rows.append(
                TargetStatusRows.Row(target: target, ignoredBecause: why.map { EnglishWords().ignored($0) }, ignored: why))
            noteRoutes(of: target)
        }
        statusRows = TargetStatusRows(sorted: rows)
    }

    /// The TCPRoutes a TrafficTarget's rules name, as `targetsByRoute` keys them.
    static func routeKeys(of target: TrafficTarget) -> [ObjectKey] {
        let ns = target.meta.namespace ?? ""
        return target.rules.filter { $0.kind == ResourceKind.tcpRoute.rawValue }.map {
            ObjectKey(namespace: ns, name: $0.name)
        }
    }

    mutating func noteRoutes(of target: TrafficTarget) {
        for route in Self.routeKeys(of: target) { targetsByRoute[route, default: []].insert(target.meta.key) }
    }

    mutating func forgetRoutes(of target: TrafficTarget) {
        for route in Self.routeKeys(of: target) {
            targetsByRoute[route]?.remove(target.meta.key)
            if targetsByRoute[route]?.isEmpty == true { targetsByRoute[route] = nil }
        }
    }

    /// Compiles one TrafficTarget into its destination's partition: its rules, its outbound
    /// routes, its slot in `activeTargets`. Targets of one destination must come in key order
    /// (the first contributing target is the one a verdict names). Returns why it is ignored.
    mutating func compileTarget(_ target: TrafficTarget) -> TrafficTargetIgnored? {
        let destination = identity(target.destination.namespace, target.destination.name)
        targetsByDestination[destination, default: []].append(target.meta.key)
        if let why = ignoredBecause(target) {
            ignoredTargets[target.meta.key] = why
            return why
        }
        // pkg/catalog/outbound_traffic_policies.go ListOutboundServicesForIdentity: every
        // valid TrafficTarget naming the source gives its sidecar a route, whatever its
        // routes hold.
        for source in target.sources {
            let key = Self.ruleKey(destination, identity(source.namespace, source.name))
            outboundRoutes.insert(key)
            partitionKeys[destination, default: []].append(key)
        }
        let ns = target.meta.namespace ?? ""
        // pkg/catalog/traffictarget.go getTCPRouteMatchesFromTrafficTarget: only TCPRoute
        // rules feed the L4 RBAC, and a missing one leaves the whole TrafficTarget out of it.
        if let missing = target.rules.first(where: {
            $0.kind == ResourceKind.tcpRoute.rawValue && cluster.tcpRoutes[ObjectKey(namespace: ns, name: $0.name)] == nil
        }) {
            let why = TrafficTargetIgnored.routeMissing(route: ObjectKey(namespace: ns, name: missing.name))
            ignoredTargets[target.meta.key] = why
            return why
        }
        var ports: [Int] = []
        for rule in target.rules where rule.kind == ResourceKind.tcpRoute.rawValue {
            if let route = cluster.tcpRoutes[ObjectKey(namespace: ns, name: rule.name)] { ports += route.ports }
        }
        let active = ActiveTarget(key: target.meta.key, ports: ports.isEmpty ? nil : Self.sortedUnique(ports))
        let targetIndex: Int32
        if let free = freeActiveSlots.popLast() {
            targetIndex = free
            activeTargets[Int(free)] = active
        } else {
            targetIndex = Int32(activeTargets.count)
            activeTargets.append(active)
        }
        activeTargetIndex[target.meta.key] = Int(targetIndex)
        for source in target.sources {
            let key = Self.ruleKey(destination, identity(source.namespace, source.name))
            // Updated in place: reading the rule out and writing it back copied its arrays.
            smiRules[key, default: PortRule()].merge(active.ports, target: targetIndex)
        }
        return nil
    }

    /// Port lists are short: sort and drop repeats without building a Set.
    static func sortedUnique(_ ports: [Int]) -> [Int] {
        var out: [Int] = []
        for p in ports.sorted() where out.last != p { out.append(p) }
        return out
    }

    /// OSM drops a TrafficTarget, silently, for these reasons (pkg/smi/client.go
    /// ListTrafficTargets, isValidTrafficTarget); MeshDeck says which. A missing HTTPRouteGroup
    /// is none of them: L4 access does not read HTTP routes.
    private func ignoredBecause(_ target: TrafficTarget) -> TrafficTargetIgnored? {
        let ns = target.meta.namespace ?? ""
        guard cluster.namespaces[ns]?.isMonitored == true else { return .namespaceNotInMesh(namespace: ns) }
        guard !target.rules.isEmpty else { return .noRules }
        let allowedKinds = [ResourceKind.tcpRoute.rawValue, ResourceKind.httpRouteGroup.rawValue]
        if let bad = target.rules.first(where: { !allowedKinds.contains($0.kind) }) { return .badRuleKind(kind: bad.kind) }
        return nil
    }
}
