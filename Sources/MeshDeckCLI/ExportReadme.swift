import MeshModel
import PolicyEngine

/// The README written beside an export: the commands an operator runs on a real cluster, in
/// order, with the probe results MeshDeck expects for this scenario.
enum ExportReadme {
    static let name = "README.md"

    static func render(_ export: ManifestExport, cluster: Cluster) -> String {
        let exported = export.files.flatMap(\.resources)
        let deployments = exported.compactMap { r -> Deployment? in
            if case .deployment(let d) = r { return d } else { return nil }
        }
        let services = exported.compactMap { r -> Service? in if case .service(let s) = r { return s } else { return nil } }
        let meshed = exported.compactMap { r -> String? in
            if case .namespace(let ns) = r, ns.isMonitored { return ns.name } else { return nil }
        }
        var lines = [
            "<!-- \(ManifestExport.marker). Running it again replaces the numbered files and this README. -->",
            "# The MeshDeck scenario, for a real cluster",
            "",
            "`meshdeck export` wrote these manifests from MeshDeck's model. `kubectl apply -f .` reads a folder",
            "in name order, which is the order they must be applied in:",
            "",
            "| file | holds |",
            "|---|---|",
        ]
        for file in export.files {
            lines.append(
                "| `\(file.name)` | \(file.resources.map { "\($0.kind.rawValue.lowercased())/\($0.meta.name)" }.joined(separator: ", ")) |"
            )
        }
        lines += [
            "",
            "Left to the cluster on purpose: ClusterIPs, uids and status (the API server sets them), and what",
            "the cluster or the mesh install owns (`kube-system`, the `default` ServiceAccounts, the",
            "`kubernetes` Service, the control plane in `osm-system`).",
            "",
            "## 1. Install a mesh",
            "",
            "Open Service Mesh v1.2, whose APIs these manifests follow (OSM is archived upstream since 2023):",
            "",
            "```sh",
            "osm install --mesh-name osm --osm-namespace osm-system",
            "```",
            "",
            "Or Flomesh FSM, which keeps OSM's SMI support: see [With FSM](#with-fsm-instead-of-osm).",
            "",
            "## 2. Apply",
            "",
            "```sh",
            "kubectl apply -f .",
        ]
        lines += deployments.map { "kubectl rollout status -n \($0.meta.namespace ?? "default") deploy/\($0.meta.name)" }
        if !meshed.isEmpty {
            lines.append(
                "kubectl get pods \(meshed.count == 1 ? "-n \(meshed[0])" : "-A")    # READY 2/2: the mesh injected a sidecar")
        }
        lines.append("```")
        lines.append("")
        if !meshed.isEmpty {
            lines += [
                "The namespaces \(meshed.map { "`\($0)`" }.joined(separator: ", ")) carry `\(MeshLabels.monitoredBy): \(MeshLabels.meshName)` and",
                "`\(MeshLabels.sidecarInjection): enabled` (what `osm namespace add` sets), so their pods start",
                "with a sidecar, provided the mesh was installed first.",
            ]
        }
        if let config = cluster.meshConfig, export.files.contains(where: { $0.name == "40-meshconfig.yaml" }) {
            lines += [
                "`40-meshconfig.yaml` sets two switches of the `osm-mesh-config` that `osm install` created",
                "(permissive mode \(config.permissiveTrafficPolicyMode ? "on" : "off"), egress \(config.egress ? "on" : "off")) and leaves the rest of it alone; kubectl",
                "warns once that the object lacks its last-applied annotation, which is harmless.",
            ]
        }
        lines += ["", "## 3. Probe", ""] + probes(deployments: deployments, services: services, cluster: cluster)
        lines += [
            "",
            "When a probe on the cluster does not do what MeshDeck says, load the cluster's state into MeshDeck",
            "and ask why:",
            "",
            "```sh",
            "kubectl get ns,sa,svc,deploy,meshconfig,tcproute,httproutegroup,traffictarget -A -o yaml > state.yaml",
            "meshdeck -f state.yaml --empty explain --from NAMESPACE/DEPLOYMENT --to SERVICE.NAMESPACE:PORT",
            "```",
            "",
            "## With FSM instead of OSM",
            "",
            "FSM reads its own label and MeshConfig (`flomesh.io/monitored-by: fsm`, `fsm-mesh-config` in",
            "`fsm-system`, group `config.flomesh.io`), so the namespaces are added with `fsm`, and the OSM",
            "MeshConfig file is left out. These steps follow FSM's documentation; MeshDeck has not run them.",
            "",
            "```sh",
            "fsm install",
        ]
        let rest = export.files.map(\.name).filter { $0 != "00-namespaces.yaml" && $0 != "40-meshconfig.yaml" }
        if export.files.contains(where: { $0.name == "00-namespaces.yaml" }) {
            lines.append("kubectl apply -f 00-namespaces.yaml")
        }
        if !meshed.isEmpty { lines.append("fsm namespace add \(meshed.joined(separator: " "))") }
        if !rest.isEmpty { lines.append("kubectl apply " + rest.map { "-f \($0)" }.joined(separator: " ")) }
        if let config = cluster.meshConfig {
            lines.append(
                "kubectl patch meshconfig fsm-mesh-config -n fsm-system --type=merge -p "
                    + "'{\"spec\":{\"traffic\":{\"enablePermissiveTrafficPolicyMode\":\(config.permissiveTrafficPolicyMode),\"enableEgress\":\(config.egress)}}}'"
            )
        }
        lines.append("```")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Enough to check a scenario by hand; a big one would otherwise list every pair.
    static let maxProbes = 8

    /// `echo hello | nc HOST PORT` from each client (a Deployment no Service selects, like the
    /// walkthrough's curl) to each TCP Service port, with what MeshDeck expects it to print.
    private static func probes(deployments: [Deployment], services: [Service], cluster: Cluster) -> [String] {
        let index = PolicyIndex(cluster)
        let backends = Set(
            deployments.filter { d in
                services.contains {
                    !$0.selector.matchLabels.isEmpty && $0.meta.namespace == d.meta.namespace
                        && $0.selector.matches(d.templateLabels)
                }
            }.map(\.meta.key))
        let clients = deployments.filter { !backends.contains($0.meta.key) }
        let sources = (clients.isEmpty ? deployments : clients).filter { $0.replicas > 0 && !$0.containers.isEmpty }
        let targets = services.flatMap { s in s.ports.filter { $0.transport == "TCP" }.map { (s, $0.port) } }
        var lines: [String] = []
        var count = 0
        for source in sources {
            for (service, port) in targets {
                guard count < maxProbes,
                    let from = try? index.workload(named: "\(source.meta.namespace ?? "default")/\(source.meta.name)")
                else { continue }
                count += 1
                let host = "\(service.meta.name).\(service.meta.namespace ?? "default")"
                let e = index.explain(from: from, host: host, port: port)
                lines.append(
                    "kubectl exec -n \(source.meta.namespace ?? "default") deploy/\(source.meta.name) -c \(source.containers[0].name) -- sh -c 'echo hello | nc \(host) \(port)'"
                )
                lines.append("# expected: \(expectedOutput(e, service: service, cluster: cluster))")
                lines.append("# MeshDeck: \(e.verdict.word), \(e.reason)")
            }
        }
        guard !lines.isEmpty else {
            return ["There is no Deployment and TCP Service port to probe between in this scenario."]
        }
        return ["```sh"] + lines + ["```"]
    }

    private static func expectedOutput(_ e: Explanation, service: Service, cluster: Cluster) -> String {
        if let error = e.clientError { return error }
        if e.verdict.httpPort { return "HTTP/1.1 400 Bad Request (the client sidecar treats the port as HTTP)" }
        let echoes = cluster.deployments.values.contains { d in
            d.meta.namespace == service.meta.namespace && service.selector.matches(d.templateLabels)
                && !service.selector.matchLabels.isEmpty && d.containers.contains { $0.image.contains("tcp-echo-server") }
        }
        return echoes ? "echo response: hello" : "the server's reply to hello"
    }
}
