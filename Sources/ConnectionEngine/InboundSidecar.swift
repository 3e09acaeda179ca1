import DataPlaneInterface
import MeshModel
import NIOCore
import PolicyEngine

/// A pod's inbound sidecar (the server side). Accepts only connections that open with a mesh
/// preamble (OSM's inbound chains match only mTLS from the mesh: plaintext never matches):
/// a tunnel from an outbound sidecar (`MDK-TUNL`, then many streams, each decided on its own
/// by `InboundTunnel`), or one connection with its identity (`MDK-MESH`, when the engine runs
/// without tunnels), which is decided here and spliced to the app.
final class InboundSidecarHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private static let prefixes = [Preamble.meshPrefix, Preamble.tunnelPrefix, Preamble.plaintextPrefix]
    private let state: EngineState
    private let pod: ObjectKey
    /// This pod's ServiceAccount, as `namespace/name`.
    private let identity: ObjectKey
    /// The pod's connections to its app, for streams of tunnels.
    private let apps: AppConnectionPools?
    /// What the tunnels into the pod may hold at once.
    private let limits: InboundLimits
    private var header = HeaderAccumulator()
    private var pending: [ByteBuffer] = []
    private var connecting = false
    private var clientHalfClosed = false
    /// Times the header (and the connection's silence) for us.
    private let watch: ConnectionWatch

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
        switch header.add(buffer) {
        case .needMore:
            if header.cannotStart(with: Self.prefixes) { refusePlaintext(context) }
        case .tooLong:
            refusePlaintext(context)
        case .line(let line, let rest):
            watch.headerArrived()
            if let apps, let source = Preamble.parseTunnel(line) {
                return becomeTunnel(from: source, apps: apps.on(context.eventLoop), rest: rest, context: context)
            }
            if let plain = Preamble.parsePlaintext(line) {
                connecting = true
                return IngressAnswer.answer(plain, pod: pod, state: state, context: context)
            }
            if let rest { pending.append(rest) }
            guard let mesh = Preamble.parseMesh(line) else { return refusePlaintext(context) }
            admit(mesh, context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case ChannelEvent.inputClosed = event else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        clientHalfClosed = true
        if !connecting { refusePlaintext(context) }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    /// No mesh preamble: the policy decides what a peer without an identity gets (OSM's inbound
    /// chains match only mTLS from the mesh), and, naming no target port, it goes nowhere.
    private func refusePlaintext(_ context: ChannelHandlerContext) {
        watch.headerArrived()
        InboundAdmission(state: state, pod: pod, identity: identity, loop: context.eventLoop).admitPlaintext()
        context.close(promise: nil)
    }

    /// The connection is a tunnel: from here on it carries frames, and the tunnel's handler
    /// takes its place (with whatever followed the preamble in the same read). Unless the
    /// identity, or the pod, already has as many tunnels as it may.
    private func becomeTunnel(from source: ObjectKey, apps: LoopAppConnections, rest: ByteBuffer?, context: ChannelHandlerContext)
    {
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
    private func admit(_ mesh: Preamble.Mesh, context: ChannelHandlerContext) {
        var admission = InboundAdmission(state: state, pod: pod, identity: identity, loop: context.eventLoop)
        let source = ObjectKey(namespace: mesh.identityNamespace, name: mesh.identityName)
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
