import NIOConcurrencyHelpers
import NIOCore

/// Counts the inbound TLS handshakes under way, up to `maxHandshakesInFlight`. A slot is taken
/// when a connection's first byte shows TLS and given back once, when its handshake ends
/// (done, failed, or the connection closed).
final class HandshakeSlots: Sendable {
    let limit: Int
    private let inFlight = NIOLockedValueBox(0)

    init(limit: Int) { self.limit = limit }

    /// A slot, or nil when `limit` handshakes are under way.
    func take() -> Slot? {
        let taken = inFlight.withLockedValue { n -> Bool in
            guard n < limit else { return false }
            n += 1
            return true
        }
        return taken ? Slot(self) : nil
    }

    var count: Int { inFlight.withLockedValue { $0 } }

    fileprivate func give() { inFlight.withLockedValue { $0 -= 1 } }

    /// One handshake's place; `release` is idempotent. Lives on the connection's loop.
    final class Slot {
        private var owner: HandshakeSlots?
        fileprivate init(_ owner: HandshakeSlots) { self.owner = owner }
        func release() {
            owner?.give()
            owner = nil
        }
        deinit { owner?.give() }
    }
}

/// The inbound side's reason for each TLS refusal, by the client's port, so the outbound
/// sidecar of the same engine whose handshake it refused can say why (it only hears the TLS
/// alert, "certificate unknown", not what was wrong). Recorded before the alert is sent, so
/// it is there when the client end fails. At most `capacity` kept: refusals of peers outside
/// the engine (openssl, an attacker) are never read, and the oldest go first.
final class TLSRefusalNotes: Sendable {
    static let capacity = 256
    private let notes = NIOLockedValueBox<(byPort: [Int: String], order: [Int])>(([:], []))

    func note(clientPort: Int?, _ reason: String) {
        guard let clientPort else { return }
        notes.withLockedValue { n in
            if n.byPort.updateValue(reason, forKey: clientPort) == nil { n.order.append(clientPort) }
            if n.order.count > Self.capacity { n.byPort[n.order.removeFirst()] = nil }
        }
    }

    func take(clientPort: Int?) -> String? {
        guard let clientPort else { return nil }
        return notes.withLockedValue { n in
            guard let reason = n.byPort.removeValue(forKey: clientPort) else { return nil }
            n.order.removeAll { $0 == clientPort }
            return reason
        }
    }
}
