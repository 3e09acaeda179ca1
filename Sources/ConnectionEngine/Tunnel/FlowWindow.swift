/// Per-stream flow control, one window each way (HTTP/2's scheme, credit in bytes). Many
/// streams share one tunnel connection, so a stream cannot be slowed down by not reading the
/// tunnel (that would stall every stream on it): instead each stream may have at most
/// `size` bytes in flight towards the peer, and the peer returns credit only as it passes the
/// bytes on to a socket that can take them. A stream whose reader never reads therefore
/// holds at most one window in the tunnel's receiver, and the other streams keep flowing.
struct FlowWindow {
    let size: Int
    /// Bytes we may still send before the peer returns credit.
    private(set) var send: Int
    /// Bytes the peer may still send us. Below zero the peer broke the protocol.
    private(set) var receive: Int
    /// Credit for bytes already passed on, not yet announced (announced in batches).
    private var owed = 0

    init(size: Int) {
        self.size = size
        send = size
        receive = size
    }

    mutating func sent(_ n: Int) { send -= n }
    mutating func credited(_ n: Int) { send += n }

    /// The peer sent `n` bytes. False when that exceeds what we granted.
    mutating func received(_ n: Int) -> Bool {
        receive -= n
        return receive >= 0
    }

    /// `n` received bytes were passed on. Returns the credit to announce now, or 0: credit
    /// is batched to half a window, so a small exchange (a probe) never sends a WINDOW frame.
    mutating func passedOn(_ n: Int) -> Int {
        owed += n
        guard owed >= size / 2 else { return 0 }
        defer { owed = 0 }
        receive += owed
        return owed
    }
}
