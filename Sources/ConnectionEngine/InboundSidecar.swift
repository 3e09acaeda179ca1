import MeshModel
import NIOCore
import PolicyEngine

/// A pod's inbound sidecar (the server side). Accepts only connections that open with the
/// mesh identity preamble (OSM's inbound chains match only mTLS from the mesh: plaintext never
/// matches), asks the policy whether that identity may reach this pod's port, and splices the
/// allowed ones to the app.
final class InboundSidecarHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let state: EngineState
    private let pod: ObjectKey
    /// This pod's ServiceAccount, as `namespace/name`.
    private let identity: ObjectKey
    private var header = HeaderAccumulator()
    private var pending: [ByteBuffer] = []
    private var connecting = false
    private var clientHalfClosed = false
    private var headerDeadline = HeaderDeadline()

    init(state: EngineState, pod: ObjectKey, identity: ObjectKey) {
        self.state = state
        self.pod = pod
        self.identity = identity
    }

    func channelActive(context: ChannelHandlerContext) {
        headerDeadline.start(context, seconds: state.configuration.headerTimeoutSeconds)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if connecting {
            pending.append(buffer)
            return
        }
        switch header.add(buffer) {
        case .needMore:
            if header.cannotStart(with: Preamble.meshPrefix) { refusePlaintext(context) }
        case .tooLong:
            refusePlaintext(context)
        case .line(let line, let rest):
            headerDeadline.cancel()
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

    private func refusePlaintext(_ context: ChannelHandlerContext) {
        headerDeadline.cancel()
        state.emit(nil, .plaintextRefused(pod: pod))
        context.close(promise: nil)
    }

    /// Envoy's inbound RBAC filter: the source identity and port against the current policy.
    private func admit(_ mesh: Preamble.Mesh, context: ChannelHandlerContext) {
        let plane = state.current
        let policy = plane.policy
        let source = policy.identity(of: ObjectKey(namespace: mesh.identityNamespace, name: mesh.identityName))
        let verdict: Verdict
        if let source, let destination = policy.identity(of: identity) {
            verdict = policy.decideInbound(source: source, destination: destination, targetPort: mesh.port, rawTCP: true)
        } else {
            verdict = Verdict(allowed: policy.permissive, point: .serverSidecar,
                              reason: policy.permissive ? .permissive : .smiNoTrafficTarget)
        }
        state.record(mesh.connection) { $0.serverVerdict = verdict }
        state.emit(mesh.connection, .verdict(verdict, by: .serverSidecar, pod: pod, summary: policy.summary(verdict)))
        guard verdict.allowed else {
            context.close(promise: nil)
            return
        }
        guard let app = plane.pods[pod]?.app[mesh.port] else {
            refused(mesh, port: mesh.port, context: context)
            return
        }
        connecting = true
        Splice.connect(from: context, to: app).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let upstream):
                do {
                    try Splice.join(context, upstream: upstream, first: nil, pending: self.pending,
                                    clientHalfClosed: self.clientHalfClosed)
                    self.pending = []
                } catch {
                    upstream.close(promise: nil)
                    context.close(promise: nil)
                }
            case .failure:
                self.refused(mesh, port: mesh.port, context: context)
            }
        }
    }

    private func refused(_ mesh: Preamble.Mesh, port: Int, context: ChannelHandlerContext) {
        state.record(mesh.connection) { $0.refusedBy = pod }
        state.emit(mesh.connection, .upstreamRefused(pod: pod, port: port))
        context.close(promise: nil)
    }
}
