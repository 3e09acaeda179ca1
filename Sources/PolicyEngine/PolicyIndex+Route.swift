import MeshModel

/// The client side's question, asked in one place: the outbound sidecar for every connection,
/// the probe of a pod without a sidecar (kube-proxy's choice, then the destination's rules),
/// and the engine when it re-decides open connections after a change. The data plane acts on
/// the answer; it never resolves, looks up ports or builds a verdict itself.
extension PolicyIndex {
    /// From a workload (or pod) named by key: what a sidecar knows itself by. A sidecar can
    /// outlive its workload for a moment (deleted, or scaled to zero, before the pod stops),
    /// and a connection can outlive it longer: that is `.unknownSource` at the client sidecar.
    ///
    /// - Parameter endpoint: which of the resolved Service's endpoints, given the Service's
    ///   index; called only when the Service has endpoints. The caller's round-robin counter
    ///   (taken modulo the endpoint count), or the endpoint an open connection already uses;
    ///   nil when that endpoint is no longer behind the Service (`.noEndpoints`).
    package func route(from source: ObjectKey, host: String, port: Int, endpoint: (_ service: Int) -> Int?) -> Route {
        guard let index = workloadIndex[source] ?? podIndex[source] else {
            return Route(stoppedAt: .clientSidecar, .unknownSource)
        }
        return route(from: index, host: host, port: port, endpoint: endpoint)
    }

    /// From a workload index (`workload(named:)`), which exists in this index.
    package func route(from source: Int, host: String, port: Int, endpoint: (_ service: Int) -> Int?) -> Route {
        // The pod's DNS first (`nc: bad address`), then the Service's ports.
        var route = Route(stoppedAt: .nameResolution, .unknownHost, source: Int32(source), identity: workloadIdentity[source])
        guard let service = resolve(host: host, from: source) else {
            if let address = internetAddress(host) { routeToInternet(&route, address: address, port: port) }
            return route
        }
        route.service = Int32(service)
        if let portIndex = portIndex(service: service, port: port) {
            route.portIndex = Int32(portIndex)
            choose(&route, endpoint: endpoint)
        } else {
            route.stop(.serviceEndpoints, .noSuchPort)
        }
        return route
    }

    /// The same with a fixed endpoint choice (tests, `explain`, the matrix).
    func route(from source: Int, host: String, port: Int, endpoint: Int = 0) -> Route {
        route(from: source, host: host, port: port) { _ in endpoint }
    }

    /// Once names are resolved: the hot path of the matrix and the load generator.
    /// Reads only the flat arrays: no struct copies, so no reference counting per call.
    /// Inlined (with `choose`) into `decide`, which then stores only the verdict it returns.
    @inline(__always)
    func route(from source: Int, to destination: ResolvedDestination, endpoint: Int = 0) -> Route {
        var route = Route(stoppedAt: .serviceEndpoints, .noSuchPort, source: Int32(source), identity: workloadIdentity[source])
        route.service = Int32(destination.service)
        route.portIndex = Int32(destination.portIndex)
        choose(&route) { _ in endpoint }
        return route
    }

