import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing

/// Issue 11, point 3: the pods OSM v1.2.4's injector leaves without a sidecar, or refuses.
@Suite struct InjectionExceptionsCLITests {
    let file = Fixtures.path("osm-v1.2/injection-exceptions.yaml")

    func explain(_ from: String, to: String = "tcp-echo.tcp-demo:9000") async -> CLIRun {
        await CLIRun(["-f", file, "explain", "--from", from, "--to", to])
    }

    /// pkg/injector/webhook.go createOrUpdateMutatingWebhook: the namespaceSelector requires
    /// that `openservicemesh.io/ignore` does not exist and that `name` is not the OSM namespace.
    @Test func namespacesTheWebhookSelectorLeavesOutGetNoSidecar() async {
        let ignored = await explain("ignored/client")
        #expect(ignored.code == 1)
        #expect(
            ignored.stdout.contains("no sidecar (namespace ignored carries label openservicemesh.io/ignore"), "\(ignored.stdout)")
        #expect(ignored.stdout.contains("where:  server sidecar"))
        let named = await explain("named-osm/client")
        #expect(named.stdout.contains("no sidecar (namespace named-osm is labelled name: osm-system"), "\(named.stdout)")
    }

    /// webhook.go mustInject: "Sidecar injection is not permitted for pods on the host network".
    @Test func aHostNetworkPodGetsNoSidecar() async {
        let run = await explain("hosts/host-client")
        #expect(run.stdout.contains("no sidecar (the pod runs with hostNetwork: true"), "\(run.stdout)")
        let get = await CLIRun(["-f", file, "get", "po", "-A"])
        let row = get.stdout.split(separator: "\n").first { $0.contains("host-client") }?.split(separator: " ")
        #expect(row?.dropFirst(2).first == "1/1", "\(get.stdout)")
    }

    /// mustInject: a pod annotated disabled is not injected though its namespace is enabled.
    @Test func thePodsAnnotationOverridesTheNamespace() async {
        let run = await explain("hosts/opted-out")
        #expect(run.stdout.contains("no sidecar (pod annotation openservicemesh.io/sidecar-injection: disabled)"))
    }

    /// isAnnotatedForInjection: a value other than enabled/yes/true/disabled/no/false is an
    /// error, and the webhook's failurePolicy is Fail: the pod is not created.
    @Test func anInvalidInjectionValueFailsThePodAndExplainSaysWhy() async {
        let get = await CLIRun(["-f", file, "get", "po", "-A"])
        #expect(!get.stdout.split(separator: "\n").contains { $0.hasPrefix("typo ") }, "no pod: \(get.stdout)")
        let to = await explain("curl/curl", to: "echo.typo:9000")
        #expect(to.code == 1)
        #expect(
            to.stdout.contains(
                "deployment typo/echo has no pod: creating it fails with admission webhook \"osm-inject.k8s.io\" denied the request: Invalid annotation value for key \"openservicemesh.io/sidecar-injection\": enable"
            ), "\(to.stdout)")
        let from = await explain("typo/echo", to: "echo.typo:9000")
        #expect(from.code == 2)
        #expect(
            from.stderr.contains("deployment typo/echo has no pod: creating it fails with admission webhook"), "\(from.stderr)")
    }

    /// The namespace's annotation is parsed for every pod, so a bad one fails them all.
    @Test func anInvalidNamespaceValueFailsEveryPodThere() async {
        let text = Fixtures.text("osm-v1.2/injection-exceptions.yaml").replacingOccurrences(
            of: "annotations: {openservicemesh.io/sidecar-injection: enable}",
            with: "annotations: {openservicemesh.io/sidecar-injection: enabled}"
        ).replacingOccurrences(
            of:
                "  name: typo\n  labels: {openservicemesh.io/monitored-by: osm}\n  annotations: {openservicemesh.io/sidecar-injection: enabled}",
            with:
                "  name: typo\n  labels: {openservicemesh.io/monitored-by: osm}\n  annotations: {openservicemesh.io/sidecar-injection: maybe}"
        )
        let get = await CLIRun(["-f", "-", "get", "po", "-A"], stdin: text)
        #expect(!get.stdout.split(separator: "\n").contains { $0.hasPrefix("typo ") }, "\(get.stdout)")
        #expect(get.stdout.split(separator: "\n").contains { $0.hasPrefix("hosts ") }, "other namespaces keep theirs")
    }
}
