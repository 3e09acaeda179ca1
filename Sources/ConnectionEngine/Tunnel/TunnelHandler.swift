import DataPlaneInterface
import MeshModel
import NIOCore

/// One end of a tunnel connection between two sidecars: takes frames off the wire and hands
/// them to the streams, and gathers the streams' frames into one buffer written once per
/// turn of the event loop. Every stream of a tunnel lives on the tunnel's event loop.
///
/// The client end (an outbound sidecar's) opens streams; the server end (an inbound
/// sidecar's) hands each OPEN to its `InboundTunnel`, which asks the policy.
final class TunnelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Role {
        case client
        case server(InboundTunnel)
    }

    private let role: Role
    /// Client end: the pod whose inbound sidecar this tunnel leads to.
    let peer: ObjectKey?
    let maxStreams: Int
    private var context: ChannelHandlerContext?
    private var streams: [UInt32: StreamBridge] = [:]
    private var parser = TunnelFrameParser()
    /// Frames waiting for the next flush (on the client end, first the preamble).
    private var out: ByteBuffer
    private var toFlush: [StreamBridge] = []
    private var nextStream: UInt32 = 1
    private var active = false
    private var flushScheduled = false
    private var everActive = false
    private(set) var isClosed = false
    /// Called once, when the connection closes or fails to come up.
    var onClose: (() -> Void)?

    init(role: Role, peer: ObjectKey? = nil, maxStreams: Int, preamble: String? = nil) {
        self.role = role
        self.peer = peer
        self.maxStreams = maxStreams
        out = ByteBufferAllocator().buffer(capacity: 4096)
        if let preamble { out.writeString(preamble) }
    }

    /// True while the client end can take another stream.
    var canOpen: Bool { !isClosed && streams.count < maxStreams && nextStream < UInt32.max }
    var isWritable: Bool { context?.channel.isWritable ?? !isClosed }

    // MARK: - streams

    /// Client end: a new stream. Its OPEN is queued at once; the bridge goes into the app's
    /// connection and sends what the app already wrote.
    func open(
        connection: ConnectionID, targetPort: Int, host: String, port: Int, windowBytes: Int,
        notes: StreamBridge.ClientNotes, initial: [ByteBuffer], inputEnded: Bool
    ) -> StreamBridge {
        let id = nextStream
        nextStream += 1
        TunnelFrame.writeOpen(stream: id, connection: connection, targetPort: targetPort, host: host, port: port, into: &out)
        let bridge = StreamBridge(
            id: id, tunnel: self, windowBytes: windowBytes, notes: notes,
            initial: initial, inputEnded: inputEnded)
        streams[id] = bridge
        return bridge
    }

    /// Server end: an OPENed stream the policy allowed.
    func accept(_ bridge: StreamBridge) {
        streams[bridge.id] = bridge
    }

    func streamEnded(_ id: UInt32) {
        streams.removeValue(forKey: id)
    }

    func sendData(stream: UInt32, _ bytes: ByteBuffer) {
        var rest = bytes
        while rest.readableBytes > 0 {
            let chunk = rest.readSlice(length: min(rest.readableBytes, TunnelFrame.maxData))!
            TunnelFrame.writeData(stream: stream, chunk, into: &out)
        }
    }

    func sendFin(stream: UInt32) { TunnelFrame.writeHeader(.fin, stream: stream, length: 0, into: &out) }
    func sendReset(stream: UInt32) { TunnelFrame.writeHeader(.rst, stream: stream, length: 0, into: &out) }
    func sendWindow(stream: UInt32, increment: Int) { TunnelFrame.writeWindow(stream: stream, increment: increment, into: &out) }

    func needsSocketFlush(_ bridge: StreamBridge) { toFlush.append(bridge) }

    /// Writes every queued frame in one write, once this turn of the event loop has handled
    /// all its ready sockets: the frames of every stream that moved in this turn (and a
    /// stream's DATA and the FIN that NIO reports separately) share one syscall.
    func flush() {
        guard active, !flushScheduled, let context, out.readableBytes > 0 else { return }
        flushScheduled = true
        context.eventLoop.assumeIsolated().execute { self.flushNow() }
    }

    /// The buffer is reused when the kernel took it all at once (the usual case on loopback),
    /// so a flush costs no allocation.
    private func flushNow() {
        flushScheduled = false
        guard active, let context, out.readableBytes > 0 else { return }
        context.writeAndFlush(wrapOutboundOut(out), promise: nil)
        out.clear()
    }

    /// Closes the tunnel connection: every stream on it fails.
    func close() {
        context?.close(promise: nil)
    }

    // MARK: - channel

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive {
            active = true
            everActive = true
            flush()
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        active = true
        everActive = true
        flush()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = parser.begin(unwrapInboundIn(data))
        while true {
            switch parser.next(&buffer) {
            case .needMore:
                parser.keep(buffer, allocator: context.channel.allocator)
                return
            case .invalid:
                return protocolError(context)
            case .frame(let kind, let stream, let payload):
                guard dispatch(kind, stream: stream, payload: payload) else { return protocolError(context) }
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if !toFlush.isEmpty {
            for bridge in toFlush { bridge.flushSocket() }
            toFlush.removeAll(keepingCapacity: true)
        }
        flush()
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            for bridge in streams.values { bridge.resumeReading() }
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed(dialFailed: !everActive)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    /// The dial of a client end failed: its streams fail as a refused connection would.
    func dialFailed() {
        closed(dialFailed: true)
    }

    private func closed(dialFailed: Bool) {
        guard !isClosed else { return }
        isClosed = true
        active = false
        let all = streams.values
        streams = [:]
        toFlush = []
        for bridge in all { bridge.tunnelClosed(dialFailed: dialFailed) }
        onClose?()
        onClose = nil
    }

    private func protocolError(_ context: ChannelHandlerContext) {
        context.close(promise: nil)
    }

    /// False when the peer broke the protocol (the tunnel is then closed).
    private func dispatch(_ kind: TunnelFrame.Kind, stream: UInt32, payload: ByteBuffer) -> Bool {
        switch kind {
        case .data:
            return streams[stream]?.peerData(payload) ?? true  // a stream we reset: drop
        case .fin:
            streams[stream]?.peerFin()
        case .rst:
            streams[stream]?.peerReset()
        case .window:
            guard let n = TunnelFrame.parseWindow(payload) else { return false }
            streams[stream]?.peerCredit(n)
        case .open:
            guard case .server(let inbound) = role, streams[stream] == nil,
                let open = TunnelFrame.parseOpen(payload)
            else { return false }
            if streams.count >= maxStreams {
                sendReset(stream: stream)
            } else {
                inbound.open(open, stream: stream, tunnel: self)
            }
        }
        return true
    }
}
