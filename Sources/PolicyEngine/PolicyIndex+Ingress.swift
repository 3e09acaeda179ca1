import MeshModel

/// IngressBackend as OSM v1.2.4 programs it: the backend pods' inbound listener gets an ingress
/// filter chain per backend (pkg/catalog/ingress.go GetIngressTrafficPolicy, pkg/envoy/lds/
/// ingress.go) that matches the backend's target port and the sources' IP ranges: a `Service`
/// source by its endpoints' IPs (/32 each), an `IPRange` source by its CIDR. `http` terminates
/// plaintext HTTP (any principal; no source range at all means any client, which OSM warns is
/// insecure), so nc's raw TCP meets the sidecar's HTTP/1.1 400; `https` matches only TLS
/// (`AuthenticatedPrincipal` sources name the client certificate), which raw TCP is not.
/// tests/e2e/e2e_ingressbackend_test.go (ingress-nginx's controller reaching httpbin) is the case.
///
/// Pods have no IPs of their own on loopback: each is given one in kind's pod range
/// 10.244.0.0/16 by a stable hash of its name (`podIP`), which the data plane's plaintext
/// header carries as the peer address Envoy would read.
extension PolicyIndex {
    struct IngressRule: Sendable {
        var key: ObjectKey
        var namespace: String
        /// The backend Service's pods, by name.
        var backendPods: Set<String>
        var backend: String
        var port: Int
        var proto: String
        var sourceIPs: Set<String>
        var ranges: [IPv4Range]
        /// Every source, as `KIND NAMESPACE/NAME`, for explain.
        var sources: [String]
    }

    /// The address a pod has in the cluster: 10.244.X.Y from its namespace and name.
    package static func podIP(_ pod: ObjectKey) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(pod.namespace)/\(pod.name)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return "10.244.\(hash % 256).\(1 + (hash >> 8) % 254)"
    }

    mutating func compileIngress() {
        for case .shown(let r) in cluster.resources(of: .ingressBackend) {
            guard let spec = r.ingress, let ns = r.meta.namespace,
                cluster.namespaces[ns]?.isMonitored == true
            else { continue }
            var sourceIPs = Set<String>()
            var ranges: [IPv4Range] = []
            for source in spec.sources {
                switch source.kind {
                case "Service":
                    if let s = hosts["\(source.name).\(source.namespace ?? ns)"] {
                        for ep in services[s].endpoints {
                            sourceIPs.insert(Self.podIP(ObjectKey(namespace: services[s].key.namespace, name: ep.podName)))
                        }
                    }
                case "IPRange":
                    if let range = IPv4Range(source.name) { ranges.append(range) }
                default: break
                }
            }
            let names = spec.sources.map { "\($0.kind) \($0.namespace.map { "\($0)/" } ?? "")\($0.name)" }
            for backend in spec.backends {
                guard let s = hosts["\(backend.name).\(ns)"] else { continue }
                ingressRules.append(
                    IngressRule(
                        key: r.meta.key, namespace: ns, backendPods: Set(services[s].endpoints.map(\.podName)),
                        backend: backend.name, port: backend.port, proto: backend.proto, sourceIPs: sourceIPs,
                        ranges: ranges, sources: names))
            }
        }
    }

    /// The ingress filter chain of `pod` on `targetPort` that a plaintext client at `sourceIP`
    /// matches, as a position in `ingressRules`.
    func ingressRule(sourceIP: String, pod: ObjectKey, targetPort: Int) -> Int? {
        ingressRules.indices.first { i in
            let rule = ingressRules[i]
            guard rule.port == targetPort, rule.namespace == pod.namespace, rule.backendPods.contains(pod.name) else {
                return false
            }
            if rule.sourceIPs.isEmpty, rule.ranges.isEmpty { return rule.proto == "http" }
            return rule.sourceIPs.contains(sourceIP) || rule.ranges.contains { $0.contains(sourceIP) }
        }
    }

    /// The server sidecar's answer to plaintext at `targetPort` from `sourceIP`: an IngressBackend's
    /// chain, or none (OSM's in-mesh chains take only mTLS).
    package func admitPlaintext(sourceIP: String, pod: ObjectKey, targetPort: Int) -> Verdict {
        guard let rule = ingressRule(sourceIP: sourceIP, pod: pod, targetPort: targetPort) else {
            return Verdict(allowed: false, point: .serverSidecar, reason: .plaintextToMeshed)
        }
        if ingressRules[rule].proto == "http" {
            return Verdict(allowed: true, point: .serverSidecar, reason: .ingressAllowed(rule: Int32(rule)), httpPort: true)
        }
        return Verdict(allowed: false, point: .serverSidecar, reason: .ingressNotTLS(rule: Int32(rule)))
    }

    /// The route's verdict for a source without a sidecar reaching a meshed endpoint.
    func plaintextVerdict(source: Int, endpointPod: ObjectKey, targetPort: Int) -> Verdict {
        let pod = ObjectKey(namespace: workloads[source].key.namespace, name: workloads[source].podNames.first ?? "")
        return admitPlaintext(sourceIP: Self.podIP(pod), pod: endpointPod, targetPort: targetPort)
    }

    /// The IngressBackend behind a verdict, for its words.
    func ingressRule(_ verdict: Verdict) -> IngressRule? {
        switch verdict.reason {
        case .ingressAllowed(let r), .ingressNotTLS(let r): ingressRules[Int(r)]
        default: nil
        }
    }
}

extension PolicyIndex {
    /// The IngressBackend chains on the chosen endpoint's pod, for a source without a sidecar.
    func ingressFacts(_ route: Route, client: Workload) -> [ExplanationFact] {
        guard !client.meshed, !ingressRules.isEmpty, let pod = endpointPod(of: route) else { return [] }
        let sourceIP = Self.podIP(ObjectKey(namespace: client.key.namespace, name: client.podNames.first ?? ""))
        return ingressRules.filter { $0.namespace == pod.namespace && $0.backendPods.contains(pod.name) }.map { rule in
            let matches =
                (rule.sourceIPs.isEmpty && rule.ranges.isEmpty && rule.proto == "http") || rule.sourceIPs.contains(sourceIP)
                || rule.ranges.contains { $0.contains(sourceIP) }
            return .ingressChain(
                key: rule.key, backend: rule.backend, port: rule.port, protocol: rule.proto, sources: rule.sources,
                sourceIP: sourceIP, matches: matches)
        }
    }
}
