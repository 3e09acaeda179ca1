import MeshModel
import NIOCore

/// OSM's demo `tcp-echo-server`: reads lines and answers each `X\n` with
/// `echo response: X\n`; a final chunk without `\n` gets no reply; closes on EOF.
/// Logs as the real server does (`Received request: [hello]`, `Response sent: [...]`).
///
/// Reads pause while replies cannot be written: a peer that sends and never reads fills its
/// own socket buffers, not our memory.
final class EchoAppHandler: ChannelDuplexHandler {
    typealias OutboundIn = ByteBuffer
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let pod: ObjectKey
    private let maxLine: Int
    private let sink: EngineEventSink?
    private var pending: ByteBuffer?
    private var lastWrite: EventLoopFuture<Void>?
    private var readPending = false

    init(pod: ObjectKey, maxLine: Int, sink: EngineEventSink?) {
        self.pod = pod
        self.maxLine = maxLine
        self.sink = sink
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        if pending == nil { pending = incoming } else { pending!.writeBuffer(&incoming) }
        while var buffer = pending, let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let line = buffer.readSlice(length: newline - buffer.readerIndex)!
            buffer.moveReaderIndex(forwardBy: 1)
            pending = buffer.readableBytes > 0 ? buffer : nil
            respond(to: line, context: context)
        }
        if let buffer = pending, buffer.readableBytes > maxLine {
            // A peer that never ends its line does not get to grow our memory.
            context.close(promise: nil)
        }
    }

    private func respond(to line: ByteBuffer, context: ChannelHandlerContext) {
        var reply = context.channel.allocator.buffer(capacity: line.readableBytes + 16)
        reply.writeStaticString("echo response: ")
        var copy = line
        reply.writeBuffer(&copy)
        reply.writeStaticString("\n")
        if let sink {
            let text = String(buffer: line)
            sink(EngineEvent(connection: nil, kind: .appLog(pod: pod, line: "Received request: [\(text)]")))
            sink(EngineEvent(connection: nil, kind: .appLog(pod: pod, line: "Response sent: [echo response: \(text)\\n]")))
        }
        lastWrite = context.writeAndFlush(wrapOutboundOut(reply))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case ChannelEvent.inputClosed = event else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        // EOF: answer what came before it, then close (a final chunk without newline gets nothing).
        let close = { context.close(promise: nil) }
        if let lastWrite {
            lastWrite.assumeIsolated().whenComplete { _ in close() }
        } else {
            close()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    func read(context: ChannelHandlerContext) {
        if context.channel.isWritable { context.read() } else { readPending = true }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, readPending {
            readPending = false
            context.read()
        }
        context.fireChannelWritabilityChanged()
    }
}
