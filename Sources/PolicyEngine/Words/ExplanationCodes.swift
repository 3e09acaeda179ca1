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
    /// Egress off, and an Egress policy's rule lets the source reach the port: `protocol` as the
    /// policy writes it, `ranges` its CIDR ranges (empty: any address).
    case egressPolicy(egress: ObjectKey, serviceAccount: ObjectKey, port: Int, protocol: String, ranges: [String])
    /// An exclusion sent the connection past the sidecars (the source's outbound exclusion, the
    /// destination's inbound one, or both) and none that refuses it was in the way.
    case sidecarBypassed(
        source: ObjectKey, outbound: ExclusionMatch?, destinationPod: String?, inbound: ExclusionMatch?)
    /// The source's outbound exclusion sent plaintext to a sidecar that takes only mTLS.
    case bypassedToMeshed(source: ObjectKey, outbound: ExclusionMatch?, destinationPod: String?)
    /// The destination's inbound exclusion of `port` let the client sidecar's mTLS reach the app.
    case inboundBypassedMTLS(port: Int, destinationPod: String?, inbound: ExclusionMatch?)
    /// An appProtocol OSM does not know: no filter chain; `egress` says what the client sidecar
    /// does instead.
    case unsupportedProtocol(service: ObjectKey, port: Int, appProtocol: String, egress: Bool)
    /// The pod's echo servers listen on `listening`, not on `targetPort`.
    case nothingListens(pod: String?, listening: [Int], targetPort: Int)
    /// A source without a sidecar (`sourceIP`) matched IngressBackend `ingress`'s chain for
    /// `backend` on `port`: `http` (raw TCP then meets the sidecar's 400), or `https`, which
    /// takes only TLS (`tls` true: denied, raw TCP is not TLS).
    case ingressBackend(ingress: ObjectKey, backend: String, port: Int, protocol: String, sourceIP: String)
    case ingressNeedsTLS(ingress: ObjectKey, backend: String, port: Int)

    /// The language-neutral code (`reasonCode` in JSON).
    package enum Kind: String, Sendable, CaseIterable {
        case unknownSource, unknownHost, noSuchPort, notTCP, namedPortMissing, noEndpoints, plaintextToMeshed
        case egressDisabled, egressAllowed, noMesh, permissive, smiAllowed, smiNoTrafficTarget, smiPortNotAllowed
        case egressPolicy, sidecarBypassed, bypassedToMeshed, inboundBypassedMTLS, unsupportedProtocol, nothingListens
        case ingressBackend, ingressNeedsTLS
    }

    package var kind: Kind {
        switch self {
        case .ingressBackend: .ingressBackend
        case .ingressNeedsTLS: .ingressNeedsTLS
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
        case .egressPolicy: .egressPolicy
        case .sidecarBypassed: .sidecarBypassed
        case .bypassedToMeshed: .bypassedToMeshed
        case .inboundBypassedMTLS: .inboundBypassedMTLS
        case .unsupportedProtocol: .unsupportedProtocol
        case .nothingListens: .nothingListens
        }
    }
}

/// The exclusion a connection matched, with where it comes from.
package enum ExclusionMatch: Sendable, Hashable {
    /// The port is in an outbound or inbound port exclusion list.
    case port(Int, origin: PodExclusions.Origin)
    /// The ClusterIP is in an outbound IP range exclusion (`range` as CIDR).
    case address(String, range: String, origin: PodExclusions.Origin)
}

