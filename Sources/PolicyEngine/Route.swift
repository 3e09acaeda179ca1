/// The client side's whole answer for one connection (`PolicyIndex.route`): the verdict, and
/// where the connection goes if it goes anywhere. Integers and flags only, so asking costs no
/// allocation; the names behind them are looked up when someone needs them
/// (`PolicyIndex.endpointPod(of:)`, `sourceIdentity(of:)`, `clusterAddress(of:)`).
package struct Route: Sendable, Hashable {
    /// How the connection leaves the client.
    package enum Path: UInt8, Sendable, Hashable {
        /// Nowhere: it was stopped where it was decided (the client sidecar closes it; a pod
        /// without a sidecar finds nothing answering).
        case stopped
        /// To the endpoint's inbound sidecar, carrying the source's mesh identity (mTLS in OSM).
        case mesh
        /// Straight to the endpoint, in plaintext: egress, OSM's passthrough when there is no
        /// mesh route and egress is on, or a source without a sidecar. A meshed endpoint's
        /// sidecar refuses it.
        case plaintext
    }

    package var verdict: Verdict
    package var path: Path
    /// The source workload; -1 when it no longer exists.
    var source: Int32
    /// The source's interned ServiceAccount; -1 when the source no longer exists.
    var sourceIdentity: Int32
    /// The Service the connection goes to: the one the host resolved to, or the backend a
    /// TrafficSplit chose; -1 when the host did not resolve.
    package var service: Int32
    /// The apex Service the host resolved to when a TrafficSplit chose `service`; else -1.
    var apex: Int32
    /// An outbound exclusion of the source (port or IP range) sent the connection past its
    /// sidecar: it leaves the app in plaintext, as from a pod without one.
    package var bypassesClientSidecar = false
    /// The destination is outside the cluster ("the internet": `PolicyIndex.internetAddress`);
    /// an allowed connection goes to the data plane's stand-in for it.
    package var external = false
    /// The Service port asked for; -1 when the Service has no such port.
    var portIndex: Int32
    /// The chosen endpoint, as a position among the Service's endpoints; -1 when none was chosen.
    var endpoint: Int32
    /// The port the chosen endpoint listens on; -1 when unknown (no endpoint, or a named
    /// targetPort the pod does not declare).
    package var targetPort: Int32

    /// Stopped before anything past `service`/`portIndex` was known.
    init(stoppedAt point: DecisionPoint, _ reason: Reason, source: Int32 = -1, identity: Int32 = -1) {
        verdict = Verdict(allowed: false, point: point, reason: reason)
        path = .stopped
        self.source = source
        sourceIdentity = identity
        service = -1
        apex = -1
        portIndex = -1
        endpoint = -1
        targetPort = -1
    }

    /// Ends the route here with `verdict` going `path`.
    mutating func settle(_ verdict: Verdict, _ path: Path) {
        self.verdict = verdict
        self.path = path
    }

    /// Ends the route here: denied at `point`, going nowhere.
    mutating func stop(_ point: DecisionPoint, _ reason: Reason) {
        settle(Verdict(allowed: false, point: point, reason: reason), .stopped)
    }
}
