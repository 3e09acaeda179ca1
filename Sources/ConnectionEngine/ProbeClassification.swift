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
    /// `reason` as codes, when it is the policy's summary (see ProbeResult.reasonWords).
    var reasonWords: ProbeResult.ReasonWords? = nil
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
        /// What the echo app answers the message with (`echoReply(to:)`); anything else that
        /// comes back, or nothing, is not an allowed probe.
        var expectedReply = ProbeClassification.echoReply(to: "hello")

        init(
            dialed: String, attributed: Verdict? = nil, endpointPod: ObjectKey? = nil, refusedMessage: String,
            expectedReply: String = ProbeClassification.echoReply(to: "hello")
        ) {
            self.dialed = dialed
            self.attributed = attributed
            self.endpointPod = endpointPod
            self.refusedMessage = refusedMessage
            self.expectedReply = expectedReply
        }
    }

    /// OSM's tcp-echo-server's answer to `message` and the newline a probe adds: one
    /// `echo response: LINE` for each of its lines.
    static func echoReply(to message: String) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: false).map { "echo response: \($0)\n" }.joined()
    }

    /// The client sidecar's answer on an HTTP port (`OutboundSidecarHandler.checkHTTP`).
    static let badRequestPrefix = "HTTP/1.1 400 Bad Request\r\n"

    /// What the client's socket saw.
    struct Exchange: Equatable {
        /// The connect failed, in words; nil when it connected.
        var failure: String?
        var reply: String
        /// The probe's timeout closed the connection.
        var timedOut: Bool
    }

    static let exitCode1 = "command terminated with exit code 1"

    /// Allowed means the expected answer came back: the echo of the message, or on an HTTP
    /// port the client sidecar's 400. Denied means a sidecar (or, for a pod without one, the
    /// policy's route) denied it and nothing came back. Everything else is an error: a
    /// connection that could not be made or was refused, a bound that refused it, a timeout,
    /// a reply that is not the answer, or a close that no sidecar decided (an overloaded
    /// sidecar, say): failing to reach a sidecar is never a policy denial.
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
        let reply = exchange.reply
        if let limit = record.refusedByLimit {
            c.reason = limit
        } else if let tls = record.tlsError {
            // The mTLS handshake on the way failed (an expired certificate, say): as Envoy logs it.
            c.reason = tls
            c.endpointPod = record.tunnelLost ?? c.endpointPod
        } else if let pod = record.tunnelLost {
            c.reason = "the tunnel to the inbound sidecar of \(pod) closed while the connection was in it"
            c.endpointPod = pod
        } else if let pod = record.refusedBy {
            c.reason = "connection refused by pod \(pod) (nothing listening on the target port)"
            c.endpointPod = pod
        } else if record.badRequest, reply.hasPrefix(badRequestPrefix) {
            c.outcome = .allowed
            c.clientError = nil
            c.reason = "the port is HTTP to the mesh: the client sidecar answered the raw TCP message with 400 Bad Request"
        } else if reply == context.expectedReply {
            // What came back is the fact: the answer means the connection got through, whatever
            // verdict is on record (one taken on an older policy, say).
            c.outcome = .allowed
            c.clientError = nil
            c.reason = verdict.map { policy.summary($0) } ?? "the app answered"
            c.reasonWords = verdict.map { .summary(policy.summaryCode($0)) }
        } else if !reply.isEmpty {
            c.reason =
                exchange.timedOut
                ? "an incomplete reply within \(timeout) s (\(reply.utf8.count) bytes, not the echo of the message)"
                : "the reply is not the echo of the message (\(reply.utf8.count) bytes)"
        } else if exchange.timedOut {
            c.reason = "no reply within \(timeout) s"
            c.timedOut = true
        } else if let verdict, !verdict.allowed {
            c.outcome = .denied
            c.reason = policy.summary(verdict)
            c.reasonWords = .summary(policy.summaryCode(verdict))
        } else if verdict != nil {
            c.reason = "allowed, but the connection closed without the echo (the app dropped the message, or closed early)"
        } else {
            c.reason = "the connection closed before any sidecar decided (the client sidecar may be overloaded)"
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
        reasonWords = c.reasonWords
        clientError = c.clientError
        endpointPod = c.endpointPod
    }
}
