import MeshModel

/// A verdict in words: one line of reason, the chain of facts behind it, and what would
/// change it. Built only when someone asks (explain, the dashboard popup), never per probe.
package struct Explanation: Sendable {
    package var verdict: Verdict
    /// `curl/curl`
    package var from: String
    /// `tcp-echo.tcp-demo:9000`
    package var to: String
    package var reason: String
    package var facts: [String]
    /// What would make a denied connection work, or fix a warning.
    package var fix: String?
    /// What the client prints: `nc: bad address 'x'`, `command terminated with exit code 1`,
    /// or nil when the reply comes from the server.
    package var clientError: String?
}

extension PolicyIndex {
    package func explain(from source: Int, host: String, port: Int, endpoint: Int = 0) -> Explanation {
        let verdict = decide(from: source, host: host, port: port, endpoint: endpoint)
        let client = workloads[source]
        var facts = [sourceFact(client)]
        var e = Explanation(
            verdict: verdict, from: client.key.description, to: "\(host):\(port)", reason: "",
            facts: [], fix: nil,
            clientError: verdict.allowed ? nil : "command terminated with exit code 1")
        guard let serviceIndex = resolve(host: host, from: source) else {
            e.reason = "'\(host)' does not resolve to any Service"
            e.clientError = "nc: bad address '\(host)'"
            facts.append(unknownHostFact(host))
            e.fix = "use SERVICE.NAMESPACE (for example tcp-echo.tcp-demo), SERVICE.NAMESPACE.svc.cluster.local or a ClusterIP"
            e.facts = facts
            return e
        }
        let service = services[serviceIndex]
        facts.append("destination: \(host) resolves to Service \(service.key) (ClusterIP \(service.clusterIP ?? "none"))")
        guard let portIndex = service.ports.firstIndex(where: { $0.port.port == port }) else {
            let exposed = service.ports.map { "\($0.port.port)/\($0.port.transport)" }.joined(separator: ", ")
            e.reason = "Service \(service.key) has no port \(port) (it exposes \(exposed))"
            e.fix = "probe one of its ports: \(exposed)"
            e.facts = facts
            return e
        }
        let entry = service.ports[portIndex]
        facts.append(portFact(entry))
        let endpointFacts = self.endpointFacts(service, portIndex: portIndex)
        facts += endpointFacts
        facts.append(meshConfigFact())
        let taken = route(from: source, host: host, port: port, endpoint: endpoint)
        let (chosen, chosenPort) = chosenEndpoint(taken, service: service, portIndex: portIndex, endpoint: endpoint)
        facts += fidelityFacts(taken, client: client, service: service)

        switch verdict.reason {
        case .unknownHost, .noSuchPort:
            break  // handled above
        case .unknownSource:
            // Not met here (explain is asked about a workload that exists); the data plane meets
            // it when a sidecar outlives its workload, and says it in these words.
            e.reason =
                "the source workload no longer exists (deleted or scaled to zero), so its sidecar has no route for the connection"
        case .notTCP:
            e.reason = "port \(port) of Service \(service.key) is \(entry.port.transport), and nc speaks TCP"
        case .noEndpoints:
            if let chosen, targetPort(chosen, portIndex: chosenPort) == nil {
                e.reason = "pod \(chosen.podName) declares no container port named '\(entry.port.targetPort?.description ?? "")'"
                e.fix = "name a container port '\(entry.port.targetPort?.description ?? "")' or use a numeric targetPort"
            } else {
                e.reason =
                    "Service \(service.key) has no endpoints: no running pod matches selector \(service.selector.description.isEmpty ? "(none)" : service.selector.description)"
                e.fix = "deploy (or scale up) pods whose labels match the Service's selector"
            }
        case .plaintextToMeshed:
            e.reason =
                "\(client.key) has no sidecar, so it connects in plaintext; the sidecar of \(chosen?.podName ?? "the destination") accepts only mTLS from the mesh"
            e.fix =
                "add namespace \(client.key.namespace) to the mesh (osm namespace add \(client.key.namespace)) and restart its pods"
        case .egressDisabled:
            e.reason = "the destination is outside the mesh and egress is disabled, so the client sidecar has no route to it"
            e.fix = egressFix(client: client)
        case .egressAllowed:
            e.reason =
                "the destination is outside the mesh; egress is enabled, so the client sidecar passes the connection through"
        case .egressPolicy, .sidecarBypassed, .bypassedToMeshed, .inboundBypassedMTLS, .nothingListens, .unsupportedProtocol:
            (e.reason, e.fix) = fidelityReason(taken, client: client, endpoint: chosen, port: port)
        case .noMesh:
            e.reason = "neither pod has a sidecar: plain Kubernetes networking, no mesh policy applies"
        case .permissive:
            e.reason = "permissive traffic policy mode is on: every meshed workload may reach every meshed service"
        case .smiAllowed(let rule):
            let target = activeTargets[Int(rule)]
            e.reason =
                "TrafficTarget \(target.key) allows ServiceAccount \(identities[Int(client.identity)]) on port \(chosen.flatMap { targetPort($0, portIndex: chosenPort) } ?? port)"
            facts.append(contentsOf: smiFacts(client: client, endpoint: chosen))
        case .smiNoTrafficTarget:
            let dst = chosen.map { identities[Int($0.identity)].description } ?? "?"
            e.reason =
                "SMI mode (permissive off) and no TrafficTarget lets ServiceAccount \(identities[Int(client.identity)]) reach ServiceAccount \(dst)"
            facts.append(contentsOf: smiFacts(client: client, endpoint: chosen))
            facts.append(
                taken.path == .mesh
                    ? "the client sidecar has a route (a valid TrafficTarget names the source), but no TrafficTarget in the server sidecar's RBAC allows it"
                    : egress
                        ? "with no mesh route, the client sidecar passes the connection through as egress, in plaintext; the server sidecar refuses it (mTLS only)"
                        : "the client sidecar has no route to this service and egress is off, so it closes the connection")
            e.fix =
                "apply a TrafficTarget in namespace \(dst.split(separator: "/").first ?? "") with destination ServiceAccount \(dst), "
                + "source ServiceAccount \(identities[Int(client.identity)]) and a TCPRoute rule matching port \(chosen.flatMap { targetPort($0, portIndex: chosenPort) } ?? port)"
                + " (or turn permissive mode on)"
        case .smiPortNotAllowed(let rule):
            let target = activeTargets[Int(rule)]
            let allowed = target.ports?.map(String.init).joined(separator: ", ") ?? "any"
            let portOnPod = chosen.flatMap { targetPort($0, portIndex: chosenPort) } ?? port
            e.reason =
                "TrafficTarget \(target.key) names ServiceAccount \(identities[Int(client.identity)]), but its routes allow only port(s) \(allowed), not \(portOnPod)"
            facts.append(contentsOf: smiFacts(client: client, endpoint: chosen))
            e.fix = "add port \(portOnPod) to the TCPRoute's spec.matches.ports"
        }
        if verdict.httpPort {
            facts.append(
                "port \(port) is HTTP to the mesh (\(entry.protocolInfo.because)): the client sidecar answers a raw TCP message with 'HTTP/1.1 400 Bad Request'"
            )
            e.fix = "set 'appProtocol: tcp' on port \(port) of Service \(service.key) (or name the port 'tcp-…')"
        }
        e.facts = facts
        return e
    }

