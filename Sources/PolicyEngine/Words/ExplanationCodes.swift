import MeshModel

// What an explanation says, as codes with their values and no words: a catalogue per language
// (`ExplanationWords`) turns each into a sentence. Adding a reason, fact or fix is a case here;
// the compiler then asks for its `Kind` (the language-neutral code in JSON), its words in every
// catalogue (each a switch without default) and its example in the tests, which render every
// case in every language.
//
// Values are what the cluster holds (names, ports, commands, YAML keys): catalogues show them
// as they are, and the terminal front ends escape them.

/// The one-line reason of an explanation.
package enum ExplanationReason: Sendable, Hashable {
    /// The source workload is gone while its sidecar still asks (the data plane meets it).
    case unknownSource
    case unknownHost(host: String)
    /// `exposed`: the Service's ports as `9000/TCP`.
    case noSuchPort(service: ObjectKey, port: Int, exposed: [String])
    case notTCP(service: ObjectKey, port: Int, transport: String)
    /// A named targetPort the chosen pod does not declare.
    case namedPortMissing(pod: String, portName: String)
    /// `selector`: `app=tcp-echo`, empty when the Service has none.
    case noEndpoints(service: ObjectKey, selector: String)
    /// `destinationPod`: nil when no endpoint was chosen.
    case plaintextToMeshed(source: ObjectKey, destinationPod: String?)
    case egressDisabled
    case egressAllowed
    case noMesh
    case permissive
    case smiAllowed(target: ObjectKey, serviceAccount: ObjectKey, port: Int)
    /// `destination`: the destination pods' ServiceAccount, nil when no endpoint was chosen.
    case smiNoTrafficTarget(serviceAccount: ObjectKey, destination: ObjectKey?)
    /// `allowed`: the ports the TrafficTarget's routes allow (nil: every port).
    case smiPortNotAllowed(target: ObjectKey, serviceAccount: ObjectKey, allowed: [Int]?, port: Int)

    /// The language-neutral code (`reasonCode` in JSON).
    package enum Kind: String, Sendable, CaseIterable {
        case unknownSource, unknownHost, noSuchPort, notTCP, namedPortMissing, noEndpoints, plaintextToMeshed
        case egressDisabled, egressAllowed, noMesh, permissive, smiAllowed, smiNoTrafficTarget, smiPortNotAllowed
    }

    package var kind: Kind {
        switch self {
        case .unknownSource: .unknownSource
        case .unknownHost: .unknownHost
        case .noSuchPort: .noSuchPort
        case .notTCP: .notTCP
        case .namedPortMissing: .namedPortMissing
        case .noEndpoints: .noEndpoints
        case .plaintextToMeshed: .plaintextToMeshed
        case .egressDisabled: .egressDisabled
        case .egressAllowed: .egressAllowed
        case .noMesh: .noMesh
        case .permissive: .permissive
        case .smiAllowed: .smiAllowed
        case .smiNoTrafficTarget: .smiNoTrafficTarget
        case .smiPortNotAllowed: .smiPortNotAllowed
        }
    }
}

/// One fact in the chain behind a verdict.
package enum ExplanationFact: Sendable, Hashable {
    /// The source workload: its pods (at least one), ServiceAccount and sidecar decision.
    case source(workload: ObjectKey, pods: [String], serviceAccount: ObjectKey, sidecar: SidecarDecision)
    // The destination name.
    case resolved(host: String, service: ObjectKey, clusterIP: String?)
    case noSuchNamespace(namespace: String)
    /// `existing`: the names of the Services the namespace does have.
    case noSuchService(namespace: String, name: String, existing: [String])
    /// Neither `svc.ns`, a Service of the source's namespace, nor a ClusterIP.
    case unqualifiedHost(host: String)
    /// The Service port: `name` as declared, `targetPort` as written (or the port), and the
    /// protocol the mesh gives it and why.
    case port(
        number: Int, transport: String, name: String?, targetPort: String, protocol: PortProtocol.Kind,
        because: PortProtocol.Because)
    /// `listeningOn`: the port the pod listens on, nil when a named targetPort is not declared.
    case endpoint(pod: String, serviceAccount: ObjectKey, meshed: Bool, listeningOn: Int?)
    /// `selector`: empty when the Service has none.
    case noEndpointPods(selector: String)
    /// Endpoints beyond the ones listed.
    case moreEndpoints(count: Int)
    case meshConfig(key: ObjectKey, permissive: Bool, egress: Bool)
    /// No MeshConfig: the CRD defaults (permissive off, egress off).
    case noMeshConfig
    /// A TrafficTarget whose destination is the destination's ServiceAccount: whether it lists
    /// the source, and the ports its routes allow (nil: every port).
    case trafficTarget(
        key: ObjectKey, destination: ObjectKey, sources: [String], source: ObjectKey, includesSource: Bool,
        rules: [TrafficTargetRule], ports: [Int]?)
    case ignoredTrafficTarget(key: ObjectKey, sources: [String], because: TrafficTargetIgnored)
    case noTrafficTarget(destination: ObjectKey)
    /// SMI denial with egress on: the client sidecar passes it on in plaintext; the server refuses.
    case egressPassthrough
    /// SMI denial with egress off: the client sidecar has no route and closes the connection.
    case noRouteEgressOff
    /// An HTTP port: raw TCP gets `HTTP/1.1 400 Bad Request` from the client sidecar.
    case httpPort(port: Int, because: PortProtocol.Because)

    /// The language-neutral code (`factCodes` in JSON).
    package enum Kind: String, Sendable, CaseIterable {
        case source, resolved, noSuchNamespace, noSuchService, unqualifiedHost, port, endpoint, noEndpointPods
        case moreEndpoints, meshConfig, noMeshConfig, trafficTarget, ignoredTrafficTarget, noTrafficTarget
        case egressPassthrough, noRouteEgressOff, httpPort
    }

    package var kind: Kind {
        switch self {
        case .source: .source
        case .resolved: .resolved
        case .noSuchNamespace: .noSuchNamespace
        case .noSuchService: .noSuchService
        case .unqualifiedHost: .unqualifiedHost
        case .port: .port
        case .endpoint: .endpoint
        case .noEndpointPods: .noEndpointPods
        case .moreEndpoints: .moreEndpoints
        case .meshConfig: .meshConfig
        case .noMeshConfig: .noMeshConfig
        case .trafficTarget: .trafficTarget
        case .ignoredTrafficTarget: .ignoredTrafficTarget
        case .noTrafficTarget: .noTrafficTarget
        case .egressPassthrough: .egressPassthrough
        case .noRouteEgressOff: .noRouteEgressOff
        case .httpPort: .httpPort
        }
    }
}

