import Foundation
import MeshDeckTestSupport
import Testing

@testable import MeshModel

@Suite struct ClusterApplyTests {
    func decode(_ yaml: String, namespace: String? = nil) -> [Resource] {
        let out = ManifestDecoder(defaultNamespace: namespace).decode(yaml, file: "t.yaml")
        #expect(out.errors.isEmpty, "\(out.errors)")
        return out.resources
    }

    @Test func applyIsAllOrNothing() throws {
        var cluster = Scenario.walkthrough()
        let before = cluster
        // The first document is fine; the second names a namespace that does not exist.
        let batch =
            decode(WalkthroughManifests.smiPolicy)
            + decode("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: x, namespace: nowhere}\n")
        #expect(throws: ManifestErrors.self) { try cluster.apply(batch) }
        #expect(cluster == before)
        do {
            try cluster.apply(batch)
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics[0].message == "namespaces \"nowhere\" not found (for ServiceAccount x)")
            #expect(error.diagnostics[0].location?.line == 1)
        }
    }

    @Test func reapplyingIsUnchangedAndEditingIsConfigured() throws {
        var cluster = Scenario.walkthrough()
        let first = try cluster.apply(decode(WalkthroughManifests.smiPolicy))
        #expect(
            first.map(\.description) == [
                "tcproute.specs.smi-spec.io/tcp-echo-route created",
                "traffictarget.access.smi-spec.io/tcp-access created",
            ])
        let revision = cluster.revision
        let again = try cluster.apply(decode(WalkthroughManifests.smiPolicy))
        #expect(again.map(\.action) == [.unchanged, .unchanged])
        #expect(cluster.revision == revision)
        let edited = try cluster.apply(decode(WalkthroughManifests.smiPolicy.replacingOccurrences(of: "- 9000", with: "- 9001")))
        #expect(edited.map(\.action) == [.configured, .unchanged])
        #expect(cluster.tcpRoutes[ObjectKey(namespace: "tcp-demo", name: "tcp-echo-route")]?.ports == [9001])
    }

    @Test func namespaceCreatedInTheSameBatchMayHoldItsResources() throws {
        var cluster = Cluster.empty()
        try cluster.apply(
            decode(
                "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: fresh}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: fresh}\n"
            ))
        #expect(cluster.serviceAccounts[ObjectKey(namespace: "fresh", name: "a")] != nil)
    }

    @Test func documentsWithoutNamespaceTakeTheDashNNamespaceElseDefault() throws {
        let withN = decode(WalkthroughManifests.curl, namespace: "curl")
        #expect(withN.allSatisfy { $0.meta.namespace == "curl" })
        let without = decode(WalkthroughManifests.curl)
        #expect(without.allSatisfy { $0.meta.namespace == "default" })
    }

    @Test func kubectlListWithStatusAndServerFieldsLoads() throws {
        let yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Namespace
              metadata:
                name: shop
                uid: 0b0c
                resourceVersion: "123"
                creationTimestamp: "2026-11-20T10:00:00Z"
                labels: {openservicemesh.io/monitored-by: osm}
                annotations: {openservicemesh.io/sidecar-injection: enabled}
                managedFields: [{manager: kubectl, operation: Update}]
              spec: {finalizers: [kubernetes]}
              status: {phase: Active}
            - apiVersion: v1
              kind: Service
              metadata: {name: web, namespace: shop}
              spec:
                clusterIP: 10.0.216.68
                clusterIPs: [10.0.216.68]
                ipFamilies: [IPv4]
                ports: [{name: tcp, port: 9000, protocol: TCP, targetPort: 9000, appProtocol: tcp}]
                selector: {app: web}
                sessionAffinity: None
                type: ClusterIP
              status: {loadBalancer: {}}
            metadata: {resourceVersion: ""}
            """
        var cluster = Cluster.empty()
        try cluster.apply(decode(yaml))
        let service = cluster.services[ObjectKey(namespace: "shop", name: "web")]
        #expect(service?.clusterIP == "10.0.216.68")
        #expect(cluster.namespaces["shop"]?.isMonitored == true)
        #expect(cluster.namespaces["shop"]?.meta.creationTimestamp == ISO8601DateFormatter().date(from: "2026-11-20T10:00:00Z"))
    }

    @Test func clusterIPIsStableInRangeAndImmutable() throws {
        let a = Scenario.walkthrough().services[ObjectKey(namespace: "tcp-demo", name: "tcp-echo")]!.clusterIP!
        let b = Scenario.walkthrough().services[ObjectKey(namespace: "tcp-demo", name: "tcp-echo")]!.clusterIP!
        #expect(a == b)
        let octets = a.split(separator: ".").compactMap { Int($0) }
        #expect(octets[0] == 10 && (96...111).contains(octets[1]))
        var cluster = Scenario.walkthrough()
        let changed = WalkthroughManifests.tcpEcho.replacingOccurrences(
            of: "spec:\n  ports:", with: "spec:\n  clusterIP: 10.96.0.99\n  ports:")
        #expect(throws: ManifestErrors.self) { try cluster.apply(decode(changed, namespace: "tcp-demo")) }
    }

    @Test func podsLookLikeKubectlsAndAreStable() {
        let pods = Scenario.walkthrough().pods()
        #expect(pods.map(\.namespace) == ["curl", "tcp-demo"])
        let echo = pods[1]
        // <deployment>-<10 char template hash>-<5 char suffix>, from Kubernetes' safe alphabet
        let parts = echo.name.split(separator: "-")
        #expect(echo.name.hasPrefix("tcp-echo-"))
        #expect(parts[2].count == 10 && parts[3].count == 5)
        #expect(parts[2...].joined().allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
        #expect(echo.ready == "2/2" && echo.status == "Running" && echo.restarts == 0)
        #expect(echo.serviceAccount == "tcp-echo")
        #expect(Scenario.walkthrough().pods().map(\.name) == pods.map(\.name))
    }

    @Test func scalingKeepsNamesDistinct() throws {
        var cluster = Scenario.walkthrough()
        try cluster.scale(ObjectKey(namespace: "tcp-demo", name: "tcp-echo"), replicas: 50)
        let names = cluster.pods(in: "tcp-demo").map(\.name)
        #expect(Set(names).count == 50)
        #expect(throws: ClusterError.self) { try cluster.scale(ObjectKey(namespace: "tcp-demo", name: "nope"), replicas: 1) }
    }

    @Test func deletingANamespaceDeletesWhatIsInIt() throws {
        var cluster = Scenario.walkthrough()
        try cluster.delete(.namespace, ObjectKey(namespace: "", name: "tcp-demo"))
        #expect(cluster.services.isEmpty && cluster.pods(in: "tcp-demo").isEmpty)
        #expect(throws: ClusterError.self) { try cluster.delete(.trafficTarget, ObjectKey(namespace: "tcp-demo", name: "x")) }
    }

    @Test func walkthroughScenarioMatchesTheGuide() {
        let c = Scenario.walkthrough()
        #expect(Set(c.namespaces.keys).isSuperset(of: ["osm-system", "tcp-demo", "curl"]))
        #expect(c.namespaces["tcp-demo"]?.isMonitored == true && c.namespaces["curl"]?.injectionAnnotation == true)
        #expect(c.namespaces["osm-system"]?.isMonitored == false)
        #expect(c.isPermissive && c.isEgressEnabled)
        let port = c.services[ObjectKey(namespace: "tcp-demo", name: "tcp-echo")]!.ports[0]
        #expect(port == ServicePort(name: "tcp", port: 9000, transport: "TCP", appProtocol: "tcp"))
        let echo = c.deployments[ObjectKey(namespace: "tcp-demo", name: "tcp-echo")]!
        #expect(echo.containers[0].image == "openservicemesh/tcp-echo-server:latest")
        #expect(echo.containers[0].args == ["--port", "9000"])
        #expect(c.deployments[ObjectKey(namespace: "curl", name: "curl")]?.serviceAccountName == "curl")
        #expect(c.trafficTargets.isEmpty)
    }

    @Test func serviceAccountDefaultsToDefault() {
        let out = ManifestDecoder(defaultNamespace: "a").decode(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: [{name: c, image: i}]}\n",
            file: "d.yaml")
        guard case .deployment(let d)? = out.resources.first else { Issue.record("no deployment"); return }
        #expect(d.serviceAccountName == "default")
        #expect(d.replicas == 1)
    }
}

@Suite struct TerminalSafeTests {
    @Test func controlCharactersAreEscaped() {
        #expect("a\u{1B}[2Jb".terminalSafe == "a\\e[2Jb")
        #expect("x\u{9B}y\u{7F}".terminalSafe == "x\\u{9B}y\\u{7F}")
        #expect("tab\there".terminalSafe == "tab\\there")
        #expect("\u{202E}evil".terminalSafe == "\\u{202E}evil")
        #expect("中文 ok".terminalSafe == "中文 ok")
    }
}
