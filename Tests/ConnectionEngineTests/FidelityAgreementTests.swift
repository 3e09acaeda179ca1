import Foundation
import MeshDeckTestSupport
import MeshModel
import PolicyEngine
import Testing

@testable import ConnectionEngine

/// Issue 11's rules through both `explain` and `probe` (cyclonus style: every disagreement
/// listed, expected against actual), each case naming the OSM v1.2.4 source it follows. Kept
/// apart from ExplainProbeAgreementTests so the two lists grow without stepping on each other.
@Suite struct FidelityAgreementTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var yaml: String = ""
        var permissive: Bool? = false
        var egress: Bool? = false
        var from = "curl/curl"
        var to = "echo.outside:9000"
        /// What explain must say: `ALLOWED at …` or `DENIED at …`.
        var expect: String
        var description: String { name }
    }

    /// The outside echo Service at a fixed ClusterIP, so Egress IP ranges can name it.
    static let outside = TestManifests.outside.replacingOccurrences(
        of: "  ports: [{name: tcp, port: 9000, appProtocol: tcp}]\n  selector: {app: echo}",
        with: "  clusterIP: 10.96.77.7\n  ports: [{name: tcp, port: 9000, appProtocol: tcp}]\n  selector: {app: echo}")

    static func egressPolicy(
        namespace: String = "curl", source: String = "curl", port: Int = 9000, proto: String = "tcp",
        ips: String = "[10.96.77.7/32]"
    ) -> String {
        """
        \(outside)
        ---
        apiVersion: policy.openservicemesh.io/v1alpha1
        kind: Egress
        metadata: {name: curl-egress, namespace: \(namespace)}
        spec:
          sources: [{kind: ServiceAccount, name: \(source), namespace: curl}]
          ipAddresses: \(ips)
          ports: [{number: \(port), protocol: \(proto)}]
        """
    }

    static let egressPolicyFlagOff = """
        apiVersion: config.openservicemesh.io/v1alpha2
        kind: MeshConfig
        metadata: {name: osm-mesh-config, namespace: osm-system}
        spec:
          traffic: {enablePermissiveTrafficPolicyMode: false, enableEgress: false}
          featureFlags: {enableEgressPolicy: false}
        """

    /// pkg/catalog/egress.go (GetEgressTrafficPolicy), pkg/policy/client.go
    /// (ListEgressPoliciesForSourceIdentity), after tests/e2e/e2e_egress_policy_test.go.
    static let egressCases: [Case] = [
        Case(name: "egress off, no Egress policy", yaml: outside, expect: "DENIED at client sidecar"),
        Case(name: "Egress: tcp port and IP range match", yaml: egressPolicy(), expect: "ALLOWED at client sidecar"),
        Case(name: "Egress: no ipAddresses, any address", yaml: egressPolicy(ips: "[]"), expect: "ALLOWED at client sidecar"),
        Case(
            name: "Egress: IP range does not match", yaml: egressPolicy(ips: "[10.0.0.0/24]"), expect: "DENIED at client sidecar"),
        Case(name: "Egress: another port", yaml: egressPolicy(port: 8080), expect: "DENIED at client sidecar"),
        Case(name: "Egress: another ServiceAccount", yaml: egressPolicy(source: "other"), expect: "DENIED at client sidecar"),
        Case(
            name: "Egress in a namespace outside the mesh", yaml: egressPolicy(namespace: "outside"),
            expect: "DENIED at client sidecar"),
        Case(
            name: "Egress with enableEgressPolicy false", yaml: egressPolicy() + "\n---\n" + egressPolicyFlagOff,
            permissive: nil, egress: nil, expect: "DENIED at client sidecar"),
        Case(name: "Egress: http port meets Envoy's 400", yaml: egressPolicy(proto: "http"), expect: "ALLOWED at client sidecar"),
        Case(name: "Egress policy moot: egress on", yaml: outside, egress: true, expect: "ALLOWED at client sidecar"),
    ]

    static let injection = Fixtures.text("osm-v1.2/injection-exceptions.yaml")

    /// pkg/injector/webhook.go: pods the injector leaves without a sidecar reach a meshed
    /// server in plaintext, which its sidecar refuses; tests/e2e/e2e_ignore_namespace_test.go.
    static let injectionCases: [Case] = [
        Case(
            name: "ignored namespace, permissive", yaml: injection, permissive: true, from: "ignored/client",
            to: "tcp-echo.tcp-demo:9000", expect: "DENIED at server sidecar"),
        Case(
            name: "namespace labelled name: osm-system", yaml: injection, permissive: true, from: "named-osm/client",
            to: "tcp-echo.tcp-demo:9000", expect: "DENIED at server sidecar"),
        Case(
            name: "hostNetwork pod", yaml: injection, permissive: true, from: "hosts/host-client",
            to: "tcp-echo.tcp-demo:9000", expect: "DENIED at server sidecar"),
        Case(
            name: "hostNetwork pod to a server outside the mesh", yaml: injection + "\n---\n" + outside,
            from: "hosts/host-client",
            expect: "ALLOWED at network"),
        Case(
            name: "refused pods leave the Service no endpoint", yaml: injection, permissive: true, to: "echo.typo:9000",
            expect: "DENIED at service endpoints"),
    ]

    @Test func injectionExceptions() async throws {
        let rows = try await Self.disagreements(Self.injectionCases)
        #expect(rows.isEmpty, "explain and probe disagree:\n\(rows.map(\.description).joined(separator: "\n"))")
    }

    static func exclusions(_ traffic: String) -> String {
        """
        apiVersion: config.openservicemesh.io/v1alpha2
        kind: MeshConfig
        metadata: {name: osm-mesh-config, namespace: osm-system}
        spec:
          traffic:
            enablePermissiveTrafficPolicyMode: true
            enableEgress: false
            \(traffic)
        """
    }

    /// pkg/injector/iptables.go: excluded traffic never meets the sidecar; after
    /// tests/e2e/e2e_port_exclusion_test.go and e2e_ip_exclusion_test.go. The probe of an
    /// outbound-excluded connection dials the destination from the app, past its sidecar.
    static let exclusionCases: [Case] = [
        Case(
            name: "outbound port excluded, meshed server", yaml: exclusions("outboundPortExclusionList: [9000]"),
            permissive: nil, egress: nil, to: "tcp-echo.tcp-demo:9000", expect: "DENIED at server sidecar"),
        Case(
            name: "outbound IP range excluded, meshed server", yaml: exclusions("outboundIPRangeExclusionList: [10.0.0.0/8]"),
            permissive: nil, egress: nil, to: "tcp-echo.tcp-demo:9000", expect: "DENIED at server sidecar"),
        Case(
            name: "inbound port excluded only", yaml: exclusions("inboundPortExclusionList: [9000]"),
            permissive: nil, egress: nil, to: "tcp-echo.tcp-demo:9000", expect: "DENIED at client sidecar"),
        Case(
            name: "both sides excluded",
            yaml: exclusions("outboundPortExclusionList: [9000]\n    inboundPortExclusionList: [9000]"),
            permissive: nil, egress: nil, to: "tcp-echo.tcp-demo:9000", expect: "ALLOWED at network"),
        Case(
            name: "outbound excluded to outside, egress off",
            yaml: exclusions("outboundPortExclusionList: [9000]") + "\n---\n" + outside, permissive: nil, egress: nil,
            expect: "ALLOWED at network"),
        Case(
            name: "unmeshed client to an inbound-excluded port",
            yaml: exclusions("inboundPortExclusionList: [9000]") + "\n---\n" + outside, permissive: nil, egress: nil,
            from: "outside/client", to: "tcp-echo.tcp-demo:9000", expect: "ALLOWED at network"),
    ]

    @Test func exclusions() async throws {
        let rows = try await Self.disagreements(Self.exclusionCases)
        #expect(rows.isEmpty, "explain and probe disagree:\n\(rows.map(\.description).joined(separator: "\n"))")
    }

    static let ports = Fixtures.text("osm-v1.2/multiple-ports.yaml")

    /// Every echo container runs; a target port no server listens on is refused.
    static let portCases: [Case] = [
        Case(
            name: "second echo container", yaml: ports, permissive: true, to: "multi.tcp-demo:9001",
            expect: "ALLOWED at server sidecar"),
        Case(
            name: "first echo container", yaml: ports, permissive: true, to: "multi.tcp-demo:9000",
            expect: "ALLOWED at server sidecar"),
        Case(
            name: "containerPort the server does not listen on", yaml: ports, permissive: true,
            to: "mislabelled.tcp-demo:8080", expect: "DENIED at service endpoints"),
    ]

    @Test func severalPortsPerPod() async throws {
        let rows = try await Self.disagreements(Self.portCases)
        #expect(rows.isEmpty, "explain and probe disagree:\n\(rows.map(\.description).joined(separator: "\n"))")
    }

    static func appProtocol(_ name: String) -> String {
        "apiVersion: v1\nkind: Service\nmetadata: {name: tcp-echo, namespace: tcp-demo}\nspec:\n  ports: [{name: tcp, port: 9000, appProtocol: \(name)}]\n  selector: {app: tcp-echo}\n"
    }

    /// pkg/envoy/lds/inmesh.go: "Cannot build … filter chain, unsupported protocol".
    static let protocolCases: [Case] = [
        Case(
            name: "appProtocol mysql, egress off", yaml: appProtocol("mysql"), permissive: true, egress: false,
            to: "tcp-echo.tcp-demo:9000", expect: "DENIED at client sidecar"),
        Case(
            name: "appProtocol https, egress on", yaml: appProtocol("https"), permissive: true, egress: true,
            to: "tcp-echo.tcp-demo:9000", expect: "DENIED at server sidecar"),
        Case(
            name: "appProtocol TCP (any case)", yaml: appProtocol("TCP"), permissive: true, egress: false,
            to: "tcp-echo.tcp-demo:9000", expect: "ALLOWED at server sidecar"),
    ]

    @Test func unknownAppProtocols() async throws {
        let rows = try await Self.disagreements(Self.protocolCases)
        #expect(rows.isEmpty, "explain and probe disagree:\n\(rows.map(\.description).joined(separator: "\n"))")
    }

    struct Row: CustomStringConvertible {
        var name: String
        var expected: String
        var actual: String
        var description: String {
            name.padding(toLength: 48, withPad: " ", startingAt: 0) + " expected " + expected + "   actual " + actual
        }
    }

    /// Runs every case through explain and probe; returns the rows that disagree with the
    /// case's expectation or with each other.
    static func disagreements(_ cases: [Case]) async throws -> [Row] {
        var rows: [Row] = []
        for c in cases {
            var cluster = Scenario.walkthrough()
            if !c.yaml.isEmpty { try cluster.apply(try TestManifests.decode(c.yaml)) }
            if let p = c.permissive { cluster.setPermissive(p) }
            if let e = c.egress { cluster.setEgress(e) }
            let index = PolicyIndex(cluster)
            let (host, port) = try PolicyIndex.splitHostPort(c.to)
            let explanation = index.explain(from: try index.workload(named: c.from), host: host, port: port)
            let explained = "\(explanation.verdict.word) at \(explanation.verdict.point.rawValue)"
            if explained != c.expect {
                rows.append(Row(name: c.name + " (explain)", expected: c.expect, actual: explained + ": " + explanation.reason))
            }
            let probe = try await withEngine(cluster) { engine in
                try await engine.probe(from: c.from, to: c.to, message: "hello", timeout: 2)
            }
            var actual =
                "\(probe.outcome == .allowed ? "ALLOWED" : probe.outcome == .denied ? "DENIED" : "ERROR") at \(probe.verdict?.point.rawValue ?? "?")"
            if explanation.verdict.allowed {
                let wanted = explanation.verdict.httpPort ? "HTTP/1.1 400 Bad Request" : "echo response: hello\n"
                if !probe.reply.hasPrefix(wanted) { actual += " reply \(probe.reply.debugDescription)" }
            } else if !probe.reply.isEmpty {
                actual += " reply \(probe.reply.debugDescription)"
            }
            if actual != explained { rows.append(Row(name: c.name + " (probe)", expected: explained, actual: actual)) }
        }
        return rows
    }

    @Test func egressPolicies() async throws {
        let rows = try await Self.disagreements(Self.egressCases)
        #expect(rows.isEmpty, "explain and probe disagree:\n\(rows.map(\.description).joined(separator: "\n"))")
    }
}
