import NIOCore
import NIOPosix

/// Connects to `address` on the accepted channel's own event loop and, once connected, writes
/// what must go first, then glues the two channels together and removes the calling handler.
/// Both channels share one loop, so the glue needs no locks.
enum Splice {
    /// Fails with `DescriptorGuard.Short` when the descriptor reserve is reached.
    static func connect(
        from context: ChannelHandlerContext, to address: SocketAddress, descriptors: DescriptorGuard,
        registry: DialedRegistry
    )
        -> EventLoopFuture<Channel>
    {
        bootstrap(on: context.eventLoop).connectOnLoopback(
            to: address, on: context.eventLoop, descriptors: descriptors, registry: registry)
    }

    /// How a sidecar dials upstream: half-close passes through. No Nagle delay either:
    /// TCP_NODELAY is NIO's default for both bootstraps (accepted sockets inherit it from the
    /// listener). `.socketOption(.tcp_nodelay)`, which this code used to add, sets option 1 at
    /// SOL_SOCKET level, that is SO_DEBUG: strace showed one wasted setsockopt per socket.
    /// Half-closure is set in the initializer, synchronously: a bootstrap option costs a future
    /// chain per connection (`ChannelOptions.Storage.applyAllChannelOptions`), seen in perf.
    static func bootstrap(on loop: EventLoop) -> ClientBootstrap {
        ClientBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.requireSyncOptions().setOption(.allowRemoteHalfClosure, value: true)
                }
            }
    }

    /// - Parameters:
    ///   - first: bytes for the upstream before anything the client sent (a preamble).
    ///   - pending: client bytes that arrived before the upstream was ready.
    ///   - clientHalfClosed: the client already shut down its output.
    static func join(
        _ context: ChannelHandlerContext, upstream: Channel,
        first: ByteBuffer?, pending: [ByteBuffer], clientHalfClosed: Bool
    ) throws {
        if let first { upstream.write(first, promise: nil) }
        for buffer in pending { upstream.write(buffer, promise: nil) }
        upstream.flush()
        let (client, server) = GlueHandler.matchedPair()
        try context.pipeline.syncOperations.addHandler(client)
        try upstream.pipeline.syncOperations.addHandler(server)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        if clientHalfClosed { upstream.close(mode: .output, promise: nil) }
    }
}

extension Channel {
    /// The synchronous options of a socket channel (NIO's sockets always have them); an error,
    /// not a silently skipped option, if some other channel type ever comes through.
    func requireSyncOptions() throws -> NIOSynchronousChannelOptions {
        guard let options = syncOptions else { throw ChannelError.operationUnsupported }
        return options
    }
}
