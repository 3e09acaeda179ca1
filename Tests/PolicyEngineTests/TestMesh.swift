import Foundation
import Testing
import MeshModel
import PolicyEngine

/// Builds clusters from the walkthrough plus YAML, failing the test on any manifest error.
struct TestMesh {
    var cluster: Cluster

    init(scenario: Bool = true, permissive: Bool? = nil, egress: Bool? = nil, _ yaml: String = "",
         namespace: String? = nil) throws {
        cluster = scenario ? Scenario.walkthrough() : .empty()
        if !yaml.isEmpty { try apply(yaml, namespace: namespace) }
        if let permissive { cluster.setPermissive(permissive) }
        if let egress { cluster.setEgress(egress) }
    }

    mutating func apply(_ yaml: String, namespace: String? = nil) throws {
        let out = ManifestDecoder(defaultNamespace: namespace).decode(yaml, file: "test.yaml")
        guard out.errors.isEmpty else { throw ManifestErrors(out.errors) }
        try cluster.apply(out.resources)
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

/// Extra manifests the rule tests combine.
enum Snippets {
    /// A namespace outside the mesh, with a client and a server in it.
    static let outside = """
    apiVersion: v1
    kind: Namespace
    metadata: {name: outside}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: client, namespace: outside}
    spec:
      selector: {matchLabels: {app: client}}
      template:
        metadata: {labels: {app: client}}
        spec:
          containers: [{name: c, image: curlimages/curl, command: [sleep, 365d]}]
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: echo, namespace: outside}
    spec:
      ports: [{name: tcp, port: 9000, appProtocol: tcp}]
      selector: {app: echo}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: echo, namespace: outside}
    spec:
      selector: {matchLabels: {app: echo}}
      template:
        metadata: {labels: {app: echo}}
        spec:
          containers: [{name: e, image: openservicemesh/tcp-echo-server:latest, command: [/tcp-echo-server], args: [--port, "9000"]}]
    """

    static func tcpRoute(_ name: String = "tcp-echo-route", ports: [Int]) -> String {
        """
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: TCPRoute
        metadata: {name: \(name), namespace: tcp-demo}
        spec:
          matches:
            ports: [\(ports.map(String.init).joined(separator: ", "))]
        """
    }

    static func trafficTarget(_ name: String = "tcp-access", source: String = "curl", sourceNamespace: String = "curl",
                              rules: String = "[{kind: TCPRoute, name: tcp-echo-route}]") -> String {
        """
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: \(name), namespace: tcp-demo}
        spec:
          destination: {kind: ServiceAccount, name: tcp-echo, namespace: tcp-demo}
          sources: [{kind: ServiceAccount, name: \(source), namespace: \(sourceNamespace)}]
          rules: \(rules)
        """
    }
}
