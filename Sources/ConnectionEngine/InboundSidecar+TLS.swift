import DataPlaneInterface
import MeshModel
import NIOCore
import NIOSSL

/// How an inbound sidecar tells mTLS from plaintext, and what it does with each handshake.
extension InboundSidecarHandler {
    /// A TLS record starts with its content type, 22 (handshake) for a ClientHello.
    static let tlsHandshakeByte: UInt8 = 0x16

    /// The first bytes decide: TLS goes through NIOSSL, put in front of this handler (the
    /// bytes are passed to it from the head of the pipeline), with this pod's context and a
    /// check of the peer's certificate; plaintext stays here, for the ingress path only.
    func sniff(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return }
        guard first == Self.tlsHandshakeByte else {
            mode = .plaintext
            return channelRead(context: context, data: NIOAny(buffer))
        }
        guard let slot = state.handshakes.take() else {
            watch.headerArrived()
            state.refuse(
                nil, limit: "maxHandshakesInFlight", pod: pod,
                "refused a TLS connection: \(state.handshakes.limit) handshakes are under way")
            return context.close(promise: nil)
        }
        let verification = PeerVerification(
            tls: state.tls, refusals: state.tlsRefusals, clientPort: context.channel.remoteAddress?.port)
        do {
            let ssl = verification.serverHandler(context: try state.tls.context(for: identity))
            try context.pipeline.syncOperations.addHandler(ssl, position: .first)
        } catch {
            state.emit(nil, .tlsRefused(pod: pod, reason: "TLS error: no certificate for \(identity): \(error)"))
            return context.close(promise: nil)
        }
        mode = .handshaking(verification, slot)
        context.pipeline.syncOperations.fireChannelRead(NIOAny(buffer))
    }

    /// The peer proved who it is: that identity is the source from now on.
    func handshakeCompleted(_ context: ChannelHandlerContext) {
        guard case .handshaking(let verification, let slot) = mode else { return }
        slot.release()
        guard let source = verification.serviceAccount else { return context.close(promise: nil) }
        mode = .verified(source)
    }

    /// Refused in the handshake: the event names why, in Envoy's words.
    func handshakeFailed(
        _ error: Error, _ verification: PeerVerification, _ slot: HandshakeSlots.Slot, _ context: ChannelHandlerContext
    ) {
        slot.release()
        watch.headerArrived()
        mode = .undecided
        let reason = TLSFailure.describe(error, refusal: verification.refusal)
        state.emit(nil, .tlsRefused(pod: pod, reason: reason))
    }
}
