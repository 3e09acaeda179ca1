/// Per-stream flow control, one window each way (HTTP/2's scheme, credit in bytes). Many
/// streams share one tunnel connection, so a stream cannot be slowed down by not reading the
/// tunnel (that would stall every stream on it): instead each stream may have at most
/// `size` bytes in flight towards the peer, and the peer returns credit only as it passes the
/// bytes on to a socket that can take them. A stream whose reader never reads therefore
/// holds at most one window in the tunnel's receiver, and the other streams keep flowing.
///
/// The numbers in WINDOW and DATA frames come from the peer, so every sum with them is
/// checked: a peer that granted 0xFFFFFFFF again and again used to overflow `send` after
/// about two billion frames and trap the whole process.
struct FlowWindow {
    /// The largest a window may ever be: HTTP/2's 2^31-1 (RFC 9113, 6.9.1), where a sender
    /// must treat a WINDOW_UPDATE that takes it beyond this as a protocol error. A peer has
    /// no use for more: it only lets us send further ahead of its own reading.
    static let maximum = Int(Int32.max)

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

    /// `n` bytes went out (never more than `send`: the caller sends what the window allows).
    mutating func sent(_ n: Int) { send -= n }

    /// The peer granted `n` more bytes. False when that is not a valid grant: zero (as in
    /// HTTP/2, where an increment of 0 is a PROTOCOL_ERROR) or a window past `maximum`.
    mutating func credited(_ n: Int) -> Bool {
        guard n > 0, n <= Self.maximum - send else { return false }
        send += n
        return true
    }

    /// The peer sent `n` bytes. False when that exceeds what we granted.
    mutating func received(_ n: Int) -> Bool {
        guard n <= receive else { return false }
        receive -= n
        return true
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
