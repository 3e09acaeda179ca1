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
    /// The message sent (a newline was added on the wire).
    public var message: String = ""
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

    public init(
        outcome: Outcome, connection: ConnectionID, from: String, to: String, message: String = "hello",
        reply: String, verdict: Verdict?, reason: String, clientError: String?, latencies: Latencies,
        endpointPod: ObjectKey?
    ) {
        self.outcome = outcome
        self.connection = connection
        self.from = from
        self.to = to
        self.message = message
        self.reply = reply
        self.verdict = verdict
        self.reason = reason
        self.clientError = clientError
        self.latencies = latencies
        self.endpointPod = endpointPod
    }
}