    /// The endpoint, its target port, and the rules between the two sides, for a route whose
    /// source, Service and port are known. Fills in `route` where it stands (no copies of it on
    /// the hot path).
    @inline(__always)
    private func choose(_ route: inout Route, endpoint pick: (Int) -> Int?) {
        let source = Int(route.source)
        let service = Int(route.service)
        let port = Int(servicePortStart[service]) + Int(route.portIndex)
        guard portIsTCPTransport[port] else { return route.stop(.serviceEndpoints, .notTCP) }
        if workloadHasExclusions[source], bypassesOutbound(source: source, service: service, port: Int(portNumber[port])) {
            route.bypassesClientSidecar = true
        }
        // A TrafficSplit is the client sidecar's routing: a source without one goes through
        // kube-proxy to the apex's own endpoints.
        if workloadMeshed[source], !route.bypassesClientSidecar, splitOfService[service] >= 0,
            mayReachApex(service, sourceIdentity: route.sourceIdentity)
        {
            let split = splits[Int(splitOfService[service])]
            route.apex = Int32(service)
            guard let choice = pick(service),
                pickBackend(&route, split: split, port: Int(portNumber[port]), choice: choice)
            else { return route.stop(.serviceEndpoints, .noEndpoints) }
            let backendPort = Int(servicePortStart[Int(route.service)]) + Int(route.portIndex)
            let target = Int(serviceEndpointStart[Int(route.service)]) + Int(route.endpoint)
            let targetPort = targetPorts[Int(endpointTargetPortStart[target]) + Int(route.portIndex)]
            guard targetPort >= 0, portIsTCPTransport[backendPort] else {
                return route.stop(.serviceEndpoints, .noEndpoints)
            }
            route.targetPort = targetPort
            // The apex port's protocol is what the client sidecar's filter chain is built for.
            return settle(
                &route, target: target, rawTCP: portIsRawTCP[port], unsupported: portIsUnsupported[port], hasOutboundRoute: true)
        }
        let count = Int(serviceEndpointCount[service])
        guard count > 0, let choice = pick(service) else { return route.stop(.serviceEndpoints, .noEndpoints) }
        // Unsigned, so a counter that wrapped past Int.max still picks an endpoint.
        let offset = Int(UInt(bitPattern: choice) % UInt(count))
        route.endpoint = Int32(offset)
        let target = Int(serviceEndpointStart[service]) + offset
        let targetPort = targetPorts[Int(endpointTargetPortStart[target]) + Int(route.portIndex)]
        guard targetPort >= 0 else { return route.stop(.serviceEndpoints, .noEndpoints) }
        route.targetPort = targetPort
        settle(&route, target: target, rawTCP: portIsRawTCP[port], unsupported: portIsUnsupported[port], hasOutboundRoute: false)
    }

    /// The rules between the two sides once the endpoint is known. `hasOutboundRoute`: the
    /// client side's SMI question was already answered for the Service (a TrafficSplit's apex).
    @inline(__always)
    private func settle(_ route: inout Route, target: Int, rawTCP: Bool, unsupported: Bool, hasOutboundRoute: Bool) {
        let source = Int(route.source)
        guard targetPortListens[Int(endpointTargetPortStart[target]) + Int(route.portIndex)] else {
            return route.stop(.serviceEndpoints, .nothingListens)
        }
        let serverBypassed =
            endpointMeshed[target] && workloadHasExclusions[Int(endpointWorkload[target])]
            && bypassesInbound(workload: Int(endpointWorkload[target]), targetPort: Int(route.targetPort))
        if route.bypassesClientSidecar || serverBypassed {
            return settleBypassed(&route, target: target, serverBypassed: serverBypassed)
        }
        switch (workloadMeshed[source], endpointMeshed[target]) {
        case (false, false):
            route.settle(Verdict(allowed: true, point: .network, reason: .noMesh), .plaintext)
        case (false, true):
            // Sent anyway, in plaintext; the destination's sidecar is the one that refuses it,
            // unless an IngressBackend's filter chain takes it (PolicyIndex+Ingress.swift).
            guard !ingressRules.isEmpty, let pod = endpointPod(of: route) else {
                return route.settle(Verdict(allowed: false, point: .serverSidecar, reason: .plaintextToMeshed), .plaintext)
            }
            route.settle(plaintextVerdict(source: source, endpointPod: pod, targetPort: Int(route.targetPort)), .plaintext)
        case (true, false):
            if egress {
                route.settle(Verdict(allowed: true, point: .clientSidecar, reason: .egressAllowed), .plaintext)
            } else if let allowed = egressVerdict(route) {
                route.settle(allowed, .plaintext)
            } else {
                route.stop(.clientSidecar, .egressDisabled)
            }
        case (true, true) where unsupported:
            // pkg/envoy/lds/inmesh.go: no outbound filter chain for the protocol; the
            // passthrough (egress on) sends it on in plaintext, which the server refuses.
            if egress {
                route.settle(Verdict(allowed: false, point: .serverSidecar, reason: .unsupportedProtocol), .plaintext)
            } else {
                route.stop(.clientSidecar, .unsupportedProtocol)
            }
        case (true, true):
            // pkg/catalog/outbound_traffic_policies.go (ListOutboundServicesForIdentity): in SMI
            // mode the client sidecar has a route only to destinations a TrafficTarget lets it
            // reach. Without one, pkg/envoy/lds/listener.go's passthrough filter chain (egress
            // on) sends it on in plaintext and the server sidecar refuses it; with egress off
            // the client sidecar stops it.
            if !permissive, !hasOutboundRoute,
                !outboundRoutes.contains(Self.ruleKey(endpointIdentity[target], route.sourceIdentity))
            {
                if egress {
                    route.settle(Verdict(allowed: false, point: .serverSidecar, reason: .smiNoTrafficTarget), .plaintext)
                } else {
                    route.stop(.clientSidecar, .smiNoTrafficTarget)
                }
                return
            }
            // The mesh path: the server sidecar decides, by the rule `admit` applies to it.
            let verdict = decideInbound(
                source: route.sourceIdentity, destination: endpointIdentity[target], targetPort: Int(route.targetPort),
                rawTCP: rawTCP)
            route.settle(verdict, .mesh)
        }
    }
}

