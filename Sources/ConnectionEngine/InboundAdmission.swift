import DataPlaneInterface
import MeshModel
import NIOCore
import PolicyEngine

/// Envoy's inbound RBAC filter, shared by both ways a connection reaches an inbound sidecar
/// (its own TCP connection with a mesh preamble, or a stream in a tunnel): the source identity
/// and target port against the current policy. It asks `PolicyIndex.admit`, for every
/// identity, known or not, and for none (plaintext); it never decides itself.
struct InboundAdmission {
    let state: EngineState
    /// The inbound sidecar's pod and that pod's ServiceAccount.
    let pod: ObjectKey
    let identity: ObjectKey
    /// The loop the sidecar runs on: it dials the app's listener on the same loop.
    let loop: EventLoop
    /// Identities interned once per published policy, not per connection: a tunnel asks for
    /// every stream, and the names do not change between policy updates.
    private var plane: Dataplane?
    private var sourceKey: ObjectKey?
    private var ids: (source: MeshIdentity, destination: MeshIdentity, app: [Int: SocketAddress])?

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
                current.policy.meshIdentity(of: source), current.policy.meshIdentity(of: identity),
                current.pods[pod]?.app(on: loop) ?? [:]
            )
        }
        let policy = current.policy
        let verdict = policy.admit(peer: ids?.source ?? .unknown, to: ids?.destination ?? .unknown, targetPort: port)
        state.record(connection) { $0.serverVerdict = verdict }
        state.emit(connection, .verdict(verdict, by: .serverSidecar, pod: pod, summary: policy.summary(verdict)))
        guard verdict.allowed else { return (verdict, nil) }
        guard let app = ids?.app[port] else {
            refused(port: port, connection: connection)
            return (verdict, nil)
        }
        return (verdict, app)
    }

    /// A connection that opened without a mesh preamble carries no identity. The policy's
    /// answer for that is a denial in every mode; reported as the refusal of plaintext. It names
    /// no target port and no connection, so there is nothing to record and nowhere to send it.
    @discardableResult
    func admitPlaintext() -> Verdict {
        let verdict = state.current.policy.admit(peer: nil, to: identity, targetPort: 0)
        if !verdict.allowed { state.emit(nil, .plaintextRefused(pod: pod)) }
        return verdict
    }

    /// Nothing answered on the app's port (stopped, or not there).
    func refused(port: Int, connection: ConnectionID) {
        state.record(connection) { $0.refusedBy = pod }
        state.emit(connection, .upstreamRefused(pod: pod, port: port))
    }
}
