import Foundation
import MeshDeckTestSupport
import Testing

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
        #expect(
            kinds == [
                .namespace: 7, .serviceAccount: 14, .service: 7, .deployment: 6,
                .meshConfig: 1, .tcpRoute: 1, .trafficTarget: 1,
            ])
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
        let yaml = WalkthroughManifests.tcpEcho.replacingOccurrences(
            of: "spec:\n  ports:", with: "spec:\n  clusterIP: 10.96.183.42\n  ports:")
        let resources = ManifestDecoder(defaultNamespace: "tcp-demo").decode(yaml, file: "tcp-echo.yaml").resources
        #expect(throws: ManifestErrors.self) { try cluster.apply(resources) }
    }

    @Test func dashNDoesNotFightTheNamespacesAClusterPrinted() {
        let out = decode(namespace: "tcp-demo")
        #expect(out.errors.isEmpty)
        #expect(out.resources.contains { $0.meta.key == ObjectKey(namespace: "kube-system", name: "coredns") })
    }

    @Test func kindsMeshDeckDoesNotModelAreReportedOncePerKind() {
        // What `kubectl get all -A -o yaml` adds: pods by the dozen and ReplicaSets, each owned
        // by a controller (so derived from it, not read), and kinds MeshDeck does not model.
        func item(_ kind: String, _ name: String, _ apiVersion: String = "v1") -> String {
            let owner = ["Pod", "ReplicaSet"].contains(kind) ? ", ownerReferences: [{kind: ReplicaSet, name: o}]" : ""
            return
                "- apiVersion: \(apiVersion)\n  kind: \(kind)\n  metadata: {name: \(name), namespace: kube-system, uid: u-\(name)\(owner)}\n  status: {phase: Running}\n"
        }
        let yaml =
            "apiVersion: v1\nitems:\n" + item("Pod", "coredns-1") + item("Namespace", "shop")
            + item("Pod", "coredns-2") + item("ReplicaSet", "coredns-5dd5756b68", "apps/v1") + item("Pod", "kube-proxy-x")
            + item("ConfigMap", "kube-proxy") + item("TCPRout", "typo", "specs.smi-spec.io/v1alpha4")
            + "kind: List\nmetadata: {resourceVersion: \"\"}\n"
        let out = ManifestDecoder().decode(yaml, file: "all.yaml")
        #expect(out.resources.map(\.meta.name) == ["shop"])
        #expect(
            out.warnings.map(\.description) == [
                "all.yaml:4:9: warning: items[0].kind: 3 Pod items skipped: each has an owner (metadata.ownerReferences), which MeshDeck reads and derives them from\n      kind: Pod\n            ^\n  hint: bare Pods, ReplicaSets and Jobs (without ownerReferences) are read as workloads",
                "all.yaml:16:9: warning: items[3].kind: ReplicaSet/coredns-5dd5756b68 skipped: it has an owner (metadata.ownerReferences), which MeshDeck reads and derives it from\n      kind: ReplicaSet\n            ^",
                "all.yaml:24:9: warning: items[5].kind: ConfigMap/kube-proxy skipped: MeshDeck does not model kind 'ConfigMap', so it is not applied\n      kind: ConfigMap\n            ^\n  hint: MeshDeck reads Namespace, ServiceAccount, Service, Deployment, MeshConfig, TCPRoute, HTTPRouteGroup, TrafficTarget, TrafficSplit, Egress, IngressBackend, Retry, UpstreamTrafficSetting, MeshRootCertificate, StatefulSet, DaemonSet, ReplicaSet, Job, Pod",
            ])
        // A near miss of a kind MeshDeck reads is still an error, inside a List too.
        #expect(out.errors.map(\.message) == ["unknown kind 'TCPRout'"])
    }
}
