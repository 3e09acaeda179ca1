import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// Connects to a loopback listener on the spot, for the sidecars' connections to apps and
/// upstreams (every endpoint here listens on 127.0.0.1). On loopback the whole TCP handshake
/// runs inside one blocking `connect` (the kernel processes the SYN and SYN-ACK before the call
/// returns), so the connected socket can go straight to `ClientBootstrap.withConnectedSocket`. NIO's own `connect` takes the
/// non-blocking route: EINPROGRESS, an epoll change to wait for writability, another loop
/// turn, `SO_ERROR`, a connect-timeout task scheduled and cancelled — in perf, the biggest
/// piece of the sidecar loop's work per probe that was not the kernel's.
///
/// The wait is bounded (`SO_SNDTIMEO`, which Linux applies to a blocking `connect`): an app
/// whose accept queue is full drops the SYN, and then this gives up after `limit` instead of
/// holding the event loop. On any failure the caller dials the usual way, which also reports
/// refusals the usual way.
///
/// Every dial checks `DescriptorGuard` first: the socket's own number says whether the
/// reserve is reached, so the check costs nothing here.
enum LoopbackDial {
    static let limit = timeval(tv_sec: 0, tv_usec: 2_000)

    enum Outcome {
        /// `proof`: the registry entry made for it (dialed to a guarded listener).
        case connected(NIOBSDSocket.Handle, proof: DialedRegistry.Key?)
        /// Not dialed here: dial the usual way.
        case elsewhere
        /// The descriptor reserve is reached (or no descriptor at all): refuse.
        case short
    }

    /// A connected, non-blocking socket to `address` (a 127.x.x.x address), if it can be had
    /// on the spot.
    /// To a guarded listener (`registry`), the connected socket's address is registered.
    static func connectNow(_ address: SocketAddress, descriptors: DescriptorGuard, registry: DialedRegistry? = nil) -> Outcome {
        #if os(Linux)
            // Loopback only: elsewhere a handshake is a network round trip, not a kernel call.
            guard case .v4(let v4) = address, UInt32(bigEndian: v4.address.sin_addr.s_addr) >> 24 == 127 else {
                return descriptors.isShort() ? .short : .elsewhere
            }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { return errno == EMFILE || errno == ENFILE ? .short : .elsewhere }
            guard !descriptors.isShort(opened: fd) else {
                close(fd)
                return .short
            }
            var timeout = limit
            // (TCP_NODELAY comes from the bootstrap's options, as for every socket NIO makes.)
            let connected =
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size)) == 0
                && address.withSockAddr { pointer, size in connect(fd, pointer, socklen_t(size)) } == 0
            var none = timeval(tv_sec: 0, tv_usec: 0)
            guard connected,
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &none, socklen_t(MemoryLayout<timeval>.size)) == 0,
                fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0
            else {
                close(fd)
                return .elsewhere
            }
            // Registered as soon as connect returns: the listener's loop may accept first, and
            // then waits the few microseconds for it (`DialedOnlyGate`). Not bound before the
            // connect: a port taken by bind(0) stays taken through TIME_WAIT (the dialer closes
            // first), and under load that used up the ephemeral ports the listeners bind from.
            var proof: DialedRegistry.Key?
            if let registry, registry.isGuarded(address), let key = localKey(fd, to: address) {
                registry.dialed(key)
                proof = key
            }
            return .connected(fd, proof: proof)
        #else
            return descriptors.isShort() ? .short : .elsewhere
        #endif
    }

    #if os(Linux)
        /// The registry key the listener at `address` sees as the peer of connected `fd`.
        private static func localKey(_ fd: Int32, to address: SocketAddress) -> DialedRegistry.Key? {
            var local = sockaddr_in()
            var size = socklen_t(MemoryLayout<sockaddr_in>.size)
            let named = withUnsafeMutablePointer(to: &local) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) == 0 }
            }
            guard named else { return nil }
            return DialedRegistry.Key(dialer: SocketAddress(local, host: "127.0.0.1"), listener: address)
        }
    #endif
}

extension ClientBootstrap {
    /// `connect(to:)`, done on the spot when `address` is on loopback (see `LoopbackDial`);
    /// fails with `DescriptorGuard.Short` when the descriptor reserve is reached.
    /// With `registry`, a dial to a guarded listener is registered (see `DialedRegistry`): before
    /// the connect on the spot, once connected otherwise; the entry goes when the channel closes.
    func connectOnLoopback(
        to address: SocketAddress, on loop: EventLoop, descriptors: DescriptorGuard, registry: DialedRegistry? = nil
    )
        -> EventLoopFuture<Channel>
    {
        switch LoopbackDial.connectNow(address, descriptors: descriptors, registry: registry) {
        case .connected(let fd, let proof):
            let connected = withConnectedSocket(fd)
            guard let proof, let registry else { return connected }
            return connected.always { result in
                switch result {
                case .success(let channel): channel.closeFuture.whenComplete { _ in registry.forget(proof) }
                case .failure: registry.forget(proof)
                }
            }
        case .elsewhere:
            let connected = connect(to: address)
            guard let registry, registry.isGuarded(address) else { return connected }
            return connected.map { channel in
                if let key = DialedRegistry.Key(dialer: channel.localAddress, listener: address) {
                    registry.dialed(key)
                    channel.closeFuture.whenComplete { _ in registry.forget(key) }
                }
                return channel
            }
        case .short: return loop.makeFailedFuture(descriptors.short)
        }
    }
}
