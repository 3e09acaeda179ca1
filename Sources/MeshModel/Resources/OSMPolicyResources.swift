/// One backend of a TrafficSplit: a Service in the split's namespace and its weight.
package struct TrafficSplitBackend: Sendable, Hashable {
    package var service: String
    package var weight: Int
    package init(service: String, weight: Int) {
        self.service = service
        self.weight = weight
    }
}

/// `split.smi-spec.io/v1alpha2 TrafficSplit`: a client that addresses the apex (root) Service
/// is sent to the backends by weight (OSM v1.2.4 pkg/catalog/outbound_traffic_policies.go,
/// GetOutboundMeshTrafficPolicy). `service` is a Service name in the split's own namespace.
package struct TrafficSplit: Sendable, Hashable {
    package var meta: ObjectMeta
    var source: SourceLocation?
    package var service: String
    package var backends: [TrafficSplitBackend]
    package init(meta: ObjectMeta, source: SourceLocation? = nil, service: String, backends: [TrafficSplitBackend]) {
        self.meta = meta
        self.source = source
        self.service = service
        self.backends = backends
    }
}

/// A port of an Egress policy (`spec.ports[]`): a number and the protocol OSM builds for it.
package struct EgressPort: Sendable, Hashable {
    package var number: Int
    /// `tcp`, `http` or `https` as the CRD allows (lower case as written).
    package var proto: String
    package init(number: Int, proto: String) {
        self.number = number
        self.proto = proto
    }
}

/// `policy.openservicemesh.io/v1alpha1 Egress`: lets the listed ServiceAccounts reach
/// destinations outside the mesh when mesh-wide egress is off (OSM v1.2.4
/// pkg/catalog/egress.go GetEgressTrafficPolicy; pkg/envoy/lds/egress.go). For TCP ports the
/// match is by `ipAddresses` (none: any address) and port; for HTTP and HTTPS by host.
package struct Egress: Sendable, Hashable {
    package var meta: ObjectMeta
    var source: SourceLocation?
    package var sources: [IdentityRef]
    package var hosts: [String]
    package var ipAddresses: [String]
    package var ports: [EgressPort]
    /// `spec.matches[]` references (`kind name`), kept so export keeps them.
    var matches: [TrafficTargetRule]
    package init(
        meta: ObjectMeta, source: SourceLocation? = nil, sources: [IdentityRef], hosts: [String] = [],
        ipAddresses: [String] = [], ports: [EgressPort], matches: [TrafficTargetRule] = []
    ) {
        self.meta = meta
        self.source = source
        self.sources = sources
        self.hosts = hosts
        self.ipAddresses = ipAddresses
        self.ports = ports
        self.matches = matches
    }
}

/// An OSM kind MeshDeck loads, lists and exports but does not act on (IngressBackend, Retry,
/// UpstreamTrafficSetting, MeshRootCertificate: `ResourceKind.notActedOn` says why). The spec
/// is kept whole, as YAML, so export and `get -o yaml` give back what was applied; `services`
/// are the Services (`ns/name`) it names, so explain can mention it for a destination.
package struct ShownResource: Sendable, Hashable {
    package var kind: ResourceKind
    package var meta: ObjectMeta
    var source: SourceLocation?
    /// The spec as YAML text (sorted keys); empty when the document had none.
    var specYAML: String
    package var services: [ObjectKey]
    /// One line for `get`: what it names.
    package var summary: String
    /// An IngressBackend's backends and sources, which the policy acts on.
    package var ingress: IngressBackendSpec?
    /// A Retry's `spec.source` ServiceAccount: it applies only to that client's connections.
    package var retrySource: ObjectKey?
    init(
        kind: ResourceKind, meta: ObjectMeta, source: SourceLocation? = nil, specYAML: String,
        services: [ObjectKey], summary: String, ingress: IngressBackendSpec? = nil
    ) {
        self.ingress = ingress
        self.kind = kind
        self.meta = meta
        self.source = source
        self.specYAML = specYAML
        self.services = services
        self.summary = summary
    }
}

/// `policy.openservicemesh.io/v1alpha1 IngressBackend` as the policy reads it (OSM v1.2.4
/// pkg/catalog/ingress.go GetIngressTrafficPolicy): backends are Services of its own namespace,
/// each with the target port and protocol (`http` or `https`) its pods' ingress filter chain
/// serves; sources are `Service` (its endpoints' IPs), `IPRange` (a CIDR) or
/// `AuthenticatedPrincipal` (a client certificate's identity, for `https`).
package struct IngressBackendSpec: Sendable, Hashable {
    package struct Backend: Sendable, Hashable {
        package var name: String
        package var port: Int
        package var proto: String
        package var skipClientCertValidation: Bool
    }
    package struct Source: Sendable, Hashable {
        package var kind: String
        package var name: String
        package var namespace: String?
    }
    package var backends: [Backend]
    package var sources: [Source]
}
