import MeshModel

/// The explanation's codes for what issue 11 added (TrafficSplit, Egress policies, the kinds
/// MeshDeck only shows, injection exceptions, exclusions); the catalogues say them.
extension PolicyIndex {
    /// The endpoint the route went to, and the index of the asked port on its Service: the
    /// apex's own when no TrafficSplit chose a backend.
    func chosenEndpoint(_ route: Route, service: ServiceEntry, portIndex: Int, endpoint: Int) -> (Endpoint?, Int) {
        if route.apex >= 0, route.service >= 0, route.endpoint >= 0 {
            return (services[Int(route.service)].endpoints[Int(route.endpoint)], Int(route.portIndex))
        }
        return (service.endpoints.isEmpty ? nil : service.endpoints[endpoint % service.endpoints.count], portIndex)
    }

    /// Facts about the Service asked for that change or accompany the route.
    func fidelityFacts(_ route: Route, client: Workload, service: ServiceEntry) -> [ExplanationFact] {
        var facts = splitFacts(route, client: client, service: service)
        facts += egressFacts(route, client: client)
        facts += shownKindFacts(service.key, client: client)
        facts += ingressFacts(route, client: client)
        facts += refusedPodFacts(service)
        return facts
    }

    /// Workloads the Service selects whose pods OSM's injector webhook refused to create: why
    /// the Service has fewer endpoints than their replicas say.
    private func refusedPodFacts(_ service: ServiceEntry) -> [ExplanationFact] {
        guard !service.selector.matchLabels.isEmpty else { return [] }
        // In `cluster.allWorkloads` order (kind, then key), but only the Service's namespace is
        // read: sorting every workload of the cluster made each explanation cost 15 ms at
        // 10,000 pods. (The compiled `workloads` would not do: a refused workload has no pods.)
        var facts: [ExplanationFact] = []
        for kind in ResourceKind.workloadKinds {
            let table = kind == .deployment ? cluster.deployments : cluster.otherWorkloads[kind] ?? [:]
            for key in table.keys.filter({ $0.namespace == service.key.namespace }).sorted() {
                guard let w = table[key], service.selector.matches(w.templateLabels), let refusal = cluster.podRefusal(of: w)
                else { continue }
                facts.append(.podRefused(kind: w.kind, workload: w.meta.key, refusal: refusal))
            }
        }
        return facts
    }

    /// Where the endpoint's pod runs echo servers, from the same list the data plane starts them
    /// from, so explain cannot claim a port nothing answers on.
    func echoServers(_ endpoint: Endpoint) -> [Int] {
        endpoint.workload >= 0 ? workloads[Int(endpoint.workload)].listeningPorts : []
    }

    /// The reason, and the fix, of the verdicts issue 11 added.
    func fidelityReason(
        _ route: Route, client: Workload, endpoint: Endpoint?, port: Int
    ) -> (reason: ExplanationReason, fix: ExplanationFix?) {
        let outbound = outboundExclusion(route, client: client, port: port)
        let inbound = endpoint.flatMap { inboundExclusion($0, targetPort: Int(route.targetPort)) }
        let clientIdentity = identities[Int(client.identity)]
        let targetPort = Int(route.targetPort)
        switch route.verdict.reason {
        case .egressPolicy:
            let rule = egressRule(route.verdict, source: client.identity)
            return (
                .egressPolicy(
                    egress: rule?.key ?? ObjectKey(namespace: "", name: "?"), serviceAccount: clientIdentity,
                    port: rule?.port ?? port, protocol: rule?.proto ?? "?", ranges: rule?.ranges.map(\.description) ?? []),
                nil
            )
        case .sidecarBypassed:
            return (
                .sidecarBypassed(source: client.key, outbound: outbound, destinationPod: endpoint?.podName, inbound: inbound),
                nil
            )
        case .bypassedToMeshed:
            return (
                .bypassedToMeshed(source: client.key, outbound: outbound, destinationPod: endpoint?.podName),
                .removeOutboundExclusion(targetPort: targetPort)
            )
        case .inboundBypassedMTLS:
            return (
                .inboundBypassedMTLS(port: targetPort, destinationPod: endpoint?.podName, inbound: inbound),
                .removeInboundExclusion(source: client.key)
            )
        case .unsupportedProtocol:
            let entry = services[Int(route.apex >= 0 ? route.apex : route.service)]
            let app = entry.ports.first { $0.port.port == port }?.port.appProtocol ?? "?"
            return (
                .unsupportedProtocol(service: entry.key, port: port, appProtocol: app, egress: egress),
                .setKnownAppProtocol(service: entry.key, port: port)
            )
        default:
            // .nothingListens: the only other verdict explain hands here.
            let ports = endpoint.map { workloads[Int($0.workload)].listeningPorts } ?? []
            return (
                .nothingListens(pod: endpoint?.podName, listening: ports, targetPort: targetPort),
                .matchTargetPort(listening: ports, targetPort: targetPort)
            )
        }
    }

