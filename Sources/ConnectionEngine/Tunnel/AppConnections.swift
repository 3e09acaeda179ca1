import NIOCore
import NIOPosix

/// An inbound sidecar's connections to its own app, one small set per event loop. Every
/// stream still gets a connection of its own (the echo app closes on EOF, as OSM's does), but
/// the connection may have been dialed ahead of need, as Envoy's cluster preconnect policy
/// does: when a stream ends, a spare is dialed for the next one (up to `spares` waiting), so
/// a stream that finds one skips the connect and the app's accept on its way.
final class AppConnectionPools: Sendable {
    private let pools: PerLoop<LoopAppConnections>

    init(group: EventLoopGroup, spares: Int, descriptors: DescriptorGuard, registry: DialedRegistry) {
        pools = PerLoop(group) {
            LoopAppConnections(loop: $0, spares: spares, descriptors: descriptors, registry: registry)
        }
    }

    func on(_ loop: EventLoop) -> LoopAppConnections { pools.on(loop) }

    /// The app stopped: close the spares and forget those being dialed, so the next stream
    /// dials for real and sees the refusal. Call after the app's listener is closed.
    func dropAll() async {
        for pool in pools.all {
            try? await pool.loop.submit { pool.dropAll() }.get()
        }
    }
}

/// One loop's share; touched only on that loop (hence unchecked Sendable).
final class LoopAppConnections: @unchecked Sendable {
    let loop: EventLoop
    private let target: Int
    /// Built once per loop, not per connection.
    private let bootstrap: ClientBootstrap
    /// No dial, for a stream or a spare, past the descriptor reserve.
    private let descriptors: DescriptorGuard
    /// Where a dial to the app is registered, so the app (guarded) accepts it.
    private let registry: DialedRegistry
    /// App port → connected spares (and the handler that watches each), oldest first.
    private var spares: [Int: [(Channel, SpareWatcher)]] = [:]
    /// Bumped by `dropAll`: a dial that began before it is not kept.
    private var generation = 0
    /// Set by `dropAll`: the app stopped for good (a pod's app never restarts; a new pod has
    /// pools of its own), so no spare is dialed again, not even for a stream that was open
    /// across the stop and ends later: its port is free, and the kernel may have given it to
    /// another listener, which a spare would then reach.
    private var appGone = false

    init(loop: EventLoop, spares: Int, descriptors: DescriptorGuard, registry: DialedRegistry) {
        self.registry = registry
        self.loop = loop
        self.target = spares
        self.bootstrap = Splice.bootstrap(on: loop)
        self.descriptors = descriptors
    }

    /// A spare connection to the app at `address`, ready for a stream, if one waits.
    func takeSpare(_ address: SocketAddress) -> Channel? {
        let port = address.port ?? 0
        while let (spare, watcher) = spares[port]?.popLast() {
            guard spare.isActive else {
                spare.close(promise: nil)
                continue
            }
            watcher.taken = true
            spare.pipeline.syncOperations.removeHandler(watcher, promise: nil)
            return spare
        }
        return nil
    }

    /// A new connection to the app, when no spare waits (fails with `DescriptorGuard.Short`
    /// past the reserve).
    func connect(to address: SocketAddress) -> EventLoopFuture<Channel> {
        bootstrap.connectOnLoopback(to: address, on: loop, descriptors: descriptors, registry: registry)
    }

    /// A stream to the app at `address` ended: dial a spare for the next one, if fewer than
    /// the target wait. Runs after the loop's current turn, off the way of the stream's last
    /// bytes (its FIN to the client sidecar is flushed first).
    func replenish(_ address: SocketAddress) {
        guard target > 0, !appGone else { return }
        loop.assumeIsolated().execute { self.dial(address) }
    }

    private func dial(_ address: SocketAddress) {
        let port = address.port ?? 0
        guard !appGone, (spares[port]?.count ?? 0) < target else { return }
        let started = generation
        // Past the descriptor reserve this fails, and no spare is kept: fine, they are a nicety.
        connect(to: address).assumeIsolated().whenSuccess { channel in
            let watcher = SpareWatcher(pool: self, port: port)
            guard started == self.generation, (self.spares[port]?.count ?? 0) < self.target,
                (try? channel.pipeline.syncOperations.addHandler(watcher)) != nil
            else {
                return channel.close(promise: nil)
            }
            self.spares[port, default: []].append((channel, watcher))
        }
    }

    fileprivate func remove(_ channel: Channel, port: Int) {
        spares[port]?.removeAll { $0.0 === channel }
    }

    func dropAll() {
        appGone = true
        generation += 1
        let all = spares.values.joined()
        spares = [:]
        for (channel, _) in all { channel.close(promise: nil) }
    }
}

/// Sits on a waiting spare: if the app closes it (idle timeout, stopped), it leaves the set.
/// Spares are not in the pod's connection table: the app's end is, and closing it (the pod
/// stops) closes the spare through this handler.
final class SpareWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    private weak var pool: LoopAppConnections?
    private let port: Int
    var taken = false

    init(pool: LoopAppConnections, port: Int) {
        self.pool = pool
        self.port = port
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.close(promise: nil)  // the app never speaks first: not a usable spare
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { context.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !taken { pool?.remove(context.channel, port: port) }
        context.fireChannelInactive()
    }
}
