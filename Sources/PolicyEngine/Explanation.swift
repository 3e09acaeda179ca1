import MeshModel

/// A verdict explained: the reason, the chain of facts behind it and what would change it, as
/// codes with their values (`ExplanationCodes.swift`); `ExplanationWords` says them in a
/// language. Built only when someone asks (explain, the dashboard popup), never per probe.
package struct Explanation: Sendable {
    package var verdict: Verdict
    /// `curl/curl`
    package var from: String
    /// `tcp-echo.tcp-demo:9000`
    package var to: String
    package var reasonCode: ExplanationReason
    package var factCodes: [ExplanationFact]
    /// What would make a denied connection work, or fix a warning.
    package var fixCode: ExplanationFix?
    /// What the client prints: `nc: bad address 'x'`, `command terminated with exit code 1`,
    /// or nil when the reply comes from the server. The pod's own output: never translated.
    package var clientError: String?

    /// The reason in `words`.
    package func reason(in words: some ExplanationWords) -> String { words.reason(reasonCode) }
    package func facts(in words: some ExplanationWords) -> [String] { factCodes.map(words.fact) }
    package func fix(in words: some ExplanationWords) -> String? { fixCode.map(words.fix) }

    /// In English, the words of `explain -o json|yaml` and of the tests that pin them.
    package var reason: String { reason(in: EnglishWords()) }
    package var facts: [String] { facts(in: EnglishWords()) }
    package var fix: String? { fix(in: EnglishWords()) }
}

extension PolicyIndex {
    package func explain(from source: Int, host: String, port: Int, endpoint: Int = 0) -> Explanation {
        let verdict = decide(from: source, host: host, port: port, endpoint: endpoint)
        let client = workloads[source]
        let clientIdentity = identities[Int(client.identity)]
        var facts = [sourceFact(client)]
        func explanation(_ reason: ExplanationReason, fix: ExplanationFix?, clientError: String?) -> Explanation {
            Explanation(
                verdict: verdict, from: client.key.description, to: "\(host):\(port)", reasonCode: reason,
                factCodes: facts, fixCode: fix, clientError: clientError)
        }
        let exitCode1 = verdict.allowed ? nil : "command terminated with exit code 1"
        guard let serviceIndex = resolve(host: host, from: source) else {
            if let address = internetAddress(host) {
                let (reason, fix) = internetReason(host: host, address: address, port: port, client: client, facts: &facts)
                return explanation(reason, fix: fix, clientError: exitCode1)
            }
            facts.append(unknownHostFact(host))
            return explanation(.unknownHost(host: host), fix: .useServiceName, clientError: "nc: bad address '\(host)'")
        }
        let service = services[serviceIndex]
        facts.append(.resolved(host: host, service: service.key, clusterIP: service.clusterIP))
        guard let portIndex = service.ports.firstIndex(where: { $0.port.port == port }) else {
            let exposed = service.ports.map { "\($0.port.port)/\($0.port.transport)" }
            return explanation(
                .noSuchPort(service: service.key, port: port, exposed: exposed), fix: .probeExposedPort(exposed: exposed),
                clientError: exitCode1)
        }
        let entry = service.ports[portIndex]
        facts.append(portFact(entry))
        facts += endpointFacts(service, portIndex: portIndex)
        facts.append(meshConfigFact())
        let taken = route(from: source, host: host, port: port, endpoint: endpoint)
        let (chosen, chosenPort) = chosenEndpoint(taken, service: service, portIndex: portIndex, endpoint: endpoint)
        facts += fidelityFacts(taken, client: client, service: service)
        // The mesh path runs sidecar to sidecar: that hop is mutual TLS.
        if taken.path == .mesh, let chosen {
            facts.append(.mutualTLS(client: clientIdentity, server: identities[Int(chosen.identity)]))
        }
        let portOnPod = chosen.flatMap { targetPort($0, portIndex: chosenPort) } ?? port
        let destination = chosen.map { identities[Int($0.identity)] }

        let reason: ExplanationReason
        var fix: ExplanationFix?
        switch verdict.reason {
        case .unknownHost, .noSuchPort:
            // Settled above, before a Service port was found; the index agrees (it answered the
            // same question), so these are not met here.
            reason = .unknownHost(host: host)
        case .unknownSource:
            // Not met here (explain is asked about a workload that exists); the data plane meets
            // it when a sidecar outlives its workload, and says it in these words.
            reason = .unknownSource
        case .notTCP:
            reason = .notTCP(service: service.key, port: port, transport: entry.port.transport)
        case .noEndpoints:
            if let chosen, targetPort(chosen, portIndex: chosenPort) == nil {
                let name = entry.port.targetPort?.description ?? ""
                reason = .namedPortMissing(pod: chosen.podName, portName: name)
                fix = .nameContainerPort(portName: name)
            } else {
                reason = .noEndpoints(service: service.key, selector: service.selector.description)
                fix = .deployMatchingPods
            }
        case .plaintextToMeshed:
            reason = .plaintextToMeshed(source: client.key, destinationPod: chosen?.podName)
            fix = .addNamespaceToMesh(namespace: client.key.namespace)
        case .egressDisabled:
            reason = .egressDisabled
            fix = egressFix(client: client)
        case .egressAllowed:
            reason = .egressAllowed
        case .egressPolicy, .sidecarBypassed, .bypassedToMeshed, .inboundBypassedMTLS, .nothingListens, .unsupportedProtocol:
            let said = fidelityReason(taken, client: client, endpoint: chosen, port: port)
            reason = said.reason
            fix = said.fix
        case .ingressAllowed, .ingressNotTLS:
            let rule = ingressRule(verdict)
            let sourcePod = ObjectKey(namespace: client.key.namespace, name: client.podNames.first ?? "")
            if case .ingressNotTLS = verdict.reason {
                reason = .ingressNeedsTLS(ingress: rule?.key ?? client.key, backend: rule?.backend ?? "?", port: portOnPod)
            } else {
                reason = .ingressBackend(
                    ingress: rule?.key ?? client.key, backend: rule?.backend ?? "?", port: portOnPod,
                    protocol: rule?.proto ?? "http", sourceIP: Self.podIP(sourcePod))
            }
        case .noMesh:
            reason = .noMesh
        case .permissive:
            reason = .permissive
        case .smiAllowed(let rule):
            reason = .smiAllowed(target: activeTargets[Int(rule)].key, serviceAccount: clientIdentity, port: portOnPod)
            facts += smiFacts(client: client, endpoint: chosen)
        case .smiNoTrafficTarget:
            reason = .smiNoTrafficTarget(serviceAccount: clientIdentity, destination: destination)
            facts += smiFacts(client: client, endpoint: chosen)
            facts.append(taken.path == .mesh ? .routeButNoRBAC : egress ? .egressPassthrough : .noRouteEgressOff)
            fix = .applyTrafficTarget(destination: destination, source: clientIdentity, port: portOnPod)
        case .smiPortNotAllowed(let rule):
            let target = activeTargets[Int(rule)]
            reason = .smiPortNotAllowed(
                target: target.key, serviceAccount: clientIdentity, allowed: target.ports, port: portOnPod)
            facts += smiFacts(client: client, endpoint: chosen)
            fix = .addPortToRoute(port: portOnPod)
        }
        if verdict.httpPort, case .ingressAllowed = verdict.reason {
            // The server sidecar's HTTP chain, not the port's protocol, answers with the 400.
        } else if verdict.httpPort {
            facts.append(.httpPort(port: port, because: entry.protocolInfo.because))
            fix = .setAppProtocolTCP(service: service.key, port: port)
        }
        return explanation(reason, fix: fix, clientError: exitCode1)
    }