    private func sourceFact(_ w: Workload) -> String {
        let pods =
            w.kind == .pod
            ? "its own pod" : w.podNames.count == 1 ? "pod \(w.podNames[0])" : "\(w.podNames.count) pods (\(w.podNames[0]), …)"
        return "source: \(w.kind.rawValue.lowercased()) \(w.key), \(pods), ServiceAccount \(identities[Int(w.identity)]), "
            + (w.meshed ? "sidecar injected" : "no sidecar") + " (\(w.sidecar.reason))"
    }

    private func unknownHostFact(_ host: String) -> String {
        let parts = host.split(separator: ".")
        if parts.count >= 2 {
            let ns = String(parts[1])
            if cluster.namespaces[ns] == nil { return "destination: there is no namespace '\(ns)'" }
            let names = services.filter { $0.key.namespace == ns }.map(\.key.name)
            return "destination: namespace \(ns) has no Service '\(parts[0])'"
                + (names.isEmpty ? " (it has none)" : " (it has: \(names.joined(separator: ", ")))")
        }
        return "destination: '\(host)' is neither SERVICE.NAMESPACE, a Service in the source's namespace, nor a ClusterIP"
    }

    private func portFact(_ entry: ServicePortEntry) -> String {
        let p = entry.port
        let target = p.targetPort.map { "targetPort \($0)" } ?? "targetPort \(p.port)"
        return
            "port: \(p.port)/\(p.transport)\(p.name.map { " '\($0)'" } ?? "") → \(target), protocol \(entry.protocolInfo.kind.rawValue) (\(entry.protocolInfo.because))"
    }

