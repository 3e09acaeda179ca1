import Testing

@testable import MeshModel

/// `Cluster.pod(_:)` finds a pod from its name alone, which the engine relies on to start the
/// pod a connection needs without deriving every pod of a 10,000-pod cluster.
@Suite struct PodLookupTests {
    static func workload(_ kind: String, _ apiVersion: String, _ name: String, replicas: Int?) -> String {
        """
        apiVersion: \(apiVersion)
        kind: \(kind)
        metadata: {name: \(name), namespace: shop}
        spec:
        \(replicas.map { "  replicas: \($0)\n" } ?? "")  selector: {matchLabels: {app: \(name)}}
          template:
            metadata: {labels: {app: \(name)}}
            spec:
              serviceAccountName: \(name)
              containers: [{name: app, image: busybox}]

        """
    }

    static let cluster: Cluster = {
        var yaml = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n"
        yaml += [
            workload("Deployment", "apps/v1", "web", replicas: 3),
            workload("Deployment", "apps/v1", "web-api", replicas: 2),
            workload("StatefulSet", "apps/v1", "db", replicas: 2),
            workload("DaemonSet", "apps/v1", "agent", replicas: nil),
            workload("ReplicaSet", "apps/v1", "legacy-rs", replicas: 2),
            workload("Job", "batch/v1", "migrate", replicas: nil),
            // A bare Pod whose name is also the StatefulSet's first pod: the StatefulSet's wins,
            // as in `pods()`, which lists StatefulSets before Pods.
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: db-0, namespace: shop}
            spec: {containers: [{name: app, image: busybox}]}

            """,
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: lone, namespace: shop}
            spec: {containers: [{name: app, image: busybox}]}

            """,
        ].joined(separator: "---\n")
        let decoded = ManifestDecoder().decode(yaml, file: "shop.yaml")
        precondition(decoded.errors.isEmpty, "\(decoded.errors)")
        var cluster = Cluster.empty()
        _ = try! cluster.apply(decoded.resources)
        return cluster
    }()

    @Test func everyPodIsFoundByItsName() {
        let pods = Self.cluster.pods()
        #expect(pods.count >= 11)
        var first: [ObjectKey: Pod] = [:]
        for pod in pods where first[pod.key] == nil { first[pod.key] = pod }
        for (key, pod) in first { #expect(Self.cluster.pod(key) == pod, "\(key)") }
        #expect(Set(pods.map(\.ownerKind)) == [.deployment, .statefulSet, .daemonSet, .replicaSet, .job, .pod])
    }

    @Test func theFirstKindOwnsASharedName() {
        #expect(Self.cluster.pod(ObjectKey(namespace: "shop", name: "db-0"))?.ownerKind == .statefulSet)
        #expect(Self.cluster.pod(ObjectKey(namespace: "shop", name: "lone"))?.ownerKind == .pod)
    }

    @Test func namesNoWorkloadMakesAreNotPods() {
        let web = Self.cluster.pods().first { $0.deployment == "web" }!
        let hash = web.name.split(separator: "-")[1]
        for name in ["db-2", "web-\(hash)-zzzzz", "web", "web-\(hash)", "agent", "nothing-here", ""] {
            #expect(Self.cluster.pod(ObjectKey(namespace: "shop", name: name)) == nil, "\(name)")
        }
        #expect(Self.cluster.pod(ObjectKey(namespace: "other", name: web.name)) == nil)
    }
}
