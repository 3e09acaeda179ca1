import DataPlaneInterface
import MeshModel
import NIOCore
import PolicyEngine

/// Envoy's inbound RBAC filter, shared by both ways a connection reaches an inbound sidecar
/// (its own TCP connection with a mesh preamble, or a stream in a tunnel): the source identity
/// and target port against the current policy. It asks `PolicyIndex.decideInbound`; it never
/// decides itself.
struct InboundAdmission {
    let state: EngineState
    /// The inbound sidecar's pod and that pod's ServiceAccount.
    let pod: ObjectKey
    let identity: ObjectKey
    /// The loop the sidecar runs on: it dials the app's listener on the same loop.
    let loop: EventLoop
    /// Interned ids resolved once per published policy, not per connection: a tunnel asks for
    /// every stream, and the names do not change between policy updates.
    private var plane: Dataplane?
    private var sourceKey: ObjectKey?
    private var ids: (source: Int32?, destination: Int32?, app: [Int: SocketAddress])?

    init(state: EngineState, pod: ObjectKey, identity: ObjectKey, loop: EventLoop) {
        self.state = state
        self.pod = pod
        self.identity = identity
        self.loop = loop
    }

    /// Decides, records the verdict for the probe that waits on `connection`, and reports it.
    /// Allowed: where the app listens on `port` (nil: nothing does, reported as refused).
    mutating func admit(source: ObjectKey, port: Int, connection: ConnectionID) -> (verdict: Verdict, app: SocketAddress?) {
        let current = state.current
        if plane !== current || sourceKey != source {
            plane = current
            sourceKey = source
            ids = (
                current.policy.identity(of: source), current.policy.identity(of: identity),
                current.pods[pod]?.app(on: loop) ?? [:]
            )
        }
        let policy = current.policy
        let verdict: Verdict
        if let s = ids?.source, let d = ids?.destination {
            verdict = policy.decideInbound(source: s, destination: d, targetPort: port, rawTCP: true)
        } else {
            verdict = Verdict(
                allowed: policy.permissive, point: .serverSidecar,
                reason: policy.permissive ? .permissive : .smiNoTrafficTarget)
        }
        state.record(connection) { $0.serverVerdict = verdict }
        state.emit(connection, .verdict(verdict, by: .serverSidecar, pod: pod, summary: policy.summary(verdict)))
        guard verdict.allowed else { return (verdict, nil) }
        guard let app = ids?.app[port] else {
            refused(port: port, connection: connection)
            return (verdict, nil)
        }
        return (verdict, app)
    }

    /// Nothing answered on the app's port (stopped, or not there).
    func refused(port: Int, connection: ConnectionID) {
        state.record(connection) { $0.refusedBy = pod }
        state.emit(connection, .upstreamRefused(pod: pod, port: port))
    }
}
