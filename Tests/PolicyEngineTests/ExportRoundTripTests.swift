import Foundation
import MeshDeckTestSupport
import PolicyEngine
import Testing

@testable import MeshModel

/// `meshdeck export` writes what MeshDeck models; loaded back with the project's own loader it
/// must be the same cluster, and the policy must decide every pair the same way.
@Suite struct ExportRoundTripTests {
    /// Everything the export must carry: every kind and every field the model keeps.
    static let rich = Fixtures.text("export-every-field.yaml")

    static func rich(permissive: Bool) throws -> Cluster {
        try TestMesh(permissive: permissive, egress: false, rich).cluster
    }

    /// The export written to a folder, loaded back as `meshdeck -f DIR --empty` would.
    func reloaded(_ cluster: Cluster) throws -> Cluster {
        let export = ManifestExport(cluster)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for file in export.files {
            try file.text.write(to: dir.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        let out = ManifestLoader.load([dir.path], decoder: ManifestDecoder())
        #expect(out.diagnostics.isEmpty, "\(out.diagnostics.map(\.description))")
        // The stdout form holds the same documents.
        #expect(
            ManifestDecoder().decode(export.combined, file: "-").resources.map(\.withoutSource)
                == out.resources.map(\.withoutSource))
        var back = Cluster.empty()
        try back.apply(out.resources)
        return back
    }

    /// Resources as content: where they were read and when they were made do not count, and a
    /// missing targetPort is the port itself, as the API server fills it in.
    func content(_ cluster: Cluster, clusterIPs: Bool = true) -> [ResourceKind: [Resource]] {
        var out: [ResourceKind: [Resource]] = [:]
        for kind in ResourceKind.allCases {
            out[kind] = cluster.resources(of: kind).map { resource in
                var r = resource.withoutSource
                switch r {
                case .namespace(var x): x.meta.creationTimestamp = nil; r = .namespace(x)
                case .serviceAccount(var x): x.meta.creationTimestamp = nil; r = .serviceAccount(x)
                case .service(var x):
                    x.meta.creationTimestamp = nil
                    if !clusterIPs { x.clusterIP = nil }
                    for i in x.ports.indices where x.ports[i].targetPort == nil { x.ports[i].targetPort = .int(x.ports[i].port) }
                    r = .service(x)
                case .deployment(var x): x.meta.creationTimestamp = nil; r = .deployment(x)
                case .meshConfig(var x):
                    // An unset enableEgressPolicy is osm install's value, on.
                    x.meta.creationTimestamp = nil
                    x.egressPolicy = x.isEgressPolicyEnabled
                    r = .meshConfig(x)
                case .tcpRoute(var x): x.meta.creationTimestamp = nil; r = .tcpRoute(x)
                case .httpRouteGroup(var x): x.meta.creationTimestamp = nil; r = .httpRouteGroup(x)
                case .trafficTarget(var x): x.meta.creationTimestamp = nil; r = .trafficTarget(x)
                case .trafficSplit(var x): x.meta.creationTimestamp = nil; r = .trafficSplit(x)
                case .egress(var x): x.meta.creationTimestamp = nil; r = .egress(x)
                case .shown(var x): x.meta.creationTimestamp = nil; r = .shown(x)
                }
                return r
            }
        }
        return out
    }

    func expectSameDecisions(_ a: Cluster, _ b: Cluster) {
        let before = PolicyIndex(a).matrix(), after = PolicyIndex(b).matrix()
        #expect(after.sources == before.sources)
        #expect(after.destinations == before.destinations)
        #expect(after.verdicts == before.verdicts)
        #expect(!before.verdicts.isEmpty)
    }

    @Test(arguments: [true, false])
    func walkthroughComesBackTheSame(permissive: Bool) throws {
        var cluster = Scenario.walkthrough()
        cluster.setPermissive(permissive)
        try cluster.apply(TestManifests.decode(Scenario.bundle(named: "smi-policy")!.yaml))
        let back = try reloaded(cluster)
        #expect(content(back) == content(cluster))
        expectSameDecisions(cluster, back)
    }

    @Test(arguments: [true, false])
    func everythingTheModelHoldsComesBackTheSame(permissive: Bool) throws {
        let cluster = try Self.rich(permissive: permissive)
        let back = try reloaded(cluster)
        for kind in ResourceKind.allCases {
            #expect(content(back)[kind] == content(cluster)[kind], "\(kind)")
        }
        expectSameDecisions(cluster, back)
        // Both verdicts occur, so agreement means something.
        let verdicts = PolicyIndex(cluster).matrix().verdicts
        #expect(verdicts.contains { $0.allowed } && verdicts.contains { !$0.allowed })
    }

    @Test func aDumpedClusterComesBackWithoutWhatTheClusterOwns() throws {
        var dumped = Cluster.empty()
        try dumped.apply(TestManifests.decode(Fixtures.text("kubectl-get-walkthrough.yaml")))
        let back = try reloaded(dumped)
        // The walkthrough's resources, without uids, server labels and annotations, ClusterIPs.
        var expected = Scenario.walkthrough()
        expected.setPermissive(false)
        try expected.apply(TestManifests.decode(Scenario.bundle(named: "smi-policy")!.yaml))
        // The real cluster's MeshConfig also says how long service certificates last (OSM's
        // install writes 24h, its default); the walkthrough's leaves it out, and the model keeps
        // the field as written since the certificate authority reads it.
        try expected.apply(
            TestManifests.decode(
                """
                apiVersion: config.openservicemesh.io/v1alpha2
                kind: MeshConfig
                metadata: {name: osm-mesh-config, namespace: osm-system}
                spec:
                  traffic: {enablePermissiveTrafficPolicyMode: false, enableEgress: true}
                  certificate: {serviceCertValidityDuration: 24h, certKeyBitSize: 2048}
                """))
        #expect(content(back, clusterIPs: false) == content(expected, clusterIPs: false))
        let export = ManifestExport(dumped)
        #expect(export.leftOut.count == 22)
        #expect(
            export.leftOut.contains {
                $0.key == ObjectKey(namespace: "osm-system", name: "osm-controller") && $0.kind == .deployment
            })
    }
}
