/// `config.openservicemesh.io/v1alpha2 MeshConfig`: the two traffic switches MeshDeck models.
package struct MeshConfig: Sendable, Hashable {
    package static let name = "osm-mesh-config"
    package static let namespace = "osm-system"

    package var meta: ObjectMeta
    var source: SourceLocation?
    /// `spec.traffic.enablePermissiveTrafficPolicyMode`; the CRD default is false.
    package var permissiveTrafficPolicyMode: Bool
    /// `spec.traffic.enableEgress`; the CRD default is false.
    package var egress: Bool
    /// `spec.featureFlags.enableEgressPolicy`; nil when the manifest does not say, which on a
    /// mesh `osm install` made means its value, true (charts/osm/values.yaml at v1.2.4).
    package var egressPolicy: Bool?
    /// `spec.traffic.outboundPortExclusionList`, `outboundIPRangeExclusionList` and
    /// `inboundPortExclusionList`: traffic the sidecar of every pod does not intercept
    /// (pkg/injector/iptables.go), merged with each pod's own annotations.
    package var outboundPortExclusions: [Int]
    package var outboundIPRangeExclusions: [String]
    package var inboundPortExclusions: [Int]
    /// `spec.certificate.serviceCertValidityDuration` as written (a Go duration such as "24h");
    /// nil when unset, which OSM reads as 24h.
    package var serviceCertValidityDuration: String?
    /// `spec.certificate.certKeyBitSize`, which the CRD requires beside it (CRDSchema); export
    /// writes osm install's 2048 when it was not given.
    package var certKeyBitSize: Int?
    package init(
        meta: ObjectMeta, source: SourceLocation? = nil,
        permissiveTrafficPolicyMode: Bool = false, egress: Bool = false, egressPolicy: Bool? = nil,
        outboundPortExclusions: [Int] = [], outboundIPRangeExclusions: [String] = [], inboundPortExclusions: [Int] = [],
        serviceCertValidityDuration: String? = nil
    ) {
        self.meta = meta
        self.source = source
        self.permissiveTrafficPolicyMode = permissiveTrafficPolicyMode
        self.egress = egress
        self.egressPolicy = egressPolicy
        self.outboundPortExclusions = outboundPortExclusions
        self.outboundIPRangeExclusions = outboundIPRangeExclusions
        self.inboundPortExclusions = inboundPortExclusions
        self.serviceCertValidityDuration = serviceCertValidityDuration
    }
    /// Egress policies are read: the feature flag, or its install default.
    package var isEgressPolicyEnabled: Bool { egressPolicy ?? true }
    /// The one MeshConfig the OSM controller reads.
    package var isTheMeshConfig: Bool { meta.name == Self.name && meta.namespace == Self.namespace }
}

/// `specs.smi-spec.io/v1alpha4 TCPRoute`: `spec.matches.ports` (empty means every port).
package struct TCPRoute: Sendable, Hashable {
    package var meta: ObjectMeta
    var source: SourceLocation?
    package var ports: [Int]
    package init(meta: ObjectMeta, source: SourceLocation? = nil, ports: [Int] = []) {
        self.meta = meta
        self.source = source
        self.ports = ports
    }
}

/// One entry of an HTTPRouteGroup's `spec.matches`, as the SMI v1alpha4 CRD has it.
package struct HTTPRouteMatch: Sendable, Hashable {
    var name: String
    var pathRegex: String?
    var methods: [String]
    /// Each entry is one header-name → regex condition set (the CRD's array of string maps).
    var headers: [[String: String]]
    init(name: String, pathRegex: String? = nil, methods: [String] = [], headers: [[String: String]] = []) {
        self.name = name
        self.pathRegex = pathRegex
        self.methods = methods
        self.headers = headers
    }
}

/// `specs.smi-spec.io/v1alpha4 HTTPRouteGroup`: accepted so that TrafficTarget rules can name
/// it. HTTP routing is not modelled, but the matches are kept whole: an export that dropped
/// `pathRegex` or `methods` would silently widen the rule on a real cluster.
package struct HTTPRouteGroup: Sendable, Hashable {
    package var meta: ObjectMeta
    var source: SourceLocation?
    var matches: [HTTPRouteMatch]
    package var matchNames: [String] { matches.map(\.name) }
    init(meta: ObjectMeta, source: SourceLocation? = nil, matches: [HTTPRouteMatch]) {
        self.meta = meta
        self.source = source
        self.matches = matches
    }
    /// Matches that carry a name only.
    init(meta: ObjectMeta, source: SourceLocation? = nil, matchNames: [String] = []) {
        self.init(meta: meta, source: source, matches: matchNames.map { HTTPRouteMatch(name: $0) })
    }
}

/// A ServiceAccount reference in a TrafficTarget (`kind`, `name`, `namespace`).
package struct IdentityRef: Sendable, Hashable, CustomStringConvertible {
    var kind: String
    package var name: String
    package var namespace: String
    package init(kind: String = "ServiceAccount", name: String, namespace: String) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }
    package var description: String { "\(kind) \(namespace)/\(name)" }
}

/// A rule of a TrafficTarget: which route, by kind and name, in the TrafficTarget's namespace.
package struct TrafficTargetRule: Sendable, Hashable {
    package var kind: String
    package var name: String
    var matches: [String]
    package init(kind: String, name: String, matches: [String] = []) {
        self.kind = kind
        self.name = name
        self.matches = matches
    }
}

/// `access.smi-spec.io/v1alpha3 TrafficTarget`.
package struct TrafficTarget: Sendable, Hashable {
    package var meta: ObjectMeta
    package var source: SourceLocation?
    package var destination: IdentityRef
    package var sources: [IdentityRef]
    package var rules: [TrafficTargetRule]
    /// Where `spec.destination.namespace` was written, for the webhook's refusal at apply.
    var destinationNamespaceSource: SourceLocation?
    package init(
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
