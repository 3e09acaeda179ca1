/// `config.openservicemesh.io/v1alpha2 MeshConfig`: the two traffic switches MeshDeck models.
public struct MeshConfig: Sendable, Hashable {
    public static let name = "osm-mesh-config"
    public static let namespace = "osm-system"

    public var meta: ObjectMeta
    public var source: SourceLocation?
    /// `spec.traffic.enablePermissiveTrafficPolicyMode`; the CRD default is false.
    public var permissiveTrafficPolicyMode: Bool
    /// `spec.traffic.enableEgress`; the CRD default is false.
    public var egress: Bool
    public init(
        meta: ObjectMeta, source: SourceLocation? = nil,
        permissiveTrafficPolicyMode: Bool = false, egress: Bool = false
    ) {
        self.meta = meta
        self.source = source
        self.permissiveTrafficPolicyMode = permissiveTrafficPolicyMode
        self.egress = egress
    }
    /// The one MeshConfig the OSM controller reads.
    public var isTheMeshConfig: Bool { meta.name == Self.name && meta.namespace == Self.namespace }
}

/// `specs.smi-spec.io/v1alpha4 TCPRoute`: `spec.matches.ports` (empty means every port).
public struct TCPRoute: Sendable, Hashable {
    public var meta: ObjectMeta
    public var source: SourceLocation?
    public var ports: [Int]
    public init(meta: ObjectMeta, source: SourceLocation? = nil, ports: [Int] = []) {
        self.meta = meta
        self.source = source
        self.ports = ports
    }
}

/// One entry of an HTTPRouteGroup's `spec.matches`, as the SMI v1alpha4 CRD has it.
public struct HTTPRouteMatch: Sendable, Hashable {
    public var name: String
    public var pathRegex: String?
    public var methods: [String]
    /// Each entry is one header-name → regex condition set (the CRD's array of string maps).
    public var headers: [[String: String]]
    public init(name: String, pathRegex: String? = nil, methods: [String] = [], headers: [[String: String]] = []) {
        self.name = name
        self.pathRegex = pathRegex
        self.methods = methods
        self.headers = headers
    }
}

/// `specs.smi-spec.io/v1alpha4 HTTPRouteGroup`: accepted so that TrafficTarget rules can name
/// it. HTTP routing is not modelled, but the matches are kept whole: an export that dropped
/// `pathRegex` or `methods` would silently widen the rule on a real cluster.
public struct HTTPRouteGroup: Sendable, Hashable {
    public var meta: ObjectMeta
    public var source: SourceLocation?
    public var matches: [HTTPRouteMatch]
    public var matchNames: [String] { matches.map(\.name) }
    public init(meta: ObjectMeta, source: SourceLocation? = nil, matches: [HTTPRouteMatch]) {
        self.meta = meta
        self.source = source
        self.matches = matches
    }
    /// Matches that carry a name only.
    public init(meta: ObjectMeta, source: SourceLocation? = nil, matchNames: [String] = []) {
        self.init(meta: meta, source: source, matches: matchNames.map { HTTPRouteMatch(name: $0) })
    }
}

/// A ServiceAccount reference in a TrafficTarget (`kind`, `name`, `namespace`).
public struct IdentityRef: Sendable, Hashable, CustomStringConvertible {
    public var kind: String
    public var name: String
    public var namespace: String
    public init(kind: String = "ServiceAccount", name: String, namespace: String) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }
    public var description: String { "\(kind) \(namespace)/\(name)" }
}

/// A rule of a TrafficTarget: which route, by kind and name, in the TrafficTarget's namespace.
public struct TrafficTargetRule: Sendable, Hashable {
    public var kind: String
    public var name: String
    public var matches: [String]
    public init(kind: String, name: String, matches: [String] = []) {
        self.kind = kind
        self.name = name
        self.matches = matches
    }
}

/// `access.smi-spec.io/v1alpha3 TrafficTarget`.
public struct TrafficTarget: Sendable, Hashable {
    public var meta: ObjectMeta
    public var source: SourceLocation?
    public var destination: IdentityRef
    public var sources: [IdentityRef]
    public var rules: [TrafficTargetRule]
    public init(
        meta: ObjectMeta, source: SourceLocation? = nil, destination: IdentityRef,
        sources: [IdentityRef], rules: [TrafficTargetRule]
    ) {
        self.meta = meta
        self.source = source
        self.destination = destination
        self.sources = sources
        self.rules = rules
    }
}
