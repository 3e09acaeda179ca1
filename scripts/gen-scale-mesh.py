#!/usr/bin/env python3
"""A generated mesh for the scale issue (13): NAMESPACES namespaces x 10 meshed tcp-echo
services, each with a ServiceAccount, a Service, a Deployment (1 replica), a TCPRoute and a
TrafficTarget (3 sources: one in this namespace, two in others). One pod per service, so
pods = 10 x NAMESPACES. Written as one YAML stream on stdout, for `meshdeck -f FILE --empty`.

    scripts/gen-scale-mesh.py 1000 > .build/mesh-10000.yaml
    meshdeck -f .build/mesh-10000.yaml --empty probe --from ns-0/app-1 --to app-0.ns-0:8080

`--first-replicas N` gives ns-0/app-0 N replicas (pods = 10 x NAMESPACES + N - 1), so that one
`meshdeck load --to app-0.ns-0:8080` spreads over N destination pods (round-robin).

ns-N/app-K may reach app-K in ns-(N-1), app-(K+3 mod 10) in ns-(N+7) and app-(K-1 mod 10) in
its own namespace (the same shape as meshdeck-bench's SyntheticMesh).
"""
import sys

PER = 10


def main() -> None:
    args = sys.argv[1:]
    first_replicas = 1
    if len(args) == 3 and args[1] == "--first-replicas" and args[2].isdigit() and int(args[2]) >= 1:
        first_replicas = int(args[2])
        args = args[:1]
    if len(args) != 1 or not args[0].isdigit() or int(args[0]) < 1:
        sys.exit("usage: gen-scale-mesh.py NAMESPACES [--first-replicas N]   (pods = 10 x NAMESPACES)")
    n_ns = int(args[0])
    out = sys.stdout
    w = out.write
    w("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: osm-system\n---\n")
    w(
        "apiVersion: config.openservicemesh.io/v1alpha2\nkind: MeshConfig\nmetadata:\n"
        "  name: osm-mesh-config\n  namespace: osm-system\nspec:\n  traffic:\n"
        "    enablePermissiveTrafficPolicyMode: false\n    enableEgress: false\n---\n"
    )
    for n in range(n_ns):
        ns = f"ns-{n}"
        w(
            f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n  labels:\n"
            f"    openservicemesh.io/monitored-by: osm\n  annotations:\n"
            f"    openservicemesh.io/sidecar-injection: enabled\n---\n"
        )
        for k in range(PER):
            app = f"app-{k}"
            w(f"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {app}\n  namespace: {ns}\n---\n")
            w(
                f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {app}\n  namespace: {ns}\nspec:\n"
                f"  ports:\n  - name: tcp-app\n    port: 8080\n    appProtocol: tcp\n"
                f"  selector:\n    app: {app}\n---\n"
            )
            w(
                f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {app}\n  namespace: {ns}\nspec:\n"
                f"  replicas: {first_replicas if n == 0 and k == 0 else 1}\n  selector:\n    matchLabels:\n      app: {app}\n  template:\n"
                f"    metadata:\n      labels:\n        app: {app}\n    spec:\n"
                f"      serviceAccountName: {app}\n      containers:\n      - name: server\n"
                f"        image: openservicemesh/tcp-echo-server:latest\n"
                f"        command: [\"/tcp-echo-server\"]\n        args: [\"--port\", \"8080\"]\n"
                f"        ports:\n        - containerPort: 8080\n---\n"
            )
            w(
                f"apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata:\n"
                f"  name: route-{k}\n  namespace: {ns}\nspec:\n  matches:\n    ports:\n    - 8080\n---\n"
            )
            sources = [
                (app, f"ns-{(n + 1) % n_ns}"),
                (f"app-{(k + 3) % PER}", f"ns-{(n + 7) % n_ns}"),
                (f"app-{(k + 1) % PER}", ns),
            ]
            w(
                f"apiVersion: access.smi-spec.io/v1alpha3\nkind: TrafficTarget\nmetadata:\n"
                f"  name: allow-{k}\n  namespace: {ns}\nspec:\n  destination:\n"
                f"    kind: ServiceAccount\n    name: {app}\n    namespace: {ns}\n  rules:\n"
                f"  - kind: TCPRoute\n    name: route-{k}\n  sources:\n"
            )
            for name, sns in sources:
                w(f"  - kind: ServiceAccount\n    name: {name}\n    namespace: {sns}\n")
            w("---\n")


if __name__ == "__main__":
    main()
