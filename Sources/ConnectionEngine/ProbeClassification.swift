import DataPlaneInterface
import MeshModel
import PolicyEngine

/// What a probe's exchange amounts to, as the user reads it: outcome, verdict, reason, what
/// `nc` printed, and where it went. A pure function of what the sidecars noted, what came back
/// and the policy's words, with no sockets and no engine state, so each branch is tested alone.
struct ProbeClassification: Equatable {
    var outcome: ProbeResult.Outcome
    var verdict: Verdict?
    var reason: String
    var clientError: String?
    var endpointPod: ObjectKey?
    /// Nothing came back in time (the engine reports a `timedOut` event).
    var timedOut = false

    /// What the resolve step knew before the connection opened.
    struct Context: Equatable {
        /// `outbound sidecar of curl/curl-…`, `inbound sidecar of …`, `app of …`.
        var dialed: String
        /// For a pod without a sidecar, no sidecar decides: the policy's route says what happened.
        var attributed: Verdict?
        /// The endpoint kube-proxy chose (a pod without a sidecar); a sidecar notes its own.
        var endpointPod: ObjectKey?
        /// What `nc` prints when the connection is refused.
        var refusedMessage: String
    }

    /// What the client's socket saw.
    struct Exchange: Equatable {
        /// The connect failed, in words; nil when it connected.
        var failure: String?
        var reply: String
        /// The probe's timeout closed the connection.
        var timedOut: Bool
    }

    static let exitCode1 = "command terminated with exit code 1"

    static func classify(
        _ record: ConnectionRecord, _ exchange: Exchange, context: Context, timeout: Double, policy: PolicyIndex
    ) -> ProbeClassification {
        if let failure = exchange.failure {
            return ProbeClassification(
                outcome: .error, verdict: nil, reason: "connection to \(context.dialed) failed: \(failure)",
                clientError: context.refusedMessage, endpointPod: context.endpointPod)
        }
        // The server sidecar's verdict settles it when it decided, else the client sidecar's.
        let verdict = record.serverVerdict ?? record.clientVerdict ?? context.attributed
        var c = ProbeClassification(
            outcome: .error, verdict: verdict, reason: "", clientError: exitCode1,
            endpointPod: record.endpointPod ?? context.endpointPod)
        if let pod = record.tunnelLost {
            c.reason = "the tunnel to the inbound sidecar of \(pod) closed while the connection was in it"
            c.endpointPod = pod
        } else if let pod = record.refusedBy {
            c.reason = "connection refused by pod \(pod) (nothing listening on the target port)"
            c.endpointPod = pod
        } else if exchange.timedOut, exchange.reply.isEmpty {
            c.reason = "no reply within \(timeout) s"
            c.timedOut = true
        } else if let verdict, verdict.allowed || !exchange.reply.isEmpty {
            // What came back is the fact: a reply means the connection got through, whatever
            // verdict is on record (one taken on an older policy, say).
            c.outcome = .allowed
            c.clientError = nil
            c.reason =
                record.badRequest
                ? "the port is HTTP to the mesh: the client sidecar answered the raw TCP message with 400 Bad Request"
                : policy.summary(verdict)
        } else {
            c.outcome = .denied
            c.reason = verdict.map { policy.summary($0) } ?? "the connection was closed without a reply"
        }
        return c
    }
}

extension ProbeResult {
    /// Takes what the classification (or the resolve step, when it settled the probe) decided.
    mutating func take(_ c: ProbeClassification) {
        outcome = c.outcome
        verdict = c.verdict
        reason = c.reason
        clientError = c.clientError
        endpointPod = c.endpointPod
    }
}
