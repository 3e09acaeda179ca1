import MeshModel
import PolicyEngine

/// Clusters and questions that, together, meet every reason, fact and fix `explain` can give:
/// the golden English test pins their words, and the Chinese tests render them all.
package enum ExplanationSamples {
    package struct Sample: Sendable {
        /// What the cluster is, in a few words (the golden file's headings).
        package var name: String
        package var cluster: Cluster
        /// `NS/DEPLOYMENT` and `HOST:PORT` pairs to explain.
        package var questions: [(from: String, to: String)]
    }

    /// Every sample. A manifest error or a failed mutation is a bug in the samples: it traps.
    package static func all() -> [Sample] {
        var samples: [Sample] = []
        func add(_ name: String, _ cluster: Cluster, _ questions: [(String, String)]) {
            samples.append(Sample(name: name, cluster: cluster, questions: questions.map { (from: $0.0, to: $0.1) }))
        }
        func cluster(permissive: Bool? = nil, egress: Bool? = nil, _ yaml: String...) -> Cluster {
            var c = Scenario.walkthrough()
            for y in yaml where !y.isEmpty { _ = try! c.apply(try! TestManifests.decode(y)) }
            if let permissive { c.setPermissive(permissive) }
            if let egress { c.setEgress(egress) }
            return c
        }
        let echo = ObjectKey(namespace: "tcp-demo", name: "tcp-echo")
        let ip = Scenario.walkthrough().services[echo]!.clusterIP!

        add(
            "walkthrough, permissive on", cluster(permissive: true),
            [
                ("curl/curl", "tcp-echo.tcp-demo:9000"), ("tcp-demo/tcp-echo", "tcp-echo:9000"),
                ("curl/curl", "\(ip):9000"), ("curl/curl", "tcp-echo.tcp-demo:9001"),
                ("curl/curl", "tcp-echo.tcp-dem:9000"), ("curl/curl", "nope.tcp-demo:9000"),
                ("curl/curl", "nope.curl:9000"), ("curl/curl", "nope:9000"),
            ])
        add(
            "permissive off, egress on, no policy", cluster(permissive: false, egress: true),
            [("curl/curl", "tcp-echo.tcp-demo:9000")])
        add(
            "permissive off, egress off, no policy", cluster(permissive: false, egress: false),
            [("curl/curl", "tcp-echo.tcp-demo:9000")])
        add(
            "permissive off, the walkthrough's policy", cluster(permissive: false, Scenario.bundle(named: "smi-policy")!.yaml),
            [("curl/curl", "tcp-echo.tcp-demo:9000"), ("tcp-demo/tcp-echo", "tcp-echo.tcp-demo:9000")])
        add(
            "permissive off, a TrafficTarget for another source and one with no TCPRoute ports",
            cluster(
                permissive: false,
                TestManifests.join(
                    TestManifests.tcpRoute(ports: [9000]), TestManifests.trafficTarget(source: "bookbuyer/bookbuyer"),
                    "apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata: {name: every, namespace: tcp-demo}\nspec: {matches: {ports: []}}\n",
                    TestManifests.trafficTarget(
                        "every-port", source: "bookthief/bookthief", rules: "[{kind: TCPRoute, name: every}]"))),
            [("curl/curl", "tcp-echo.tcp-demo:9000")])
        add(
            "permissive off, the TCPRoute allows other ports",
            cluster(
                permissive: false, TestManifests.join(TestManifests.tcpRoute(ports: [8080, 8443]), TestManifests.trafficTarget())),
            [("curl/curl", "tcp-echo.tcp-demo:9000")])
        add(
            "permissive off, TrafficTargets the mesh ignores",
            cluster(
                permissive: false,
                TestManifests.join(
                    TestManifests.tcpRoute(ports: [9000]),
                    TestManifests.trafficTarget(
                        "bad-kind", rules: "[{kind: TCPRoute, name: tcp-echo-route}, {kind: UDPRoute, name: u}]"),
                    TestManifests.trafficTarget("missing-route", rules: "[{kind: TCPRoute, name: nope}]"),
                    TestManifests.trafficTarget("no-rules", rules: "[]"))),
            [("curl/curl", "tcp-echo.tcp-demo:9000")])
        var unmonitored = cluster(
            permissive: false, TestManifests.join(TestManifests.tcpRoute(ports: [9000]), TestManifests.trafficTarget()))
        try! unmonitored.removeFromMesh("tcp-demo")
        add("tcp-demo removed from the mesh, its policy left behind", unmonitored, [("curl/curl", "tcp-echo.tcp-demo:9000")])
        for egress in [true, false] {
            add(
                "a namespace outside the mesh, egress \(egress ? "on" : "off")",
                cluster(permissive: false, egress: egress, TestManifests.outside),
                [
                    ("outside/client", "tcp-echo.tcp-demo:9000"), ("curl/curl", "echo.outside:9000"),
                    ("outside/client", "echo.outside:9000"),
                ])
        }
        func service(_ name: String, _ ports: String, selector: String = "{app: tcp-echo}") -> String {
            "apiVersion: v1\nkind: Service\nmetadata: {name: \(name), namespace: tcp-demo}\nspec:\n  ports: [\(ports)]\n"
                + (selector.isEmpty ? "" : "  selector: \(selector)\n")
        }
        add(
            "ports of every protocol, permissive on",
            cluster(
                permissive: true,
                TestManifests.join(
                    service("bare", "{port: 9000}"), service("web", "{name: web, port: 9000}"),
                    service("mongo", "{name: db, port: 9000, appProtocol: mongo}"),
                    service("http", "{name: http-web, port: 9000}"), service("grpc", "{name: grpc-api, port: 9000}"),
                    service("first", "{name: tcp-server-first-x, port: 9000}"),
                    service("upper", "{name: w, port: 9000, appProtocol: TCP}"),
                    service("udp", "{name: tcp, port: 9000, protocol: UDP}"),
                    service("front", "{name: tcp-front, port: 80, targetPort: 9000}"),
                    service("named", "{name: tcp-n, port: 80, targetPort: tcp-echo-server}"),
                    service("badname", "{name: tcp-n, port: 80, targetPort: nope}"),
                    service("ghost", "{port: 1, appProtocol: tcp}", selector: "{app: ghost}"),
                    service("noselector", "{port: 1, appProtocol: tcp}", selector: ""),
                    service("two", "{name: tcp-a, port: 1}, {name: udp-b, port: 2, protocol: UDP}"))),
            [
                "bare", "web", "mongo", "http", "grpc", "first", "upper", "udp", "front:80", "named:80", "badname:80", "ghost:1",
                "noselector:1", "two:3",
            ].map { name in
                (
                    "curl/curl",
                    name.contains(":") ? "\(name.replacingOccurrences(of: ":", with: ".tcp-demo:"))" : "\(name).tcp-demo:9000"
                )
            })
        var scaled = cluster(permissive: false)
        try! scaled.scale(echo, replicas: 5)
        try! scaled.scale(ObjectKey(namespace: "curl", name: "curl"), replicas: 2)
        add("five tcp-echo pods, two curl pods, permissive off", scaled, [("curl/curl", "tcp-echo.tcp-demo:9000")])
        var scaledToZero = cluster(permissive: true)
        try! scaledToZero.scale(echo, replicas: 0)
        add("tcp-echo scaled to zero", scaledToZero, [("curl/curl", "tcp-echo.tcp-demo:9000")])
        var noMeshConfig = cluster()
        try! noMeshConfig.delete(.meshConfig, ObjectKey(namespace: "osm-system", name: "osm-mesh-config"))
        add("no MeshConfig", noMeshConfig, [("curl/curl", "tcp-echo.tcp-demo:9000")])
        add(
            "sidecar injection: namespaces and pod annotations",
            cluster(
                permissive: true,
                TestManifests.join(
                    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: quiet\n  labels: {openservicemesh.io/monitored-by: osm}\n  annotations: {openservicemesh.io/sidecar-injection: disabled}\n",
                    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: plain\n  labels: {openservicemesh.io/monitored-by: osm}\n",
                    deployment("quiet", "a"), deployment("quiet", "b", injection: "enabled"), deployment("plain", "c"),
                    deployment("curl", "d", injection: "disabled"))),
            [
                ("quiet/a", "tcp-echo.tcp-demo:9000"), ("quiet/b", "tcp-echo.tcp-demo:9000"),
                ("plain/c", "tcp-echo.tcp-demo:9000"),
                ("curl/d", "tcp-echo.tcp-demo:9000"),
            ])
        add(
            "a headless Service",
            cluster(permissive: true, service("headless", "{name: tcp, port: 9000, appProtocol: tcp}") + "  clusterIP: None\n"),
            [("curl/curl", "headless.tcp-demo:9000")])
        addFidelitySamples(add) { cluster(permissive: $0, egress: $1, $2) }
        let internet = [("curl/curl", "github.com:443"), ("curl/curl", "1.1.1.1:53")]
        add("the internet, egress on", cluster(permissive: true, egress: true), internet)
        add("the internet, egress off", cluster(permissive: true, egress: false), internet)
        add(
            "the internet, an Egress policy for 443/tcp",
            cluster(
                permissive: true, egress: false,
                "apiVersion: policy.openservicemesh.io/v1alpha1\nkind: Egress\nmetadata: {name: out-443, namespace: curl}\n"
                    + "spec:\n  sources: [{kind: ServiceAccount, name: curl, namespace: curl}]\n  ports: [{number: 443, protocol: tcp}]\n"
            ),
            internet)
        add(
            "the internet, an outbound range excluded",
            cluster(
                permissive: true, egress: false,
                "apiVersion: config.openservicemesh.io/v1alpha2\nkind: MeshConfig\nmetadata: {name: osm-mesh-config, namespace: osm-system}\n"
                    + "spec:\n  traffic: {enableEgress: false, enablePermissiveTrafficPolicyMode: true, outboundIPRangeExclusionList: [1.1.1.0/24]}\n"
            ),
            internet)
        let ingress = Fixtures.text("osm-v1.2/ingress-backend.yaml")
        add(
            "an IngressBackend for the ingress controller",
            cluster(permissive: false, egress: false, ingress + "\n---\n" + TestManifests.outside),
            [
                ("ingress-nginx/ingress-nginx-controller", "httpbin.httpbin:14001"),
                ("outside/client", "httpbin.httpbin:14001"),
            ])
        add(
            "an https IngressBackend",
            cluster(
                permissive: true, egress: false, ingress.replacingOccurrences(of: "protocol: http}", with: "protocol: https}")),
            [("ingress-nginx/ingress-nginx-controller", "httpbin.httpbin:14001")])
        add(
            "the internet from a pod without a sidecar", cluster(permissive: true, TestManifests.outside),
            [("outside/client", "github.com:443")])
        return samples
    }

    /// What issue 11 added (OSM v1.2's other kinds and rules), on the osm-v1.2 fixtures: Egress
    /// policies, exclusions, TrafficSplit, workload kinds, the kinds MeshDeck only shows,
    /// injection exceptions and several ports per pod.
    static func addFidelitySamples(
        _ add: (String, Cluster, [(String, String)]) -> Void,
        _ cluster: (Bool?, Bool?, String) -> Cluster
    ) {
        func fixture(_ name: String) -> String { Fixtures.text("osm-v1.2/\(name).yaml") }
        func meshConfig(_ lines: String, featureFlags: String = "") -> String {
            """
            apiVersion: config.openservicemesh.io/v1alpha2
            kind: MeshConfig
            metadata: {name: osm-mesh-config, namespace: osm-system}
            spec:
              traffic:
                enablePermissiveTrafficPolicyMode: true
                enableEgress: false
            \(lines.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            \(featureFlags.isEmpty ? "" : "  featureFlags: {\(featureFlags)}")
            """
        }
        func egress(_ name: String, namespace: String = "curl", port: Int) -> String {
            """
            apiVersion: policy.openservicemesh.io/v1alpha1
            kind: Egress
            metadata: {name: \(name), namespace: \(namespace)}
            spec:
              sources: [{kind: ServiceAccount, name: curl, namespace: curl}]
              ports: [{number: \(port), protocol: tcp}]
            """
        }
        let outsideEcho = [("curl/curl", "echo.outside:9000"), ("tcp-demo/tcp-echo", "echo.outside:9000")]
        add("an Egress policy, egress off", cluster(true, false, fixture("egress-policy")), outsideEcho)
        add(
            "Egress policies that do not match, one in a namespace outside the mesh",
            cluster(
                true, false,
                TestManifests.join(
                    fixture("egress-policy").replacingOccurrences(of: "number: 9000", with: "number: 8080"),
                    egress("from-outside", namespace: "outside", port: 9000))), [("curl/curl", "echo.outside:9000")])
        add(
            "Egress policies switched off by the feature flag",
            cluster(
                nil, nil,
                TestManifests.join(
                    meshConfig("", featureFlags: "enableEgressPolicy: false"), TestManifests.outside,
                    egress("any", port: 9000))), [("curl/curl", "echo.outside:9000")])
        add(
            "an outbound port exclusion in the MeshConfig",
            cluster(nil, nil, meshConfig("outboundPortExclusionList: [9000]")), [("curl/curl", "tcp-echo.tcp-demo:9000")])
        add(
            "an inbound port exclusion in the MeshConfig",
            cluster(nil, nil, meshConfig("inboundPortExclusionList: [9000]")), [("curl/curl", "tcp-echo.tcp-demo:9000")])
        add(
            "an outbound IP range and an inbound port excluded",
            cluster(nil, nil, meshConfig("outboundIPRangeExclusionList: [10.0.0.0/8]\ninboundPortExclusionList: [9000]")),
            [("curl/curl", "tcp-echo.tcp-demo:9000")])
        add(
            "an outbound port excluded by the pod's annotation, outside the mesh with egress off",
            cluster(
                nil, false,
                TestManifests.join(
                    deployment("curl", "excluded", annotations: "openservicemesh.io/outbound-port-exclusion-list: \"9000\""),
                    TestManifests.outside)),
            [("curl/excluded", "tcp-echo.tcp-demo:9000"), ("curl/excluded", "echo.outside:9000")])
        let split = fixture("bookstore-split")
        let splits = """
            apiVersion: split.smi-spec.io/v1alpha2
            kind: TrafficSplit
            metadata: {name: second, namespace: bookstore}
            spec:
              service: bookstore
              backends: [{service: bookstore-v1, weight: 1}]
            ---
            apiVersion: split.smi-spec.io/v1alpha2
            kind: TrafficSplit
            metadata: {name: no-apex, namespace: bookstore}
            spec:
              service: nope
              backends: [{service: bookstore-v1, weight: 1}]
            ---
            apiVersion: split.smi-spec.io/v1alpha2
            kind: TrafficSplit
            metadata: {name: outside-split, namespace: outside}
            spec:
              service: echo
              backends: [{service: echo, weight: 1}]
            ---
            apiVersion: split.smi-spec.io/v1alpha2
            kind: TrafficSplit
            metadata: {name: ghost-backends, namespace: tcp-demo}
            spec:
              service: tcp-echo
              backends: [{service: gone, weight: 50}, {service: tcp-echo, weight: 0}]
            """
        add(
            "a TrafficSplit, permissive on",
            cluster(true, nil, TestManifests.join(split, TestManifests.outside, splits)),
            [
                ("bookbuyer/bookbuyer", "bookstore.bookstore:14001"), ("outside/client", "bookstore.bookstore:14001"),
                ("curl/curl", "tcp-echo.tcp-demo:9000"), ("curl/curl", "echo.outside:9000"),
            ])
        add(
            "a TrafficSplit, permissive off, no TrafficTarget for the source",
            cluster(false, nil, TestManifests.join(split, fixture("bookstore-split-smi"))),
            [("bookbuyer/bookbuyer", "bookstore.bookstore:14001"), ("curl/curl", "bookstore.bookstore:14001")])
        add(
            "workloads of every kind, and the kinds MeshDeck only shows",
            cluster(true, nil, TestManifests.join(fixture("workloads"), fixture("osm-policy-kinds"))),
            [
                ("bookwarehouse/statefulset/mysql", "server.bookwarehouse:8080"),
                ("bookwarehouse/server", "mysql.bookwarehouse:3306"), ("bookwarehouse/job/loader", "mysql.bookwarehouse:3306"),
                ("curl/curl", "tcp-echo.tcp-demo:9000"),
            ])
        add(
            "injection exceptions", cluster(true, nil, fixture("injection-exceptions")),
            [
                ("ignored/client", "tcp-echo.tcp-demo:9000"), ("named-osm/client", "tcp-echo.tcp-demo:9000"),
                ("hosts/host-client", "tcp-echo.tcp-demo:9000"), ("curl/curl", "echo.typo:9000"),
            ])
        add(
            "several ports per pod, and a Service in front of pods that run no echo server",
            cluster(
                true, nil,
                TestManifests.join(
                    fixture("multiple-ports"),
                    "apiVersion: v1\nkind: Service\nmetadata: {name: sleeper, namespace: curl}\n"
                        + "spec: {selector: {app: curl}, ports: [{name: tcp, port: 80, appProtocol: tcp}]}\n")),
            [
                ("curl/curl", "multi.tcp-demo:9001"), ("curl/curl", "mislabelled.tcp-demo:8080"),
                ("tcp-demo/tcp-echo", "sleeper.curl:80"),
            ])
    }

    /// A client Deployment, optionally with a sidecar-injection annotation on its pods.
    static func deployment(_ namespace: String, _ name: String, injection: String? = nil) -> String {
        deployment(namespace, name, annotations: injection.map { "openservicemesh.io/sidecar-injection: \($0)" })
    }

    /// A client Deployment with these pod-template annotations (`key: value`).
    static func deployment(_ namespace: String, _ name: String, annotations: String?) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: \(name), namespace: \(namespace)}
        spec:
          selector: {matchLabels: {app: \(name)}}
          template:
            metadata:
              labels: {app: \(name)}
        \(annotations.map { "      annotations: {\($0)}\n" } ?? "")    spec:
              containers: [{name: c, image: curlimages/curl, command: [sleep, 365d]}]
        """
    }
}
