import Yams

/// The specs of TrafficSplit and the OSM policy kinds, checked against the fields and the
/// required lists of OSM v1.2.4's CRDs (cmd/osm-bootstrap/crds/smi_traffic_split.yaml,
/// policy_egress.yaml, policy_ingress_backend.yaml, policy_retry.yaml,
/// policy_upstream_traffic_setting.yaml, config_mesh_root_certificate.yaml).
extension KindDecoders {
    static func trafficSplit(_ spec: Field?, top: MappingField, meta: ObjectMeta?, source: SourceLocation) -> TrafficSplit? {
        guard let spec = top.required("spec", hint: "a TrafficSplit needs 'spec:' with service and backends"),
            let map = spec.mapping(known: ["service", "backends", "matches"], context: "a TrafficSplit spec")
        else { return nil }
        let service = map.required("service", hint: "the apex (root) Service's name")?.string()
        var backends: [TrafficSplitBackend] = []
        for item in map.required("backends", hint: "add 'backends:' with '- service: NAME' and 'weight: N'")?.sequence() ?? [] {
            guard let b = item.mapping(known: ["service", "weight"], context: "a TrafficSplit backend"),
                let name = b.required("service")?.string(), let weight = b.required("weight")?.int(range: 0...Int(Int32.max))
            else { continue }
            backends.append(TrafficSplitBackend(service: name, weight: weight))
        }
        guard let meta, let service else { return nil }
        return TrafficSplit(meta: meta, source: source, service: service, backends: backends)
    }

    static func egress(_ spec: Field?, top: MappingField, meta: ObjectMeta?, source: SourceLocation) -> Egress? {
        guard let spec = top.required("spec", hint: "an Egress needs 'spec:' with sources and ports"),
            let map = spec.mapping(
                known: ["sources", "hosts", "ipAddresses", "ports", "matches"], context: "an Egress spec")
        else { return nil }
        var sources: [IdentityRef] = []
        for item in map.required("sources", hint: "add 'sources:' with '- kind: ServiceAccount'")?.sequence() ?? [] {
            guard let s = item.mapping(known: ["kind", "name", "namespace", "mtls"], context: "an Egress source"),
                let kind = s.required("kind")?.string(), let name = s.required("name")?.string(),
                let namespace = s.required("namespace")?.string()
            else { continue }
            if kind != "ServiceAccount" {
                s["kind"]!.report("kind must be ServiceAccount, got '\(kind)'", hint: "Egress sources are ServiceAccounts")
                continue
            }
            sources.append(IdentityRef(kind: kind, name: name, namespace: namespace))
        }
        var ports: [EgressPort] = []
        for item in map.required("ports", hint: "add 'ports:' with '- number: N' and 'protocol: tcp'")?.sequence() ?? [] {
            guard let p = item.mapping(known: ["number", "protocol"], context: "an Egress port"),
                let number = p.required("number")?.int(range: 1...65535), let proto = p.required("protocol")?.string()
            else { continue }
            ports.append(EgressPort(number: number, proto: proto.lowercased()))
        }
        var matches: [TrafficTargetRule] = []
        for item in map["matches"]?.sequence() ?? [] {
            guard let m = item.mapping(known: ["apiGroup", "kind", "name"], context: "an Egress match"),
                let kind = m.required("kind")?.string(), let name = m.required("name")?.string()
            else { continue }
            matches.append(TrafficTargetRule(kind: kind, name: name, matches: m["apiGroup"]?.string().map { [$0] } ?? []))
        }
        let hosts = map["hosts"]?.stringList() ?? []
        let ips = map["ipAddresses"]?.stringList() ?? []
        if let field = map["ipAddresses"] {
            for (ip, item) in zip(ips, field.sequence() ?? []) where IPv4Range(ip) == nil {
                item.report("'\(ip)' is not an IPv4 CIDR range", hint: "for example 1.1.1.1/32")
            }
        }
        guard let meta else { return nil }
        return Egress(
            meta: meta, source: source, sources: sources, hosts: hosts, ipAddresses: ips, ports: ports, matches: matches)
    }

    /// A kind MeshDeck shows only: its spec is kept whole. The fields each CRD requires are
    /// checked, so a document the API server would refuse is refused here too.
    static func shown(
        _ kind: ResourceKind, _ spec: Field?, top: MappingField, meta: ObjectMeta?, source: SourceLocation
    ) -> ShownResource? {
        guard let spec = top.required("spec", hint: "a \(kind.rawValue) needs 'spec:'"), let map = spec.mapping() else {
            return nil
        }
        let namespace = meta?.namespace ?? ""
        var services: [ObjectKey] = []
        var summary = ""
        var ingress: IngressBackendSpec?
        var retrySource: ObjectKey?
        switch kind {
        case .ingressBackend:
            // spec.backends[].name is a Service in the IngressBackend's namespace.
            let backends = map.required("backends")?.sequence() ?? []
            var spec = IngressBackendSpec(backends: [], sources: [])
            for b in backends {
                guard let m = b.mapping(), let name = m.required("name")?.string() else { continue }
                services.append(ObjectKey(namespace: namespace, name: name))
                let port = m.required("port")?.mapping()
                let number = port?.required("number")?.int(range: 1...65535)
                let proto = port?.required("protocol")?.string()
                let skip = m["tls"]?.mapping()?.required("skipClientCertValidation")?.bool() ?? false
                if let number, let proto {
                    spec.backends.append(
                        .init(name: name, port: number, proto: proto.lowercased(), skipClientCertValidation: skip))
                }
            }
            for source in map.required("sources")?.sequence() ?? [] {
                guard let m = source.mapping(), let kind = m.required("kind")?.string(), let name = m.required("name")?.string()
                else { continue }
                if kind == "IPRange", IPv4Range(name) == nil {
                    m["name"]?.report("'\(name)' is not an IPv4 CIDR range", hint: "for example 10.0.0.0/8")
                }
                spec.sources.append(.init(kind: kind, name: name, namespace: m["namespace"]?.string()))
            }
            ingress = spec
            summary = "backends " + services.map(\.name).joined(separator: ",")
        case .retry:
            if let m = map.required("source")?.mapping(), let name = m.required("name")?.string() {
                retrySource = ObjectKey(namespace: m["namespace"]?.string() ?? namespace, name: name)
            }
            _ = map.required("retryPolicy")
            for d in map.required("destinations")?.sequence() ?? [] {
                if let m = d.mapping(), let name = m.required("name")?.string() {
                    let ns = m["namespace"]?.string() ?? namespace
                    services.append(ObjectKey(namespace: ns, name: name))
                }
            }
            summary = "destinations " + services.map(\.description).joined(separator: ",")
        case .upstreamTrafficSetting:
            // spec.host is the Service's FQDN: NAME.NAMESPACE.svc.cluster.local.
            if let host = map.required("host")?.string() {
                let parts = host.split(separator: ".")
                if parts.count >= 2 { services.append(ObjectKey(namespace: String(parts[1]), name: String(parts[0]))) }
                summary = "host \(host)"
            }
        case .meshRootCertificate:
            _ = map.required("provider")
            summary = "provider " + (map["provider"]?.mapping()?.entries.map(\.key).joined(separator: ",") ?? "")
        default:
            break
        }
        guard let meta else { return nil }
        let specYAML = YAMLNodes.serialize(YAMLNodes.sortingKeys(spec.node))
        var shown = ShownResource(
            kind: kind, meta: meta, source: source, specYAML: specYAML, services: services, summary: summary,
            ingress: ingress)
        shown.retrySource = retrySource
        return shown
    }
}
