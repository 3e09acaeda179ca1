import MeshDeckTestSupport
import MeshModel
import Testing

@testable import PolicyEngine

/// A small mesh and random policy edits over it: 3 meshed namespaces and one outside the mesh,
/// 3 echo services each (ServiceAccount, Deployment, Service on 8080 and 9090).
struct SmallMesh {
    static let namespaces = ["n0", "n1", "n2", "outside"]
    static let apps = ["app-0", "app-1", "app-2"]
    static let ports = [8080, 9090, 7070]

    static func cluster() throws -> Cluster {
        var resources: [Resource] = [
            .namespace(Namespace(meta: ObjectMeta(name: "osm-system"))),
            .meshConfig(MeshConfig(meta: ObjectMeta(name: MeshConfig.name, namespace: MeshConfig.namespace))),
        ]
        for ns in namespaces {
            let meshed = ns != "outside"
            resources.append(
                .namespace(
                    Namespace(
                        meta: ObjectMeta(
                            name: ns, labels: meshed ? [MeshLabels.monitoredBy: "osm"] : [:],
                            annotations: meshed ? [MeshLabels.sidecarInjection: "enabled"] : [:]))))
            for app in apps {
                resources.append(.serviceAccount(ServiceAccount(meta: ObjectMeta(name: app, namespace: ns))))
                resources.append(
                    .deployment(
                        Deployment(
                            meta: ObjectMeta(name: app, namespace: ns), replicas: 1, selector: LabelSelector(["app": app]),
                            templateLabels: ["app": app], serviceAccountName: app,
                            containers: [
                                Container(
                                    name: "server", image: "openservicemesh/tcp-echo-server:latest",
                                    command: ["/tcp-echo-server"], args: ["--port", "8080"],
                                    ports: [.init(containerPort: 8080), .init(containerPort: 9090)])
                            ])))
                resources.append(
                    .service(
                        Service(
                            meta: ObjectMeta(name: app, namespace: ns),
                            ports: [
                                ServicePort(name: "tcp-a", port: 8080, appProtocol: "tcp"),
                                ServicePort(name: "tcp-b", port: 9090, appProtocol: "tcp"),
                            ],
                            selector: LabelSelector(["app": app]))))
            }
        }
        var cluster = Cluster.empty()
        try cluster.apply(resources)
        return cluster
    }

    static func identity(_ rng: inout SeededRandom) -> IdentityRef {
        // Now and then a ServiceAccount no workload runs as.
        let name = Int.random(in: 0..<10, using: &rng) == 0 ? "ghost" : apps.randomElement(using: &rng)!
        return IdentityRef(name: name, namespace: namespaces.randomElement(using: &rng)!)
    }

    static func trafficTarget(_ rng: inout SeededRandom) -> TrafficTarget {
        let ns = namespaces.randomElement(using: &rng)!
        var rules: [TrafficTargetRule] = []
        for _ in 0..<Int.random(in: 0...2, using: &rng) {
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: rules.append(TrafficTargetRule(kind: "HTTPRouteGroup", name: "http-0"))
            case 1: rules.append(TrafficTargetRule(kind: "UDPRoute", name: "udp"))
            default: rules.append(TrafficTargetRule(kind: "TCPRoute", name: "route-\(Int.random(in: 0..<3, using: &rng))"))
            }
        }
        // Mostly well formed: rules, and a destination in the TrafficTarget's namespace.
        if rules.isEmpty && Bool.random(using: &rng) { rules = [TrafficTargetRule(kind: "TCPRoute", name: "route-0")] }
        return TrafficTarget(
            meta: ObjectMeta(name: "t-\(Int.random(in: 0..<4, using: &rng))", namespace: ns),
            destination: IdentityRef(name: apps.randomElement(using: &rng)!, namespace: ns),
            sources: (0..<Int.random(in: 1...3, using: &rng)).map { _ in identity(&rng) }, rules: rules)
    }

    static func tcpRoute(_ rng: inout SeededRandom) -> TCPRoute {
        let ports = ports.filter { _ in Int.random(in: 0..<3, using: &rng) == 0 }
        return TCPRoute(
            meta: ObjectMeta(
                name: "route-\(Int.random(in: 0..<3, using: &rng))", namespace: namespaces.randomElement(using: &rng)!),
            ports: ports)
    }

    /// One random edit, as a user makes them: apply or delete a TrafficTarget or TCPRoute,
    /// flip permissive, and now and then a change outside policy (a scale) or a batch.
    static func edit(_ cluster: inout Cluster, _ rng: inout SeededRandom) {
        switch Int.random(in: 0..<20, using: &rng) {
        case 0..<7: _ = try? cluster.apply([.trafficTarget(trafficTarget(&rng))])
        case 7..<10:
            if let key = cluster.trafficTargets.keys.sorted().randomElement(using: &rng) {
                try? cluster.delete(.trafficTarget, key)
            }
        case 10..<13: _ = try? cluster.apply([.tcpRoute(tcpRoute(&rng))])
        case 13..<15:
            if let key = cluster.tcpRoutes.keys.sorted().randomElement(using: &rng) { try? cluster.delete(.tcpRoute, key) }
        case 15..<17: cluster.setPermissive(!cluster.isPermissive)
        case 17:
            let key = ObjectKey(
                namespace: namespaces.randomElement(using: &rng)!, name: apps.randomElement(using: &rng)!)
            try? cluster.scale(key, replicas: Int.random(in: 0...2, using: &rng))
        default:
            let batch: [Resource] = (0..<Int.random(in: 2...4, using: &rng)).map { _ in
                Bool.random(using: &rng) ? .trafficTarget(trafficTarget(&rng)) : .tcpRoute(tcpRoute(&rng))
            }
            _ = try? cluster.apply(batch)
        }
    }
}

