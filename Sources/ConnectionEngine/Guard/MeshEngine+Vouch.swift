import NIOCore

extension MeshEngine {
    /// A connection from `dialer` to `listener` is the engine's own: a guarded listener (a
    /// meshed app, an outbound sidecar) accepts it once. For a client in this process that
    /// plays a pod's own process (the benchmark's load client, tests that write to a pod's
    /// outbound sidecar as its app would): it binds its socket, vouches, then connects.
    package func vouch(dialer: SocketAddress, listener: SocketAddress) {
        guard let key = DialedRegistry.Key(dialer: dialer, listener: listener) else { return }
        state.dialed.dialed(key)
    }

    /// Registry entries waiting to be taken (tests check none stays behind).
    package var vouchedDials: Int { state.dialed.count }
}
