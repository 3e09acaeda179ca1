import MeshDeckTestSupport
import Testing

@testable import MeshModel

/// Fields the policy does not read but an export must write back: dropping them would change
/// what the manifests do on a real cluster.
@Suite struct KeptFieldsTests {
    func decode(_ yaml: String) -> ManifestDecoder.Output { ManifestDecoder().decode(yaml, file: "m.yaml") }

    @Test func httpRouteGroupMatchesAreKeptWhole() throws {
        let out = decode(
            """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: routes, namespace: shop}
            spec:
              matches:
              - name: metrics
                pathRegex: /metrics
                methods: [GET]
                headers:
                - user-agent: ".*Android.*"
              - name: legacy
                headers: {cookie: "type=insecure"}
              - name: everything
            """)
        #expect(out.errors.isEmpty)
        guard case .httpRouteGroup(let group)? = out.resources.first else { Issue.record("no HTTPRouteGroup"); return }
        #expect(
            group.matches == [
                HTTPRouteMatch(
                    name: "metrics", pathRegex: "/metrics", methods: ["GET"], headers: [["user-agent": ".*Android.*"]]),
                HTTPRouteMatch(name: "legacy", headers: [["cookie": "type=insecure"]]),
                HTTPRouteMatch(name: "everything"),
            ])
        #expect(group.matchNames == ["metrics", "legacy", "everything"])
    }

    @Test func containerPortProtocolIsKeptAndChecked() {
        let yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: dns, namespace: shop}
            spec:
              selector: {matchLabels: {app: dns}}
              template:
                metadata: {labels: {app: dns}}
                spec:
                  containers:
                  - name: dns
                    image: coredns/coredns
                    ports: [{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53}]
            """
        guard case .deployment(let d)? = decode(yaml).resources.first else { Issue.record("no Deployment"); return }
        #expect(d.containers[0].ports.map(\.transport) == ["UDP", "TCP"])
        let bad = decode(yaml.replacingOccurrences(of: "protocol: UDP", with: "protocol: QUIC"))
        #expect(bad.errors.map(\.fieldPath) == ["spec.template.spec.containers[0].ports[0].protocol"])
        #expect(bad.errors.first?.message == "protocol must be TCP, UDP or SCTP, got 'QUIC'")
    }
}
