import MeshModel
import PolicyEngine

/// Identifies one connection across the client, both sidecars and the app.
package typealias ConnectionID = UInt64

/// Round-trip timings of one probe, in seconds.
package struct Latencies: Sendable, Hashable {
    package var connect: Double?
    package var firstByte: Double?
    package var total: Double

    package init(connect: Double?, firstByte: Double?, total: Double) {
        self.connect = connect
        self.firstByte = firstByte
        self.total = total
    }
}

/// Something the data plane did. Every connection yields a sequence of these; the dashboard
/// renders them live and the CLI prints them. Built only when a sink listens.
package struct EngineEvent: Sendable {
    package enum Kind: Sendable {
        /// A pod's listener came up (role: app, inbound sidecar, outbound sidecar).
        case listening(pod: ObjectKey, role: String, port: Int)
        case stopped(pod: ObjectKey, role: String)
        /// A cold pod started because a connection needed it: its listeners took `seconds`,
        /// and `running` pods run now.
        case podStarted(pod: ObjectKey, seconds: Double, running: Int)
        /// An idle pod (no connection using it, the least recently used) was stopped so that
        /// at most `bound` pods run (`EngineConfiguration.maxRunningPods`); it starts again on
        /// its next use.
        case podEvicted(pod: ObjectKey, idleSeconds: Double, running: Int, bound: Int)
        /// The client resolved a name (the pod's DNS).
        case resolved(host: String, address: String)
        case nameNotResolved(host: String)
        /// The client dialed this (`127.0.0.1:41633 (outbound sidecar of curl/curl-…)`).
        case connected(to: String)
        /// A sidecar decided: `by` says which (client or server sidecar), `pod` whose it is.
        /// A client sidecar passes on connections the server sidecar will refuse, as in OSM.
        case verdict(Verdict, by: DecisionPoint, pod: ObjectKey, summary: String)
        /// An inbound sidecar refused a connection without a mesh identity (plaintext).
        case plaintextRefused(pod: ObjectKey)
        /// The upstream refused the connection (app stopped, nothing listening).
        case upstreamRefused(pod: ObjectKey, port: Int)
        /// An outbound sidecar opened a tunnel connection to an inbound sidecar; connections
        /// between the two pods now travel in it as streams (`from`, `to`: the pods).
        case tunnelOpened(from: ObjectKey, to: ObjectKey)
        /// The tunnel carrying this connection closed under it (the other sidecar went away,
        /// or the tunnel was reset): this connection fails; the next one dials a new tunnel.
        case tunnelLost(to: ObjectKey, reason: String)
        /// An HTTP port got a non-HTTP message; the client sidecar answered 400.
        case badRequest(pod: ObjectKey)
        /// On an HTTP port the upstream's reply was not HTTP; the client sidecar answered 502.
        case badGateway(pod: ObjectKey)
        /// The echo app's own log lines, as the OSM demo server prints them.
        case appLog(pod: ObjectKey, line: String)
        case reply(String)
        case bytes(sent: Int, received: Int)
        case closed(Latencies)
        /// A policy change denies an open connection: it is closed after the drain time.
        case drainScheduled(after: Double, reason: String)
        case drained
        case timedOut(after: Double)
        /// One of the engine's bounds refused or ended something (`limit` names the
        /// `EngineConfiguration` property, e.g. `maxStreamsPerIdentity`; `pod`, the pod whose
        /// sidecar or app enforced it, when one did). Bursts are reported once a second.
        case limitReached(limit: String, pod: ObjectKey?, detail: String)
        /// A peer broke the tunnel protocol (an invalid frame, a window past its maximum): the
        /// sidecar of `pod` closed that one tunnel connection and kept serving the others.
        case tunnelProtocolError(pod: ObjectKey, reason: String)
        /// A sidecar of `pod` refused an mTLS handshake, or had its own refused: `reason` in
        /// Envoy's words (`TLS error: CERTIFICATE_VERIFY_FAILED: certificate has expired …`).
        case tlsRefused(pod: ObjectKey, reason: String)
        /// The mesh CA changed a service certificate (`identity`: `curl.curl.cluster.local`):
        /// renewed before expiry or after a fault, or expired by a fault.
        case certificateChanged(identity: String, change: String)
        /// The mesh's root was rotated: `closedTunnels` tunnels closed, to be dialed again
        /// under the new root by the next connection that needs them.
        case rootRotated(closedTunnels: Int)
        /// A local process that is not the engine dialed a listener only the engine may dial
        /// (a meshed app's port, bypassing its inbound sidecar; an outbound sidecar, posing as
        /// its pod): closed. `detail` says who, where and why ("refused 127.0.0.1:54321 →
        /// tcp-demo/tcp-echo-0's app port 9000: not dialed by its inbound sidecar").
        case bypassRefused(pod: ObjectKey, detail: String)
    }
    package var connection: ConnectionID?
    package var kind: Kind

    package init(connection: ConnectionID?, kind: Kind) {
        self.connection = connection
        self.kind = kind
    }
}

/// Where events go. Called from event-loop threads: it must be quick and thread-safe.
package typealias EngineEventSink = @Sendable (EngineEvent) -> Void
