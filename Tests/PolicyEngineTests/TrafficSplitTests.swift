import MeshDeckTestSupport
import MeshModel
import PolicyEngine
import Testing

/// TrafficSplit as OSM v1.2.4 routes it: pkg/catalog/outbound_traffic_policies.go
/// (GetOutboundMeshTrafficPolicy builds one weighted cluster per backend of the first split
/// whose apex is the Service; ListOutboundServicesForIdentity decides whether the client has a
/// route to the apex at all), and the backend's inbound RBAC decides (pkg/envoy/lds/rbac.go).
@Suite struct TrafficSplitTests {
    func cluster(_ files: [String], permissive: Bool) throws -> Cluster {
        var cluster = Cluster.empty()
        for file in files {
            try cluster.apply(ManifestDecoder().decode(Fixtures.text("osm-v1.2/\(file)"), file: file).resources)
        }
        cluster.setPermissive(permissive)
        return cluster
    }

    /// Counts, per backend Service, where `count` successive connections go.
    func tally(_ index: PolicyIndex, count: Int) throws -> [String: Int] {
        let source = try index.workload(named: "bookbuyer/bookbuyer")
        var out: [String: Int] = [:]
        for n in 0..<count {
            let route = index.route(from: source, host: "bookstore.bookstore", port: 14001) { _ in n }
            let pod = index.endpointPod(of: route)?.name ?? "none"
            out[String(pod.prefix(12)) + (route.verdict.allowed ? "" : " denied"), default: 0] += 1
        }
        return out
    }

    @Test func connectionsToTheApexFollowTheWeights() throws {
        let index = PolicyIndex(try cluster(["bookstore-split.yaml"], permissive: true))
        #expect(try tally(index, count: 1000) == ["bookstore-v1": 900, "bookstore-v2": 100])
    }

    /// Each backend's own TrafficTargets decide: v2 runs as a ServiceAccount no TrafficTarget
    /// names, so its tenth of the connections is refused by v2's sidecar.
    @Test func eachBackendsTrafficTargetDecides() throws {
        let index = PolicyIndex(try cluster(["bookstore-split.yaml", "bookstore-split-smi.yaml"], permissive: false))
        #expect(try tally(index, count: 100) == ["bookstore-v1": 90, "bookstore-v2 denied": 10])
        let source = try index.workload(named: "bookbuyer/bookbuyer")
        let denied = index.route(from: source, host: "bookstore.bookstore", port: 14001) { _ in 95 }
        #expect(denied.verdict.point == .serverSidecar)
    }

    /// Without a TrafficTarget to the apex's pods the client sidecar has no route to the apex
    /// (ListOutboundServicesForIdentity), so no split applies and egress-off stops it.
    @Test func noRouteToTheApexMeansNoSplit() throws {
        var c = try cluster(["bookstore-split.yaml"], permissive: false)
        c.setEgress(false)
        let index = PolicyIndex(c)
        let source = try index.workload(named: "bookbuyer/bookbuyer")
        let route = index.route(from: source, host: "bookstore.bookstore", port: 14001) { _ in 0 }
        #expect(route.verdict.point == .clientSidecar)
        #expect(!route.verdict.allowed)
    }

    /// A weight of 0 gets nothing; a backend that does not exist is left out, as OSM ignores it.
    @Test func zeroWeightAndMissingBackendsGetNoTraffic() throws {
        var c = try cluster(["bookstore-split.yaml"], permissive: true)
        try c.apply(
            TestManifests.decode(
                """
                apiVersion: split.smi-spec.io/v1alpha2
                kind: TrafficSplit
                metadata: {name: bookstore-split, namespace: bookstore}
                spec:
                  service: bookstore
                  backends:
                  - {service: bookstore-v1, weight: 0}
                  - {service: bookstore-v2, weight: 50}
                  - {service: bookstore-v3, weight: 50}
                """))
        let index = PolicyIndex(c)
        #expect(try tally(index, count: 100) == ["bookstore-v2": 100])
        let e = index.explain(from: try index.workload(named: "bookbuyer/bookbuyer"), host: "bookstore.bookstore", port: 14001)
        #expect(e.facts.contains { $0.contains("backend Service(s) bookstore-v3 do not exist") })
    }

    @Test func explainShowsTheSplitAndTheBackendTaken() throws {
        let index = PolicyIndex(try cluster(["bookstore-split.yaml"], permissive: true))
        let e = index.explain(from: try index.workload(named: "bookbuyer/bookbuyer"), host: "bookstore.bookstore", port: 14001)
        #expect(
            e.facts.contains(
                "TrafficSplit bookstore/bookstore-split: apex Service bookstore/bookstore → bookstore-v1 weight 90, bookstore-v2 weight 10"
            ))
        #expect(
            e.facts.contains { $0.hasPrefix("split: this connection goes to backend bookstore/bookstore-v1 (pod bookstore-v1-") })
    }
}
