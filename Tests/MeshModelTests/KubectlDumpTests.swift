import Foundation
import Testing
import MeshDeckTestSupport
@testable import MeshModel

/// What `kubectl get ns,sa,svc,deploy,meshconfig,tcproute,httproutegroup,traffictarget -A -o yaml`
/// prints for the walkthrough's last step, loaded as a cluster.
@Suite struct KubectlDumpTests {
    let fixture = "kubectl-get-walkthrough.yaml"

    func decode(namespace: String? = nil) -> ManifestDecoder.Output {
        ManifestDecoder(defaultNamespace: namespace).decode(Fixtures.text(fixture), file: fixture)
    }

    @Test func everyItemLoadsAndNothingIsReported() {
        let out = decode()
        #expect(out.diagnostics.isEmpty, "\(out.diagnostics.map(\.description))")
        let kinds = Dictionary(grouping: out.resources, by: \.kind).mapValues(\.count)
        #expect(kinds == [.namespace: 7, .serviceAccount: 14, .service: 7, .deployment: 6,
                          .meshConfig: 1, .tcpRoute: 1, .trafficTarget: 1])
    }

    @Test func onAnEmptyClusterItIsThatCluster() throws {
        var cluster = Cluster.empty()
        try cluster.apply(decode().resources)
        let echo = try #require(cluster.services[ObjectKey(namespace: "tcp-demo", name: "tcp-echo")])
        #expect(echo.clusterIP == "10.96.183.42")
        #expect(echo.meta.uid == "0e6a2d8c-5f1b-4e94-a7c3-9b4d2f6e0a18")
        #expect(cluster.services[ObjectKey(namespace: "kube-system", name: "kube-dns")]?.clusterIP == "10.96.0.10")
        #expect(!cluster.isPermissive && cluster.isEgressEnabled)
        #expect(cluster.namespaces["tcp-demo"]?.isMonitored == true)
        // Ages are the cluster's, also for the namespaces every cluster starts with.
        let created = ISO8601DateFormatter().date(from: "2026-11-24T09:02:11Z")
        #expect(cluster.namespaces["default"]?.meta.creationTimestamp == created)
        #expect(cluster.pods().filter { $0.namespace == "kube-system" }.count == 2)
    }

    @Test func overTheEmbeddedScenarioTheClustersAddressesWin() throws {
        var cluster = Scenario.walkthrough()
        let key = ObjectKey(namespace: "tcp-demo", name: "tcp-echo")
        #expect(cluster.services[key]?.clusterIP != "10.96.183.42")
        try cluster.apply(decode().resources)
        #expect(cluster.services[key]?.clusterIP == "10.96.183.42")
        #expect(!cluster.isPermissive)
    }

    @Test func aManifestSomeoneWroteStillCannotChangeAClusterIP() {
        var cluster = Scenario.walkthrough()
        let yaml = WalkthroughManifests.tcpEcho.replacingOccurrences(of: "spec:\n  ports:", with: "spec:\n  clusterIP: 10.96.183.42\n  ports:")
        let resources = ManifestDecoder(defaultNamespace: "tcp-demo").decode(yaml, file: "tcp-echo.yaml").resources
        #expect(throws: ManifestErrors.self) { try cluster.apply(resources) }
    }

    @Test func dashNDoesNotFightTheNamespacesAClusterPrinted() {
        let out = decode(namespace: "tcp-demo")
        #expect(out.errors.isEmpty)
        #expect(out.resources.contains { $0.meta.key == ObjectKey(namespace: "kube-system", name: "coredns") })
    }
}
