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
                    "apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata: {name: every, namespace: tcp-demo}\nspec: {}\n",
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
        return samples
    }

    /// A client Deployment, optionally with a sidecar-injection annotation on its pods.
    static func deployment(_ namespace: String, _ name: String, injection: String? = nil) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: \(name), namespace: \(namespace)}
        spec:
          selector: {matchLabels: {app: \(name)}}
          template:
            metadata:
              labels: {app: \(name)}
        \(injection.map { "      annotations: {openservicemesh.io/sidecar-injection: \($0)}\n" } ?? "")    spec:
              containers: [{name: c, image: curlimages/curl, command: [sleep, 365d]}]
        """
    }
}
