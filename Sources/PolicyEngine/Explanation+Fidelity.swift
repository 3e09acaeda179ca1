import MeshModel

/// The explanation's words for what issue 11 added (TrafficSplit, the kinds MeshDeck only
/// shows, injection exceptions, exclusions), kept in this one place so a catalogue of words
/// can take them over whole.
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
    func fidelityFacts(_ route: Route, client: Workload, service: ServiceEntry) -> [String] {
        var facts = splitFacts(route, client: client, service: service)
        facts += egressFacts(route, client: client)
        facts += shownKindFacts(service.key)
        facts += refusedPodFacts(service)
        return facts
    }

    /// Workloads the Service selects whose pods OSM's injector webhook refused to create: why
    /// the Service has fewer endpoints than their replicas say.
    private func refusedPodFacts(_ service: ServiceEntry) -> [String] {
        guard !service.selector.matchLabels.isEmpty else { return [] }
        return cluster.allWorkloads.compactMap { w in
            guard w.meta.namespace == service.key.namespace, service.selector.matches(w.templateLabels),
                let refusal = cluster.podRefusal(of: w)
            else { return nil }
            return "\(w.kind.rawValue.lowercased()) \(w.meta.key) has no pod: creating it fails with \(refusal)"
        }
    }

    /// Whether the endpoint's pod listens on `targetPort`, from the same list the data plane
    /// starts echo servers from, so explain cannot claim a port nothing answers on.
    func listeningWords(_ endpoint: Endpoint, targetPort: Int) -> String {
        let ports = endpoint.workload >= 0 ? workloads[Int(endpoint.workload)].listeningPorts : []
        if ports.contains(targetPort) { return ", listening on \(targetPort)" }
        if ports.isEmpty { return ", target port \(targetPort), but it runs no tcp-echo-server, so nothing answers there" }
        return ", target port \(targetPort), but nothing listens there (its echo servers listen on "
            + ports.map(String.init).joined(separator: ", ") + ")"
    }

    /// The short reason (matrix cells, engine events) of the verdicts issue 11 added.
    func fidelitySummary(_ verdict: Verdict) -> String {
        switch verdict.reason {
        case .egressPolicy: return "destination outside the mesh, allowed by an Egress policy"
        case .sidecarBypassed: return "excluded from interception: no sidecar in the way"
        case .bypassedToMeshed: return "excluded from the source's sidecar: plaintext to a sidecar that takes only mTLS"
        case .inboundBypassedMTLS: return "port excluded from the destination's sidecar: mTLS reaches the app"
        case .nothingListens: return "nothing listens on the target port"
        case .unsupportedProtocol: return "appProtocol OSM does not know: no filter chain"
        default: return ""
        }
    }

    /// The reason line, and the fix, of the verdicts issue 11 added.
    func fidelityReason(_ route: Route, client: Workload, endpoint: Endpoint?, port: Int) -> (String, String?) {
        let outbound = outboundExclusionWords(route, client: client, port: port)
        let inbound = endpoint.flatMap { inboundExclusionWords($0, targetPort: Int(route.targetPort)) }
        switch route.verdict.reason {
        case .egressPolicy:
            guard let rule = egressRule(route.verdict, source: client.identity) else { return ("", nil) }
            let reason =
                "the destination is outside the mesh and egress is off, but Egress \(rule.key) lets ServiceAccount "
                + "\(identities[Int(client.identity)]) reach port \(rule.port) (\(rule.proto)"
                + (rule.ranges.isEmpty ? ", any address)" : " to \(rule.ranges.map(\.description).joined(separator: ", ")))")
            return (reason, nil)
        case .sidecarBypassed:
            let parts = [
                outbound.map { "it leaves \(client.key) without its sidecar (\($0))" },
                inbound.map { "it reaches the app of \(endpoint?.podName ?? "the destination") without its sidecar (\($0))" },
            ].compactMap { $0 }
            return ("excluded from interception: " + parts.joined(separator: ", and ") + "; no sidecar is in the way", nil)
        case .bypassedToMeshed:
            return (
                "\(client.key)'s sidecar is bypassed (\(outbound ?? "an outbound exclusion")), so the connection leaves in plaintext; "
                    + "the sidecar of \(endpoint?.podName ?? "the destination") accepts only mTLS from the mesh",
                "remove the outbound exclusion, or exclude the destination's port \(route.targetPort) from its inbound interception too"
            )
        case .inboundBypassedMTLS:
            return (
                "port \(route.targetPort) of \(endpoint?.podName ?? "the destination") bypasses its sidecar (\(inbound ?? "an inbound exclusion")), "
                    + "so the client sidecar's mTLS reaches the app itself and the handshake never completes",
                "remove the inbound exclusion, or exclude the port from \(client.key)'s outbound interception too (then it travels in plaintext)"
            )
        case .unsupportedProtocol:
            let entry = services[Int(route.apex >= 0 ? route.apex : route.service)]
            let app = entry.ports.first { $0.port.port == port }?.port.appProtocol ?? "?"
            return (
                "port \(port) of Service \(entry.key) has appProtocol '\(app)', which OSM does not know, so neither sidecar builds a filter chain for it"
                    + (egress
                        ? ": the client sidecar passes it through in plaintext and the server sidecar refuses it"
                        : ": the client sidecar has no route and closes the connection"),
                "set appProtocol to tcp (or tcp-server-first, http, grpc) on port \(port) of Service \(entry.key)"
            )
        case .nothingListens:
            let ports = endpoint.map { workloads[Int($0.workload)].listeningPorts.map(String.init).joined(separator: ", ") } ?? ""
            return (
                "pod \(endpoint?.podName ?? "?") listens on \(ports), not on target port \(route.targetPort), so the connection is refused",
                "point the Service's targetPort at \(ports), or run the server with --port \(route.targetPort)"
            )
        default: return ("", nil)
        }
    }

    /// Which of the source's outbound exclusions the connection matched, with its origin.
    private func outboundExclusionWords(_ route: Route, client: Workload, port: Int) -> String? {
        guard route.bypassesClientSidecar,
            let index = workloadIndex[client.key] ?? workloads.firstIndex(where: { $0.key == client.key })
        else {
            return nil
        }
        let exclusions = workloadExclusions[index]
        if let entry = exclusions.outboundPort(port) { return "port \(entry.value) is in \(entry.origin)" }
        let resolved = route.apex >= 0 ? route.apex : route.service
        let ip = resolved >= 0 ? services[Int(resolved)].clusterIP : nil
        if let entry = exclusions.outboundAddress(ip) { return "\(ip ?? "") is in \(entry.value), from \(entry.origin)" }
        return nil
    }

    /// The destination pod's inbound exclusion of `targetPort`, with its origin.
    private func inboundExclusionWords(_ endpoint: Endpoint, targetPort: Int) -> String? {
        guard endpoint.workload >= 0, let entry = workloadExclusions[Int(endpoint.workload)].inboundPort(targetPort) else {
            return nil
        }
        return "port \(entry.value) is in \(entry.origin)"
    }

    /// What would let a meshed source reach a destination outside the mesh.
    func egressFix(client: Workload) -> String {
        let sa = identities[Int(client.identity)]
        return "enable egress (spec.traffic.enableEgress: true), apply an Egress policy with source ServiceAccount \(sa) "
            + "and the destination's port and address"
            + (cluster.isEgressPolicyEnabled ? "" : " (and featureFlags.enableEgressPolicy: true)")
            + ", or add the destination's namespace to the mesh"
    }

    /// Egress policies that name the source, when the destination is outside the mesh and
    /// egress is off: which exist and why none matched.
    private func egressFacts(_ route: Route, client: Workload) -> [String] {
        guard case .egressDisabled = route.verdict.reason else { return [] }
        let sa = identities[Int(client.identity)]
        let naming = cluster.egresses.values.filter { e in
            e.sources.contains { $0.namespace == sa.namespace && $0.name == sa.name }
        }
        guard !naming.isEmpty else { return ["egress policy: no Egress names ServiceAccount \(sa)"] }
        guard cluster.isEgressPolicyEnabled else {
            return ["egress policy: featureFlags.enableEgressPolicy is false, so Egress policies are not read"]
        }
        return naming.sorted { $0.meta.key < $1.meta.key }.map { e in
            let ports = e.ports.map { "\($0.number)/\($0.proto)" }.joined(separator: ", ")
            let where_ = e.ipAddresses.isEmpty ? "any address" : e.ipAddresses.joined(separator: ", ")
            let ignored =
                cluster.namespaces[e.meta.namespace ?? ""]?.isMonitored == true
                ? "" : " (IGNORED: its namespace is not in the mesh)"
            return "Egress \(e.meta.key) names \(sa): ports \(ports), \(where_)\(ignored); none matches this address and port"
        }
    }

    private func splitFacts(_ route: Route, client: Workload, service: ServiceEntry) -> [String] {
        var facts: [String] = []
        for (split, ignored) in splitStatus
        where split.meta.namespace == service.key.namespace && split.service == service.key.name {
            let backends = split.backends.map { "\($0.service) weight \($0.weight)" }.joined(separator: ", ")
            if let ignored {
                facts.append("TrafficSplit \(split.meta.key) is IGNORED: \(ignored)")
                continue
            }
            facts.append("TrafficSplit \(split.meta.key): apex Service \(service.key) → \(backends)")
            if let entry = splits.first(where: { $0.key == split.meta.key }), !entry.missing.isEmpty {
                facts.append(
                    "TrafficSplit \(split.meta.key): backend Service(s) \(entry.missing.joined(separator: ", ")) do not exist and get no traffic"
                )
            }
            if route.apex >= 0 {
                let backend = services[Int(route.service)]
                let pod = backend.endpoints[Int(route.endpoint)].podName
                facts.append(
                    "split: this connection goes to backend \(backend.key) (pod \(pod)); the backend's sidecar and TrafficTargets decide"
                )
            } else if !client.meshed {
                facts.append(
                    "split: \(client.key) has no sidecar, so no TrafficSplit applies: kube-proxy picks one of the apex's own endpoints"
                )
            } else if route.verdict.reason == .noEndpoints {
                facts.append("split: no backend with weight above 0 serves this port and has a running pod")
            } else {
                facts.append(
                    "split: not applied, as the client sidecar has no route to the apex (no TrafficTarget lets \(identities[Int(client.identity)]) reach its pods)"
                )
            }
        }
        return facts
    }

    /// Retry, UpstreamTrafficSetting and IngressBackend that name this Service: shown, so an
    /// operator knows they exist, with the plain word that MeshDeck does not act on them.
    private func shownKindFacts(_ service: ObjectKey) -> [String] {
        var facts: [String] = []
        for kind in [ResourceKind.retry, .upstreamTrafficSetting, .ingressBackend] {
            for case .shown(let r) in cluster.resources(of: kind) where r.services.contains(service) {
                facts.append("\(kind.rawValue) \(r.meta.key) names \(service): \(kind.notActedOn ?? "")")
            }
        }
        return facts
    }
}
