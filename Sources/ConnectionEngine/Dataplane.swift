import MeshModel
import NIOCore
import PolicyEngine

/// Where one pod listens on loopback. Ports are ephemeral: nothing fixed that could collide.
public struct PodAddresses: Sendable {
    /// containerPort (as the manifest names it, e.g. 9000) → where the app really listens.
    public var app: [Int: SocketAddress]
    /// The pod's inbound sidecar (one listener for every target port, like Envoy's 15003).
    public var inbound: SocketAddress?
    /// The pod's outbound sidecar (where iptables would redirect the pod's own connections).
    public var outbound: SocketAddress?
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

    /// The pod behind endpoint `e` (taken modulo the count) of service `s`.
    func endpointPod(service s: Int, endpoint e: Int) -> ObjectKey? {
        let entry = policy.services[s]
        guard !entry.endpoints.isEmpty else { return nil }
        return ObjectKey(namespace: entry.key.namespace, name: entry.endpoints[e % entry.endpoints.count].podName)
    }

    /// Where a connection to a pod's target port lands: its inbound sidecar when it has one
    /// (the app's own port is never what a meshed client dials), else the app itself.
    func landing(pod: ObjectKey, targetPort: Int) -> (address: SocketAddress, viaSidecar: Bool)? {
        guard let addresses = pods[pod] else { return nil }
        if let inbound = addresses.inbound { return (inbound, true) }
        return addresses.app[targetPort].map { ($0, false) }
    }
}
