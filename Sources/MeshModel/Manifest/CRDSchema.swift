import Yams

/// The CRD schemas OSM v1.2.4 installs (cmd/osm-bootstrap/crds/*.yaml), as data: for each kind and
/// served version MeshDeck reads, the `required` keys and `enum` values under `spec`, derived by
/// hand from each CRD's openAPIV3Schema (no CRD text is copied: the files are not ours to commit).
/// `scripts/check-crd-schemas.py` reads OSM's CRDs from a git mirror and fails when this data and
/// they disagree. One fact a line: `KIND VERSIONS PATH required: A,B` or `KIND VERSIONS PATH enum:
/// X,Y`; `[]` is every item of a list.
///
/// The decoders check many of these as they read (a TrafficTarget's `rules`, a TCPRoute's
/// `matches.ports`, …); `check` applies every fact of every kind listed here to a document,
/// with the API server's words (`spec.certificate.certKeyBitSize: Required value`,
/// `Unsupported value: "verbose": supported values: …`), at the field's file and line. Where the
/// decoder already refused a field (or something under it), its message stands alone.
enum CRDSchema {
    static let data = """
        Egress v1alpha1 spec required: ports,sources
        Egress v1alpha1 spec.matches[] required: apiGroup,kind,name
        Egress v1alpha1 spec.ports[] required: number,protocol
        Egress v1alpha1 spec.sources[] required: kind,name,namespace
        Egress v1alpha1 spec.sources[].kind enum: ServiceAccount
        HTTPRouteGroup v1alpha4 spec required: matches
        HTTPRouteGroup v1alpha4 spec.matches[] required: name
        HTTPRouteGroup v1alpha4 spec.matches[].methods[] enum: *,GET,HEAD,PUT,POST,DELETE,CONNECT,OPTIONS,TRACE,PATCH
        IngressBackend v1alpha1 spec required: backends,sources
        IngressBackend v1alpha1 spec.backends[] required: name,port
        IngressBackend v1alpha1 spec.backends[].port required: number,protocol
        IngressBackend v1alpha1 spec.backends[].tls required: skipClientCertValidation
        IngressBackend v1alpha1 spec.matches[] required: apiGroup,kind,name
        IngressBackend v1alpha1 spec.sources[] required: kind,name
        MeshConfig v1alpha1,v1alpha2 spec.certificate required: certKeyBitSize,serviceCertValidityDuration
        MeshConfig v1alpha1,v1alpha2 spec.certificate.ingressGateway required: secret,subjectAltNames,validityDuration
        MeshConfig v1alpha1,v1alpha2 spec.certificate.ingressGateway.secret required: name,namespace
        MeshConfig v1alpha1,v1alpha2 spec.sidecar.logLevel enum: trace,debug,info,warning,warn,error,critical,off
        MeshConfig v1alpha2 spec.sidecar.localProxyMode enum: Localhost,PodIP
        MeshConfig v1alpha2 spec.sidecar.tlsMaxProtocolVersion enum: TLS_AUTO,TLSv1_0,TLSv1_1,TLSv1_2,TLSv1_3
        MeshConfig v1alpha2 spec.sidecar.tlsMinProtocolVersion enum: TLS_AUTO,TLSv1_0,TLSv1_1,TLSv1_2,TLSv1_3
        MeshRootCertificate v1alpha2 spec required: provider
        MeshRootCertificate v1alpha2 spec.provider.certManager required: issuerGroup,issuerKind,issuerName
        MeshRootCertificate v1alpha2 spec.provider.certManager.issuerKind enum: ClusterIssuer,Issuer
        MeshRootCertificate v1alpha2 spec.provider.tresor required: ca
        MeshRootCertificate v1alpha2 spec.provider.tresor.ca required: secretRef
        MeshRootCertificate v1alpha2 spec.provider.tresor.ca.secretRef required: name,namespace
        MeshRootCertificate v1alpha2 spec.provider.vault required: host,port,protocol,role,token
        MeshRootCertificate v1alpha2 spec.provider.vault.token required: secretKeyRef
        MeshRootCertificate v1alpha2 spec.provider.vault.token.secretKeyRef required: key,name,namespace
        Retry v1alpha1 spec required: destinations,retryPolicy,source
        Retry v1alpha1 spec.destinations[] required: kind,name,namespace
        Retry v1alpha1 spec.retryPolicy required: numRetries,perTryTimeout,retryBackoffBaseInterval,retryOn
        Retry v1alpha1 spec.source required: kind,name,namespace
        TCPRoute v1alpha4 spec required: matches
        TCPRoute v1alpha4 spec.matches required: ports
        TrafficSplit v1alpha2 spec required: backends,service
        TrafficSplit v1alpha2 spec.backends[] required: service,weight
        TrafficTarget v1alpha3 spec required: destination,rules,sources
        TrafficTarget v1alpha3 spec.destination required: kind,name
        TrafficTarget v1alpha3 spec.rules[] required: kind,name
        TrafficTarget v1alpha3 spec.rules[].kind enum: HTTPRouteGroup,TCPRoute,UDPRoute
        TrafficTarget v1alpha3 spec.sources[] required: kind,name
        UpstreamTrafficSetting v1alpha1 spec required: host
        UpstreamTrafficSetting v1alpha1 spec.httpRoutes[].rateLimit.local.responseHeadersToAdd[] required: name,value
        UpstreamTrafficSetting v1alpha1 spec.httpRoutes[].rateLimit.local.unit enum: second,minute,hour
        UpstreamTrafficSetting v1alpha1 spec.rateLimit.local.http.responseHeadersToAdd[] required: name,value
        UpstreamTrafficSetting v1alpha1 spec.rateLimit.local.http.unit enum: second,minute,hour
        UpstreamTrafficSetting v1alpha1 spec.rateLimit.local.tcp.unit enum: second,minute,hour
        """