/// The incremental index (`PolicyIndex.update(to:)`) against a fresh compile, after every step
/// of random sequences of applies and deletes: every (source, host, port) and (peer, port)
/// question must get the same answer, explained by the same facts, and the TrafficTargets the
/// same status.
@Suite struct IncrementalPolicyTests {
    /// `explaining`: explanations too (the costly part, in a debug build: every few steps).
    static func mismatches(_ incremental: PolicyIndex, _ fresh: PolicyIndex, explaining: Bool = true) -> [String] {
        var out: [String] = []
        let incrementalStatus = Array(incremental.targetStatus.map { "\($0.target.meta.key) \($0.ignoredBecause ?? "active")" })
        let freshStatus = Array(fresh.targetStatus.map { "\($0.target.meta.key) \($0.ignoredBecause ?? "active")" })
        if incrementalStatus != freshStatus || Array(incremental.targetIgnored) != Array(fresh.targetIgnored) {
            out.append("status: \(incrementalStatus) != \(freshStatus)")
        }
        let hosts = SmallMesh.namespaces.flatMap { ns in SmallMesh.apps.map { "\($0).\(ns)" } } + ["nowhere.n0"]
        for workload in fresh.workloads {
            let name = workload.key.description
            guard let a = try? incremental.workload(named: name), let b = try? fresh.workload(named: name) else {
                out.append("source \(name) unknown to one index")
                continue
            }
            for host in hosts {
                for port in SmallMesh.ports {
                    let x = incremental.decide(from: a, host: host, port: port)
                    let y = fresh.decide(from: b, host: host, port: port)
                    if x.allowed != y.allowed || x.point != y.point || incremental.summaryCode(x) != fresh.summaryCode(y) {
                        out.append("decide \(name) → \(host):\(port): \(incremental.summary(x)) != \(fresh.summary(y))")
                    }
                    guard explaining else { continue }
                    let e = incremental.explain(from: a, host: host, port: port)
                    let f = fresh.explain(from: b, host: host, port: port)
                    if e.reasonCode != f.reasonCode || e.factCodes != f.factCodes || e.fixCode != f.fixCode
                        || e.clientError != f.clientError
                    {
                        out.append("explain \(name) → \(host):\(port): \(e.facts) != \(f.facts)")
                    }
                }
            }
        }
        let identities = SmallMesh.namespaces.flatMap { ns in
            (SmallMesh.apps + ["ghost"]).map { ObjectKey(namespace: ns, name: $0) }
        }
        for destination in identities {
            for peer in identities.map(Optional.some) + [nil] {
                for port in SmallMesh.ports {
                    let x = incremental.admit(peer: peer, to: destination, targetPort: port)
                    let y = fresh.admit(peer: peer, to: destination, targetPort: port)
                    if x.allowed != y.allowed || incremental.summaryCode(x) != fresh.summaryCode(y) {
                        out.append(
                            "admit \(peer?.description ?? "plaintext") → \(destination):\(port): "
                                + "\(incremental.summary(x)) != \(fresh.summary(y))")
                    }
                }
            }
        }
        return out
    }

    @Test func randomEditSequencesDecideAsAFreshCompile() async throws {
        let start = try SmallMesh.cluster()
        // Off Swift's pool: this computes for many seconds, and the suite's engines need it.
        let failure: String? = await offPool {
            for seed in UInt64(1)...200 {
                var rng = SeededRandom(seed: seed)
                var cluster = start
                var index = PolicyIndex(cluster)
                for step in 0..<10 {
                    SmallMesh.edit(&cluster, &rng)
                    index.update(to: cluster)
                    let wrong = Self.mismatches(index, PolicyIndex(cluster), explaining: step % 5 == 4)
                    if !wrong.isEmpty { return "seed \(seed) step \(step): \(wrong.prefix(3).joined(separator: "; "))" }
                }
            }
            return nil
        }
        #expect(failure == nil, "\(failure ?? "")")
    }

    /// The sequences above must exercise the incremental path, not only fresh compiles.
    @Test func aTrafficTargetEditIsCompiledIncrementally() throws {
        var cluster = try SmallMesh.cluster()
        let before = PolicyIndex(cluster)
        let target = TrafficTarget(
            meta: ObjectMeta(name: "t-0", namespace: "n0"), destination: IdentityRef(name: "app-0", namespace: "n0"),
            sources: [IdentityRef(name: "app-1", namespace: "n1")], rules: [TrafficTargetRule(kind: "TCPRoute", name: "r")])
        try cluster.apply([.trafficTarget(target)])
        let delta = try #require(cluster.policyDelta(since: before.cluster))
        #expect(delta.trafficTargets == [target.meta.key])
        cluster.setPermissive(true)
        #expect(cluster.policyDelta(since: before.cluster)?.permissiveFlipped == true)
        try cluster.scale(ObjectKey(namespace: "n0", name: "app-0"), replicas: 2)
        #expect(cluster.policyDelta(since: before.cluster) == nil)
    }
}
