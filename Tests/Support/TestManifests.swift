import Foundation
import MeshModel

/// Files under Tests/Fixtures, shared by every test target.
package enum Fixtures {
    package static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    package static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    package static func text(_ name: String) -> String {
        (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? ""
    }
}

/// Manifests the rule tests combine with the walkthrough scenario.
package enum TestManifests {
    /// A namespace outside the mesh, with a client and an echo server in it.
    package static let outside = """
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
              containers: [{name: e, image: "openservicemesh/tcp-echo-server:latest", command: [/tcp-echo-server], args: [--port, "9000"]}]

        """

    /// A TCPRoute in tcp-demo; no ports means every port.
    package static func tcpRoute(_ name: String = "tcp-echo-route", ports: [Int]) -> String {
        """
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: TCPRoute
        metadata: {name: \(name), namespace: tcp-demo}
        spec:
          matches:
            ports: [\(ports.map(String.init).joined(separator: ", "))]

        """
    }

    /// A TrafficTarget to tcp-demo/tcp-echo from `source` (`namespace/serviceaccount`).
    package static func trafficTarget(
        _ name: String = "tcp-access", source: String = "curl/curl",
        rules: String = "[{kind: TCPRoute, name: tcp-echo-route}]"
    ) -> String {
        let parts = source.split(separator: "/")
        return """
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: \(name), namespace: tcp-demo}
            spec:
              destination: {kind: ServiceAccount, name: tcp-echo, namespace: tcp-demo}
              sources: [{kind: ServiceAccount, name: \(parts[1]), namespace: \(parts[0])}]
              rules: \(rules)

            """
    }

    /// Documents joined as one multi-document manifest.
    package static func join(_ documents: String...) -> String { documents.joined(separator: "\n---\n") }

    /// Decodes YAML, throwing every manifest error.
    package static func decode(_ yaml: String, namespace: String? = nil) throws -> [Resource] {
        let out = ManifestDecoder(defaultNamespace: namespace).decode(yaml, file: "test.yaml")
        guard out.errors.isEmpty else { throw ManifestErrors(out.errors) }
        return out.resources
    }
}
