/// Where along the path a connection was allowed or stopped.
package enum DecisionPoint: String, Sendable, Hashable, CaseIterable {
    /// The client's DNS lookup (`nc: bad address`).
    case nameResolution = "name resolution"
    /// The Service: no such port, or no running pod behind it.
    case serviceEndpoints = "service endpoints"
    /// The source pod's sidecar (outbound).
    case clientSidecar = "client sidecar"
    /// The destination pod's sidecar (inbound).
    case serverSidecar = "server sidecar"
    /// Plain Kubernetes networking: neither pod has a sidecar.
    case network = "network"
}

/// Why, as a code; `Explanation` turns it into words. Small and allocation-free so the load
/// generator and the matrix can decide millions of times.
package enum Reason: Sendable, Hashable {
    /// The source workload is gone (deleted, or scaled to zero) while its sidecar still asks:
    /// a connection opened before the change, or one that arrives before the pod is stopped.
    case unknownSource
    case unknownHost
    case noSuchPort
    case notTCP
    case noEndpoints
    /// The source has no sidecar; the destination's sidecar takes only mTLS from the mesh.
    case plaintextToMeshed
    /// Meshed source, destination outside the mesh, egress off.
    case egressDisabled
    /// Meshed source, destination outside the mesh, egress on.
    case egressAllowed
    /// Meshed source, destination outside the mesh, egress off, an Egress policy allows it
    /// (its rule's position in the source's list).
    case egressPolicy(rule: Int32)
    /// An exclusion sent the connection past a sidecar (the source's outbound, the
    /// destination's inbound, or both) and no sidecar that refuses it was in the way.
    case sidecarBypassed
    /// The source's sidecar was bypassed by an outbound exclusion: plaintext reaches the
    /// destination's sidecar, which takes only mTLS.
    case bypassedToMeshed
    /// The destination's port is excluded from inbound interception: the client sidecar's mTLS
    /// reaches the app itself, and the handshake never completes.
    case inboundBypassedMTLS
    /// The chosen pod runs echo servers, none on the target port: the connection is refused.
    case nothingListens
    /// Meshed to meshed on a port whose appProtocol OSM does not know: no filter chain.
    case unsupportedProtocol
    /// A source without a sidecar matched an IngressBackend's `http` filter chain on the
    /// destination's sidecar (its position in the index's ingress rules).
    case ingressAllowed(rule: Int32)
    /// It matched an `https` chain, which takes only TLS: raw TCP does not match.
    case ingressNotTLS(rule: Int32)
    /// Neither side has a sidecar.
    case noMesh
    case permissive
    /// SMI mode; the index of the first TrafficTarget rule set that allowed it.
    case smiAllowed(rule: Int32)
    /// SMI mode, no TrafficTarget names this source for this destination.
    case smiNoTrafficTarget
    /// SMI mode, a TrafficTarget names the source but its routes do not cover the port.
    case smiPortNotAllowed(rule: Int32)
}

/// The answer to "can this workload reach that host:port?".
package struct Verdict: Sendable, Hashable {
    package var allowed: Bool
    package var point: DecisionPoint
    package var reason: Reason
    /// The port is HTTP to the mesh: the connection is allowed, but the client sidecar answers
    /// a raw TCP message with `HTTP/1.1 400 Bad Request`.
    package var httpPort: Bool

    package init(allowed: Bool, point: DecisionPoint, reason: Reason, httpPort: Bool = false) {
        self.allowed = allowed
        self.point = point
        self.reason = reason
        self.httpPort = httpPort
    }

    /// `ALLOWED` or `DENIED`.
    package var word: String { allowed ? "ALLOWED" : "DENIED" }
}
