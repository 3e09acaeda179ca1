import Foundation
import MeshDeckCLI
import MeshDeckTestSupport
import Testing

/// Issue 11, point 1: every kind OSM v1.2.4 serves loads (its CRDs in cmd/osm-bootstrap/crds/
/// mark these versions `served: true`), is listed by `get`, and those MeshDeck does not act on
/// say so. Before, one such document made the whole apply fail.
@Suite struct OSMKindsCLITests {
    let kinds = Fixtures.path("osm-v1.2/osm-policy-kinds.yaml")
    let split = Fixtures.path("osm-v1.2/bookstore-split.yaml")

    @Test func aListHoldingEveryShownOnlyKindLoadsAndEachSaysItIsNotActedOn() async {
        let run = await CLIRun(["-f", kinds, "get", "ingressbackend,retries,upstreamtrafficsetting,mrc", "-A"])
        #expect(run.code == 0, "\(run.stderr)")
        for name in [
            "ingressbackend.policy.openservicemesh.io/tcp-echo-ingress", "retry.policy.openservicemesh.io/curl-retry",
            "upstreamtrafficsetting.policy.openservicemesh.io/tcp-echo-limits",
            "meshrootcertificate.config.openservicemesh.io/osm-mesh-root-certificate",
        ] {
            #expect(run.stdout.contains(name), "get lists \(name)")
        }
        #expect(run.stdout.contains("shown, not acted on"))
        #expect(
            run.stderr.contains(
                "warning: items[1].kind: Retry/curl-retry loaded: MeshDeck shows Retry policies but does not retry"))
        // IngressBackend is acted on (IngressAgreementTests): no warning.
        #expect(!run.stderr.contains("IngressBackend/tcp-echo-ingress loaded"), "\(run.stderr)")
    }

    /// Issue 11: explain mentions a Retry only for its source's connections (pkg/policy/client.go:111
    /// ListRetryPolicies, by source identity), an UpstreamTrafficSetting for every client of its host.
    @Test func explainMentionsRetryAndUpstreamTrafficSettingWhenTheyApply() async {
        let curl = await CLIRun(["-f", kinds, "explain", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"])
        #expect(curl.stdout.contains("Retry curl/curl-retry names tcp-demo/tcp-echo"), "\(curl.stdout)")
        #expect(curl.stdout.contains("UpstreamTrafficSetting tcp-demo/tcp-echo-limits names tcp-demo/tcp-echo"))
        let other = await CLIRun(["-f", kinds, "explain", "--from", "tcp-demo/tcp-echo", "--to", "tcp-echo.tcp-demo:9000"])
        #expect(!other.stdout.contains("Retry curl/curl-retry"), "the Retry's source is curl/curl: \(other.stdout)")
        #expect(other.stdout.contains("UpstreamTrafficSetting tcp-demo/tcp-echo-limits"))
    }

    @Test func theWalkthroughStillAnswersWithThoseKindsLoaded() async {
        let run = await CLIRun(["-f", kinds, "explain", "--from", "curl/curl", "--to", "tcp-echo.tcp-demo:9000"])
        #expect(run.code == 0)
    }

    @Test func aTrafficSplitLoadsAndIsListed() async {
        let run = await CLIRun(["-f", split, "--empty", "get", "trafficsplits", "-A"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "a TrafficSplit is acted on: no warning (\(run.stderr))")
        #expect(run.stdout.contains("bookstore   bookstore-split   bookstore   bookstore-v1=90,bookstore-v2=10"))
    }

    @Test func exportKeepsTheShownKindsSpecWhole() async {
        let run = await CLIRun(["-f", kinds, "get", "upstreamtrafficsetting", "-A", "-o", "yaml"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("maxConnections: 100"))
        #expect(run.stdout.contains("host: tcp-echo.tcp-demo.svc.cluster.local"))
    }

    /// cmd/osm-bootstrap/crds/smi_traffic_split.yaml (v1alpha2): `service` and `backends` are
    /// required, and every backend needs `service` and `weight`.
    @Test func aTrafficSplitWithoutBackendsIsRefusedAtItsLine() async {
        let bad = """
            apiVersion: split.smi-spec.io/v1alpha2
            kind: TrafficSplit
            metadata: {name: s, namespace: tcp-demo}
            spec:
              service: tcp-echo
            """
        let run = await CLIRun(["validate", "-f", "-"], stdin: bad)
        #expect(run.code == 2)
        #expect(run.stderr.contains("<stdin>:5:3: error: spec.backends: required field is missing"), "\(run.stderr)")
    }

    @Test func aVersionOSMDoesNotServeIsRefused() async {
        let bad = """
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: s, namespace: tcp-demo}
            spec: {service: tcp-echo, backends: [{service: tcp-echo, weight: 1}]}
            """
        let run = await CLIRun(["validate", "-f", "-"], stdin: bad)
        #expect(run.code == 2)
        #expect(run.stderr.contains("TrafficSplit is not served as 'split.smi-spec.io/v1alpha4'"), "\(run.stderr)")
    }

    /// The check: a `kind: List` dump holding every kind loads. `get -o yaml` of a
    /// cluster with all of them is such a List; read back alone, it is the same cluster.
    @Test func aListDumpHoldingEveryKindLoadsBackAsTheSameCluster() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("every-kind-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = ["bookstore-split.yaml", "workloads.yaml", "egress-policy.yaml", "osm-policy-kinds.yaml"].flatMap {
            ["-f", Fixtures.path("osm-v1.2/\($0)")]
        }
        let kinds = "all,ts,egress,ingressbackend,retry,upstreamtrafficsetting,mrc"
        let dump = dir.appendingPathComponent("state.yaml")
        let yaml = await CLIRun(inputs + ["get", kinds + ",ns,sa,meshconfig,tcproute,traffictarget", "-A", "-o", "yaml"])
        #expect(yaml.code == 0)
        #expect(yaml.stdout.hasPrefix("apiVersion: v1\nitems:"))
        try yaml.stdout.write(to: dump, atomically: true, encoding: .utf8)
        let original = await CLIRun(inputs + ["get", kinds, "-A", "-o", "name"])
        let reloaded = await CLIRun(["-f", dump.path, "--empty", "get", kinds, "-A", "-o", "name"])
        #expect(reloaded.code == 0, "\(reloaded.stderr)")
        #expect(reloaded.stdout == original.stdout)
        for name in [
            "statefulset.apps/mysql", "pod/server", "trafficsplit.split.smi-spec.io/bookstore-split",
            "egress.policy.openservicemesh.io/curl-to-echo",
        ] {
            #expect(reloaded.stdout.contains(name), "\(name) in \(reloaded.stdout)")
        }
        #expect(
            await CLIRun(["-f", dump.path, "--empty", "matrix", "--json"]).stdout == CLIRun(inputs + ["matrix", "--json"]).stdout)
    }
}
