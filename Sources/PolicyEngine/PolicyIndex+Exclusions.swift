import MeshModel

/// Traffic a sidecar does not intercept, as OSM v1.2.4's injector writes a pod's iptables
/// rules (pkg/injector/iptables.go generateIptablesCommands): in OSM_PROXY_OUTBOUND a RETURN
/// for each excluded destination range (`-d CIDR`) and for the excluded ports (`--dports`, the
/// port the app dials: the Service port, as the pod's own network namespace sees it before
/// kube-proxy's DNAT); in OSM_PROXY_INBOUND a RETURN for the excluded ports (the port the
/// packet arrives on: the pod's target port). Excluded traffic never meets the proxy.
extension PolicyIndex {
    /// Does the source's outbound interception let this connection pass by?
    func bypassesOutbound(source: Int, service: Int, port: Int) -> Bool {
        let exclusions = workloadExclusions[source]
        return exclusions.outboundPort(port) != nil || exclusions.outboundAddress(services[service].clusterIP) != nil
    }

    /// Does the destination pod's inbound interception let `targetPort` pass by?
    func bypassesInbound(workload: Int, targetPort: Int) -> Bool {
        workloadExclusions[workload].inboundPort(targetPort) != nil
    }

    /// The data plane's question: does a connection to `targetPort` of this pod go to its app
    /// without its sidecar (an inbound exclusion)?
    package func bypassesInbound(pod: ObjectKey, targetPort: Int) -> Bool {
        guard let workload = podIndex[pod] else { return false }
        return workloadMeshed[workload] && bypassesInbound(workload: workload, targetPort: targetPort)
    }

    /// The verdict when an exclusion took a sidecar out of the path.
    func settleBypassed(_ route: inout Route, target: Int, serverBypassed: Bool) {
        let clientSends = workloadMeshed[Int(route.source)] && !route.bypassesClientSidecar
        switch (clientSends, endpointMeshed[target] && !serverBypassed) {
        case (true, _):
            // Only the server is bypassed: the client sidecar speaks mTLS to the app itself.
            route.stop(.clientSidecar, .inboundBypassedMTLS)
        case (false, true):
            route.settle(Verdict(allowed: false, point: .serverSidecar, reason: .bypassedToMeshed), .plaintext)
        case (false, false):
            route.settle(Verdict(allowed: true, point: .network, reason: .sidecarBypassed), .plaintext)
        }
    }
}
