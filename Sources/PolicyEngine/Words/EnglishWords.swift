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
        }
    }

    package func fact(_ fact: ExplanationFact) -> String {
        switch fact {
        case .source(let workload, let pods, let serviceAccount, let sidecar):
            "source: deployment \(workload), "
                + (pods.count == 1 ? "pod \(pods[0])" : "\(pods.count) pods (\(pods.first ?? ""), …)")
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
        case .port(let number, let transport, let name, let targetPort, let kind, let because):
            "port: \(number)/\(transport)\(name.map { " '\($0)'" } ?? "") → targetPort \(targetPort), protocol \(kind.rawValue) (\(protocolBecause(because)))"
        case .endpoint(let pod, let serviceAccount, let meshed, let listeningOn):
            "endpoint: pod \(pod), ServiceAccount \(serviceAccount), " + (meshed ? "sidecar injected" : "no sidecar")
                + (listeningOn.map { ", listening on \($0)" } ?? ", no such named port")
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
        case .enableEgress:
            "enable egress (spec.traffic.enableEgress: true) or add the destination's namespace to the mesh"
        case .applyTrafficTarget(let destination, let source, let port):
            // pkg/validator/validators.go: a TrafficTarget must live in its destination's namespace.
            "apply a TrafficTarget in namespace \(destination?.namespace ?? "?") with destination ServiceAccount \(destination?.description ?? "?"), "
                + "source ServiceAccount \(source) and a TCPRoute rule matching port \(port) (or turn permissive mode on)"
        case .addPortToRoute(let port):
            "add port \(port) to the TCPRoute's spec.matches.ports"
        case .setAppProtocolTCP(let service, let port):
            "set 'appProtocol: tcp' on port \(port) of Service \(service) (or name the port 'tcp-…')"
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
        case .routeMissing(let kind, let route):
            "\(kind) \(route) does not exist (routes are looked up in the TrafficTarget's own namespace)"
        }
    }

    /// pkg/k8s/client.go (ServiceToMeshServices): appProtocol, else the port name's prefix, else HTTP.
    package func protocolBecause(_ because: PortProtocol.Because) -> String {
        switch because {
        case .appProtocol(let app):
            "appProtocol: \(app)"
        case .unknownAppProtocol(let app):
            "appProtocol '\(app)' is not one OSM knows (tcp, tcp-server-first, http, grpc), so HTTP is assumed"
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

    // MARK: Reading a summary back

    /// The summary code an English summary of `verdict` was made from, or nil when `text` is
    /// not one (a data-plane sentence: a refused app, a timeout, a lost tunnel). The data plane
    /// keeps only the English of its probes' reasons; this lets a front end say them again in
    /// another language, with the TrafficTarget named as it was when the probe ran.
    package func summaryCode(of text: String, for verdict: Verdict) -> VerdictSummary? {
        let code: VerdictSummary?
        switch verdict.reason {
        case .unknownSource: code = .unknownSource
        case .unknownHost: code = .unknownHost
        case .noSuchPort: code = .noSuchPort
        case .notTCP: code = .notTCP
        case .noEndpoints: code = .noEndpoints
        case .plaintextToMeshed: code = .plaintextToMeshed
        case .egressDisabled: code = .egressDisabled
        case .egressAllowed: code = .egressAllowed
        case .noMesh: code = .noMesh
        case .permissive: code = .permissive(httpPort: verdict.httpPort)
        case .smiNoTrafficTarget: code = .smiNoTrafficTarget
        case .smiAllowed:
            var rest = Substring(text)
            if verdict.httpPort, rest.hasSuffix(Self.httpNote) { rest = rest.dropLast(Self.httpNote.count) }
            code = Self.target(in: rest, before: "").map { .smiAllowed(target: $0, httpPort: verdict.httpPort) }
        case .smiPortNotAllowed:
            code = Self.target(in: Substring(text), before: " does not allow this port").map { .smiPortNotAllowed(target: $0) }
        }
        guard let code, summary(code) == text else { return nil }
        return code
    }

    /// `ns/name` from `TrafficTarget ns/name<suffix>`.
    private static func target(in text: Substring, before suffix: String) -> ObjectKey? {
        let prefix = "TrafficTarget "
        guard text.hasPrefix(prefix), text.hasSuffix(suffix) else { return nil }
        let key = text.dropFirst(prefix.count).dropLast(suffix.count)
        guard let slash = key.firstIndex(of: "/") else { return nil }
        return ObjectKey(namespace: String(key[..<slash]), name: String(key[key.index(after: slash)...]))
    }

    static func list(_ ports: [Int]) -> String { ports.map(String.init).joined(separator: ", ") }

    static func rules(_ rules: [TrafficTargetRule]) -> String {
        rules.map { "\($0.kind) \($0.name)" }.joined(separator: ", ")
    }
}
