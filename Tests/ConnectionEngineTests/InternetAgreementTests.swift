import MeshDeckTestSupport
import Testing

/// Destinations outside the cluster ("the internet": `github.com:443`, `1.1.1.1:53`) through
/// both `explain` and `probe`: an allowed probe really connects, to the data plane's stand-in,
/// and gets its echo; a denied one gets nothing. Each case names the OSM v1.2.4 source it follows.
@Suite struct InternetAgreementTests {
    typealias Case = FidelityAgreementTests.Case

    static func egress(_ name: String, port: Int, proto: String, hosts: String = "[]", ips: String = "[]") -> String {
        """
        apiVersion: policy.openservicemesh.io/v1alpha1
        kind: Egress
        metadata: {name: \(name), namespace: curl}
        spec:
          sources: [{kind: ServiceAccount, name: curl, namespace: curl}]
          hosts: \(hosts)
          ipAddresses: \(ips)
          ports: [{number: \(port), protocol: \(proto)}]
        """
    }

    static let cases: [Case] = [
        // tests/e2e/e2e_egress_test.go: with enableEgress, a meshed client reaches external hosts.
        Case(
            name: "e2e_egress: github.com:443, egress on", egress: true, to: "github.com:443", expect: "ALLOWED at client sidecar"
        ),
        Case(
            name: "e2e_egress: an IP outside the cluster, egress on", egress: true, to: "1.1.1.1:53",
            expect: "ALLOWED at client sidecar"),
        // tests/e2e/e2e_tcp_egress_test.go: the same client fails once enableEgress is false.
        Case(name: "e2e_tcp_egress: egress off, no Egress policy", to: "github.com:443", expect: "DENIED at client sidecar"),
        // tests/e2e/e2e_egress_policy_test.go tcpEgress: port 443/tcp, no hosts, no ipAddresses.
        Case(
            name: "e2e_egress_policy tcpEgress: 443/tcp", yaml: egress("httpbin-443", port: 443, proto: "tcp"),
            to: "httpbin.org:443", expect: "ALLOWED at client sidecar"),
        Case(
            name: "e2e_egress_policy tcpEgress: another port", yaml: egress("httpbin-443", port: 443, proto: "tcp"),
            to: "httpbin.org:8443", expect: "DENIED at client sidecar"),
        // httpsEgress: matched by SNI (pkg/envoy/lds/egress.go); nc sends none, so no chain matches.
        Case(
            name: "e2e_egress_policy httpsEgress: raw TCP has no SNI",
            yaml: egress("httpbin-443", port: 443, proto: "https", hosts: "[httpbin.org]"), to: "httpbin.org:443",
            expect: "DENIED at client sidecar"),
        // httpEgressNoRouteMatches: an HTTP chain; raw TCP meets Envoy's 400 (allowed, answered by the sidecar).
        Case(
            name: "e2e_egress_policy httpEgress: Envoy's 400",
            yaml: egress("httpbin-80", port: 80, proto: "http", hosts: "[httpbin.org]"), to: "httpbin.org:80",
            expect: "ALLOWED at client sidecar"),
        // pkg/catalog/egress.go: ipAddresses scope a tcp port to ranges.
        Case(
            name: "Egress ipAddresses: inside the range", yaml: egress("dns", port: 53, proto: "tcp", ips: "[1.1.1.0/24]"),
            to: "1.1.1.1:53", expect: "ALLOWED at client sidecar"),
        Case(
            name: "Egress ipAddresses: outside the range", yaml: egress("dns", port: 53, proto: "tcp", ips: "[1.1.1.0/24]"),
            to: "8.8.8.8:53", expect: "DENIED at client sidecar"),
        // No sidecar: plain networking, nothing decides.
        Case(
            name: "source without sidecar", yaml: TestManifests.outside, from: "outside/client", to: "github.com:443",
            expect: "ALLOWED at network"),
        // pkg/injector/iptables.go: an excluded range never meets the sidecar, egress off or not.
        Case(
            name: "outbound IP range excluded",
            yaml: FidelityAgreementTests.exclusions("outboundIPRangeExclusionList: [1.1.1.0/24]"), permissive: nil,
            egress: nil, to: "1.1.1.1:53", expect: "ALLOWED at network"),
        Case(name: "a name no DNS answers", egress: true, to: "tcp-echo.nowhere:9000", expect: "DENIED at name resolution"),
    ]

    @Test func externalDestinations() async throws {
        let rows = try await FidelityAgreementTests.disagreements(Self.cases)
        #expect(rows.isEmpty, "explain and probe disagree:\n\(rows.map(\.description).joined(separator: "\n"))")
    }
}