    private func endpointFacts(_ service: ServiceEntry, portIndex: Int) -> [String] {
        if service.endpoints.isEmpty {
            return [
                "endpoints: none (selector \(service.selector.description.isEmpty ? "none" : service.selector.description) matches no running pod)"
            ]
        }
        return service.endpoints.prefix(3).map { ep in
            "endpoint: pod \(ep.podName), ServiceAccount \(identities[Int(ep.identity)]), "
                + (ep.meshed ? "sidecar injected" : "no sidecar")
                + (targetPort(ep, portIndex: portIndex).map { listeningWords(ep, targetPort: $0) } ?? ", no such named port")
        } + (service.endpoints.count > 3 ? ["endpoints: \(service.endpoints.count - 3) more"] : [])
    }

    private func meshConfigFact() -> String {
        guard let config = cluster.meshConfig else {
            return "MeshConfig: none (osm-system/osm-mesh-config missing), so CRD defaults apply: permissive off, egress off"
        }
        return
            "MeshConfig \(config.meta.key): enablePermissiveTrafficPolicyMode: \(config.permissiveTrafficPolicyMode), enableEgress: \(config.egress)"
    }

    /// TrafficTargets that concern this destination identity: which apply, and which are
    /// ignored and why (what an operator needs to see when a policy "does nothing").
    private func smiFacts(client: Workload, endpoint: Endpoint?) -> [String] {
        guard let endpoint else { return [] }
        let dst = identities[Int(endpoint.identity)]
        let src = identities[Int(client.identity)]
        var facts: [String] = []
        for position in targetsByDestination[endpoint.identity] ?? [] {
            let (target, ignored) = targetStatus[position]
            let names = target.sources.contains { $0.namespace == src.namespace && $0.name == src.name }
            let sources = target.sources.map { "\($0.namespace)/\($0.name)" }.joined(separator: ", ")
            let rules = target.rules.map { "\($0.kind) \($0.name)" }.joined(separator: ", ")
            if let ignored {
                facts.append("TrafficTarget \(target.meta.key) (sources \(sources)) is IGNORED: \(ignored)")
            } else if let active = activeTargetIndex[target.meta.key].map({ activeTargets[$0] }) {
                let ports = active.ports.map { $0.map(String.init).joined(separator: ", ") } ?? "any port"
                facts.append(
                    "TrafficTarget \(target.meta.key): destination \(dst), sources \(sources) "
                        + (names ? "(includes \(src))" : "(does not include \(src))") + ", rules \(rules), ports \(ports)")
            }
        }
        if facts.isEmpty { facts.append("no TrafficTarget has destination ServiceAccount \(dst)") }
        return facts
    }
}
