import MeshModel

@testable import Dashboard

/// A cluster the size operators load (issue 13): the walkthrough plus `namespaces` meshed
/// namespaces `ns-N` of 10 echo services `app-K` each (ServiceAccount, Service, Deployment of one
/// pod, TCPRoute `route-K`, TrafficTarget `allow-K`), the shape of scripts/gen-scale-mesh.py.
enum ScaleCluster {
    static let perNamespace = 10

    static func make(namespaces: Int, firstReplicas: Int = 1) throws -> Cluster {
        var cluster = Scenario.walkthrough()
        var out: [Resource] = []
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
                out.append(
                    .trafficTarget(
                        TrafficTarget(
                            meta: ObjectMeta(name: "allow-\(k)", namespace: ns),
                            destination: IdentityRef(name: app, namespace: ns),
                            sources: [IdentityRef(name: app, namespace: "ns-\((n + 1) % namespaces)")],
                            rules: [TrafficTargetRule(kind: "TCPRoute", name: "route-\(k)")])))
            }
        }
        try cluster.apply(out)
        return cluster
    }

    /// 10,000 pods (1,000 namespaces), built once for the suite.
    static let tenThousandPods: Cluster = try! make(namespaces: 1_000)
}