    /// Which of the source's outbound exclusions the connection matched, with its origin.
    private func outboundExclusion(_ route: Route, client: Workload, port: Int) -> ExclusionMatch? {
        guard route.bypassesClientSidecar,
            let index = workloadIndex[client.key] ?? workloads.firstIndex(where: { $0.key == client.key })
        else {
            return nil
        }
        let exclusions = workloadExclusions[index]
        if let entry = exclusions.outboundPort(port) { return .port(entry.value, origin: entry.origin) }
        let resolved = route.apex >= 0 ? route.apex : route.service
        let ip = resolved >= 0 ? services[Int(resolved)].clusterIP : nil
        if let ip, let entry = exclusions.outboundAddress(ip) {
            return .address(ip, range: entry.value.description, origin: entry.origin)
        }
        return nil
    }

    /// The destination pod's inbound exclusion of `targetPort`, with its origin.
    private func inboundExclusion(_ endpoint: Endpoint, targetPort: Int) -> ExclusionMatch? {
        guard endpoint.workload >= 0, let entry = workloadExclusions[Int(endpoint.workload)].inboundPort(targetPort) else {
            return nil
        }
        return .port(entry.value, origin: entry.origin)
    }

    /// What would let a meshed source reach a destination outside the mesh; outside the
    /// cluster (`internet`) there is no namespace to add to the mesh.
    func egressFix(client: Workload, internet: Bool = false) -> ExplanationFix {
        let serviceAccount = identities[Int(client.identity)]
        let flagOff = !cluster.isEgressPolicyEnabled
        return internet
            ? .enableEgressToInternet(serviceAccount: serviceAccount, policyFlagOff: flagOff)
            : .enableEgress(serviceAccount: serviceAccount, policyFlagOff: flagOff)
    }

    /// Egress policies that name the source, when the destination is outside the mesh and
    /// egress is off: which exist and why none matched.
    func egressFacts(_ route: Route, client: Workload) -> [ExplanationFact] {
        guard case .egressDisabled = route.verdict.reason else { return [] }
        let sa = identities[Int(client.identity)]
        let naming = cluster.egresses.values.filter { e in
            e.sources.contains { $0.namespace == sa.namespace && $0.name == sa.name }
        }
        guard !naming.isEmpty else { return [.noEgressPolicy(serviceAccount: sa)] }
        guard cluster.isEgressPolicyEnabled else { return [.egressPolicyFlagOff] }
        return naming.sorted { $0.meta.key < $1.meta.key }.map { e in
            .egressPolicyMismatch(
                egress: e.meta.key, serviceAccount: sa, ports: e.ports.map { "\($0.number)/\($0.proto)" },
                addresses: e.ipAddresses, ignored: cluster.namespaces[e.meta.namespace ?? ""]?.isMonitored != true)
        }
    }

    private func splitFacts(_ route: Route, client: Workload, service: ServiceEntry) -> [ExplanationFact] {
        var facts: [ExplanationFact] = []
        for (split, ignored) in splitStatus
        where split.meta.namespace == service.key.namespace
            && Self.serviceName(fromHost: split.service, namespace: service.key.namespace) == service.key.name
        {
            if let ignored {
                facts.append(.ignoredTrafficSplit(key: split.meta.key, because: ignored))
                continue
            }
            facts.append(.trafficSplit(key: split.meta.key, apex: service.key, backends: split.backends))
            if let entry = splits.first(where: { $0.key == split.meta.key }), !entry.missing.isEmpty {
                facts.append(.splitBackendsMissing(key: split.meta.key, missing: entry.missing))
            }
            // A split with no backend to send to leaves the route without an endpoint.
            if route.apex >= 0, route.service >= 0, route.endpoint >= 0 {
                let backend = services[Int(route.service)]
                let pod = backend.endpoints[Int(route.endpoint)].podName
                facts.append(.splitBackend(backend: backend.key, pod: pod))
            } else if !client.meshed {
                facts.append(.splitSourceUnmeshed(source: client.key))
            } else if route.verdict.reason == .noEndpoints {
                facts.append(.splitNoBackend)
            } else {
                facts.append(.splitNoRoute(serviceAccount: identities[Int(client.identity)]))
            }
        }
        return facts
    }

    /// Retry, UpstreamTrafficSetting and IngressBackend that name this Service: shown, so an
    /// operator knows they exist, with the plain word that MeshDeck does not act on them.
    /// A Retry applies to its `spec.source` ServiceAccount's connections only (OSM v1.2.4
    /// pkg/policy/client.go:111 ListRetryPolicies, by source identity); an UpstreamTrafficSetting
    /// to every client of its host.
    private func shownKindFacts(_ service: ObjectKey, client: Workload) -> [ExplanationFact] {
        var facts: [ExplanationFact] = []
        let clientIdentity = identities[Int(client.identity)]
        for kind in [ResourceKind.retry, .upstreamTrafficSetting] {
            for case .shown(let r) in cluster.resources(of: kind)
            where r.services.contains(service) && (r.retrySource == nil || r.retrySource == clientIdentity) {
                facts.append(.shownKind(kind: kind, key: r.meta.key, service: service))
            }
        }
        return facts
    }
}
