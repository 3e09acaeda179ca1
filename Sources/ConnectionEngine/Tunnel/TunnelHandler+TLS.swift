import NIOSSL
import NIOTLS

/// The client end's handshake: a failure is said once, as the inbound side of this engine
/// named it (it noted why by our port before its alert went out) or as our own check of the
/// server's certificate found it, and every stream waiting in the tunnel fails with it.
extension TunnelHandler {
    func noteTLSFailure(_ error: Error) {
        guard case .client = role, tlsFailure == nil, ClientTLSNotes.isFailure(error, handshakeDone: handshakeDone)
        else { return }
        let reason =
            state.tlsRefusals.take(clientPort: localPort) ?? TLSFailure.describe(error, refusal: verification?.refusal)
        reportTLSFailure(reason)
    }

    func reportTLSFailure(_ reason: String) {
        tlsFailure = reason
        state.emit(nil, .tlsRefused(pod: pod, reason: "tunnel to \(peer.map { "\($0)" } ?? "a peer"): \(reason)"))
    }
}