    private func sourceFact(_ w: Workload) -> ExplanationFact {
        .source(
            kind: w.kind, workload: w.key, pods: w.podNames, serviceAccount: identities[Int(w.identity)],
            sidecar: w.sidecar)
    }

    private func unknownHostFact(_ host: String) -> ExplanationFact {
        let parts = host.split(separator: ".")
        if parts.count >= 2 {
            let ns = String(parts[1])
            if cluster.namespaces[ns] == nil { return .noSuchNamespace(namespace: ns) }
            let names = services.filter { $0.key.namespace == ns }.map(\.key.name)
            return .noSuchService(namespace: ns, name: String(parts[0]), existing: names)
        }
        return .unqualifiedHost(host: host)
    }

    private func portFact(_ entry: ServicePortEntry) -> ExplanationFact {
        let p = entry.port
        return .port(
            number: p.port, transport: p.transport, name: p.name, targetPort: p.targetPort?.description ?? "\(p.port)",
            protocol: entry.protocolInfo.kind, because: entry.protocolInfo.because)
    }

    private func endpointFacts(_ service: ServiceEntry, portIndex: Int) -> [ExplanationFact] {
        if service.endpoints.isEmpty { return [.noEndpointPods(selector: service.selector.description)] }
        return service.endpoints.prefix(3).map { ep in
            .endpoint(
                pod: ep.podName, serviceAccount: identities[Int(ep.identity)], meshed: ep.meshed,
                listeningOn: targetPort(ep, portIndex: portIndex), echoServers: echoServers(ep))
        } + (service.endpoints.count > 3 ? [.moreEndpoints(count: service.endpoints.count - 3)] : [])
    }

    func meshConfigFact() -> ExplanationFact {
        guard let config = cluster.meshConfig else { return .noMeshConfig }
        return .meshConfig(key: config.meta.key, permissive: config.permissiveTrafficPolicyMode, egress: config.egress)
    }

    /// TrafficTargets that concern this destination identity: which apply, and which are
    /// ignored and why (what an operator needs to see when a policy "does nothing").
    private func smiFacts(client: Workload, endpoint: Endpoint?) -> [ExplanationFact] {
        guard let endpoint else { return [] }
        let dst = identities[Int(endpoint.identity)]
        let src = identities[Int(client.identity)]
        var facts: [ExplanationFact] = []
        for key in targetsByDestination[endpoint.identity] ?? [] {
            guard let target = cluster.trafficTargets[key] else { continue }
            let sources = target.sources.map { "\($0.namespace)/\($0.name)" }
            if let ignored = ignoredTargets[key] {
                facts.append(.ignoredTrafficTarget(key: target.meta.key, sources: sources, because: ignored))
            } else if let active = activeTargetIndex[target.meta.key].map({ activeTargets[$0] }) {
                let names = target.sources.contains { $0.namespace == src.namespace && $0.name == src.name }
                facts.append(
                    .trafficTarget(
                        key: target.meta.key, destination: dst, sources: sources, source: src, includesSource: names,
                        rules: target.rules, ports: active.ports))
            }
        }
        if facts.isEmpty { facts.append(.noTrafficTarget(destination: dst)) }
        return facts
    }
}
