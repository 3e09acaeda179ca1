import MeshDeckTestSupport
import Testing

/// IngressBackend as a real ingress source, through both `explain` and `probe`: a pod without a
/// sidecar reaches a meshed backend only when an IngressBackend's chain on the backend's sidecar
/// takes it (pkg/catalog/ingress.go GetIngressTrafficPolicy, pkg/envoy/lds/ingress.go), after
/// OSM v1.2.4 tests/e2e/e2e_ingressbackend_test.go and osm-docs' ingress-nginx guide.
@Suite struct IngressAgreementTests {
    typealias Case = FidelityAgreementTests.Case

    static let fixture = Fixtures.text("osm-v1.2/ingress-backend.yaml")
    static let controller = "ingress-nginx/ingress-nginx-controller"
    static let httpbin = "httpbin.httpbin:14001"

    static func variant(_ from: String, _ to: String) -> String { fixture.replacingOccurrences(of: from, with: to) }

    static let withoutPolicy = fixture.components(separatedBy: "---\napiVersion: policy.openservicemesh.io").first!

    static let cases: [Case] = [
        // e2e_ingressbackend_test.go: the controller's Service is the source; http meets the 400.
        Case(
            name: "Service source: the controller", yaml: fixture, permissive: true, from: controller, to: httpbin,
            expect: "ALLOWED at server sidecar"),
        Case(
            name: "Service source, SMI mode too", yaml: fixture, permissive: false, from: controller, to: httpbin,
            expect: "ALLOWED at server sidecar"),
        Case(
            name: "another pod without a sidecar", yaml: fixture + "\n---\n" + TestManifests.outside, permissive: true,
            from: "outside/client", to: httpbin, expect: "DENIED at server sidecar"),
        // The e2e test's step before the IngressBackend exists: the backend refuses plaintext.
        Case(
            name: "no IngressBackend", yaml: withoutPolicy, permissive: true, from: controller, to: httpbin,
            expect: "DENIED at server sidecar"),
        // pkg/catalog/ingress.go: IPRange sources match by CIDR (pods are in 10.244.0.0/16).
        Case(
            name: "IPRange source covering the pod range",
            yaml: variant(
                "{kind: Service, namespace: ingress-nginx, name: ingress-nginx-controller}",
                "{kind: IPRange, name: 10.244.0.0/16}")
                + "\n---\n" + TestManifests.outside, permissive: true, from: "outside/client", to: httpbin,
            expect: "ALLOWED at server sidecar"),
        Case(
            name: "IPRange source elsewhere",
            yaml: variant(
                "{kind: Service, namespace: ingress-nginx, name: ingress-nginx-controller}",
                "{kind: IPRange, name: 192.168.0.0/16}"),
            permissive: true, from: controller, to: httpbin, expect: "DENIED at server sidecar"),
        // pkg/envoy/lds/ingress.go: https matches TLS only; raw TCP does not.
        Case(
            name: "https backend: raw TCP is not TLS", yaml: variant("protocol: http}", "protocol: https}"), permissive: true,
            from: controller, to: httpbin, expect: "DENIED at server sidecar"),
        // backend.Port.Number must be the Service's target port.
        Case(
            name: "backend port is not the target port", yaml: variant("{number: 14001", "{number: 8080"), permissive: true,
            from: controller, to: httpbin, expect: "DENIED at server sidecar"),
        // A meshed client is not ingress: the in-mesh chains and TrafficTargets decide.
        Case(
            name: "a meshed client, SMI mode, no TrafficTarget", yaml: fixture, permissive: false, egress: false, to: httpbin,
            expect: "DENIED at client sidecar"),
    ]

    @Test func ingressBackends() async throws {
        let rows = try await FidelityAgreementTests.disagreements(Self.cases)
        #expect(rows.isEmpty, "explain and probe disagree:\n\(rows.map(\.description).joined(separator: "\n"))")
    }
}
