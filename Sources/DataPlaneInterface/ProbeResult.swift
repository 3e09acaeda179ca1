import MeshModel
import PolicyEngine

/// What one probe did: the reply that really came back over the sockets, or what stopped it.
package struct ProbeResult: Sendable {
    package enum Outcome: String, Sendable {
        /// The connection went through; `reply` is what the destination (or a sidecar) sent.
        case allowed
        /// The mesh refused it (a sidecar), or the name or service could not be used.
        case denied
        /// It broke for another reason: refused by a stopped app, or no answer in time.
        case error
    }

    package var outcome: Outcome
    package var connection: ConnectionID
    package var from: String
    package var to: String
    /// The message sent (a newline was added on the wire).
    package var message: String = ""
    /// What came back, raw; escape it (`terminalSafe`) before showing it.
    package var reply: String
    /// The decision that settled it: the server sidecar's when it decided, else the client
    /// sidecar's; for a pod without a sidecar, what the policy says happened.
    package var verdict: Verdict?
    /// One line: why.
    package var reason: String
    /// `reason` as codes for a words catalogue, when it is the policy's own words (a verdict's
    /// summary, or why a name does not resolve), so it can be said in another language; nil for
    /// the data plane's sentences (a refused app, a timeout), which stay English.
    package var reasonWords: ReasonWords?
    /// What `nc` (and `kubectl exec`) print on stderr when it fails.
    package var clientError: String?
    package var latencies: Latencies
    /// The pod the connection was routed to, when it got that far.
    package var endpointPod: ObjectKey?

    package enum ReasonWords: Sendable, Hashable {
        case summary(VerdictSummary)
        case reason(ExplanationReason)
    }

    package init(
        outcome: Outcome, connection: ConnectionID, from: String, to: String, message: String = "hello",
        reply: String, verdict: Verdict?, reason: String, reasonWords: ReasonWords? = nil, clientError: String?,
        latencies: Latencies, endpointPod: ObjectKey?
    ) {
        self.outcome = outcome
        self.connection = connection
        self.from = from
        self.to = to
        self.message = message
        self.reply = reply
        self.verdict = verdict
        self.reason = reason
        self.reasonWords = reasonWords
        self.clientError = clientError
        self.latencies = latencies
        self.endpointPod = endpointPod
    }
}