/// The names behind a route, looked up only by whoever needs them (events, addresses, the
/// round-robin counters), never on the way to the verdict.
extension PolicyIndex {
    /// The pod the route chose, or nil when it chose none.
    package func endpointPod(of route: Route) -> ObjectKey? {
        if route.external { return route.path == .stopped ? nil : Self.internetPod }
        guard route.service >= 0, route.endpoint >= 0 else { return nil }
        let service = Int(route.service)
        return ObjectKey(
            namespace: services[service].key.namespace, name: services[service].endpoints[Int(route.endpoint)].podName)
    }

    /// The source's ServiceAccount, as the mesh identity names it.
    package func sourceIdentity(of route: Route) -> ObjectKey? {
        route.sourceIdentity >= 0 ? identities[Int(route.sourceIdentity)] : nil
    }

    /// What the host resolved to, as a pod's DNS answers: the ClusterIP (nil for a headless
    /// Service or a name that did not resolve).
    package func clusterAddress(of route: Route) -> String? {
        let resolved = route.apex >= 0 ? route.apex : route.service
        guard resolved >= 0, let ip = services[Int(resolved)].clusterIP, ip != "None" else { return nil }
        return ip
    }

    /// A Service by its index in this index (routes and `endpoint` pickers carry indices).
    package func serviceKey(_ service: Int) -> ObjectKey { services[service].key }

    /// Where `pod` sits among the endpoints of `service`, if it is still one of them.
    package func endpoint(_ pod: ObjectKey, ofService service: Int) -> Int? {
        // An apex: the counter that sends a meshed client to the same backend pod.
        if splitOfService[service] >= 0,
            let choice = splitChoice(for: pod, split: splits[Int(splitOfService[service])], port: nil)
        {
            return choice
        }
        guard services[service].key.namespace == pod.namespace else { return nil }
        return services[service].endpoints.firstIndex { $0.podName == pod.name }
    }
}

extension PolicyIndex {
    /// The ServiceAccount a workload's pods run as (a position in `workloads`), and whether
    /// they have a sidecar (only then do they hold a mesh certificate).
    package func serviceAccount(ofWorkload index: Int) -> (account: ObjectKey, meshed: Bool) {
        (identities[Int(workloads[index].identity)], workloads[index].meshed)
    }
}
