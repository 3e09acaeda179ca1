import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing

/// Issue 11, point 2: workloads other than Deployments run pods, named as Kubernetes names
/// them, and `--from` finds them by NS/NAME, NS/KIND/NAME or a pod's name.
@Suite struct WorkloadKindsCLITests {
    let workloads = Fixtures.path("osm-v1.2/workloads.yaml")

    func podNames(_ text: String) -> [String] {
        text.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test func everyKindRunsItsPodsUnderTheNamesKubernetesGives() async {
        let run = await CLIRun(["-f", workloads, "get", "po", "-n", "bookwarehouse"])
        #expect(run.code == 0, "\(run.stderr)")
        let names = podNames(run.stdout)
        // StatefulSet: NAME-ORDINAL; bare Pod: its own name; the others NAME-<5 characters>.
        #expect(names.contains("mysql-0") && names.contains("mysql-1") && names.contains("server"))
        #expect(names.filter { $0.hasPrefix("worker-") && $0.count == "worker-".count + 5 }.count == 2)
        #expect(names.filter { $0.hasPrefix("agent-") }.count == 1)
        #expect(names.filter { $0.hasPrefix("loader-") }.count == 1)
        #expect(names.count == 7, "\(names)")
        let sts = await CLIRun(["-f", workloads, "get", "sts", "-n", "bookwarehouse"])
        #expect(sts.stdout.contains("mysql   2/2"), "\(sts.stdout)")
    }

    @Test func fromAcceptsKindAndPodNames() async {
        for from in [
            "bookwarehouse/statefulset/mysql", "bookwarehouse/sts/mysql", "bookwarehouse/mysql-1", "bookwarehouse/pod/server",
        ] {
            let run = await CLIRun(["-f", workloads, "explain", "--from", from, "--to", "server.bookwarehouse:8080"])
            #expect(run.code == 0, "--from \(from): \(run.stderr)")
        }
        let sts = await CLIRun([
            "-f", workloads, "explain", "--from", "bookwarehouse/statefulset/mysql", "--to", "server.bookwarehouse:8080",
        ])
        #expect(
            sts.stdout.contains(
                "source: statefulset bookwarehouse/mysql, 2 pods (mysql-0, …), ServiceAccount bookwarehouse/mysql, sidecar injected"
            ),
            "\(sts.stdout)")
        let job = await CLIRun([
            "-f", workloads, "explain", "--from", "bookwarehouse/job/loader", "--to", "mysql.bookwarehouse:3306",
        ])
        #expect(
            job.stdout.contains("endpoint: pod mysql-0, ServiceAccount bookwarehouse/mysql, sidecar injected, listening on 3306"))
        let wrong = await CLIRun([
            "-f", workloads, "explain", "--from", "bookwarehouse/configmap/x", "--to", "server.bookwarehouse:8080",
        ])
        #expect(wrong.code == 2)
        #expect(wrong.stderr.contains("'configmap' is not a kind that runs pods"))
    }

    /// OSM's e2e servers are bare Pods (tests/framework/common_apps.go): one answers for real.
    @Test func aBarePodServerAnswersAProbeFromADaemonSet() async {
        let run = await CLIRun([
            "-f", workloads, "probe", "--from", "bookwarehouse/daemonset/agent", "--to", "server.bookwarehouse:8080",
        ])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout == "echo response: hello")
    }

    /// `kubectl get all -o yaml` lists a Deployment's ReplicaSet and Pods too: those carry
    /// ownerReferences and are derived from the Deployment, not counted twice.
    @Test func ownedPodsAndReplicaSetsOfADumpAreNotCountedTwice() async {
        let dump = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: apps/v1
              kind: ReplicaSet
              metadata:
                name: tcp-echo-6b8f5d8c9
                namespace: tcp-demo
                ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: tcp-echo, uid: u1, controller: true}]
              spec:
                replicas: 1
                selector: {matchLabels: {app: tcp-echo}}
                template:
                  metadata: {labels: {app: tcp-echo}}
                  spec: {containers: [{name: e, image: x}]}
            - apiVersion: v1
              kind: Pod
              metadata:
                name: tcp-echo-6b8f5d8c9-abcde
                namespace: tcp-demo
                ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: tcp-echo-6b8f5d8c9, uid: u2, controller: true}]
              spec: {containers: [{name: e, image: x}]}
            - apiVersion: v1
              kind: Pod
              metadata:
                name: tcp-echo-6b8f5d8c9-fghij
                namespace: tcp-demo
                ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: tcp-echo-6b8f5d8c9, uid: u2, controller: true}]
              spec: {containers: [{name: e, image: x}]}
            """
        let run = await CLIRun(["-f", "-", "get", "po", "-n", "tcp-demo"], stdin: dump)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(podNames(run.stdout).count == 1, "only the Deployment's own pod: \(run.stdout)")
        #expect(run.stderr.contains("2 Pod items skipped: each has an owner (metadata.ownerReferences)"), "\(run.stderr)")
        #expect(run.stderr.contains("ReplicaSet/tcp-echo-6b8f5d8c9 skipped: it has an owner"), "\(run.stderr)")
    }
}