/// What would make a denied connection work, or fix a warning.
package enum ExplanationFix: Sendable, Hashable {
    case useServiceName
    case probeExposedPort(exposed: [String])
    case nameContainerPort(portName: String)
    case deployMatchingPods
    case addNamespaceToMesh(namespace: String)
    case enableEgress
    /// `destination`: nil when no endpoint was chosen.
    case applyTrafficTarget(destination: ObjectKey?, source: ObjectKey, port: Int)
    case addPortToRoute(port: Int)
    case setAppProtocolTCP(service: ObjectKey, port: Int)

    /// The language-neutral code (`fixCode` in JSON).
    package enum Kind: String, Sendable, CaseIterable {
        case useServiceName, probeExposedPort, nameContainerPort, deployMatchingPods, addNamespaceToMesh
        case enableEgress, applyTrafficTarget, addPortToRoute, setAppProtocolTCP
    }

    package var kind: Kind {
        switch self {
        case .useServiceName: .useServiceName
        case .probeExposedPort: .probeExposedPort
        case .nameContainerPort: .nameContainerPort
        case .deployMatchingPods: .deployMatchingPods
        case .addNamespaceToMesh: .addNamespaceToMesh
        case .enableEgress: .enableEgress
        case .applyTrafficTarget: .applyTrafficTarget
        case .addPortToRoute: .addPortToRoute
        case .setAppProtocolTCP: .setAppProtocolTCP
        }
    }
}

/// The short reason of a verdict: probe results, the dashboard's log, the matrix.
package enum VerdictSummary: Sendable, Hashable {
    case unknownSource, unknownHost, noSuchPort, notTCP, noEndpoints, plaintextToMeshed
    case egressDisabled, egressAllowed, noMesh
    case permissive(httpPort: Bool)
    case smiAllowed(target: ObjectKey, httpPort: Bool)
    case smiNoTrafficTarget
    case smiPortNotAllowed(target: ObjectKey)

    package enum Kind: String, Sendable, CaseIterable {
        case unknownSource, unknownHost, noSuchPort, notTCP, noEndpoints, plaintextToMeshed
        case egressDisabled, egressAllowed, noMesh, permissive, smiAllowed, smiNoTrafficTarget, smiPortNotAllowed
    }

    package var kind: Kind {
        switch self {
        case .unknownSource: .unknownSource
        case .unknownHost: .unknownHost
        case .noSuchPort: .noSuchPort
        case .notTCP: .notTCP
        case .noEndpoints: .noEndpoints
        case .plaintextToMeshed: .plaintextToMeshed
        case .egressDisabled: .egressDisabled
        case .egressAllowed: .egressAllowed
        case .noMesh: .noMesh
        case .permissive: .permissive
        case .smiAllowed: .smiAllowed
        case .smiNoTrafficTarget: .smiNoTrafficTarget
        case .smiPortNotAllowed: .smiPortNotAllowed
        }
    }
}

/// Why OSM drops a TrafficTarget, silently (MeshDeck says which).
package enum TrafficTargetIgnored: Sendable, Hashable {
    case namespaceNotInMesh(namespace: String)
    case noRules
    /// A rule of another kind than TCPRoute or HTTPRouteGroup.
    case badRuleKind(kind: String)
    /// A rule naming a route that does not exist in the TrafficTarget's namespace.
    case routeMissing(kind: String, route: ObjectKey)

    package enum Kind: String, Sendable, CaseIterable {
        case namespaceNotInMesh, noRules, badRuleKind, routeMissing
    }

    package var kind: Kind {
        switch self {
        case .namespaceNotInMesh: .namespaceNotInMesh
        case .noRules: .noRules
        case .badRuleKind: .badRuleKind
        case .routeMissing: .routeMissing
        }
    }
}

/// The words around the values: the labels of `explain` and of the dashboard's popup.
package enum ExplanationLabel: Sendable, Hashable, CaseIterable {
    /// `where:`, `reason:`, `facts:`, `fix:`.
    case `where`, reason, facts, fix
    /// Before what `nc` prints in the pod: `nc in the pod prints:`.
    case clientPrints
    /// The dashboard's popup: the probe as it happened, its reply, the policy in force now.
    case probe, reply, policyNow
}
