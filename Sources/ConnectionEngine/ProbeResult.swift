import MeshModel
import PolicyEngine

/// What one probe did: the reply that really came back over the sockets, or what stopped it.
public struct ProbeResult: Sendable {
    public enum Outcome: String, Sendable {
        /// The connection went through; `reply` is what the destination (or a sidecar) sent.
        case allowed
        /// The mesh refused it (a sidecar), or the name or service could not be used.
        case denied
        /// It broke for another reason: refused by a stopped app, or no answer in time.
        case error
    }

    public var outcome: Outcome
    public var connection: ConnectionID
    public var from: String
    public var to: String
    /// What came back, raw; escape it (`terminalSafe`) before showing it.
    public var reply: String
    /// The decision that settled it: the server sidecar's when it decided, else the client
    /// sidecar's; for a pod without a sidecar, what the policy says happened.
    public var verdict: Verdict?
    /// One line: why.
    public var reason: String
    /// What `nc` (and `kubectl exec`) print on stderr when it fails.
    public var clientError: String?
    public var latencies: Latencies
    /// The pod the connection was routed to, when it got that far.
    public var endpointPod: ObjectKey?
}