    struct Fact: Sendable {
        var kind: String
        var versions: [String]
        /// `spec.certificate.ingressGateway`, split at the dots (`[]` marks list items).
        var path: [String]
        var required: [String] = []
        var values: [String] = []
    }

    static let facts: [Fact] = data.split(separator: "\n").compactMap { line in
        let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 4).map(String.init)
        guard parts.count == 5 else { return nil }
        var fact = Fact(
            kind: parts[0], versions: parts[1].split(separator: ",").map(String.init),
            path: parts[2].split(separator: ".").map(String.init))
        let list = parts[4].split(separator: ",").map(String.init)
        if parts[3] == "required:" { fact.required = list } else { fact.values = list }
        return fact
    }

    /// The kinds whose facts `check` applies: every kind the data lists (CRDSchemaTests holds
    /// one case per kind, which fails when its kind is left out here).
    static let enforced: Set<ResourceKind> = [
        .egress, .httpRouteGroup, .ingressBackend, .meshRootCertificate, .retry, .tcpRoute, .trafficSplit,
        .trafficTarget, .upstreamTrafficSetting, .meshConfig,
    ]

    /// Reports every fact of `kind` at `version` (`config.openservicemesh.io/v1alpha1`) that `spec`
    /// breaks, except at a field path in `refused` (or under or above one): the decoder's message
    /// there is kept, so one mistake reads once.
    static func check(_ kind: ResourceKind, apiVersion: String, spec: Field, refused: Set<String> = []) {
        guard enforced.contains(kind), let version = apiVersion.split(separator: "/").last.map(String.init) else { return }
        for fact in facts where fact.kind == kind.rawValue && fact.versions.contains(version) {
            for field in fields(spec, at: fact.path.dropFirst()) { apply(fact, to: field, refused: refused) }
        }
    }

    /// Whether the decoder already refused `path`, a field under it, or the field holding it.
    private static func alreadyRefused(_ path: String, _ refused: Set<String>) -> Bool {
        refused.contains { r in
            r == path || r.hasPrefix(path + ".") || r.hasPrefix(path + "[")
                || path.hasPrefix(r + ".") || path.hasPrefix(r + "[")
        }
    }

    /// The fields at `path` under `field` (every item where a step ends in `[]`).
    private static func fields(_ field: Field, at path: ArraySlice<String>) -> [Field] {
        guard let step = path.first else { return [field] }
        let list = step.hasSuffix("[]")
        let key = list ? String(step.dropLast(2)) : step
        guard case .mapping(let map) = field.node, let node = value(of: key, in: map) else { return [] }
        let child = field.child(key, node)
        guard list else { return fields(child, at: path.dropFirst()) }
        guard case .sequence(let items) = node else { return [] }
        return items.enumerated().flatMap { fields(child.element($0.offset, $0.element), at: path.dropFirst()) }
    }

    /// The value under a plain key. Not `map[Node(key)]`: building a `Node` from a string
    /// resolves its tag through Yams's regular expressions, which made this check a sixth of a
    /// 51,000-document decode (perf); the keys here are plain scalars, compared as text.
    private static func value(of key: String, in map: Node.Mapping) -> Node? {
        for (k, v) in map where k.scalar?.string == key { return v }
        return nil
    }

    private static func apply(_ fact: Fact, to field: Field, refused: Set<String>) {
        if case .mapping(let map) = field.node {
            for key in fact.required
            where value(of: key, in: map) == nil && !alreadyRefused(field.path.isEmpty ? key : "\(field.path).\(key)", refused) {
                field.report(
                    "\(key): Required value",
                    hint: "the CRD (cmd/osm-bootstrap/crds) requires '\(key)' here; add it")
            }
        }
        if !fact.values.isEmpty, case .scalar(let s) = field.node, !fact.values.contains(s.string),
            !alreadyRefused(field.path, refused)
        {
            field.report(
                "Unsupported value: \"\(s.string)\": supported values: "
                    + fact.values.map { "\"\($0)\"" }.joined(separator: ", "))
        }
    }
}
