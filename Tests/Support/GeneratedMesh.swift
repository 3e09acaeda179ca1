import MeshModel

/// The mesh issue 13 measures, as resources: `namespaces` meshed namespaces `ns-N` of 10 echo
/// services `app-K` each (ServiceAccount, Service, a Deployment of one pod, TCPRoute `route-K`,
/// TrafficTarget `allow-K`), the shape of scripts/gen-scale-mesh.py. Shared by the dashboard's
/// scale tests and `meshdeck-bench`.
package enum GeneratedMesh {
    package static let perNamespace = 10

    /// `sourcesPerTarget`: 1 (from `app-K` in the next namespace, as the script makes) to 3;
    /// `firstReplicas`: replicas of `app-0` in `ns-0`.
    package static func resources(namespaces: Int, sourcesPerTarget: Int = 1, firstReplicas: Int = 1) -> [Resource] {
        var out: [Resource] = []
        out.reserveCapacity(namespaces * (perNamespace * 5 + 1))
        for n in 0..<namespaces {
            let ns = "ns-\(n)"
            out.append(
                .namespace(
                    Namespace(
                        meta: ObjectMeta(
                            name: ns, labels: [MeshLabels.monitoredBy: "osm"],
                            annotations: [MeshLabels.sidecarInjection: "enabled"]))))
            for k in 0..<perNamespace {
                let app = "app-\(k)"
                out.append(.serviceAccount(ServiceAccount(meta: ObjectMeta(name: app, namespace: ns))))
                out.append(
                    .deployment(
                        Deployment(
                            meta: ObjectMeta(name: app, namespace: ns), replicas: n == 0 && k == 0 ? firstReplicas : 1,
                            selector: LabelSelector(["app": app]), templateLabels: ["app": app], serviceAccountName: app,
                            containers: [
                                Container(
                                    name: "server", image: "openservicemesh/tcp-echo-server:latest",
                                    command: ["/tcp-echo-server"], args: ["--port", "8080"],
                                    ports: [.init(containerPort: 8080)])
                            ])))
                out.append(
                    .service(
                        Service(
                            meta: ObjectMeta(name: app, namespace: ns),
                            ports: [ServicePort(name: "tcp-app", port: 8080, appProtocol: "tcp")],
                            selector: LabelSelector(["app": app]))))
                out.append(.tcpRoute(TCPRoute(meta: ObjectMeta(name: "route-\(k)", namespace: ns), ports: [8080])))
                let sources = [
                    IdentityRef(name: app, namespace: "ns-\((n + 1) % namespaces)"),
                    IdentityRef(name: "app-\((k + 3) % perNamespace)", namespace: "ns-\((n + 7) % namespaces)"),
                    IdentityRef(name: "app-\((k + 1) % perNamespace)", namespace: ns),
                ]
                out.append(
                    .trafficTarget(
                        TrafficTarget(
                            meta: ObjectMeta(name: "allow-\(k)", namespace: ns),
                            destination: IdentityRef(name: app, namespace: ns), sources: Array(sources.prefix(sourcesPerTarget)),
                            rules: [TrafficTargetRule(kind: "TCPRoute", name: "route-\(k)")])))
            }
        }
        return out
    }
}
