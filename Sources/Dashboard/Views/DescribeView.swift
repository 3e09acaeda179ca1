import Foundation
import MeshCertificates
import MeshModel
import PolicyEngine
import Presentation

/// `i` and `y` (k9s's describe and YAML views): the resource the focused pane has selected, as
/// `kubectl describe` summarises it and as `kubectl get -o yaml` prints it. The namespaces pane
/// selects a namespace, the policies pane a policy, the workloads pane a service or a pod (its
/// namespace's services and deployments when the pane is empty or filtered to nothing), and the log (or guide) the source workload of the selected probe, with its
/// pods and their sidecar. Shown in a popup (wrapped, scrolled) titled with the kubectl command
/// that prints the same; manifest text is escaped there, as everywhere.
enum DescribeView {
    /// What `i` and `y` are about, or nil when the pane has nothing selected.
    enum Target: Equatable {
        case namespace(String)
        case resource(ResourceKind, ObjectKey)
        case namespaceWorkloads(String)
        case pod(ObjectKey)
    }

    static func target(_ state: AppState) -> Target? {
        switch state.focus {
        case .namespaces:
            return state.currentNamespace.map(Target.namespace)
        case .policies:
            return state.selectedPolicyItem.map { .resource($0.kind, $0.key) }
        case .workloads:
            guard let row = state.panes.workloads.selectedRow else {
                return state.currentNamespace.map(Target.namespaceWorkloads)
            }
            let key = ObjectKey(namespace: row.namespace, name: row.name)
            return row.kind == .service ? .resource(.service, key) : .pod(key)
        case .log, .guide:
            // The probe's source: `curl/curl` is namespace/deployment.
            let from =
                Reducer.selectedProbe(state).flatMap { index -> String? in
                    if case .probe(let r) = state.log.visible(index).kind { return r.from }
                    return nil
                } ?? state.probeFrom
            let parts = from.split(separator: "/").map(String.init)
            guard parts.count == 2 else { return nil }
            return .resource(.deployment, ObjectKey(namespace: parts[0], name: parts[1]))
        }
    }

    /// The popup for `i` (describe) or `y` (YAML), or a message when there is nothing to show.
    static func popup(_ state: AppState, yaml: Bool) -> Popup? {
        guard let target = target(state) else { return nil }
        let cluster = state.cluster
        switch target {
        case .namespace(let name):
            guard let ns = cluster.namespaces[name] else { return nil }
            let command = "kubectl \(yaml ? "get" : "describe") namespace \(name)\(yaml ? " -o yaml" : "")"
            return .explain(
                title: command, lines: yaml ? yamlLines([.resource(.namespace(ns))]) : describe(namespace: ns, state))
        case .resource(let kind, let key):
            guard let resource = cluster.resource(kind, key) else { return nil }
            let command =
                "kubectl \(yaml ? "get" : "describe") \(kind.kubectlName) \(key.name) -n \(key.namespace)\(yaml ? " -o yaml" : "")"
            return .explain(title: command, lines: yaml ? yamlLines([.resource(resource)]) : describe(resource, state))
        case .pod(let key):
            guard let pod = cluster.pod(key) else { return nil }
            let command = "kubectl \(yaml ? "get" : "describe") pod \(key.name) -n \(key.namespace)\(yaml ? " -o yaml" : "")"
            let annotations = cluster.owner(of: pod)?.templateAnnotations ?? [:]
            return .explain(
                title: command,
                lines: yaml ? yamlLines([.pod(pod, annotations: annotations)]) : describe(pod: pod, state))
        case .namespaceWorkloads(let name):
            let resources =
                cluster.resources(of: .service).filter { $0.meta.namespace == name }
                + cluster.resources(of: .deployment).filter { $0.meta.namespace == name }
            guard !resources.isEmpty else { return nil }
            let command = "kubectl \(yaml ? "get" : "describe") svc,deploy -n \(name)\(yaml ? " -o yaml" : "")"
            let lines =
                yaml
                ? yamlLines(resources.map { .resource($0) })
                : resources.flatMap { describe($0, state) + [""] }.dropLast().map { $0 }
            return .explain(title: command, lines: lines)
        }
    }

