import Foundation
import MeshDeckTestSupport
import MeshModel
import PolicyEngine
import Testing

/// Builds clusters from the walkthrough plus YAML, failing the test on any manifest error.
struct TestMesh {
    var cluster: Cluster

    init(
        scenario: Bool = true, permissive: Bool? = nil, egress: Bool? = nil, _ yaml: String = "",
        namespace: String? = nil
    ) throws {
        cluster = scenario ? Scenario.walkthrough() : .empty()
        if !yaml.isEmpty { try apply(yaml, namespace: namespace) }
        if let permissive { cluster.setPermissive(permissive) }
        if let egress { cluster.setEgress(egress) }
    }

    mutating func apply(_ yaml: String, namespace: String? = nil) throws {
        try cluster.apply(try TestManifests.decode(yaml, namespace: namespace))
    }

    var index: PolicyIndex { PolicyIndex(cluster) }

    func verdict(from: String = "curl/curl", to: String = "tcp-echo.tcp-demo:9000") throws -> Verdict {
        let index = self.index
        let (host, port) = try PolicyIndex.splitHostPort(to)
        return index.decide(from: try index.workload(named: from), host: host, port: port)
    }

    func explain(from: String = "curl/curl", to: String = "tcp-echo.tcp-demo:9000") throws -> Explanation {
        let index = self.index
        let (host, port) = try PolicyIndex.splitHostPort(to)
        return index.explain(from: try index.workload(named: from), host: host, port: port)
    }
}
