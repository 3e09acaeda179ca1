import DataPlaneInterface
import MeshModel
import NIOCore
import NIOTLS
import PolicyEngine

/// A pod's inbound sidecar (the server side). Its first byte tells what a connection is
/// (`InboundSidecar+TLS.swift`): a TLS ClientHello (0x16) gets the mesh's mTLS handshake, and
/// the source identity is what the peer's certificate proves, never a claim in the bytes; then
/// either a tunnel from an outbound sidecar (`MDK-TUNL`, then many streams, each decided on its
/// own by `InboundTunnel`) or one connection (`MDK-MESH <conn> <port>`, when the engine runs
/// without tunnels), which is decided here and spliced to the app. Anything else is plaintext,
/// which only the ingress path takes (`MDK-PLNX`: a pod without a sidecar, decided by
/// `admitPlaintext`); OSM's in-mesh chains match only mTLS from the mesh.
final class InboundSidecarHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    static let meshPrefixes = [Preamble.meshPrefix, Preamble.tunnelMarker]
    static let plaintextPrefixes = [Preamble.plaintextPrefix]

    /// What the first byte made of the connection.
    enum Mode {
        case undecided
        case plaintext
        /// Handshaking; the slot counts it against `maxHandshakesInFlight`.
        case handshaking(PeerVerification, HandshakeSlots.Slot)
        /// The handshake proved this ServiceAccount.
        case verified(ObjectKey)
    }

    let state: EngineState
    let pod: ObjectKey
    /// This pod's ServiceAccount, as `namespace/name`.
    let identity: ObjectKey
    /// The pod's connections to its app, for streams of tunnels.
    private let apps: AppConnectionPools?
    /// What the tunnels into the pod may hold at once.
    private let limits: InboundLimits
    var mode = Mode.undecided
    private var header = HeaderAccumulator()
    private var pending: [ByteBuffer] = []
    private var connecting = false
    private var clientHalfClosed = false
    /// Times the header (and the connection's silence, the handshake's included) for us.
    let watch: ConnectionWatch

    init(
        state: EngineState, pod: ObjectKey, identity: ObjectKey, apps: AppConnectionPools?, limits: InboundLimits,
        watch: ConnectionWatch
    ) {
        self.state = state
        self.pod = pod
        self.identity = identity
        self.apps = apps
        self.limits = limits
        self.watch = watch
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if connecting {
            pending.append(buffer)
            return
        }
        switch mode {
        case .undecided: return sniff(buffer, context: context)
        case .handshaking: return  // NIOSSL passes nothing on before the handshake completes
        case .plaintext, .verified: break
        }
        let prefixes: [String]
        if case .verified = mode { prefixes = Self.meshPrefixes } else { prefixes = Self.plaintextPrefixes }
        switch header.add(buffer) {
        case .needMore:
            if header.cannotStart(with: prefixes) { refuse(context) }
        case .tooLong:
            refuse(context)
        case .line(let line, let rest):
            watch.headerArrived()
            switch mode {
            case .verified(let source):
                if let apps, Preamble.isTunnel(line) {
                    return becomeTunnel(from: source, apps: apps.on(context.eventLoop), rest: rest, context: context)
                }
                if let rest { pending.append(rest) }
                guard let mesh = Preamble.parseMesh(line) else { return context.close(promise: nil) }
                admit(mesh, source: source, context: context)
            default:
                guard let plain = Preamble.parsePlaintext(line) else { return refusePlaintext(context) }
                connecting = true
                IngressAnswer.answer(plain, pod: pod, state: state, context: context)
            }
        }
    }

    /// Bytes that cannot become what the mode expects: plaintext is refused as such; over
    /// mTLS, a peer that proved an identity and then breaks the protocol is just closed.
    private func refuse(_ context: ChannelHandlerContext) {
        if case .verified = mode {
            watch.headerArrived()
            return context.close(promise: nil)
        }
        refusePlaintext(context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tls = event as? TLSUserEvent, case .handshakeCompleted = tls { return handshakeCompleted(context) }
        guard case ChannelEvent.inputClosed = event else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        clientHalfClosed = true
        guard !connecting else { return }
        if case .verified = mode { return refuse(context) }
        refusePlaintext(context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .handshaking(_, let slot) = mode { slot.release() }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if case .handshaking(let verification, let slot) = mode { handshakeFailed(error, verification, slot, context) }
        context.close(promise: nil)
    }

    /// No mesh identity: the policy decides what a peer without an identity gets (OSM's inbound
    /// chains match only mTLS from the mesh), and, naming no target port, it goes nowhere.
    func refusePlaintext(_ context: ChannelHandlerContext) {
        watch.headerArrived()
        InboundAdmission(state: state, pod: pod, identity: identity, loop: context.eventLoop).admitPlaintext()
        context.close(promise: nil)
    }

    /// The connection is a tunnel: from here on it carries frames, and the tunnel's handler
    /// takes its place (with whatever followed the preamble in the same read). Unless the
    /// identity, or the pod, already has as many tunnels as it may.
    func becomeTunnel(from source: ObjectKey, apps: LoopAppConnections, rest: ByteBuffer?, context: ChannelHandlerContext) {
        if let refusal = limits.openTunnel(from: source) {
            state.refuse(nil, limit: refusal.limit, pod: pod, refusal.detail)
            return context.close(promise: nil)
        }
        let configuration = state.configuration
        let inbound = InboundTunnel(state: state, pod: pod, identity: identity, source: source, apps: apps, limits: limits)
        let tunnel = TunnelHandler(
            role: .server(inbound), state: state, pod: pod, maxStreams: configuration.maxStreamsPerTunnel, watch: watch)
        do {
            try context.pipeline.syncOperations.addHandler(tunnel)
        } catch {
            inbound.tunnelClosed(openStreams: 0)
            return context.close(promise: nil)
        }
        watch.becameTunnel()
        // The tunnel sits right after us: hand it the rest, then step aside (the read-complete
        // of this read reaches it too).
        if let rest { context.fireChannelRead(NIOAny(rest)) }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    /// One connection, one identity: the admission the tunnel makes per stream, made once.
    private func admit(_ mesh: Preamble.Mesh, source: ObjectKey, context: ChannelHandlerContext) {
        var admission = InboundAdmission(state: state, pod: pod, identity: identity, loop: context.eventLoop)
        let (verdict, app) = admission.admit(source: source, port: mesh.port, connection: mesh.connection)
        guard verdict.allowed, let app else {
            context.close(promise: nil)
            return
        }
        connecting = true
        Splice.connect(from: context, to: app, descriptors: state.descriptors, registry: state.dialed).assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success(let upstream):
                    do {
                        try Splice.join(
                            context, upstream: upstream, first: nil, pending: self.pending,
                            clientHalfClosed: self.clientHalfClosed)
                        self.pending = []
                    } catch {
                        upstream.close(promise: nil)
                        context.close(promise: nil)
                    }
                case .failure(let error):
                    if error is DescriptorGuard.Short {
                        self.state.refuseForDescriptors(mesh.connection, pod: self.pod, "a connection from \(source)")
                    } else {
                        admission.refused(port: mesh.port, connection: mesh.connection)
                    }
                    context.close(promise: nil)
                }
            }
    }
}
