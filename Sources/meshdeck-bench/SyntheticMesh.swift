import MeshDeckTestSupport
import MeshModel

/// A mesh the size the issue asks about: 1,000 namespaces, each with 10 services, 10
/// deployments, 10 ServiceAccounts, 10 TCPRoutes and 10 TrafficTargets (3 sources each).
enum SyntheticMesh {
    static let namespaces = 1_000
    static let perNamespace = GeneratedMesh.perNamespace

    static func resources(namespaces: Int = namespaces) -> [Resource] {
        [
            .namespace(Namespace(meta: ObjectMeta(name: "osm-system"))),
            .meshConfig(
                MeshConfig(
                    meta: ObjectMeta(name: MeshConfig.name, namespace: MeshConfig.namespace),
                    permissiveTrafficPolicyMode: false, egress: false)),
        ] + GeneratedMesh.resources(namespaces: namespaces, sourcesPerTarget: 3)
    }

    /// The same mesh as YAML text, for the manifest decoder's throughput.
    static func yaml(namespaces count: Int) -> String {
        var docs: [String] = []
        for n in 0..<count {
            docs.append(
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-\(n)\n  labels:\n    openservicemesh.io/monitored-by: osm\n"
            )
            for k in 0..<perNamespace {
                docs.append(
                    """
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: app-\(k)
                      namespace: ns-\(n)
                    spec:
                      ports:
                      - name: tcp-app
                        port: 8080
                        appProtocol: tcp
                      selector:
                        app: app-\(k)
                    """)
                docs.append(
                    """
                    apiVersion: access.smi-spec.io/v1alpha3
                    kind: TrafficTarget
                    metadata:
                      name: allow-\(k)
                      namespace: ns-\(n)
                    spec:
                      destination: {kind: ServiceAccount, name: app-\(k), namespace: ns-\(n)}
                      sources:
                      - {kind: ServiceAccount, name: app-\(k), namespace: ns-\((n + 1) % count)}
                      rules:
                      - {kind: TCPRoute, name: route-\(k)}
                    """)
            }
        }
        return docs.joined(separator: "\n---\n")
    }

    /// The whole mesh as a dump: per namespace the Namespace and, per service, its
    /// ServiceAccount, Deployment, Service, TCPRoute and TrafficTarget (51 documents).
    /// `firstReplicas`: replicas of `app-0` in `ns-0` (100 spreads a load over 100 pods).
    static func fullYAML(namespaces count: Int, firstReplicas: Int = 1) -> String {
        var docs: [String] = []
        docs.reserveCapacity(count * (perNamespace * 5 + 1))
        for n in 0..<count {
            docs.append(
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-\(n)\n  labels:\n    openservicemesh.io/monitored-by: osm\n"
                    + "  annotations:\n    openservicemesh.io/sidecar-injection: enabled")
            for k in 0..<perNamespace {
                let app = "app-\(k)"
                docs.append("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: \(app)\n  namespace: ns-\(n)")
                docs.append(
                    """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: \(app)
                      namespace: ns-\(n)
                    spec:
                      replicas: \(n == 0 && k == 0 ? firstReplicas : 1)
                      selector:
                        matchLabels:
                          app: \(app)
                      template:
                        metadata:
                          labels:
                            app: \(app)
                        spec:
                          serviceAccountName: \(app)
                          containers:
                          - name: server
                            image: openservicemesh/tcp-echo-server:latest
                            command: ["/tcp-echo-server"]
                            args: ["--port", "8080"]
                            ports:
                            - containerPort: 8080
                    """)
                docs.append(
                    """
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: \(app)
                      namespace: ns-\(n)
                    spec:
                      ports:
                      - name: tcp-app
                        port: 8080
                        appProtocol: tcp
                      selector:
                        app: \(app)
                    """)
                docs.append(
                    """
                    apiVersion: specs.smi-spec.io/v1alpha4
                    kind: TCPRoute
                    metadata:
                      name: route-\(k)
                      namespace: ns-\(n)
                    spec:
                      matches:
                        ports: [8080]
                    """)
                docs.append(
                    """
                    apiVersion: access.smi-spec.io/v1alpha3
                    kind: TrafficTarget
                    metadata:
                      name: allow-\(k)
                      namespace: ns-\(n)
                    spec:
                      destination: {kind: ServiceAccount, name: \(app), namespace: ns-\(n)}
                      sources:
                      - {kind: ServiceAccount, name: \(app), namespace: ns-\((n + 1) % count)}
                      rules:
                      - {kind: TCPRoute, name: route-\(k)}
                    """)
            }
        }
        return docs.joined(separator: "\n---\n") + "\n"
    }

    /// The same mesh as `kubectl get -o json` prints it: one `kind: List`, indented JSON.
    static func jsonList(namespaces count: Int) -> String {
        var items: [String] = []
        for n in 0..<count {
            items.append(
                #"{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "ns-\#(n)", "labels": {"openservicemesh.io/monitored-by": "osm"}, "annotations": {"openservicemesh.io/sidecar-injection": "enabled"}}}"#
            )
            for k in 0..<perNamespace {
                let meta = #""metadata": {"name": "app-\#(k)", "namespace": "ns-\#(n)"}"#
                items.append(#"{"apiVersion": "v1", "kind": "ServiceAccount", \#(meta)}"#)
                items.append(
                    #"{"apiVersion": "apps/v1", "kind": "Deployment", \#(meta), "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "app-\#(k)"}}, "template": {"metadata": {"labels": {"app": "app-\#(k)"}}, "spec": {"serviceAccountName": "app-\#(k)", "containers": [{"name": "server", "image": "openservicemesh/tcp-echo-server:latest", "command": ["/tcp-echo-server"], "args": ["--port", "8080"], "ports": [{"containerPort": 8080}]}]}}}}"#
                )
                items.append(
                    #"{"apiVersion": "v1", "kind": "Service", \#(meta), "spec": {"ports": [{"name": "tcp-app", "port": 8080, "appProtocol": "tcp"}], "selector": {"app": "app-\#(k)"}}}"#
                )
                items.append(
                    #"{"apiVersion": "specs.smi-spec.io/v1alpha4", "kind": "TCPRoute", "metadata": {"name": "route-\#(k)", "namespace": "ns-\#(n)"}, "spec": {"matches": {"ports": [8080]}}}"#
                )
                items.append(
                    #"{"apiVersion": "access.smi-spec.io/v1alpha3", "kind": "TrafficTarget", "metadata": {"name": "allow-\#(k)", "namespace": "ns-\#(n)"}, "spec": {"destination": {"kind": "ServiceAccount", "name": "app-\#(k)", "namespace": "ns-\#(n)"}, "sources": [{"kind": "ServiceAccount", "name": "app-\#(k)", "namespace": "ns-\#((n + 1) % count)"}], "rules": [{"kind": "TCPRoute", "name": "route-\#(k)"}]}}"#
                )
            }
        }
        return "{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"List\",\n    \"items\": [\n        "
            + items.joined(separator: ",\n        ") + "\n    ]\n}\n"
    }
}
