import DataPlaneInterface
import MeshModel
import NIOCore
import NIOTLS

/// One end of a tunnel connection between two sidecars: takes frames off the wire and hands
/// them to the streams, and gathers the streams' frames into one buffer written once per
/// turn of the event loop. Every stream of a tunnel lives on the tunnel's event loop.
///
/// The client end (an outbound sidecar's) opens streams; the server end (an inbound
/// sidecar's) hands each OPEN to its `InboundTunnel`, which asks the policy and the limits.
/// What the peer sends is checked frame by frame (`TunnelHandler+Frames.swift`): a frame that
/// breaks the protocol closes this tunnel, with an event, and nothing else.
final class TunnelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Role {
        case client
        case server(InboundTunnel)
    }

    let role: Role
    /// Client end: the pod whose inbound sidecar this tunnel leads to.
    let peer: ObjectKey?
    let maxStreams: Int
    /// Where protocol errors are reported: the engine, and the pod whose sidecar this end is.
    let state: EngineState
    let pod: ObjectKey
    /// Server end: the connection's entry in the pod's table, told when streams move (a tunnel
    /// is idle while it carries no stream traffic, whatever else its peer sends).
    let watch: ConnectionWatch?
    private var context: ChannelHandlerContext?
    var streams: [UInt32: StreamBridge] = [:]
    private var parser = TunnelFrameParser()
    /// Frames waiting for the next flush (on the client end, first the preamble).
    private var out: ByteBuffer
    private var toFlush: [StreamBridge] = []
    /// Client end: the id the next stream gets (ids only go up, as in HTTP/2).
    private var nextStream: UInt32 = 1
    /// Server end: the highest id the peer opened; frames for ids above it are for streams
    /// that never existed, a protocol error, while those below belong to streams that ended.
    var highestOpened: UInt32 = 0
    private var active = false
    private var flushScheduled = false
    private var everActive = false
    private(set) var isClosed = false
    /// Called once, when the connection closes or fails to come up.
    var onClose: (() -> Void)?
    /// Client end: the check of the server's certificate, and what failed the handshake
    /// (`TunnelHandler+TLS.swift`); the streams fail with that reason.
    let verification: PeerVerification?
    var localPort: Int?
    var tlsFailure: String?
    /// Our side of the handshake is done (in TLS 1.3 the server may still refuse our certificate).
    var handshakeDone = false

    init(
        role: Role, state: EngineState, pod: ObjectKey, peer: ObjectKey? = nil, maxStreams: Int, preamble: String? = nil,
        verification: PeerVerification? = nil, watch: ConnectionWatch? = nil
    ) {
        self.verification = verification
        self.role = role
        self.state = state
        self.pod = pod
        self.peer = peer
        self.maxStreams = maxStreams
        self.watch = watch
        out = ByteBufferAllocator().buffer(capacity: 4096)
        if let preamble { out.writeString(preamble) }
    }

    /// True while the client end can take another stream.
    var canOpen: Bool { !isClosed && streams.count < maxStreams && nextStream < UInt32.max }
    var isWritable: Bool { context?.channel.isWritable ?? !isClosed }
    /// Client end: ids below this were opened by us.
    var openedBelow: UInt32 { nextStream }

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

    /// Server end: an OPENed stream the policy and the limits allowed.
    func accept(_ bridge: StreamBridge) {
        streams[bridge.id] = bridge
    }

    func streamEnded(_ id: UInt32) {
        guard streams.removeValue(forKey: id) != nil else { return }
        if case .server(let inbound) = role { inbound.streamEnded() }
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
    /// so a flush costs no allocation. One that a burst grew past `keptCapacity` is let go
    /// instead: a tunnel lives long, and would keep the largest burst it ever queued.
    private func flushNow() {
        flushScheduled = false
        guard active, let context, out.readableBytes > 0 else { return }
        context.writeAndFlush(wrapOutboundOut(out), promise: nil)
        if out.capacity > Self.keptCapacity {
            out = context.channel.allocator.buffer(capacity: 4096)
        } else {
            out.clear()
        }
    }

    /// The most the frame buffer keeps between flushes: one full DATA frame and its header.
    static let keptCapacity = TunnelFrame.maxData + 2 * TunnelFrame.headerBytes

    /// Closes the tunnel connection: every stream on it fails.
    func close() {
        context?.close(promise: nil)
    }

    /// Bytes this end keeps: frames not yet written, a frame split across reads, and what its
    /// streams hold (for the engine's memory accounting).
    var heldBytes: Int {
        var total = out.storageCapacity + parser.heldBytes
        if case .server = role { for bridge in streams.values { total += bridge.heldBytes } }
        return total
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
        localPort = context.channel.localAddress?.port
        active = true
        everActive = true
        flush()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = parser.begin(unwrapInboundIn(data))
        while !isClosed {
            switch parser.next(&buffer) {
            case .needMore:
                parser.keep(buffer, allocator: context.channel.allocator)
                return
            case .invalid(let reason):
                return protocolError(reason, context)
            case .frame(let kind, let stream, let payload):
                if let violation = dispatch(kind, stream: stream, payload: payload) {
                    return protocolError(violation, context)
                }
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

    /// The peer shut its side. A tunnel has no half-close of its own (each stream carries its
    /// FIN), and nothing more can come: no frame, no credit. Close now, so its streams and
    /// their app connections are freed at once rather than by the idle sweep a minute later
    /// (the inbound sidecar allows half-closure, so without this it sat in CLOSE-WAIT).
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            context.close(promise: nil)
        } else if let tls = event as? TLSUserEvent, case .handshakeCompleted = tls {
            handshakeDone = true
        } else {
            context.fireUserInboundEventTriggered(event)
        }
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
        noteTLSFailure(error)
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
        if case .server(let inbound) = role { inbound.tunnelClosed(openStreams: all.count) }
        if case .client = role, tlsFailure == nil, let noted = state.tlsRefusals.take(clientPort: localPort) {
            reportTLSFailure(noted)
        }
        for bridge in all { bridge.tunnelClosed(dialFailed: dialFailed, tlsFailure: tlsFailure) }
        onClose?()
        onClose = nil
    }

    private func protocolError(_ reason: String, _ context: ChannelHandlerContext) {
        let from = peer.map { "to \($0)" } ?? "from \(context.channel.remoteAddress?.description ?? "a peer")"
        state.emit(nil, .tunnelProtocolError(pod: pod, reason: "tunnel \(from): \(reason)"))
        closed(dialFailed: false)
        context.close(promise: nil)
    }
}
