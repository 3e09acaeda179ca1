import NIOCore
import NIOPosix

/// `echo TEXT | nc HOST PORT` as a channel handler: send the request, half-close, read until
/// the peer closes (or the timeout), keep at most 64 KiB of reply.
final class ProbeHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    struct Outcome: Sendable {
        var reply: ByteBuffer?
        var connectedAt: NIODeadline
        var firstByteAt: NIODeadline?
        var timedOut: Bool
    }

    static let replyLimit = 64 * 1024
    private let limit: Int
    private let request: ByteBuffer
    private let timeout: TimeAmount
    private let promise: EventLoopPromise<Outcome>
    private var reply: ByteBuffer?
    private var connectedAt = NIODeadline.now()
    private var firstByteAt: NIODeadline?
    private var timedOut = false
    private var timer: Scheduled<Void>?

    init(request: ByteBuffer, timeout: TimeAmount, replyLimit: Int = ProbeHandler.replyLimit, promise: EventLoopPromise<Outcome>)
    {
        self.limit = replyLimit
        self.request = request
        self.timeout = timeout
        self.promise = promise
    }

    func channelActive(context: ChannelHandlerContext) {
        connectedAt = .now()
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.timedOut = true
            context.close(promise: nil)
        }
        context.write(wrapOutboundOut(request), promise: nil)
        context.flush()
        context.close(mode: .output, promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if firstByteAt == nil { firstByteAt = .now() }
        let room = limit - (reply?.readableBytes ?? 0)
        guard room > 0 else { return }
        if reply == nil {
            reply = buffer.readSlice(length: min(room, buffer.readableBytes))
        } else if var slice = buffer.readSlice(length: min(room, buffer.readableBytes)) {
            reply!.writeBuffer(&slice)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        promise.succeed(Outcome(reply: reply, connectedAt: connectedAt, firstByteAt: firstByteAt, timedOut: timedOut))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    /// Connects, runs the exchange, and returns what came back; throws when the connect fails
    /// (`DescriptorGuard.Short` when `descriptors` says the reserve is reached).
    static func run(
        on loop: EventLoop, to address: SocketAddress, request: String, timeout: Double,
        replyLimit: Int = ProbeHandler.replyLimit, descriptors: DescriptorGuard? = nil, registry: DialedRegistry? = nil
    )
        -> EventLoopFuture<Outcome>
    {
        if let descriptors, descriptors.isShort() { return loop.makeFailedFuture(descriptors.short) }
        let promise = loop.makePromise(of: Outcome.self)
        let amount = TimeAmount.nanoseconds(Int64(timeout * 1e9))
        let bytes = ByteBuffer(string: request)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(amount)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ProbeHandler(request: bytes, timeout: amount, replyLimit: replyLimit, promise: promise))
                }
            }
        // Registered with the engine (a guarded listener accepts only what it dialed), and
        // on the spot on loopback, as the sidecars dial (LoopbackDial).
        let connected =
            if let descriptors {
                bootstrap.connectOnLoopback(to: address, on: loop, descriptors: descriptors, registry: registry)
            } else {
                bootstrap.connect(to: address)
            }
        connected.whenFailure { promise.fail($0) }
        return promise.futureResult
    }
}