/// One fact in the chain behind a verdict.
package enum ExplanationFact: Sendable, Hashable {
    /// The source workload (a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or a bare
    /// Pod): its pods (at least one), ServiceAccount and sidecar decision.
    case source(
        kind: ResourceKind, workload: ObjectKey, pods: [String], serviceAccount: ObjectKey, sidecar: SidecarDecision)
    // The destination name.
    case resolved(host: String, service: ObjectKey, clusterIP: String?)
    case noSuchNamespace(namespace: String)
    /// `existing`: the names of the Services the namespace does have.
    case noSuchService(namespace: String, name: String, existing: [String])
    /// Neither `svc.ns`, a Service of the source's namespace, nor a ClusterIP.
    case unqualifiedHost(host: String)
    /// Outside the cluster: a name the upstream DNS answers (`address` is what it resolved to)
    /// or an address off the cluster's ranges (`address == host`); the data plane's stand-in
    /// for the internet answers it.
    case internet(host: String, address: String)
    /// The Service port: `name` as declared, `targetPort` as written (or the port), and the
    /// protocol the mesh gives it and why.
    case port(
        number: Int, transport: String, name: String?, targetPort: String, protocol: PortProtocol.Kind,
        because: PortProtocol.Because)
    /// `listeningOn`: the target port on the pod, nil when a named targetPort is not declared;
    /// `echoServers`: where the pod's echo servers listen (empty: it runs none).
    case endpoint(pod: String, serviceAccount: ObjectKey, meshed: Bool, listeningOn: Int?, echoServers: [Int])
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
    /// SMI denial with a client route: a valid TrafficTarget names the source, but none in the
    /// server sidecar's RBAC allows the connection.
    case routeButNoRBAC
    /// A workload the Service selects whose pods OSM's injector webhook refuses: `refusal` is
    /// what creating one prints (the API server's words, never translated).
    case podRefused(kind: ResourceKind, workload: ObjectKey, refusal: String)
    /// Egress off, no Egress policy names the source's ServiceAccount.
    case noEgressPolicy(serviceAccount: ObjectKey)
    /// Egress policies exist but `featureFlags.enableEgressPolicy` is false.
    case egressPolicyFlagOff
    /// An Egress policy naming the source that does not match: its ports (`80/http`), its
    /// addresses (empty: any), and whether its namespace is outside the mesh.
    case egressPolicyMismatch(
        egress: ObjectKey, serviceAccount: ObjectKey, ports: [String], addresses: [String], ignored: Bool)
    case trafficSplit(key: ObjectKey, apex: ObjectKey, backends: [TrafficSplitBackend])
    case ignoredTrafficSplit(key: ObjectKey, because: TrafficSplitIgnored)
    /// Backends a TrafficSplit names that do not exist.
    case splitBackendsMissing(key: ObjectKey, missing: [String])
    /// The backend this connection goes to, and the pod.
    case splitBackend(backend: ObjectKey, pod: String)
    /// No TrafficSplit applies to a source without a sidecar.
    case splitSourceUnmeshed(source: ObjectKey)
    case splitNoBackend
    /// The split is not applied: the client sidecar has no route to the apex.
    case splitNoRoute(serviceAccount: ObjectKey)
    /// A Retry, UpstreamTrafficSetting or IngressBackend naming the Service, which MeshDeck
    /// shows but does not act on.
    case shownKind(kind: ResourceKind, key: ObjectKey, service: ObjectKey)
    /// An IngressBackend chain on the destination's pods: its backend, port and protocol, its
    /// sources, and whether the source (at `sourceIP`, without a sidecar) matches them.
    case ingressChain(
        key: ObjectKey, backend: String, port: Int, protocol: String, sources: [String], sourceIP: String, matches: Bool)

    /// The hop between the two sidecars is mutual TLS: the client sidecar presents its
    /// ServiceAccount's certificate and checks that the server's names the destination's; the
    /// server sidecar verifies the client's against the mesh root and its policy decides on that
    /// identity, never on a claim in the bytes. Both names are `<sa>.<ns>.cluster.local`
    /// (OSM v1.2.4 pkg/envoy/sds/response.go, pkg/certificate/options.go formatCN).
    case mutualTLS(client: ObjectKey, server: ObjectKey)
    /// From the mesh's CA, when the caller holds one (the dashboard, `explain`): how long the
    /// certificate `identity`'s sidecars present now stays valid; 0 or less: it has expired.
    case certificateValidity(identity: ObjectKey, secondsLeft: Int)

    /// The name a ServiceAccount's certificate carries (CN and DNS SAN) in the default trust domain.
    package static func certificateName(_ serviceAccount: ObjectKey) -> String {
        "\(serviceAccount.name).\(serviceAccount.namespace).cluster.local"
    }

    /// The language-neutral code (`factCodes` in JSON).
    package enum Kind: String, Sendable, CaseIterable {
        case source, resolved, noSuchNamespace, noSuchService, unqualifiedHost, internet, port, endpoint, noEndpointPods
        case moreEndpoints, meshConfig, noMeshConfig, trafficTarget, ignoredTrafficTarget, noTrafficTarget
        case egressPassthrough, noRouteEgressOff, httpPort
        case routeButNoRBAC, podRefused, noEgressPolicy, egressPolicyFlagOff, egressPolicyMismatch
        case trafficSplit, ignoredTrafficSplit, splitBackendsMissing, splitBackend, splitSourceUnmeshed, splitNoBackend
        case splitNoRoute, shownKind, ingressChain, mutualTLS, certificateValidity
    }

    package var kind: Kind {
        switch self {
        case .source: .source
        case .mutualTLS: .mutualTLS
        case .certificateValidity: .certificateValidity
        case .resolved: .resolved
        case .noSuchNamespace: .noSuchNamespace
        case .noSuchService: .noSuchService
        case .unqualifiedHost: .unqualifiedHost
        case .internet: .internet
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
        case .routeButNoRBAC: .routeButNoRBAC
        case .podRefused: .podRefused
        case .noEgressPolicy: .noEgressPolicy
        case .egressPolicyFlagOff: .egressPolicyFlagOff
        case .egressPolicyMismatch: .egressPolicyMismatch
        case .trafficSplit: .trafficSplit
        case .ignoredTrafficSplit: .ignoredTrafficSplit
        case .splitBackendsMissing: .splitBackendsMissing
        case .splitBackend: .splitBackend
        case .splitSourceUnmeshed: .splitSourceUnmeshed
        case .splitNoBackend: .splitNoBackend
        case .splitNoRoute: .splitNoRoute
        case .shownKind: .shownKind
        case .ingressChain: .ingressChain
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
    /// Egress, an Egress policy for `serviceAccount` (with the feature flag when it is off), or
    /// the mesh.
    case enableEgress(serviceAccount: ObjectKey, policyFlagOff: Bool)
    /// A destination outside the cluster, egress off: it has no namespace to add to the mesh, so
    /// the fix is egress or an Egress policy for `serviceAccount` (osm-docs
    /// content/docs/guides/traffic_management/egress.md: `enableEgress`, or policies under
    /// `featureFlags.enableEgressPolicy`).
    case enableEgressToInternet(serviceAccount: ObjectKey, policyFlagOff: Bool)
    /// `destination`: nil when no endpoint was chosen.
    case applyTrafficTarget(destination: ObjectKey?, source: ObjectKey, port: Int)
    case addPortToRoute(port: Int)
    case setAppProtocolTCP(service: ObjectKey, port: Int)
    /// Drop the outbound exclusion, or exclude the destination's `targetPort` inbound too.
    case removeOutboundExclusion(targetPort: Int)
    /// Drop the inbound exclusion, or exclude the port from `source`'s outbound interception.
    case removeInboundExclusion(source: ObjectKey)
    case setKnownAppProtocol(service: ObjectKey, port: Int)
    /// Point the targetPort at where the echo servers listen, or run one on `targetPort`.
    case matchTargetPort(listening: [Int], targetPort: Int)

    /// The language-neutral code (`fixCode` in JSON).
    package enum Kind: String, Sendable, CaseIterable {
        case useServiceName, probeExposedPort, nameContainerPort, deployMatchingPods, addNamespaceToMesh
        case enableEgress, enableEgressToInternet, applyTrafficTarget, addPortToRoute, setAppProtocolTCP
        case removeOutboundExclusion, removeInboundExclusion, setKnownAppProtocol, matchTargetPort
    }

    package var kind: Kind {
        switch self {
        case .useServiceName: .useServiceName
        case .probeExposedPort: .probeExposedPort
        case .nameContainerPort: .nameContainerPort
        case .deployMatchingPods: .deployMatchingPods
        case .addNamespaceToMesh: .addNamespaceToMesh
        case .enableEgress: .enableEgress
        case .enableEgressToInternet: .enableEgressToInternet
        case .applyTrafficTarget: .applyTrafficTarget
        case .addPortToRoute: .addPortToRoute
        case .setAppProtocolTCP: .setAppProtocolTCP
        case .removeOutboundExclusion: .removeOutboundExclusion
        case .removeInboundExclusion: .removeInboundExclusion
        case .setKnownAppProtocol: .setKnownAppProtocol
        case .matchTargetPort: .matchTargetPort
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
    case egressPolicy, sidecarBypassed, bypassedToMeshed, inboundBypassedMTLS, nothingListens, unsupportedProtocol
    case ingressAllowed, ingressNeedsTLS

    package enum Kind: String, Sendable, CaseIterable {
        case unknownSource, unknownHost, noSuchPort, notTCP, noEndpoints, plaintextToMeshed
        case egressDisabled, egressAllowed, noMesh, permissive, smiAllowed, smiNoTrafficTarget, smiPortNotAllowed
        case egressPolicy, sidecarBypassed, bypassedToMeshed, inboundBypassedMTLS, nothingListens, unsupportedProtocol
        case ingressAllowed, ingressNeedsTLS
    }

    package var kind: Kind {
        switch self {
        case .ingressAllowed: .ingressAllowed
        case .ingressNeedsTLS: .ingressNeedsTLS
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
        case .egressPolicy: .egressPolicy
        case .sidecarBypassed: .sidecarBypassed
        case .bypassedToMeshed: .bypassedToMeshed
        case .inboundBypassedMTLS: .inboundBypassedMTLS
        case .nothingListens: .nothingListens
        case .unsupportedProtocol: .unsupportedProtocol
        }
    }
}

/// Why OSM drops a TrafficTarget, silently (MeshDeck says which).
package enum TrafficTargetIgnored: Sendable, Hashable {
    case namespaceNotInMesh(namespace: String)
    case noRules
    /// A rule of another kind than TCPRoute or HTTPRouteGroup.
    case badRuleKind(kind: String)
    /// A TCPRoute rule naming a route that does not exist in the TrafficTarget's namespace: the
    /// server sidecar's RBAC leaves the TrafficTarget out, the client sidecar still has a route
    /// (a missing HTTPRouteGroup is no reason: L4 access does not read HTTP routes).
    case routeMissing(route: ObjectKey)

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

/// Why OSM does not read a TrafficSplit (pkg/smi/client.go, pkg/catalog).
package enum TrafficSplitIgnored: Sendable, Hashable {
    case namespaceNotInMesh(namespace: String)
    case apexMissing(service: ObjectKey)
    /// Another TrafficSplit already splits the apex; OSM picks the first.
    case alreadySplit(by: ObjectKey, service: ObjectKey)

    package enum Kind: String, Sendable, CaseIterable {
        case namespaceNotInMesh, apexMissing, alreadySplit
    }

    package var kind: Kind {
        switch self {
        case .namespaceNotInMesh: .namespaceNotInMesh
        case .apexMissing: .apexMissing
        case .alreadySplit: .alreadySplit
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
