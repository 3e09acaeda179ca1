import DataPlaneInterface
import MeshModel
import NIOCore
import NIOSSL
import NIOTLS

extension OutboundSidecarHandler {
    struct NoServerIdentity: Error {}

    /// The per-connection mesh path (tunnels off): the upstream connection to the inbound
    /// sidecar becomes mutual TLS before anything is written to it (NIOSSL holds the preamble
    /// and the client's bytes until the handshake is done), and a failed handshake is noted
    /// for the probe waiting on it.
    func startTLS(_ plan: Plan, on upstream: Channel) throws {
        guard let source = plan.identity, let server = plan.serverIdentity else { throw NoServerIdentity() }
        let tls = state.tls
        let verification = PeerVerification(tls: tls, expecting: MeshTLS.identity(server))
        let operations = upstream.pipeline.syncOperations
        try operations.addHandler(verification.clientHandler(context: tls.context(for: source)), position: .first)
        try operations.addHandler(HoldTCPHalfClose(), position: .first)
        try operations.addHandler(
            ClientTLSNotes(state: state, pod: pod, connection: plan.id, verification: verification), position: .last)
    }
}

/// Sits behind a client end's TLS handler: when the handshake fails, says why (the inbound
/// side's reason when it refused us, else what our own check of the server found) in the
/// connection's record and an event, then lets the error go on.
final class ClientTLSNotes: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    private let state: EngineState
    private let pod: ObjectKey
    private let connection: ConnectionID
    private let verification: PeerVerification
    private var localPort: Int?
    private var reported = false
    private var handshakeDone = false

    init(state: EngineState, pod: ObjectKey, connection: ConnectionID, verification: PeerVerification) {
        self.state = state
        self.pod = pod
        self.connection = connection
        self.verification = verification
    }

    func handlerAdded(context: ChannelHandlerContext) { localPort = context.channel.localAddress?.port }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        report(error)
        context.fireErrorCaught(error)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tls = event as? TLSUserEvent, case .handshakeCompleted = tls { handshakeDone = true }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let noted = state.tlsRefusals.take(clientPort: localPort) { report(nil, noted: noted) }
        context.fireChannelInactive()
    }

    private func report(_ error: Error?, noted: String? = nil) {
        guard !reported else { return }
        guard
            let reason = noted ?? state.tlsRefusals.take(clientPort: localPort)
                ?? error.flatMap({ error in
                    Self.isFailure(error, handshakeDone: handshakeDone)
                        ? TLSFailure.describe(error, refusal: verification.refusal) : nil
                })
        else { return }
        reported = true
        state.record(connection) { $0.tlsError = reason }
        state.emit(connection, .tlsRefused(pod: pod, reason: reason))
    }

    static func isTLS(_ error: Error) -> Bool { error is NIOSSLError || error is BoringSSLError }

    /// A TLS error that refused the connection: not a TCP close without close_notify once the
    /// handshake was done (a peer or the engine going away, which the stream reports itself).
    static func isFailure(_ error: Error, handshakeDone: Bool) -> Bool {
        guard isTLS(error) else { return false }
        return !(handshakeDone && (error as? NIOSSLError) == .uncleanShutdown)
    }
}

/// Between the socket and a TLS client handler: NIOSSL follows its close_notify with a TCP
/// half-close, and the inbound side's NIOSSL fails a handshake whose connection half-closes
/// before it has finished checking our certificate (the check completes on a later turn of its
/// loop; seen as "EOF during handshake" when `echo hello | nc` half-closed at once). So the FIN
/// is held: close_notify alone says we are done writing (the inbound side allows half-closure
/// and passes it on as EOF), and the connection closes as a whole when the other side is done.
final class HoldTCPHalfClose: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = ByteBuffer

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .output else { return context.close(mode: mode, promise: promise) }
        promise?.succeed(())
    }
}
