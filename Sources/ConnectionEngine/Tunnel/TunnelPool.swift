import MeshModel
import NIOCore
import NIOPosix
import NIOSSL

/// An outbound sidecar's tunnels, one small pool per event loop: a stream is carried by a
/// tunnel on its own connection's event loop, so a stream never crosses threads (with two
/// loops, a busy sidecar keeps two tunnels to each inbound sidecar it talks to).
final class TunnelPools: Sendable {
    private let pools: PerLoop<LoopTunnels>

    /// - Parameter register: called with every tunnel connection that comes up, so stopping
    ///   the pod closes it.
    init(
        group: EventLoopGroup, state: EngineState, pod: ObjectKey, identity: ObjectKey,
        register: @escaping @Sendable (Channel) -> Void
    ) {
        pools = PerLoop(group) { LoopTunnels(loop: $0, state: state, pod: pod, identity: identity, register: register) }
    }

    /// The pool of the event loop the caller runs on.
    func on(_ loop: EventLoop) -> LoopTunnels { pools.on(loop) }
}

/// The tunnels of one outbound sidecar on one event loop, by inbound sidecar. Touched only on
/// that loop (hence unchecked Sendable): no locks on the path of a connection.
final class LoopTunnels: @unchecked Sendable {
    private let loop: EventLoop
    private let state: EngineState
    private let pod: ObjectKey
    /// The pod's ServiceAccount: the client certificate every tunnel of this sidecar presents.
    private let identity: ObjectKey
    private let register: @Sendable (Channel) -> Void
    /// Inbound sidecar port (all on 127.0.0.1) → open tunnels to it.
    private var tunnels: [Int: [TunnelHandler]] = [:]

    init(
        loop: EventLoop, state: EngineState, pod: ObjectKey, identity: ObjectKey,
        register: @escaping @Sendable (Channel) -> Void
    ) {
        self.loop = loop
        self.state = state
        self.pod = pod
        self.identity = identity
        self.register = register
    }

    /// A tunnel to the inbound sidecar at `address` with room for one more stream: an open
    /// one, or a new one, dialed now (streams queue their frames until it is up). Refused when
    /// every tunnel to it is full and this loop already has as many as the inbound sidecar
    /// takes from one identity (it would close another), or when descriptors are short.
    ///
    /// A new tunnel is mutual TLS: this sidecar's certificate, and the server's checked against
    /// the mesh root and `serverIdentity` (the destination pod's ServiceAccount).
    func tunnel(
        to address: SocketAddress, pod destination: ObjectKey, serverIdentity: ObjectKey
    ) -> Result<TunnelHandler, InboundLimits.Refusal> {
        loop.preconditionInEventLoop()
        let port = address.port ?? 0
        // The pod too: a port freed by a deleted pod could be reused by a new one.
        if let open = tunnels[port]?.first(where: { $0.canOpen && $0.peer == destination }) { return .success(open) }
        let limit = state.configuration.maxTunnelsPerIdentity
        if (tunnels[port]?.count ?? 0) >= limit {
            return .failure(
                .init(
                    limit: "maxTunnelsPerIdentity",
                    detail: "refused a connection to \(destination): its \(limit) tunnels are full"))
        }
        if state.descriptors.isShort() {
            return .failure(
                .init(limit: "descriptorReserve", detail: "refused a connection to \(destination): \(state.descriptors.short)"))
        }
        let context: NIOSSLContext
        do {
            context = try state.tls.context(for: identity)
        } catch {
            return .failure(.init(limit: "certificate", detail: "no certificate for \(identity): \(error)"))
        }
        return .success(dial(address, port: port, destination: destination, context: context, serverIdentity: serverIdentity))
    }

    private func dial(
        _ address: SocketAddress, port: Int, destination: ObjectKey, context: NIOSSLContext, serverIdentity: ObjectKey
    ) -> TunnelHandler {
        let configuration = state.configuration
        let verification = PeerVerification(tls: state.tls, expecting: MeshTLS.identity(serverIdentity))
        let tunnel = TunnelHandler(
            role: .client, state: state, pod: pod, peer: destination, maxStreams: configuration.maxStreamsPerTunnel,
            preamble: Preamble.tunnel, verification: verification)
        tunnels[port, default: []].append(tunnel)
        tunnel.onClose = { [weak self, unowned tunnel] in
            self?.tunnels[port]?.removeAll { $0 === tunnel }
            if self?.tunnels[port]?.isEmpty == true { self?.tunnels[port] = nil }
        }
        let bound = NIOLoopBound(tunnel, eventLoop: loop)
        let (state, source, register) = (self.state, self.pod, self.register)
        ClientBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(verification.clientHandler(context: context))
                    try channel.pipeline.syncOperations.addHandler(bound.value)
                }
            }
            .connect(to: address)
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success(let channel):
                    register(channel)
                    state.trackTunnel(channel, from: source, to: destination)
                    state.emit(nil, .tunnelOpened(from: source, to: destination))
                case .failure:
                    tunnel.dialFailed()
                }
            }
        return tunnel
    }
}
