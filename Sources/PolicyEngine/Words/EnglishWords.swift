import MeshModel

/// English: `explain`'s words, the JSON/YAML values and the data plane's probe reasons.
/// `Tests/Fixtures/explain-english.txt` holds every sentence the samples meet; change one only
/// on purpose.
package struct EnglishWords: ExplanationWords {
    package init() {}

    package func reason(_ reason: ExplanationReason) -> String {
        switch reason {
        case .unknownSource:
            "the source workload no longer exists (deleted or scaled to zero), so its sidecar has no route for the connection"
        case .unknownHost(let host):
            "'\(host)' does not resolve to any Service"
        case .noSuchPort(let service, let port, let exposed):
            "Service \(service) has no port \(port) (it exposes \(exposed.joined(separator: ", ")))"
        case .notTCP(let service, let port, let transport):
            "port \(port) of Service \(service) is \(transport), and nc speaks TCP"
        case .namedPortMissing(let pod, let portName):
            "pod \(pod) declares no container port named '\(portName)'"
        case .noEndpoints(let service, let selector):
            "Service \(service) has no endpoints: no running pod matches selector \(selector.isEmpty ? "(none)" : selector)"
        case .plaintextToMeshed(let source, let pod):
            // pkg/envoy/lds/inmesh.go: inbound filter chains match only mTLS with the mesh's ALPN.
            "\(source) has no sidecar, so it connects in plaintext; the sidecar of \(pod ?? "the destination") accepts only mTLS from the mesh"
        case .egressDisabled:
            // pkg/envoy/lds/listener.go: without egress there is no passthrough filter chain.
            "the destination is outside the mesh and egress is disabled, so the client sidecar has no route to it"
        case .egressAllowed:
            "the destination is outside the mesh; egress is enabled, so the client sidecar passes the connection through"
        case .noMesh:
            "neither pod has a sidecar: plain Kubernetes networking, no mesh policy applies"
        case .permissive:
            "permissive traffic policy mode is on: every meshed workload may reach every meshed service"
        case .smiAllowed(let target, let serviceAccount, let port):
            "TrafficTarget \(target) allows ServiceAccount \(serviceAccount) on port \(port)"
        case .smiNoTrafficTarget(let serviceAccount, let destination):
            // pkg/envoy/lds/rbac.go: in SMI mode only the principals of a TrafficTarget are allowed.
            "SMI mode (permissive off) and no TrafficTarget lets ServiceAccount \(serviceAccount) reach ServiceAccount \(destination?.description ?? "?")"
        case .smiPortNotAllowed(let target, let serviceAccount, let allowed, let port):
            // pkg/catalog/traffictarget.go: the ports of a TrafficTarget's TCPRoutes, OR'ed.
            "TrafficTarget \(target) names ServiceAccount \(serviceAccount), but its routes allow only port(s) \(allowed.map(Self.list) ?? "any"), not \(port)"
        case .egressPolicy(let egress, let serviceAccount, let port, let proto, let ranges):
            // pkg/catalog/egress.go: an Egress policy opens its ports to its sources with egress off.
            "the destination is outside the mesh and egress is off, but Egress \(egress) lets ServiceAccount "
                + "\(serviceAccount) reach port \(port) (\(proto)"
                + (ranges.isEmpty ? ", any address)" : " to \(ranges.joined(separator: ", ")))")
        case .sidecarBypassed(let source, let outbound, let pod, let inbound):
            // pkg/injector/iptables.go: excluded traffic never enters the sidecar.
            "excluded from interception: "
                + [
                    outbound.map { "it leaves \(source) without its sidecar (\(match($0)))" },
                    inbound.map { "it reaches the app of \(pod ?? "the destination") without its sidecar (\(match($0)))" },
                ].compactMap { $0 }.joined(separator: ", and ") + "; no sidecar is in the way"
        case .bypassedToMeshed(let source, let outbound, let pod):
            "\(source)'s sidecar is bypassed (\(outbound.map(match) ?? "an outbound exclusion")), so the connection leaves in plaintext; "
                + "the sidecar of \(pod ?? "the destination") accepts only mTLS from the mesh"
        case .inboundBypassedMTLS(let port, let pod, let inbound):
            "port \(port) of \(pod ?? "the destination") bypasses its sidecar (\(inbound.map(match) ?? "an inbound exclusion")), "
                + "so the client sidecar's mTLS reaches the app itself and the handshake never completes"
        case .unsupportedProtocol(let service, let port, let app, let egress):
            // pkg/envoy/lds/inmesh.go: no filter chain for an unknown protocol.
            "port \(port) of Service \(service) has appProtocol '\(app)', which OSM does not know, so neither sidecar builds a filter chain for it"
                + (egress
                    ? ": the client sidecar passes it through in plaintext and the server sidecar refuses it"
                    : ": the client sidecar has no route and closes the connection")
        case .nothingListens(let pod, let listening, let targetPort):
            "pod \(pod ?? "?") listens on \(Self.list(listening)), not on target port \(targetPort), so the connection is refused"
        case .ingressBackend(let ingress, let backend, let port, let proto, let sourceIP):
            // pkg/catalog/ingress.go, pkg/envoy/lds/ingress.go: the ingress filter chain.
            "the source has no sidecar, but IngressBackend \(ingress) lets its address \(sourceIP) reach \(backend) on port \(port) (\(proto))"
                + (proto == "http" ? ": the server sidecar takes plaintext HTTP, so raw TCP meets its 400 Bad Request" : "")
        case .ingressNeedsTLS(let ingress, let backend, let port):
            "IngressBackend \(ingress) serves \(backend) on port \(port) as https: the server sidecar's ingress chain takes only TLS, and raw TCP is not"
        }
    }

    /// The exclusion a connection matched, and where it comes from.
    func match(_ match: ExclusionMatch) -> String {
        switch match {
        case .port(let port, let origin): "port \(port) is in \(self.origin(origin))"
        case .address(let ip, let range, let origin): "\(ip) is in \(range), from \(self.origin(origin))"
        }
    }

    func origin(_ origin: PodExclusions.Origin) -> String {
        switch origin {
        case .meshConfig(let key, let field): "MeshConfig \(key) spec.traffic.\(field)"
        case .podAnnotation(let key): "pod annotation \(key)"
        }
    }

    package func fact(_ fact: ExplanationFact) -> String {
        switch fact {
        case .source(let kind, let workload, let pods, let serviceAccount, let sidecar):
            "source: \(kind.rawValue.lowercased()) \(workload), "
                + (kind == .pod
                    ? "its own pod" : pods.count == 1 ? "pod \(pods[0])" : "\(pods.count) pods (\(pods.first ?? ""), …)")
                + ", ServiceAccount \(serviceAccount), " + (sidecar.injected ? "sidecar injected" : "no sidecar")
                + " (\(self.sidecar(sidecar)))"
        case .resolved(let host, let service, let clusterIP):
            "destination: \(host) resolves to Service \(service) (ClusterIP \(clusterIP ?? "none"))"
        case .noSuchNamespace(let namespace):
            "destination: there is no namespace '\(namespace)'"
        case .noSuchService(let namespace, let name, let existing):
            "destination: namespace \(namespace) has no Service '\(name)'"
                + (existing.isEmpty ? " (it has none)" : " (it has: \(existing.joined(separator: ", ")))")
        case .unqualifiedHost(let host):
            "destination: '\(host)' is neither SERVICE.NAMESPACE, a Service in the source's namespace, nor a ClusterIP"
        case .internet(let host, let address):
            (host == address
                ? "destination: \(host) is an address outside the cluster"
                : "destination: \(host) is outside the cluster; the pod's DNS resolves it to \(address)")
                + " (MeshDeck's stand-in for the internet answers there as an echo server)"
        case .port(let number, let transport, let name, let targetPort, let kind, let because):
            "port: \(number)/\(transport)\(name.map { " '\($0)'" } ?? "") → targetPort \(targetPort), protocol \(kind.rawValue) (\(protocolBecause(because)))"
        case .endpoint(let pod, let serviceAccount, let meshed, let listeningOn, let echoServers):
            // Where the pod's echo servers listen is what the data plane starts (Pod.listeningPorts).
            "endpoint: pod \(pod), ServiceAccount \(serviceAccount), " + (meshed ? "sidecar injected" : "no sidecar")
                + (listeningOn.map { port in
                    echoServers.contains(port)
                        ? ", listening on \(port)"
                        : echoServers.isEmpty
                            ? ", target port \(port), but it runs no tcp-echo-server, so nothing answers there"
                            : ", target port \(port), but nothing listens there (its echo servers listen on \(Self.list(echoServers)))"
                } ?? ", no such named port")
        case .noEndpointPods(let selector):
            "endpoints: none (selector \(selector.isEmpty ? "none" : selector) matches no running pod)"
        case .moreEndpoints(let count):
            "endpoints: \(count) more"
        case .meshConfig(let key, let permissive, let egress):
            "MeshConfig \(key): enablePermissiveTrafficPolicyMode: \(permissive), enableEgress: \(egress)"
        case .noMeshConfig:
            // cmd/osm-bootstrap/crds/config_meshconfig.yaml gives both no default: absent is false.
            "MeshConfig: none (osm-system/osm-mesh-config missing), so CRD defaults apply: permissive off, egress off"
        case .trafficTarget(let key, let destination, let sources, let source, let includes, let rules, let ports):
            "TrafficTarget \(key): destination \(destination), sources \(sources.joined(separator: ", ")) "
                + (includes ? "(includes \(source))" : "(does not include \(source))")
                + ", rules \(Self.rules(rules)), ports \(ports.map(Self.list) ?? "any port")"
        case .ignoredTrafficTarget(let key, let sources, let because):
            "TrafficTarget \(key) (sources \(sources.joined(separator: ", "))) is IGNORED: \(ignored(because))"
        case .noTrafficTarget(let destination):
            "no TrafficTarget has destination ServiceAccount \(destination)"
        case .egressPassthrough:
            // pkg/catalog/outbound_traffic_policies.go (no route without a TrafficTarget) and
            // pkg/envoy/lds/listener.go (the passthrough chain when egress is on).
            "with no mesh route, the client sidecar passes the connection through as egress, in plaintext; the server sidecar refuses it (mTLS only)"
        case .noRouteEgressOff:
            "the client sidecar has no route to this service and egress is off, so it closes the connection"
        case .httpPort(let port, let because):
            "port \(port) is HTTP to the mesh (\(protocolBecause(because))): the client sidecar answers a raw TCP message with 'HTTP/1.1 400 Bad Request'"
        case .mutualTLS(let client, let server):
            "mTLS between the sidecars: the client presents \(ExplanationFact.certificateName(client)) and verifies the server is \(ExplanationFact.certificateName(server)); the server verifies the client's certificate against the mesh root and decides on that identity"
        case .certificateValidity(let identity, let seconds):
            seconds > 0
                ? "the certificate of \(ExplanationFact.certificateName(identity)) is valid for \(Self.duration(seconds)) more (renewed before it expires)"
                : "the certificate of \(ExplanationFact.certificateName(identity)) has expired: its sidecar's next connection fails the TLS handshake (certificate expired)"
        case .routeButNoRBAC:
            // pkg/catalog/outbound_traffic_policies.go (the route) and pkg/envoy/lds/rbac.go (RBAC).
            "the client sidecar has a route (a valid TrafficTarget names the source), but no TrafficTarget in the server sidecar's RBAC allows it"
        case .podRefused(let kind, let workload, let refusal):
            "\(kind.rawValue.lowercased()) \(workload) has no pod: creating it fails with \(refusal)"
        case .noEgressPolicy(let serviceAccount):
            "egress policy: no Egress names ServiceAccount \(serviceAccount)"
        case .egressPolicyFlagOff:
            "egress policy: featureFlags.enableEgressPolicy is false, so Egress policies are not read"
        case .egressPolicyMismatch(let egress, let serviceAccount, let ports, let addresses, let ignored):
            "Egress \(egress) names \(serviceAccount): ports \(ports.joined(separator: ", ")), "
                + (addresses.isEmpty ? "any address" : addresses.joined(separator: ", "))
                + (ignored ? " (IGNORED: its namespace is not in the mesh)" : "") + "; none matches this address and port"
        case .trafficSplit(let key, let apex, let backends):
            "TrafficSplit \(key): apex Service \(apex) → "
                + backends.map { "\($0.service) weight \($0.weight)" }.joined(separator: ", ")
        case .ignoredTrafficSplit(let key, let because):
            "TrafficSplit \(key) is IGNORED: \(splitIgnored(because))"
        case .splitBackendsMissing(let key, let missing):
            "TrafficSplit \(key): backend Service(s) \(missing.joined(separator: ", ")) do not exist and get no traffic"
        case .splitBackend(let backend, let pod):
            "split: this connection goes to backend \(backend) (pod \(pod)); the backend's sidecar and TrafficTargets decide"
        case .splitSourceUnmeshed(let source):
            "split: \(source) has no sidecar, so no TrafficSplit applies: kube-proxy picks one of the apex's own endpoints"
        case .splitNoBackend:
            "split: no backend with weight above 0 serves this port and has a running pod"
        case .splitNoRoute(let serviceAccount):
            "split: not applied, as the client sidecar has no route to the apex (no TrafficTarget lets \(serviceAccount) reach its pods)"
        case .shownKind(let kind, let key, let service):
            // MeshModel's own words (`kubectl get` says them too).
            "\(kind.rawValue) \(key) names \(service): \(kind.notActedOn ?? "")"
        case .ingressChain(let key, let backend, let port, let proto, let sources, let sourceIP, let matches):
            "IngressBackend \(key): \(backend) port \(port) (\(proto)) from "
                + (sources.isEmpty ? "any source" : sources.joined(separator: ", "))
                + (matches
                    ? "; the source's address \(sourceIP) matches" : "; the source's address \(sourceIP) is not among them")
        }
    }

    package func fix(_ fix: ExplanationFix) -> String {
        switch fix {
        case .useServiceName:
            "use SERVICE.NAMESPACE (for example tcp-echo.tcp-demo), SERVICE.NAMESPACE.svc.cluster.local or a ClusterIP"
        case .probeExposedPort(let exposed):
            "probe one of its ports: \(exposed.joined(separator: ", "))"
        case .nameContainerPort(let portName):
            "name a container port '\(portName)' or use a numeric targetPort"
        case .deployMatchingPods:
            "deploy (or scale up) pods whose labels match the Service's selector"
        case .addNamespaceToMesh(let namespace):
            // pkg/injector/webhook.go: sidecars are injected only when a pod is created.
            "add namespace \(namespace) to the mesh (osm namespace add \(namespace)) and restart its pods"
        case .enableEgress(let serviceAccount, let policyFlagOff):
            "enable egress (spec.traffic.enableEgress: true), apply an Egress policy with source ServiceAccount \(serviceAccount) "
                + "and the destination's port and address"
                + (policyFlagOff ? " (and featureFlags.enableEgressPolicy: true)" : "")
                + ", or add the destination's namespace to the mesh"
        case .enableEgressToInternet(let serviceAccount, let policyFlagOff):
            "enable egress (spec.traffic.enableEgress: true), or apply an Egress policy with source ServiceAccount "
                + "\(serviceAccount) and the destination's host or IP range and port"
                + (policyFlagOff ? " (and featureFlags.enableEgressPolicy: true)" : "")
        case .applyTrafficTarget(let destination, let source, let port):
            // pkg/validator/validators.go: a TrafficTarget must live in its destination's namespace.
            "apply a TrafficTarget in namespace \(destination?.namespace ?? "?") with destination ServiceAccount \(destination?.description ?? "?"), "
                + "source ServiceAccount \(source) and a TCPRoute rule matching port \(port) (or turn permissive mode on)"
        case .addPortToRoute(let port):
            "add port \(port) to the TCPRoute's spec.matches.ports"
        case .setAppProtocolTCP(let service, let port):
            "set 'appProtocol: tcp' on port \(port) of Service \(service) (or name the port 'tcp-…')"
        case .removeOutboundExclusion(let targetPort):
            "remove the outbound exclusion, or exclude the destination's port \(targetPort) from its inbound interception too"
        case .removeInboundExclusion(let source):
            "remove the inbound exclusion, or exclude the port from \(source)'s outbound interception too (then it travels in plaintext)"
        case .setKnownAppProtocol(let service, let port):
            "set appProtocol to tcp (or tcp-server-first, http, grpc) on port \(port) of Service \(service)"
        case .matchTargetPort(let listening, let targetPort):
            "point the Service's targetPort at \(Self.list(listening)), or run the server with --port \(targetPort)"
        }
    }

    package func summary(_ summary: VerdictSummary) -> String {
        switch summary {
        case .unknownSource: "source workload no longer exists"
        case .unknownHost: "name does not resolve"
        case .noSuchPort: "service has no such port"
        case .notTCP: "port is not TCP"
        case .noEndpoints: "no endpoints"
        case .plaintextToMeshed: "source has no sidecar; destination accepts only mTLS"
        case .egressDisabled: "destination outside the mesh, egress disabled"
        case .egressAllowed: "destination outside the mesh, egress enabled"
        case .noMesh: "no sidecars: plain Kubernetes"
        case .permissive(let httpPort): "permissive mode" + (httpPort ? Self.httpNote : "")
        case .smiAllowed(let target, let httpPort): "TrafficTarget \(target)" + (httpPort ? Self.httpNote : "")
        case .smiNoTrafficTarget: "no TrafficTarget allows it"
        case .smiPortNotAllowed(let target): "TrafficTarget \(target) does not allow this port"
        case .egressPolicy: "destination outside the mesh, allowed by an Egress policy"
        case .sidecarBypassed: "excluded from interception: no sidecar in the way"
        case .bypassedToMeshed: "excluded from the source's sidecar: plaintext to a sidecar that takes only mTLS"
        case .inboundBypassedMTLS: "port excluded from the destination's sidecar: mTLS reaches the app"
        case .nothingListens: "nothing listens on the target port"
        case .ingressAllowed: "allowed by an IngressBackend (HTTP: raw TCP gets 400)"
        case .ingressNeedsTLS: "the IngressBackend's https chain takes only TLS"
        case .unsupportedProtocol: "appProtocol OSM does not know: no filter chain"
        }
    }

    static let httpNote = " (HTTP port: raw TCP gets 400)"

    /// pkg/catalog/traffictarget.go: what drops a TrafficTarget.
    package func ignored(_ why: TrafficTargetIgnored) -> String {
        switch why {
        case .namespaceNotInMesh(let namespace):
            "namespace \(namespace) is not in the mesh, so the mesh does not read its policies"
        case .noRules:
            "it has no rules"
        case .badRuleKind(let kind):
            "rule kind \(kind) is not TCPRoute or HTTPRouteGroup, which invalidates the whole TrafficTarget"
        case .routeMissing(let route):
            "TCPRoute \(route) does not exist (routes are looked up in the TrafficTarget's own namespace), "
                + "so the server sidecar's RBAC leaves it out; the client sidecar still has a route"
        }
    }

    package func splitIgnored(_ why: TrafficSplitIgnored) -> String {
        switch why {
        case .namespaceNotInMesh(let namespace):
            "namespace \(namespace) is not in the mesh, so the mesh does not read its TrafficSplits"
        case .apexMissing(let service):
            "its apex Service \(service) does not exist"
        case .alreadySplit(let first, let service):
            "TrafficSplit \(first) already splits \(service); OSM picks the first one"
        }
    }

    /// pkg/k8s/client.go (ServiceToMeshServices): appProtocol, else the port name's prefix, else HTTP.
    package func protocolBecause(_ because: PortProtocol.Because) -> String {
        switch because {
        case .appProtocol(let app):
            "appProtocol: \(app)"
        case .unknownAppProtocol(let app):
            "appProtocol '\(app)' is not one OSM knows (tcp, tcp-server-first, http, grpc), so its sidecars build no filter chain for it"
        case .namePrefix(let name, let prefix):
            "port name '\(name)' starts with '\(prefix)'"
        case .nameWithoutPrefix(let name):
            "no appProtocol, and port name '\(name)' has no tcp-/tcp-server-first-/http-/grpc- prefix, so HTTP is assumed"
        case .unnamed:
            "no appProtocol and no port name, so HTTP is assumed"
        }
    }

    /// MeshModel's own words (`kubectl get` and the walkthrough use them too).
    package func sidecar(_ decision: SidecarDecision) -> String { decision.reason }

    package func point(_ point: DecisionPoint) -> String { point.rawValue }

    package func verdict(_ word: String, at point: DecisionPoint) -> String { "\(word) at the \(point.rawValue)" }

    package func labelled(_ head: String, _ text: String) -> String { "\(head): \(text)" }

    package func label(_ label: ExplanationLabel, aligned: Bool) -> String {
        let word =
            switch label {
            case .where: "where:"
            case .reason: "reason:"
            case .facts: "facts:"
            case .fix: "fix:"
            case .clientPrints: "nc in the pod prints:"
            case .probe: "probe:"
            case .reply: "reply:"
            case .policyNow: "policy now:"
            }
        // `explain` lines its values up after the longest of where/reason/fix.
        return aligned && word.count < 8 ? word + String(repeating: " ", count: 8 - word.count) : word + " "
    }

    /// `23h59m`, `4m10s`, `12s`: how Go prints a duration, as MeshConfig writes validity.
    package static func duration(_ seconds: Int) -> String {
        let (h, m, s) = durationParts(seconds)
        if h > 0 { return "\(h)h\(m)m" }
        return m > 0 ? "\(m)m\(s)s" : "\(s)s"
    }

    /// Hours, minutes and seconds, as every language says a validity: past an hour, to the
    /// nearest minute (a certificate issued a moment ago for 24h shows 24 hours, 0 minutes).
    package static func durationParts(_ seconds: Int) -> (hours: Int, minutes: Int, seconds: Int) {
        guard seconds >= 3600 else { return (0, seconds / 60, seconds % 60) }
        let minutes = (seconds + 30) / 60
        return (minutes / 60, minutes % 60, 0)
    }

    static func list(_ ports: [Int]) -> String { ports.map(String.init).joined(separator: ", ") }

    static func rules(_ rules: [TrafficTargetRule]) -> String {
        rules.map { "\($0.kind) \($0.name)" }.joined(separator: ", ")
    }
}
