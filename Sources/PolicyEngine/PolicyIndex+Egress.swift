import MeshModel

/// Egress policies as OSM v1.2.4 programs them when mesh-wide egress is off
/// (pkg/catalog/egress.go GetEgressTrafficPolicy, pkg/envoy/lds/listener.go): with
/// `featureFlags.enableEgressPolicy`, each Egress in a namespace of the mesh that names the
/// client's ServiceAccount (pkg/policy/client.go ListEgressPoliciesForSourceIdentity) adds a
/// filter chain per port: `tcp` and `tcp-server-first` match the destination port and
/// `ipAddresses` (none: any address); `https` matches by SNI, which a raw TCP client sends
/// none of, so only an https port without hosts matches; `http` routes by Host header, so raw
/// TCP meets Envoy's HTTP/1.1 400.
extension PolicyIndex {
    struct EgressRule: Sendable {
        var key: ObjectKey
        var port: Int
        var proto: String
        var ranges: [IPv4Range]
        var hosts: [String]
    }

    mutating func compileEgresses() {
        guard cluster.isEgressPolicyEnabled else { return }
        for egress in Self.sortedByKey(cluster.egresses) {
            guard cluster.namespaces[egress.meta.namespace ?? ""]?.isMonitored == true else { continue }
            let ranges = egress.ipAddresses.compactMap(IPv4Range.init)
            for source in egress.sources {
                let id = identity(source.namespace, source.name)
                for port in egress.ports {
                    egressRules[id, default: []].append(
                        EgressRule(
                            key: egress.meta.key, port: port.number, proto: port.proto, ranges: ranges, hosts: egress.hosts))
                }
            }
        }
    }

    /// The Egress rule that lets `source` reach `address:port`, as a position in its list.
    func egressRule(source: Int32, address: String?, port: Int) -> Int32? {
        guard let rules = egressRules[source] else { return nil }
        for (i, rule) in rules.enumerated() where rule.port == port {
            switch rule.proto {
            case "tcp", "tcp-server-first", "http":
                if rule.ranges.isEmpty || address.map({ a in rule.ranges.contains { $0.contains(a) } }) == true {
                    return Int32(i)
                }
            case "https" where rule.hosts.isEmpty:
                if rule.ranges.isEmpty || address.map({ a in rule.ranges.contains { $0.contains(a) } }) == true {
                    return Int32(i)
                }
            default: continue
            }
        }
        return nil
    }

    /// The client side's answer for a meshed source and a destination outside the mesh when
    /// mesh-wide egress is off.
    func egressVerdict(_ route: Route) -> Verdict? {
        let resolved = Int(route.apex >= 0 ? route.apex : route.service)
        let port = Int(portNumber[Int(servicePortStart[resolved]) + Int(route.portIndex)])
        guard let rule = egressRule(source: route.sourceIdentity, address: services[resolved].clusterIP, port: port) else {
            return nil
        }
        let http = egressRules[route.sourceIdentity]![Int(rule)].proto == "http"
        return Verdict(allowed: true, point: .clientSidecar, reason: .egressPolicy(rule: rule), httpPort: http)
    }

    /// The Egress rule behind a verdict, for its words.
    func egressRule(_ verdict: Verdict, source: Int32) -> EgressRule? {
        guard case .egressPolicy(let r) = verdict.reason else { return nil }
        return egressRules[source]?[Int(r)]
    }
}
