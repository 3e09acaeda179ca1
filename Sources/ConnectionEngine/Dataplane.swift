import DataPlaneInterface
import MeshModel
import NIOCore
import PolicyEngine

/// Where one pod listens on loopback. Ports are ephemeral: nothing fixed that could collide.
package struct PodAddresses: Sendable {
    /// containerPort (as the manifest names it, e.g. 9000) → where the app really listens.
    package var app: [Int: SocketAddress]
    /// The pod's inbound sidecar (one listener for every target port, like Envoy's 15003).
    package var inbound: SocketAddress?
    /// The pod's outbound sidecar (where iptables would redirect the pod's own connections).
    package var outbound: SocketAddress?
    /// The pod's ServiceAccount when it has a sidecar: the identity its inbound sidecar's
    /// certificate must name for an outbound sidecar to trust it.
    package var identity: ObjectKey?
    /// With `LoopPlacement.worker`, the app and the inbound sidecar listen once per event loop
    /// (the fields above are the first loop's), so what a sidecar dials from a loop is
    /// accepted on that same loop. Keyed by `ObjectIdentifier` of the loop.
    var appOnLoop: [ObjectIdentifier: [Int: SocketAddress]] = [:]
    var inboundOnLoop: [ObjectIdentifier: SocketAddress] = [:]

    /// Where the app listens, for a dialer running on `loop` (nil: not a sidecar, the first's).
    func app(on loop: EventLoop?) -> [Int: SocketAddress] {
        loop.flatMap { appOnLoop[ObjectIdentifier($0)] } ?? app
    }

    /// Where the inbound sidecar listens, for a dialer running on `loop` (nil: the first's).
    func inbound(on loop: EventLoop?) -> SocketAddress? {
        loop.flatMap { inboundOnLoop[ObjectIdentifier($0)] } ?? inbound
    }
}

/// Everything a new connection needs, swapped as one value when the cluster changes: the
/// compiled policy and where every pod listens. Sidecars read the current one per connection,
/// so a change applies to the next connection at once.
final class Dataplane: Sendable {
    let policy: PolicyIndex
    let pods: [ObjectKey: PodAddresses]

    init(policy: PolicyIndex, pods: [ObjectKey: PodAddresses]) {
        self.policy = policy
        self.pods = pods
    }

    /// Where a connection to a pod's target port lands: its inbound sidecar when it has one
    /// (the app's own port is never what a meshed client dials), else the app itself. A sidecar
    /// passes its own loop, so it dials the listener on that loop (see `PodAddresses`). A port the
    /// policy says bypasses the pod's sidecar (an inbound exclusion) lands on the app itself.
    func landing(pod: ObjectKey, targetPort: Int, on loop: EventLoop? = nil) -> (address: SocketAddress, viaSidecar: Bool)? {
        pods[pod].flatMap { landing(at: $0, pod: pod, targetPort: targetPort, on: loop) }
    }

    /// The same, at the addresses a lease on the pod gave (`RunningPods.lease`).
    func landing(
        at addresses: PodAddresses, pod: ObjectKey, targetPort: Int, on loop: EventLoop? = nil
    ) -> (address: SocketAddress, viaSidecar: Bool)? {
        // The internet's stand-in answers every port on its one listener.
        if pod == PolicyIndex.internetPod { return addresses.app(on: loop)[InternetStandIn.port].map { ($0, false) } }
        if let inbound = addresses.inbound(on: loop), !policy.bypassesInbound(pod: pod, targetPort: targetPort) {
            return (inbound, true)
        }
        return addresses.app(on: loop)[targetPort].map { ($0, false) }
    }
}
