import NIOCore

/// What one frame from the peer does, and whether it is allowed: the rules a peer must keep.
/// Every number in a frame comes from the peer, so each is checked before use (a stream id
/// against what was opened, a credit against the window's maximum, a length against the
/// window); a frame that breaks a rule closes the tunnel.
extension TunnelHandler {
    /// Nil when the frame was fine; otherwise why the tunnel must close.
    func dispatch(_ kind: TunnelFrame.Kind, stream: UInt32, payload: ByteBuffer) -> String? {
        if kind == .open { return opened(stream, payload: payload) }
        if let never = neverOpened(stream, kind) { return never }
        guard let bridge = streams[stream] else { return nil }  // a stream that ended: drop
        switch kind {
        case .data:
            watch?.touch()
            guard bridge.peerData(payload) else {
                return "DATA of \(payload.readableBytes) bytes on stream \(stream) overruns the window it was granted"
            }
        case .fin:
            watch?.touch()
            bridge.peerFin()
        case .rst:
            bridge.peerReset()
        case .window:
            guard let n = TunnelFrame.parseWindow(payload) else {
                return "a WINDOW frame of \(payload.readableBytes) bytes (it has 4)"
            }
            guard bridge.peerCredit(n) else {
                return n == 0
                    ? "WINDOW of 0 on stream \(stream)"
                    : "WINDOW of \(n) takes stream \(stream)'s window past \(FlowWindow.maximum) bytes"
            }
        case .open:
            break
        }
        return nil
    }

    /// A stream id the peer cannot know: on the client end ids we never handed out, on the
    /// server end ids above the highest it opened.
    private func neverOpened(_ stream: UInt32, _ kind: TunnelFrame.Kind) -> String? {
        switch role {
        case .client:
            return stream >= openedBelow ? "\(kind) for stream \(stream), which was never opened" : nil
        case .server:
            return stream > highestOpened ? "\(kind) for stream \(stream), which was never opened" : nil
        }
    }

    /// OPEN: only the client end sends it, with a new id above the last, and a payload that parses.
    private func opened(_ stream: UInt32, payload: ByteBuffer) -> String? {
        guard case .server(let inbound) = role else { return "OPEN sent to the client end" }
        guard stream > highestOpened else {
            return "OPEN for stream \(stream), not above the last opened (\(highestOpened))"
        }
        guard let open = TunnelFrame.parseOpen(payload) else { return "a malformed OPEN for stream \(stream)" }
        highestOpened = stream
        watch?.touch()
        inbound.open(open, stream: stream, tunnel: self)
        return nil
    }
}