    static func yamlLines(_ objects: [KubectlGetOutput.Object]) -> [PopupLine] {
        KubectlGetOutput.yaml(objects, single: objects.count == 1).split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                // Continuation rows of a long value line up under the value.
                let indent = line.prefix { $0 == " " }.count + 2
                return PopupLine(String(line), indent: indent)
            }
    }

    private static func labels(_ map: [String: String]) -> String {
        map.isEmpty ? "<none>" : map.keys.sorted().map { "\($0)=\(map[$0]!)" }.joined(separator: ", ")
    }

    private static func header(_ meta: ObjectMeta, kind: String) -> [PopupLine] {
        var lines = [PopupLine("Name:         \(meta.name)")]
        if let ns = meta.namespace { lines.append(PopupLine("Namespace:    \(ns)")) }
        lines.append(PopupLine("Kind:         \(kind)"))
        lines.append(PopupLine("Labels:       \(labels(meta.labels))", indent: 14))
        lines.append(PopupLine("Annotations:  \(labels(meta.annotations))", indent: 14))
        return lines
    }

    static func describe(namespace ns: Namespace, _ state: AppState) -> [PopupLine] {
        var lines = header(ns.meta, kind: "Namespace")
        lines.append(
            PopupLine(
                "Mesh:         "
                    + (ns.isMonitored ? "in the mesh (\(MeshLabels.monitoredBy): \(MeshLabels.meshName))" : "not in the mesh"),
                indent: 14))
        let injection = ns.injectionAnnotation.map { $0 ? "enabled" : "disabled" } ?? "not set"
        lines.append(PopupLine("Injection:    \(injection) (\(MeshLabels.sidecarInjection))", indent: 14))
        lines += pods(state.cluster.pods(in: ns.name))
        return lines
    }

    private static func pods(_ pods: [Pod]) -> [PopupLine] {
        guard !pods.isEmpty else { return [PopupLine("Pods:         <none>")] }
        return [PopupLine("Pods:")]
            + pods.map { pod in
                PopupLine(
                    "- \(pod.name)  READY \(pod.ready)  \(pod.status)  sidecar: "
                        + (pod.hasSidecar ? "injected" : "none") + " (\(pod.sidecar.reason))", indent: 4)
            }
    }

    /// The certificate the pods' ServiceAccount presents (`CertificateFacts.presented`), as
    /// `meshdeck certs NS/WORKLOAD` shows it; none for pods without a sidecar.
    static func certificate(_ pods: [Pod], _ state: AppState) -> [PopupLine] {
        guard let pod = pods.first(where: \.hasSidecar),
            let issued = CertificateFacts.presented(
                by: ObjectKey(namespace: pod.namespace, name: pod.serviceAccount), ca: state.certificates,
                cluster: state.cluster)
        else { return [] }
        let summary = CertificateSummary(issued)
        return [
            PopupLine("Certificate:"),
            PopupLine("  Subject:    \(summary.subject)", indent: 14),
            PopupLine("  SANs:       \(summary.subjectAlternativeNames.joined(separator: ", "))", indent: 14),
            PopupLine("  Issuer:     \(summary.issuer)", indent: 14),
            PopupLine("  Not after:  \(summary.notAfter.formatted(.iso8601))", indent: 14),
            PopupLine("  SHA-256:    \(summary.fingerprint)", indent: 14),
        ]
    }

    /// A pod as `kubectl describe pod` opens: who runs it, its containers (the sidecar among
    /// them, with why it was or was not injected) and the certificate its sidecar presents.
    static func describe(pod: Pod, _ state: AppState) -> [PopupLine] {
        var lines = [
            PopupLine("Name:         \(pod.name)"),
            PopupLine("Namespace:    \(pod.namespace)"),
            PopupLine("Service Account: \(pod.serviceAccount)"),
            PopupLine("Labels:       \(labels(pod.labels))", indent: 14),
            PopupLine("Status:       \(pod.status)"),
            PopupLine("Controlled By: \(pod.ownerKind.rawValue)/\(pod.deployment)"),
            PopupLine("Containers:"),
        ]
        lines += pod.containers.map { PopupLine("- \($0.name)  \($0.image)", indent: 4) }
        if pod.hasSidecar { lines.append(PopupLine("- envoy  \(KubectlGetOutput.envoyImage)", indent: 4)) }
        lines.append(PopupLine("Sidecar:      \(pod.hasSidecar ? "injected" : "none") (\(pod.sidecar.reason))", indent: 14))
        lines += certificate([pod], state)
        return lines
    }

    static func describe(_ resource: Resource, _ state: AppState) -> [PopupLine] {
        switch resource {
        case .namespace(let ns):
            return describe(namespace: ns, state)
        case .deployment(let d):
            var lines = header(d.meta, kind: "Deployment")
            lines.append(PopupLine("Replicas:     \(d.replicas)"))
            lines.append(PopupLine("ServiceAccount: \(d.serviceAccountName)"))
            let running = state.cluster.pods(in: d.meta.namespace).filter { $0.deployment == d.meta.name }
            lines += pods(running)
            lines += certificate(running, state)
            return lines
        case .service(let s):
            var lines = header(s.meta, kind: "Service")
            lines.append(PopupLine("Type:         \(s.type)"))
            lines.append(PopupLine("IP:           \(s.clusterIP ?? "<none>")"))
            for p in s.ports {
                lines.append(
                    PopupLine(
                        "Port:         \(p.name ?? "<unset>")  \(p.port)/\(p.transport)"
                            + (p.appProtocol.map { "  appProtocol: \($0)" } ?? ""), indent: 14))
            }
            return lines
        default:
            // A custom resource, as kubectl describes one: its header, then its spec as YAML;
            // and whether the mesh applies it.
            var lines = header(resource.meta, kind: resource.kind.rawValue)
            if case .trafficTarget(let target) = resource {
                let why = state.policy.statusRows.row(target.meta.key)?.ignoredBecause
                lines.append(PopupLine("In force:     " + (why.map { "no, IGNORED: \($0)" } ?? "yes"), indent: 14))
            }
            let yaml = yamlLines([.resource(resource)]).map(\.text)
            if let start = yaml.firstIndex(of: "spec:") {
                lines.append("Spec:")
                lines += yaml[(start + 1)...].prefix { $0.hasPrefix(" ") }.map {
                    PopupLine($0, indent: $0.prefix { $0 == " " }.count + 2)
                }
            }
            return lines
        }
    }
}
