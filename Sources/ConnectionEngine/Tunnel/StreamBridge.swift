import DataPlaneInterface
import MeshModel
import NIOCore

/// Joins one socket to one stream of a tunnel: on the client side the app's connection to its
/// outbound sidecar, on the server side the inbound sidecar's connection to the app. The same
/// handler serves both, because a stream is symmetric: bytes either way, a FIN either way
/// (TCP half-close: `echo hello | nc` sends, shuts its output, then reads until EOF), and an RST
/// when either end breaks. It lives on the tunnel's event loop, so nothing here needs a lock.
///
/// Backpressure is per stream (`FlowWindow`): we read our socket only while the peer has
/// granted room; we return credit only for bytes our socket accepted. The tunnel itself is
/// always read, so one stuck stream never stalls the others.
final class StreamBridge: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// What the client side reports when its tunnel fails under it.
    struct ClientNotes {
        let state: EngineState
        let connection: ConnectionID
        /// The pod whose inbound sidecar the tunnel leads to.
        let endpointPod: ObjectKey
        let inboundPort: Int
    }

    let id: UInt32
    private var tunnel: TunnelHandler?
    private let notes: ClientNotes?
    private var context: ChannelHandlerContext?
    private var window: FlowWindow
    /// Peer bytes that came before our socket was attached (server side, app still connecting),
    /// copied so the tunnel's read buffer is free for its next read.
    private var early: ByteBuffer?
    /// Bytes our socket gave us beyond the send window; reading stops until credit comes.
    private var held: ByteBuffer?
    /// Credit for bytes written while our socket was over its high-water mark.
    private var creditOnHold = 0
    private var readBlocked = false
    private var needsFlush = false
    /// Our socket's input ended (its peer half-closed).
    private var inputEnded = false
    /// We told the peer our side ended (FIN sent).
    private var localFin = false
    /// The peer's side ended (FIN received): our socket's output is shut once drained.
    private var remoteFin = false
    private var socketGone = false
    private var errored = false
    /// The stream is over and out of the tunnel's table.
    private(set) var isDone = false

    /// - Parameters:
    ///   - initial: bytes our socket already gave before the stream opened (client side).
    ///   - inputEnded: our socket already half-closed before the stream opened.
    init(
        id: UInt32, tunnel: TunnelHandler, windowBytes: Int, notes: ClientNotes?,
        initial: [ByteBuffer] = [], inputEnded: Bool = false
    ) {
        self.id = id
        self.tunnel = tunnel
        self.notes = notes
        self.window = FlowWindow(size: windowBytes)
        self.inputEnded = inputEnded
        for buffer in initial {
            if held == nil { held = buffer } else { held!.writeImmutableBuffer(buffer) }
        }
    }

    /// Bytes this stream keeps: what its socket gave beyond the window, what the peer sent
    /// before the socket was there, and what its socket has not written yet.
    var heldBytes: Int {
        let unwritten = (try? context?.channel.syncOptions?.getOption(.bufferedWritableBytes)) ?? 0
        return (held?.storageCapacity ?? 0) + (early?.storageCapacity ?? 0) + unwritten
    }

    // MARK: - our socket

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        guard !isDone else { return context.close(promise: nil) }
        if let waiting = early {
            early = nil
            deliver(waiting, context: context)
            context.flush()
        }
        if remoteFin { endOutput(context) }
        if held != nil { sendHeld() } else if inputEnded { sendFin() }
        tunnel?.flush()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isDone, !localFin else { return }
        let buffer = unwrapInboundIn(data)
        if held != nil {
            held!.writeImmutableBuffer(buffer)
        } else {
            send(buffer)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        tunnel?.flush()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case ChannelEvent.inputClosed = event else {
            return context.fireUserInboundEventTriggered(event)
        }
        inputEnded = true
        guard !isDone else { return }
        if held == nil { sendFin() }  // else the FIN follows the held bytes
        tunnel?.flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        errored = true
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        socketGone = true
        defer { context.fireChannelInactive() }
        guard !isDone, let tunnel else { return }
        if localFin && remoteFin {
            finish()
        } else if remoteFin && !errored {
            // EOF after we shut our output: NIO closes the channel without an inputClosed
            // event then. A clean end: what we still hold goes out, then our FIN.
            inputEnded = true
            if held == nil {
                sendFin()
                finish()
            }
        } else {
            tunnel.sendReset(stream: id)
            finish()
        }
        tunnel.flush()
    }

    /// Our socket drained below its low-water mark: the credit we held back goes to the peer.
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, creditOnHold > 0, !isDone {
            let n = creditOnHold
            creditOnHold = 0
            passedOn(n)
            tunnel?.flush()
        }
        context.fireChannelWritabilityChanged()
    }

    /// Reads only while the peer has room for what we read and the tunnel can take it.
    func read(context: ChannelHandlerContext) {
        if isDone || canRead { context.read() } else { readBlocked = true }
    }

    private var canRead: Bool {
        window.send > 0 && held == nil && (tunnel?.isWritable ?? false)
    }

    // MARK: - called by the tunnel

    /// DATA from the peer. False when the peer overran its window (a protocol violation).
    func peerData(_ buffer: ByteBuffer) -> Bool {
        guard window.received(buffer.readableBytes) else { return false }
        guard !isDone, !remoteFin, !socketGone else { return true }
        guard let context else {
            if early == nil { early = ByteBufferAllocator().buffer(capacity: buffer.readableBytes) }
            early!.writeImmutableBuffer(buffer)
            return true
        }
        deliver(buffer, context: context)
        if !needsFlush {
            needsFlush = true
            tunnel?.needsSocketFlush(self)
        }
        return true
    }

    /// The tunnel read everything it had: push what we wrote out to our socket.
    func flushSocket() {
        needsFlush = false
        context?.flush()
    }

    func peerFin() {
        guard !isDone, !remoteFin else { return }
        remoteFin = true
        if let context { endOutput(context) }
    }

    func peerReset() {
        guard !isDone else { return }
        finish()
        context?.close(promise: nil)
    }

    /// WINDOW from the peer. False when it is not a valid grant (zero, or a window past
    /// `FlowWindow.maximum`): a protocol violation.
    func peerCredit(_ n: Int) -> Bool {
        guard !isDone else { return true }
        guard window.credited(n) else { return false }
        if held != nil { sendHeld() }
        resumeReading()
        return true
    }

    /// The tunnel can take more: read again if only the tunnel held us back.
    func resumeReading() {
        guard readBlocked, canRead, let context else { return }
        readBlocked = false
        context.read()
    }

    /// The tunnel connection is gone (`dialFailed`: it never came up). The stream fails.
    func tunnelClosed(dialFailed: Bool, tlsFailure: String? = nil) {
        guard !isDone else { return }
        if let notes {
            if let tlsFailure {
                // The tunnel's mTLS handshake failed: nothing of this stream got through.
                notes.state.record(notes.connection) { $0.tlsError = tlsFailure }
                notes.state.emit(notes.connection, .tunnelLost(to: notes.endpointPod, reason: tlsFailure))
            } else if dialFailed {
                notes.state.record(notes.connection) { $0.refusedBy = notes.endpointPod }
                notes.state.emit(notes.connection, .upstreamRefused(pod: notes.endpointPod, port: notes.inboundPort))
            } else {
                notes.state.record(notes.connection) { $0.tunnelLost = notes.endpointPod }
                notes.state.emit(
                    notes.connection,
                    .tunnelLost(
                        to: notes.endpointPod,
                        reason: "the tunnel to its inbound sidecar closed mid-stream"))
            }
        }
        tunnel = nil
        finish()
        context?.close(promise: nil)
    }

    /// Ends the stream without a socket (server side: denied, or the app refused).
    func abort() {
        guard !isDone else { return }
        tunnel?.sendReset(stream: id)
        tunnel?.flush()
        finish()
    }

    // MARK: - internals

    private func deliver(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        let n = buffer.readableBytes
        context.write(wrapOutboundOut(buffer), promise: nil)
        if context.channel.isWritable { passedOn(n) } else { creditOnHold += n }
    }

    private func passedOn(_ n: Int) {
        let increment = window.passedOn(n)
        if increment > 0 { tunnel?.sendWindow(stream: id, increment: increment) }
    }

    /// Sends what the window allows now and holds the rest.
    private func send(_ buffer: ByteBuffer) {
        var b = buffer
        let n = min(b.readableBytes, window.send)
        if n > 0 {
            tunnel?.sendData(stream: id, b.readSlice(length: n)!)
            window.sent(n)
        }
        held = b.readableBytes > 0 ? b : nil
    }

    private func sendHeld() {
        guard let waiting = held else { return }
        held = nil
        send(waiting)
        if held == nil, inputEnded, !localFin {
            sendFin()
            if socketGone { finish() }
        }
    }

    private func sendFin() {
        guard !localFin else { return }
        localFin = true
        tunnel?.sendFin(stream: id)
        if remoteFin, let context, !socketGone { closeWhenDrained(context) }
    }

    /// The peer finished sending: shut our socket's output once what we wrote is out. With
    /// our input already ended NIO would make that a full close and drop unwritten bytes, so
    /// then wait for our own FIN to go out (it may follow held bytes) and close after the writes.
    private func endOutput(_ context: ChannelHandlerContext) {
        if !inputEnded {
            context.close(mode: .output, promise: nil)
        } else if localFin {
            closeWhenDrained(context)
        }
    }

    private func closeWhenDrained(_ context: ChannelHandlerContext) {
        // What the peer sent last (usually in the same tunnel read as its FIN) is written but
        // not yet flushed: flush it now, and the socket usually takes it all, so the close
        // needs no promise and no empty write.
        if needsFlush { context.flush() }
        let buffered = (try? context.channel.syncOptions?.getOption(.bufferedWritableBytes)) ?? 0
        if buffered == 0 {
            context.close(promise: nil)
            return
        }
        // An empty write completes after every write before it.
        let drained = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer()), promise: drained)
        drained.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    private func finish() {
        guard !isDone else { return }
        isDone = true
        held = nil
        early = nil
        tunnel?.streamEnded(id)
        tunnel = nil
    }
}
