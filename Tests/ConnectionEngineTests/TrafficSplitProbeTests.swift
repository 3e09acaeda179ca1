import DataPlaneInterface
import MeshDeckTestSupport
import MeshModel
import PolicyEngine
import Testing

@testable import ConnectionEngine

/// The data plane really splits: probes to the apex land on the backends' pods by weight, the
/// round-robin counter of the client's sidecar walking the weighted slots that PolicyIndex lays
/// out (OSM v1.2.4 pkg/catalog/outbound_traffic_policies.go, weighted clusters per backend).
@Suite struct TrafficSplitProbeTests {
    @Test func probesToTheApexLandOnTheBackendsByWeight() async throws {
        var cluster = Cluster.empty()
        try cluster.apply(
            ManifestDecoder().decode(Fixtures.text("osm-v1.2/bookstore-split.yaml"), file: "split.yaml").resources)
        cluster.setPermissive(true)
        let landed = try await withEngine(cluster) { engine in
            var landed: [String: Int] = [:]
            for _ in 0..<200 {
                let probe = try await engine.probe(from: "bookbuyer/bookbuyer", to: "bookstore.bookstore:14001")
                #expect(probe.reply == "echo response: hello\n")
                landed[String(probe.endpointPod?.name.prefix(12) ?? "none"), default: 0] += 1
            }
            return landed
        }
        #expect(landed == ["bookstore-v1": 180, "bookstore-v2": 20])
    }
}
