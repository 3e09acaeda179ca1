import NIOConcurrencyHelpers
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// The connections this engine dialed to its guarded listeners (a meshed pod's app, every
/// outbound sidecar), by the dialer's own address: what the accepting side sees as its peer.
/// A real pod's network lets nobody but the pod's inbound sidecar reach a meshed app (iptables
/// redirects every inbound connection to Envoy, OSM `pkg/injector/iptables.go`), and nothing
/// but the pod's own processes reach its outbound listener (it is the pod's loopback). Here
/// every listener is on the machine's loopback, so any local process could dial one; the
/// accepting side asks this registry instead, and refuses what the engine did not dial.
///
/// Why this and not Unix sockets in a private directory or a per-run secret: the address is
/// what the kernel vouches for (a foreign process cannot take a port the engine's socket
/// holds), it costs no bytes on the wire (a secret would be one more header on every hop and
/// one more thing to keep from `ps` and the event log), and the sidecars keep TCP, which is
/// what the mesh's clients, the benchmark and `serve` speak. See docs/ARCHITECTURE.md.
///
/// An entry is made as soon as the dial's `connect` returns (the address is the kernel's pick:
/// binding first would hold the port through TIME_WAIT), taken once by the accepting side, and
/// dropped when the dialing connection closes; so what it holds is bounded by the engine's own
/// open connections. On loopback the accept can come before the entry: the accepting side then
/// waits for it (`claim`), bounded by `EngineConfiguration.dialerProofSeconds`.
final class DialedRegistry: Sendable {
    /// A dialer's IPv4 address and port, and the listener port it dialed.
    struct Key: Hashable, Sendable {
        var ip: UInt32
        var port: UInt16
        var listener: UInt16

        init?(dialer: SocketAddress?, listener: SocketAddress?) {
            guard case .v4(let local) = dialer, let to = listener?.port else { return nil }
            ip = local.address.sin_addr.s_addr
            port = local.address.sin_port
            self.listener = UInt16(to)
        }
    }

    private enum Entry {
        case dialed
        /// The accepting side asked first: it is told when the dial registers.
        case awaited(@Sendable () -> Void)
    }

    private struct Table {
        var entries: [Key: Entry] = [:]
        /// Ports of the listeners that accept only what was dialed: a dial elsewhere (to an
        /// inbound sidecar, an app without a sidecar) leaves no entry.
        var guarded: Set<UInt16> = []
    }

    private let table = NIOLockedValueBox(Table())

    func guardListener(_ address: SocketAddress?) {
        guard let port = address?.port else { return }
        table.withLockedValue { _ = $0.guarded.insert(UInt16(port)) }
    }

    func unguardListener(_ address: SocketAddress?) {
        guard let port = address?.port else { return }
        table.withLockedValue { _ = $0.guarded.remove(UInt16(port)) }
    }

    func isGuarded(_ address: SocketAddress) -> Bool {
        guard let port = address.port else { return false }
        return table.withLockedValue { $0.guarded.contains(UInt16(port)) }
    }

    /// The engine dialed (or is about to dial) `key`.
    func dialed(_ key: Key) {
        let waiter = table.withLockedValue { t -> (@Sendable () -> Void)? in
            guard t.guarded.contains(key.listener) else { return nil }
            if case .awaited(let waiter) = t.entries[key] {
                t.entries[key] = nil
                return waiter
            }
            t.entries[key] = .dialed
            return nil
        }
        waiter?()
    }

    /// The dialing connection closed (or never connected): its entry, if not taken, goes.
    func forget(_ key: Key) {
        table.withLockedValue { t in
            if case .dialed = t.entries[key] { t.entries[key] = nil }
        }
    }

    /// The accepting side: true when the engine dialed `key` (the entry is taken). Otherwise
    /// false, and `waiter` runs if the dial registers before `cancel(key)`.
    func claim(_ key: Key, waiter: @escaping @Sendable () -> Void) -> Bool {
        table.withLockedValue { t in
            if case .dialed = t.entries[key] {
                t.entries[key] = nil
                return true
            }
            t.entries[key] = .awaited(waiter)
            return false
        }
    }

    /// The accepting side gave up waiting (or its connection closed).
    func cancel(_ key: Key) {
        table.withLockedValue { t in
            if case .awaited = t.entries[key] { t.entries[key] = nil }
        }
    }

    /// Entries held now (the tests check that nothing stays behind).
    var count: Int { table.withLockedValue { $0.entries.count } }
}
