import MeshModel

/// "The internet": destinations outside the cluster, as a pod's DNS and Envoy's egress see them.
/// A name Kubernetes' DNS does not answer from the cluster goes to the upstream resolver
/// (CoreDNS `forward . /etc/resolv.conf`), and an address that is neither a ClusterIP nor in the
/// cluster's ranges leaves the node. OSM v1.2.4 then decides at the client sidecar only:
/// `enableEgress` programs a passthrough to the original destination
/// (pkg/envoy/lds/listener.go, getOutboundPassthroughFilterChain), and with it off the Egress
/// policies' filter chains (pkg/catalog/egress.go GetEgressTrafficPolicy) match by port and IP
/// range (tcp), SNI (https: a raw TCP client sends none) or HTTP (Envoy's 400 to raw TCP);
/// tests/e2e/e2e_egress_policy_test.go and e2e_tcp_egress_test.go are the cases. The data plane
/// sends an allowed connection to one local stand-in server, which answers as an echo server
/// (`Route.external`, `PolicyIndex.internetPod`).
extension PolicyIndex {
    /// The pod key the data plane's stand-in for the internet runs under. Its namespace is not a
    /// valid Kubernetes name (upper case), so no manifest can name it.
    package static let internetPod = ObjectKey(namespace: "Internet", name: "stand-in")

    /// Top-level domains the stand-in's DNS answers for; another name with a dot that the
    /// cluster does not know stays `nc: bad address` (`tcp-echo.no-such-namespace`).
    static let internetDomains: Set<String> = [
        "com", "org", "net", "io", "dev", "app", "edu", "gov", "co", "ai", "cloud", "info", "biz", "me", "sh",
        "uk", "de", "fr", "cn", "jp", "eu", "us", "ca", "au", "in", "nl", "ch", "se", "no", "es", "it", "ru", "br",
        "example", "test",
    ]

    /// Where a name or address outside the cluster leads, or nil when it stays in the cluster
    /// (or resolves nowhere). An IPv4 address outside Kubernetes' service range (10.96.0.0/12),
    /// kind's pod range (10.244.0.0/16), loopback and 0.0.0.0/8 is itself; a name under a
    /// top-level domain (`github.com`) resolves to an address in 203.0.113.0/24 (TEST-NET-3,
    /// RFC 5737) chosen by a stable hash of the name, so the same name always gets the same one.
    package func internetAddress(_ host: String) -> String? {
        let lowered = host.lowercased().hasSuffix(".") ? String(host.lowercased().dropLast()) : host.lowercased()
        if let value = IPv4Range.address(lowered) {
            for cluster in Self.clusterRanges where cluster.contains(lowered) { return nil }
            return value == 0 ? nil : lowered
        }
        let labels = lowered.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ Self.isDNSLabel($0) }), let top = labels.last,
            Self.internetDomains.contains(String(top)),
            // A name whose second label is a namespace of the cluster is the cluster's
            // (`svc.ns`): a missing Service there is a bad address, not the internet.
            labels.count > 2 || cluster.namespaces[String(top)] == nil
        else { return nil }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in lowered.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return "203.0.113.\(1 + hash % 254)"
    }

    private static let clusterRanges = ["10.96.0.0/12", "10.244.0.0/16", "127.0.0.0/8", "0.0.0.0/8"].compactMap(
        IPv4Range.init)

    private static func isDNSLabel(_ label: Substring) -> Bool {
        !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
            && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// The client side's answer for a destination outside the cluster at `address:port`.
    func routeToInternet(_ route: inout Route, address: String, port: Int) {
        route.external = true
        route.targetPort = Int32(port)
        let source = Int(route.source)
        let exclusions = workloadExclusions[source]
        // pkg/injector/iptables.go: an excluded port or range never meets the sidecar.
        if workloadMeshed[source], exclusions.outboundPort(port) != nil || exclusions.outboundAddress(address) != nil {
            route.bypassesClientSidecar = true
            return route.settle(Verdict(allowed: true, point: .network, reason: .sidecarBypassed), .plaintext)
        }
        guard workloadMeshed[source] else {
            return route.settle(Verdict(allowed: true, point: .network, reason: .noMesh), .plaintext)
        }
        if egress {
            return route.settle(Verdict(allowed: true, point: .clientSidecar, reason: .egressAllowed), .plaintext)
        }
        guard let rule = egressRule(source: route.sourceIdentity, address: address, port: port) else {
            return route.stop(.clientSidecar, .egressDisabled)
        }
        let http = egressRules[route.sourceIdentity]![Int(rule)].proto == "http"
        route.settle(
            Verdict(allowed: true, point: .clientSidecar, reason: .egressPolicy(rule: rule), httpPort: http), .plaintext)
    }
}
