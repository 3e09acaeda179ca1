/// OSM's namespace label and annotation, as `osm namespace add` sets them.
package enum MeshLabels {
    package static let monitoredBy = "openservicemesh.io/monitored-by"
    package static let sidecarInjection = "openservicemesh.io/sidecar-injection"
    /// pkg/constants IgnoreLabel: a namespace with it is left out of injection.
    package static let ignore = "openservicemesh.io/ignore"
    /// The mesh name OSM installs with by default; the label's value must equal it.
    package static let meshName = "osm"
}

/// `v1 Namespace`.
package struct Namespace: Sendable, Hashable {
    package var meta: ObjectMeta
    var source: SourceLocation?
    package init(meta: ObjectMeta, source: SourceLocation? = nil) {
        self.meta = meta
        self.source = source
    }
    package var name: String { meta.name }

    /// Monitored by this mesh: `openservicemesh.io/monitored-by: osm`.
    package var isMonitored: Bool { meta.labels[MeshLabels.monitoredBy] == MeshLabels.meshName }

    /// The namespace's injection annotation: true (enabled), false (disabled), nil (absent).
    package var injectionAnnotation: Bool? { parseInjection(meta.annotations[MeshLabels.sidecarInjection]) }
}

/// `enabled`/`yes`/`true` and `disabled`/`no`/`false`, as OSM's injector reads them.
func parseInjection(_ value: String?) -> Bool? {
    switch value?.lowercased() {
    case "enabled", "yes", "true": return true
    case "disabled", "no", "false": return false
    default: return nil
    }
}

/// `v1 ServiceAccount`.
package struct ServiceAccount: Sendable, Hashable {
    package var meta: ObjectMeta
    var source: SourceLocation?
    package init(meta: ObjectMeta, source: SourceLocation? = nil) {
        self.meta = meta
        self.source = source
    }
}

/// A Service or container port number, or a port name (`targetPort: http`).
package enum IntOrString: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case string(String)
    package var description: String {
        switch self {
        case .int(let n): return String(n)
        case .string(let s): return s
        }
    }
}

/// One entry of `spec.ports` of a Service.
package struct ServicePort: Sendable, Hashable {
    package var name: String?
    package var port: Int
    /// nil means "same as port".
    package var targetPort: IntOrString?
    /// TCP (default), UDP or SCTP.
    package var transport: String
    package var appProtocol: String?
    package init(
        name: String? = nil, port: Int, targetPort: IntOrString? = nil,
        transport: String = "TCP", appProtocol: String? = nil
    ) {
        self.name = name
        self.port = port
        self.targetPort = targetPort
        self.transport = transport
        self.appProtocol = appProtocol
    }
}

/// `v1 Service`. Only ClusterIP semantics are modelled; other types keep their ClusterIP.
package struct Service: Sendable, Hashable {
    package var meta: ObjectMeta
    var source: SourceLocation?
    package var type: String
    /// Assigned at apply time when the manifest names none; "None" for a headless Service.
    package var clusterIP: String?
    package var ports: [ServicePort]
    package var selector: LabelSelector
    package init(
        meta: ObjectMeta, source: SourceLocation? = nil, type: String = "ClusterIP",
        clusterIP: String? = nil, ports: [ServicePort], selector: LabelSelector
    ) {
        self.meta = meta
        self.source = source
        self.type = type
        self.clusterIP = clusterIP
        self.ports = ports
        self.selector = selector
    }
}

/// One container of a pod template.
package struct Container: Sendable, Hashable {
    package struct Port: Sendable, Hashable {
        package var name: String?
        package var containerPort: Int
        /// TCP (default), UDP or SCTP: kept so an export does not turn a UDP port into TCP.
        var transport: String
        package init(name: String? = nil, containerPort: Int, transport: String = "TCP") {
            self.name = name
            self.containerPort = containerPort
            self.transport = transport
        }
    }
    package var name: String
    package var image: String
    package var command: [String]
    package var args: [String]
    package var ports: [Port]
    package init(name: String, image: String, command: [String] = [], args: [String] = [], ports: [Port] = []) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.ports = ports
    }
}

extension Container {
    /// OSM's demo server (image or command `tcp-echo-server`): the port it listens on, from
    /// `--port N` (or `--port=N`), else its first containerPort, else 9000 (the server's
    /// default); nil for any other container. The one source for what the data plane starts
    /// and what explain says a pod listens on.
    package var echoServerPort: Int? {
        guard image.contains("tcp-echo-server") || command.contains(where: { $0.hasSuffix("tcp-echo-server") }) else {
            return nil
        }
        let words = command + args
        if let i = words.firstIndex(where: { $0 == "--port" || $0 == "-port" }), i + 1 < words.count,
            let p = Int(words[i + 1])
        {
            return p
        }
        if let p = words.lazy.compactMap({ $0.hasPrefix("--port=") ? Int($0.dropFirst(7)) : nil }).first { return p }
        return ports.first?.containerPort ?? 9000
    }

    /// The distinct ports a pod's echo servers listen on, in container order.
    package static func listeningPorts(_ containers: [Container]) -> [Int] {
        var out: [Int] = []
        for port in containers.compactMap(\.echoServerPort) where !out.contains(port) { out.append(port) }
        return out
    }
}

/// `apps/v1 Deployment`, or another kind that runs pods from a template: StatefulSet,
/// DaemonSet, ReplicaSet, Job (`kind`), or a bare Pod (its own labels, annotations and spec as
/// the template). The pods are derived from it, named as Kubernetes names them (see
/// `Cluster.pods`).
package struct Deployment: Sendable, Hashable {
    package var meta: ObjectMeta
    var source: SourceLocation?
    /// Which kind of workload: `.deployment`, `.statefulSet`, `.daemonSet`, `.replicaSet`,
    /// `.job` or `.pod`.
    package var kind: ResourceKind = .deployment
    /// `spec.hostNetwork` of the pod template: OSM injects no sidecar into such pods.
    package var hostNetwork = false
    /// A StatefulSet's `spec.serviceName` (required by apps/v1), kept for export.
    var serviceName: String?
    package var replicas: Int
    package var selector: LabelSelector
    package var templateLabels: [String: String]
    package var templateAnnotations: [String: String]
    /// `default` when the manifest names none, as Kubernetes does.
    package var serviceAccountName: String
    package var containers: [Container]
    package init(
        meta: ObjectMeta, source: SourceLocation? = nil, replicas: Int = 1, selector: LabelSelector,
        templateLabels: [String: String], templateAnnotations: [String: String] = [:],
        serviceAccountName: String = "default", containers: [Container]
    ) {
        self.meta = meta
        self.source = source
        self.replicas = replicas
        self.selector = selector
        self.templateLabels = templateLabels
        self.templateAnnotations = templateAnnotations
        self.serviceAccountName = serviceAccountName
        self.containers = containers
    }
}
