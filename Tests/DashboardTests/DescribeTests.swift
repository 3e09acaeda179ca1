import Foundation
import MeshCertificates
import MeshModel
import Testing

@testable import Dashboard
@testable import TerminalUI

/// `i` and `y`: what the focused pane has selected, described as kubectl describe does and as
/// kubectl get -o yaml prints it, in a popup titled with that command.
@Suite struct DescribeTests {
    @Test func eachPaneDescribesWhatItHasSelected() async throws {
        var d = try ScreenDriver(width: 100, height: 30)
        try await d.keys("EpEa")
        // The log: the selected probe's source workload, its pod and the pod's sidecar.
        try await d.keys("i")
        var text = PopupReading.squeezed(d.text)
        #expect(d.text.contains("kubectl describe deployment.apps curl -n curl"), "\(d.text)")
        #expect(text.contains(PopupReading.squeezed("ServiceAccount: curl")))
        #expect(text.contains(PopupReading.squeezed("READY 2/2")) && text.contains(PopupReading.squeezed("sidecar: injected")))
        try await d.keys("X")
        // The policies pane: the selected policy, its spec, as YAML too.
        d.state.focus = .policies
        try await d.keys("i")
        text = PopupReading.squeezed(d.text)
        #expect(d.text.contains("kubectl describe tcproute.specs.smi-spec.io tcp-echo-route -n tcp-demo"), "\(d.text)")
        #expect(text.contains("Spec:") && text.contains("-9000"))
        try await d.keys("Xy")
        #expect(d.text.contains("kubectl get tcproute.specs.smi-spec.io tcp-echo-route -n tcp-demo -o yaml"), "\(d.text)")
        #expect(d.text.contains("apiVersion: specs.smi-spec.io/v1alpha4") && d.text.contains("kind: TCPRoute"))
        try await d.keys("X")
        // The namespaces pane: the namespace, whether it is in the mesh, its pods.
        d.state.focus = .namespaces
        d.state.selectedNamespace = try #require(d.state.namespaces.firstIndex { $0.name == "tcp-demo" })
        try await d.keys("i")
        text = PopupReading.squeezed(d.text)
        #expect(d.text.contains("kubectl describe namespace tcp-demo"), "\(d.text)")
        #expect(text.contains(PopupReading.squeezed("in the mesh (openservicemesh.io/monitored-by: osm)")), "\(d.text)")
        try await d.keys("X")
        // The workloads pane: the selected row, a service first, then the pod below it.
        d.state.focus = .workloads
        try await d.keys("y")
        #expect(d.text.contains("kubectl get service tcp-echo -n tcp-demo -o yaml"), "\(d.text)")
        #expect(d.text.contains("kind: Service") && d.text.contains("appProtocol: tcp"), "\(d.text)")
        try await d.keys("Xji")
        let pod = try #require(d.state.cluster.pods(in: "tcp-demo").first)
        #expect(d.text.contains("kubectl describe pod \(pod.name) -n tcp-demo"), "\(d.text)")
        text = PopupReading.squeezed(d.text)
        #expect(text.contains(PopupReading.squeezed("Controlled By: Deployment/tcp-echo")), "\(d.text)")
        #expect(text.contains(PopupReading.squeezed("- envoy envoyproxy/envoy-distroless:v1.22.2")), "\(d.text)")
        #expect(text.contains(PopupReading.squeezed("CN = tcp-echo.tcp-demo.cluster.local")), "\(d.text)")
        try await d.keys("Xy")
        #expect(d.text.contains("kubectl get pod \(pod.name) -n tcp-demo -o yaml") && d.text.contains("kind: Pod"))
        // Filtered to nothing, the pane has no row: its namespace's services and deployments.
        try await d.keys("X/zzz")
        try await d.keys("Ey")
        #expect(d.text.contains("kubectl get svc,deploy -n tcp-demo -o yaml") && d.text.contains("items:"), "\(d.text)")
    }

    /// A meshed workload's describe view names the certificate its sidecars present, as
    /// `meshdeck certs` does (OSM v1.2: CN and SAN <sa>.<ns>.cluster.local, Tresor's root).
    @Test func aMeshedWorkloadShowsItsCertificate() async throws {
        var d = try ScreenDriver(width: 200, height: 60)
        try await d.keys("E")
        try await d.keys("i")
        guard case .explain(_, let lines)? = d.state.popup else {
            Issue.record("no popup")
            return
        }
        let text = lines.map(\.text)
        let start = try #require(text.firstIndex(of: "Certificate:"), "\(text)")
        #expect(text[start + 1] == "  Subject:    O = Open Service Mesh, CN = curl.curl.cluster.local")
        #expect(text[start + 2] == "  SANs:       DNS:curl.curl.cluster.local")
        #expect(text[start + 3] == "  Issuer:     C = US, L = CA, O = Open Service Mesh, CN = osm-ca.openservicemesh.io")
        #expect(text[start + 5].hasPrefix("  SHA-256:    ") && text[start + 5].count == 14 + 95)
    }

    /// After a fault expired it, describe shows the certificate the sidecars still present,
    /// expired, and looking at it renews nothing (the CA is the engine's in a real dashboard).
    @Test func anExpiredCertificateIsDescribedAsItIs() async throws {
        var d = try ScreenDriver(width: 200, height: 60)
        let ca = try #require(d.state.certificates)
        let expired = try ca.expire(ServiceIdentity(serviceAccount: "curl", namespace: "curl"))
        let issued = ca.issuedCount
        try await d.keys("E")
        try await d.keys("i")
        guard case .explain(_, let lines)? = d.state.popup else {
            Issue.record("no popup")
            return
        }
        #expect(lines.map(\.text).contains("  Not after:  \(expired.notValidAfter.formatted(.iso8601))"), "\(lines.map(\.text))")
        #expect(ca.issuedCount == issued)
    }

    /// Text from a manifest reaches the screen escaped, in YAML and describe alike.
    @Test func controlCharactersFromAManifestAreEscaped() async throws {
        let yaml = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: evil
              labels:
                note: "a\\u001b[31mred"
            """
        let decoded = ManifestDecoder().decode(yaml, file: "evil.yaml")
        var cluster = Scenario.walkthrough()
        _ = try? cluster.apply(decoded.resources)
        var d = try ScreenDriver(width: 100, height: 30, cluster: cluster)
        d.state.focus = .namespaces
        d.state.selectedNamespace = try #require(
            d.state.namespaces.firstIndex { $0.name == "evil" }, "\(d.state.namespaces.map(\.name))")
        for key in ["i", "y"] {
            try await d.keys(key)
            #expect(!d.text.unicodeScalars.contains { $0.value == 0x1B }, "raw ESC on screen")
            #expect(d.text.contains("\\e[31mred") || d.text.contains("\\u001B[31mred") || d.text.contains("\\e"), "\(d.text)")
            try await d.keys("X")
        }
    }
}
