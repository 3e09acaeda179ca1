/// OSM's namespace label and annotation, as `osm namespace add` sets them.
public enum MeshLabels {
    public static let monitoredBy = "openservicemesh.io/monitored-by"
    public static let sidecarInjection = "openservicemesh.io/sidecar-injection"
    /// The mesh name OSM installs with by default; the label's value must equal it.
    public static let meshName = "osm"
}

/// `v1 Namespace`.
public struct Namespace: Sendable, Hashable {
    public var meta: ObjectMeta
    public var source: SourceLocation?
    public init(meta: ObjectMeta, source: SourceLocation? = nil) {
        self.meta = meta
        self.source = source
    }
    public var name: String { meta.name }

    /// Monitored by this mesh: `openservicemesh.io/monitored-by: osm`.
    public var isMonitored: Bool { meta.labels[MeshLabels.monitoredBy] == MeshLabels.meshName }

    /// The namespace's injection annotation: true (enabled), false (disabled), nil (absent).
    public var injectionAnnotation: Bool? { parseInjection(meta.annotations[MeshLabels.sidecarInjection]) }
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
public struct ServiceAccount: Sendable, Hashable {
    public var meta: ObjectMeta
    public var source: SourceLocation?
    public init(meta: ObjectMeta, source: SourceLocation? = nil) {
        self.meta = meta
        self.source = source
    }
}

/// A Service or container port number, or a port name (`targetPort: http`).
public enum IntOrString: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case string(String)
    public var description: String {
        switch self {
        case .int(let n): return String(n)
        case .string(let s): return s
        }
    }
}

/// One entry of `spec.ports` of a Service.
public struct ServicePort: Sendable, Hashable {
    public var name: String?
    public var port: Int
    /// nil means "same as port".
    public var targetPort: IntOrString?
    /// TCP (default), UDP or SCTP.
    public var transport: String
    public var appProtocol: String?
    public init(
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
public struct Service: Sendable, Hashable {
    public var meta: ObjectMeta
    public var source: SourceLocation?
    public var type: String
    /// Assigned at apply time when the manifest names none; "None" for a headless Service.
    public var clusterIP: String?
    public var ports: [ServicePort]
    public var selector: LabelSelector
    public init(
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
public struct Container: Sendable, Hashable {
    public struct Port: Sendable, Hashable {
        public var name: String?
        public var containerPort: Int
        /// TCP (default), UDP or SCTP: kept so an export does not turn a UDP port into TCP.
        public var transport: String
        public init(name: String? = nil, containerPort: Int, transport: String = "TCP") {
            self.name = name
            self.containerPort = containerPort
            self.transport = transport
        }
    }
    public var name: String
    public var image: String
    public var command: [String]
    public var args: [String]
    public var ports: [Port]
    public init(name: String, image: String, command: [String] = [], args: [String] = [], ports: [Port] = []) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.ports = ports
    }
}

/// `apps/v1 Deployment`: the pods it would run are derived from it (see `Cluster.pods`).
public struct Deployment: Sendable, Hashable {
    public var meta: ObjectMeta
    public var source: SourceLocation?
    public var replicas: Int
    public var selector: LabelSelector
    public var templateLabels: [String: String]
    public var templateAnnotations: [String: String]
    /// `default` when the manifest names none, as Kubernetes does.
    public var serviceAccountName: String
    public var containers: [Container]
    public init(
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
